import { Aws, Duration, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../constants';
import type { ObjectLockMode } from '../env/types';
import { acknowledgeControlTower, acknowledgeLogBucket } from '../lint/acknowledge';
import { type Names, SUB_ACCOUNT, SUB_REGION } from '../names';
import { denyAccessPointRequests, logBucketEncryption, logLifecycleRules, SECURE_LOG_BUCKET } from './log-bucket-defaults';
import { type LogBucketKey, s3EncryptionContext } from './log-bucket-key';

export interface CentralLogBucketProps {
  readonly names: Names;
  readonly organizationId: string;
  /** Key prefix Bedrock writes under, with its trailing `/` (empty for none). */
  readonly keyPrefix: string;
  /** Days after which log objects expire. */
  readonly retentionDays: number;
  /**
   * Object Lock default retention.
   *
   * @default - no Object Lock
   */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly days: number };
  /**
   * SSE-KMS with the central key, which the organization's replication roles use for replicas.
   *
   * @default - SSE-S3
   */
  readonly encryptionKey?: LogBucketKey;
}

/**
 * The aggregation account's bucket that every member bucket replicates into. Retained when the
 * stack is deleted: it holds the organization's audit trail.
 */
export class CentralLogBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: CentralLogBucketProps) {
    super(scope, id);
    const { names } = props;
    this.bucketName = Fn.sub(names.centralBucket(SUB_ACCOUNT, SUB_REGION));
    const lock = props.objectLock;

    this.bucket = new s3.Bucket(this, 'Resource', {
      ...SECURE_LOG_BUCKET,
      ...logBucketEncryption(props.encryptionKey?.key),
      bucketName: this.bucketName,
      removalPolicy: RemovalPolicy.RETAIN,
      objectLockEnabled: lock !== undefined,
      objectLockDefaultRetention: lock
        ? lock.mode === 'COMPLIANCE'
          ? s3.ObjectLockRetention.compliance(Duration.days(lock.days))
          : s3.ObjectLockRetention.governance(Duration.days(lock.days))
        : undefined,
      lifecycleRules: logLifecycleRules('RetainLogs', props.retentionDays),
    });

    // Member replication roles of this organization only, by name pattern: naming role ARNs as
    // principals would break whenever a role is re-created. Each account writes only under its own
    // `AWSLogs/<account>/` prefix.
    const replicationRoles = {
      StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
      ArnLike: { 'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::*:role/${names.replicationRolePattern}` },
    };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationReplication',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
        resources: [`${this.bucket.bucketArn}/${props.keyPrefix}AWSLogs/\${aws:PrincipalAccount}/*`],
        conditions: replicationRoles,
      }),
    );
    // S3 checks the destination's versioning when replication is configured and while it runs.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationReplicationChecks',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetBucketVersioning'],
        resources: [this.bucket.bucketArn],
        conditions: replicationRoles,
      }),
    );

    denyAccessPointRequests(this.bucket);

    // Encryption (encryption.kms): replicas are written with the central key by the same roles the
    // bucket policy admits; the account's own principals read through S3 as their IAM policies allow.
    if (props.encryptionKey) {
      // The ARN from the name, not the bucket's attribute: the bucket already refers to the key.
      const context = s3EncryptionContext(`arn:${Aws.PARTITION}:s3:::${this.bucketName}`, `${props.keyPrefix}AWSLogs/`);
      props.encryptionKey.allowOrganizationReplicas(props.organizationId, names.replicationRolePattern, context);
      props.encryptionKey.allowReadsThroughS3(context);
    }

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

    acknowledgeLogBucket(this.bucket, 'the organization\'s replication roles');
    if (!lock) {
      acknowledgeControlTower(this.bucket, {
        id: 's3_bucket_object_lock_enabled_check',
        reason: 'Object Lock can only be switched on when the bucket is created and COMPLIANCE mode cannot be undone: it is opt-in (centralBucket.objectLock).',
      });
    }
  }
}
