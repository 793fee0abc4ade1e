import { Aws, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BEDROCK_LOG_STREAM, BEDROCK_SERVICE_PRINCIPAL } from '../constants';
import { acknowledgeControlTower } from '../lint/acknowledge';
import { type Names, SUB_REGION } from '../names';
import { bedrockSourceConditions } from './bedrock-source';
import type { CloudWatchDestination } from './invocation-logging-configuration';
import type { LogBucketKey } from './log-bucket-key';

/** Control Tower's proactive control CT.CLOUDWATCH.PR.2 asks for at least a year of retention. */
const ONE_YEAR_DAYS = 365;

export interface InvocationLogGroupProps {
  readonly names: Names;
  /** Days the log group keeps events (one of the values CloudWatch Logs accepts). */
  readonly retentionDays: number;
  /**
   * The member key, which then encrypts the log group's events.
   *
   * @default - CloudWatch Logs' own encryption
   */
  readonly encryptionKey?: LogBucketKey;
}

/**
 * The CloudWatch Logs destination of Bedrock's invocation logs in one member account and region: a log
 * group with a retention, and the role Bedrock assumes to write to it (Bedrock user guide, "Set up a
 * CloudWatch Logs destination", https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html).
 *
 * - The role trusts `bedrock.amazonaws.com` only for this account and region (`aws:SourceAccount`,
 *   `aws:SourceArn`), and may only create Bedrock's log stream and put events into it: no
 *   `logs:CreateLogGroup`, so neither Bedrock nor anyone holding the role can create the group.
 * - Bedrock writes only to an existing group (the guide's first step is "Create a CloudWatch log
 *   group"), so the trap of a deleted group that a late writer re-creates does not apply: the group
 *   is deleted with the stack, after the logging configuration that points at it (the configuration
 *   refers to the group and the role, so CloudFormation removes it first). The group holds a copy: the
 *   audit record is the central bucket.
 */
export class InvocationLogGroup extends Construct {
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: InvocationLogGroupProps) {
    super(scope, id);
    const { names } = props;
    props.encryptionKey?.allowLogGroup(names.invocationLogGroup);
    this.logGroup = new logs.LogGroup(this, 'Resource', {
      logGroupName: names.invocationLogGroup,
      retention: props.retentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey?.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const streamArn = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${names.invocationLogGroup}:log-stream:${BEDROCK_LOG_STREAM}`;
    this.role = new iam.Role(this, 'Role', {
      roleName: Fn.sub(names.cloudWatchRole(SUB_REGION)),
      description: 'Assumed by Bedrock to deliver model invocation logs to CloudWatch Logs',
      assumedBy: new iam.ServicePrincipal(BEDROCK_SERVICE_PRINCIPAL).withConditions(bedrockSourceConditions()),
      inlinePolicies: {
        Delivery: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'WriteInvocationLogStream',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [streamArn],
            }),
          ],
        }),
      },
    });

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

    if (props.retentionDays < ONE_YEAR_DAYS) {
      acknowledgeControlTower(this.logGroup, {
        id: 'cloudwatch_log_group_retention_period_check',
        reason: `The retention is the operator's choice (cloudWatchLogs.retentionDays, ${props.retentionDays} days here): this group is a copy for alerting `
          + 'and recent queries; every record is also delivered to the member bucket and replicated to the central bucket, which keeps the audit record '
          + 'for centralBucket.retentionDays.',
      });
    }
    if (props.encryptionKey === undefined) {
      acknowledgeControlTower(this.logGroup, {
        id: 'cloudwatch_log_group_encrypted_check',
        reason: 'CloudWatch Logs encrypts every log group at rest with its own keys; a customer managed key is the encryption.kms option, '
          + 'which then encrypts this group with the member key.',
      });
    }
  }

  /**
   * The destination the logging configuration puts: this group and role, with bodies too large for
   * CloudWatch Logs delivered to `largeDataBucket` under `largeDataKeyPrefix`.
   */
  public destination(largeDataBucket: s3.IBucket, largeDataKeyPrefix: string): CloudWatchDestination {
    return {
      logGroup: this.logGroup,
      role: this.role,
      largeDataBucket,
      largeDataKeyPrefix: largeDataKeyPrefix === '' ? undefined : largeDataKeyPrefix,
    };
  }
}
