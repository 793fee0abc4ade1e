import { Aws, Duration, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, REPLICATION_WRITE_ACTIONS } from '../constants';
import type { ObjectLockMode } from '../env/types';
import { acknowledgeControlTower, acknowledgeLogBucket } from '../lint/acknowledge';
import { type Names, SUB_ACCOUNT, SUB_REGION } from '../names';
import { denyAccessPointRequests, logBucketEncryption, logLifecycleRules, SECURE_LOG_BUCKET } from './log-bucket-defaults';
import { type LogBucketKey, s3EncryptionContext } from './log-bucket-key';

/**
 * The accounts allowed to replicate into the central bucket: those that run the member stack. IAM
 * policies cannot name an OU, only its ID in `aws:PrincipalOrgPaths`.
 */
export interface ReplicationSources {
  /**
   * `aws:PrincipalOrgPaths` patterns, one per member OU: the organization ID, a `*` for the root and
   * any parent OUs, then the OU's ID and a `/`. It matches the accounts directly in that OU (the ones
   * a StackSet reaches), not those of its child OUs, whose paths end in the child's ID.
   *
   * @default - no OU
   */
  readonly organizationPaths?: readonly string[];

  /**
   * Accounts targeted by ID.
   *
   * @default - no account
   */
  readonly accounts?: readonly string[];
}

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
   * Who may replicate in, besides being a replication role of the organization.
   *
   * @default - every account of the organization (a replication role of an account that does not run the member stack can replicate under its own prefix)
   */
  readonly replicationSources?: ReplicationSources;

  /**
   * SSE-KMS with the central key, which the organization's replication roles use for replicas.
   *
   * @default - SSE-S3
   */
  readonly encryptionKey?: LogBucketKey;
}

/** Sids of the bucket policy's replication statements. */
const REPLICATION_SIDS = {
  organization: 'AllowOrganizationReplication',
  memberOus: 'AllowMemberOuReplication',
  memberAccounts: 'AllowMemberAccountReplication',
} as const;
/** S3 checks the destination's versioning when replication is configured and while it runs. */
const REPLICATION_CHECK_ACTIONS = ['s3:GetBucketVersioning'];

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
      lifecycleRules: logLifecycleRules('RetainLogs', props.retentionDays, props.retentionDays),
    });

    // Member replication roles of this organization only, by name pattern: naming role ARNs as
    // principals would break whenever a role is re-created. Each account writes only under its own
    // `AWSLogs/<account>/` prefix. With the member OUs' IDs, only accounts that run the member stack.
    const inOrganization = { 'aws:PrincipalOrgID': props.organizationId };
    const replicationRoles = { 'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::*:role/${names.replicationRolePattern}` };
    const sources = props.replicationSources;
    const grants: { sid: string; conditions: Record<string, Record<string, unknown>> }[] = [];
    if (sources === undefined) {
      grants.push({ sid: REPLICATION_SIDS.organization, conditions: { StringEquals: inOrganization, ArnLike: replicationRoles } });
    } else {
      const paths = [...(sources.organizationPaths ?? [])];
      const accounts = [...(sources.accounts ?? [])];
      if (paths.length > 0) {
        grants.push({
          sid: REPLICATION_SIDS.memberOus,
          conditions: { StringEquals: inOrganization, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': paths }, ArnLike: replicationRoles },
        });
      }
      if (accounts.length > 0) {
        grants.push({
          sid: REPLICATION_SIDS.memberAccounts,
          conditions: { StringEquals: { ...inOrganization, 'aws:PrincipalAccount': accounts }, ArnLike: replicationRoles },
        });
      }
    }
    for (const { sid, conditions } of grants) {
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.AnyPrincipal()],
          actions: [...REPLICATION_WRITE_ACTIONS],
          resources: [`${this.bucket.bucketArn}/${props.keyPrefix}AWSLogs/\${aws:PrincipalAccount}/*`],
          conditions,
        }),
      );
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `${sid}Checks`,
          principals: [new iam.AnyPrincipal()],
          actions: REPLICATION_CHECK_ACTIONS,
          resources: [this.bucket.bucketArn],
          conditions,
        }),
      );
    }

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
