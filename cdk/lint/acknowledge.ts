import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * Acknowledgements of lint findings (cdk-nag's AwsSolutions pack and the Control Tower proactive
 * controls run through cfn-guard), each on the narrowest construct, each with a reason a reviewer
 * can check. They are recorded in construct metadata only: the templates do not change.
 */
export interface Acknowledgement {
  /** The rule or finding ID, e.g. `AwsSolutions-S1` or `AwsSolutions-IAM5[Resource::...]`. */
  readonly id: string;
  readonly reason: string;
}

/** Namespace of the Control Tower proactive-control findings (plugin `cdk-validator-cfnguard`). */
const CONTROL_TOWER = 'cdk-validator-cfnguard::';

/** Acknowledges cdk-nag findings on a construct. */
export function acknowledgeNag(scope: IConstruct, ...acks: Acknowledgement[]): void {
  Validations.of(scope).acknowledge(...acks);
}

/** Acknowledges Control Tower proactive-control findings (cfn-guard rule names) on a construct. */
export function acknowledgeControlTower(scope: IConstruct, ...acks: Acknowledgement[]): void {
  Validations.of(scope).acknowledge(...acks.map((a) => ({ id: `${CONTROL_TOWER}${a.id}`, reason: a.reason })));
}

/** A `Fn::Sub` string as cdk-nag prints it in finding IDs (`${AWS::Region}` -> `<AWS::Region>`). */
export function nagSub(sub: string): string {
  return sub.replace(/\$\{([^}]+)\}/g, '<$1>');
}

/** How cdk-nag prints `Fn::GetAtt [resource, Arn]` in finding IDs. */
export function nagArnOf(resource: CfnResource): string {
  const stack = Stack.of(resource);
  return `<${stack.resolve(stack.getLogicalId(resource)) as string}.Arn>`;
}

/** cdk-nag's finding ID for a wildcard resource in an IAM policy. */
export function iam5(resource: string): string {
  return `AwsSolutions-IAM5[Resource::${resource}]`;
}

/**
 * Findings every log bucket of the package shares, with the reasons. The SSE-KMS check is acknowledged
 * only on a bucket without a customer managed key (`encryption.kms` off).
 */
export function acknowledgeLogBucket(bucket: s3.Bucket, writers: string): void {
  const accessLogs =
    'Server access logs would need a further bucket in every account and region (itself unlogged). ' +
    `Only ${writers} write to this bucket and the guardrail SCPs stop every other principal from changing it; ` +
    'enable CloudTrail S3 data events on the organization trail where object-level access records are required.';
  acknowledgeNag(bucket, { id: 'AwsSolutions-S1', reason: accessLogs });
  acknowledgeControlTower(
    bucket,
    { id: 's3_bucket_logging_enabled_check', reason: accessLogs },
    {
      id: 's3_event_notifications_enabled_check',
      reason: 'Nothing in the design consumes events of this bucket; downstream pipelines read the central bucket on their own schedule.',
    },
  );
  if (bucket.encryptionKey === undefined) {
    acknowledgeControlTower(bucket, {
      id: 's3_bucket_default_encryption_kms_check',
      reason:
        'Encrypted with SSE-S3 by default. Customer managed keys are the encryption.kms option (a key per member account and region, ' +
        'a central key, key policies for Bedrock and the replication roles); the bucket is private, TLS-only and protected by the guardrails.',
    });
  }
}
