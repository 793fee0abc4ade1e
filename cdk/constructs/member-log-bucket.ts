import { Aws, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BEDROCK_SERVICE_PRINCIPAL, REPLICATION_WRITE_ACTIONS, S3_SERVICE_PRINCIPAL, s3ViaService } from '../constants';
import { acknowledgeControlTower, acknowledgeLogBucket, acknowledgeNag, iam5, nagSub } from '../lint/acknowledge';
import { type Names, SUB_ACCOUNT, SUB_REGION } from '../names';
import { bedrockSourceConditions } from './bedrock-source';
import { denyAccessPointRequests, logBucketEncryption, logLifecycleRules, SECURE_LOG_BUCKET } from './log-bucket-defaults';
import { type LogBucketKey, s3EncryptionContext } from './log-bucket-key';

/** SSE-KMS for the member bucket and its replicas (the `encryption.kms` option). */
export interface MemberBucketKms {
  /** The member key of this account and region: encrypts the bucket's objects. */
  readonly key: LogBucketKey;
  /**
   * Region of the central bucket, where the central key is: the replicas' key must be in the
   * destination bucket's region.
   */
  readonly centralRegion: string;
}

export interface MemberLogBucketProps {
  readonly names: Names;
  /** Key prefix Bedrock writes under, with its trailing `/` (empty for none). */
  readonly keyPrefix: string;
  /** Days after which current log objects expire. */
  readonly expirationDays: number;
  /** Central bucket name (a template parameter). */
  readonly centralBucketName: string;
  /** Aggregation account ID (a template parameter). */
  readonly centralAccountId: string;
  /** Replication Time Control (15-minute SLA, with metrics). */
  readonly replicationTimeControl: boolean;
  /**
   * SSE-KMS with the member key, replicas encrypted with the central key.
   *
   * @default - SSE-S3; replicas keep SSE-S3
   */
  readonly kms?: MemberBucketKms;
}

/** Id of the single replication rule. */
export const REPLICATION_RULE_ID = 'ReplicateLogsToCentralBucket';
/** Replication Time Control and its metrics threshold, in minutes (the only value S3 accepts). */
const RTC_MINUTES = 15;

/**
 * The member account's log bucket: Bedrock writes here (it must be in the same account and region),
 * S3 replicates every log object to the central bucket, and lifecycle removes the local copy after
 * `expirationDays`. The bucket is emptied by the stack's emptier before CloudFormation deletes it.
 */
export class MemberLogBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly replicationRole: iam.Role;
  /** The replication role's permissions (inline in the role). */
  private readonly replicationPolicy: iam.PolicyDocument;
  /** The exact bucket name, as a CloudFormation value. */
  public readonly bucketName: string;
  /** The key prefix every Bedrock log object of this account starts with. */
  public readonly logKeyPrefix: string;

  constructor(scope: Construct, id: string, props: MemberLogBucketProps) {
    super(scope, id);
    const { names } = props;
    this.bucketName = Fn.sub(names.memberBucket(SUB_ACCOUNT, SUB_REGION));
    // Bedrock delivers to `<keyPrefix/>AWSLogs/<account>/BedrockModelInvocationLogs/...`; only that
    // part replicates, which is also the only part the central bucket accepts from this account.
    this.logKeyPrefix = `${props.keyPrefix}AWSLogs/${Aws.ACCOUNT_ID}/`;
    const sourceBucketArn = Fn.sub(`arn:\${AWS::Partition}:s3:::${names.memberBucket(SUB_ACCOUNT, SUB_REGION)}`);
    const centralBucketArn = `arn:${Aws.PARTITION}:s3:::${props.centralBucketName}`;

    this.replicationPolicy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadSourceBucket',
          actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          resources: [sourceBucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadSourceObjects',
          actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          resources: [`${sourceBucketArn}/${this.logKeyPrefix}*`],
        }),
        new iam.PolicyStatement({
          sid: 'WriteCentralObjects',
          actions: [...REPLICATION_WRITE_ACTIONS],
          resources: [`${centralBucketArn}/${this.logKeyPrefix}*`],
        }),
      ],
    });
    this.replicationRole = new iam.Role(this, 'ReplicationRole', {
      roleName: Fn.sub(names.replicationRole(SUB_REGION)),
      description: 'Replicates Bedrock invocation logs to the central bucket',
      assumedBy: new iam.ServicePrincipal(S3_SERVICE_PRINCIPAL),
      // Inline (part of the role resource): whatever depends on the role also waits for its permissions.
      inlinePolicies: { Replication: this.replicationPolicy },
    });

    this.bucket = new s3.Bucket(this, 'Resource', {
      ...SECURE_LOG_BUCKET,
      ...logBucketEncryption(props.kms?.key.key),
      bucketName: this.bucketName,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: logLifecycleRules('ExpireLogs', props.expirationDays),
    });

    const replicaKeyArn = props.kms ? this.useKeys(props, props.kms, sourceBucketArn, centralBucketArn) : undefined;
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.replicationConfiguration = {
      role: this.replicationRole.roleArn,
      rules: [
        {
          id: REPLICATION_RULE_ID,
          status: 'Enabled',
          priority: 1,
          filter: { prefix: this.logKeyPrefix },
          // Lifecycle delete markers are not replicated either way; keep the central copies.
          deleteMarkerReplication: { status: 'Disabled' },
          destination: {
            bucket: centralBucketArn,
            account: props.centralAccountId,
            accessControlTranslation: { owner: 'Destination' },
            ...(props.replicationTimeControl
              ? {
                  replicationTime: { status: 'Enabled', time: { minutes: RTC_MINUTES } },
                  metrics: { status: 'Enabled', eventThreshold: { minutes: RTC_MINUTES } },
                }
              : {}),
            ...(replicaKeyArn !== undefined ? { encryptionConfiguration: { replicaKmsKeyId: replicaKeyArn } } : {}),
          },
          // S3 replicates SSE-KMS objects only when asked to (S3 user guide, "Replicating encrypted objects").
          ...(replicaKeyArn !== undefined ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } } } : {}),
        },
      ],
    };

    // Only Bedrock, writing logs of this account and region, may put objects, and only where
    // Bedrock writes them. Bedrock checks this policy when the logging configuration is put.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBedrockLogDelivery',
        principals: [new iam.ServicePrincipal(BEDROCK_SERVICE_PRINCIPAL)],
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.bucketArn}/${this.logKeyPrefix}BedrockModelInvocationLogs/*`],
        conditions: bedrockSourceConditions(),
      }),
    );

    denyAccessPointRequests(this.bucket);

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

    acknowledgeLogBucket(this.bucket, 'Bedrock (for this account and region)');
    acknowledgeControlTower(this.bucket, {
      id: 's3_bucket_object_lock_enabled_check',
      reason: 'A short-lived buffer (expirationDays) that the stack empties on deletion; Object Lock would block both. Retention is enforced in the central bucket.',
    });
    const nagPrefix = nagSub(`${props.keyPrefix}AWSLogs/\${AWS::AccountId}/*`);
    acknowledgeNag(
      this.replicationRole,
      {
        id: iam5(`${nagSub(`arn:\${AWS::Partition}:s3:::${names.memberBucket(SUB_ACCOUNT, SUB_REGION)}`)}/${nagPrefix}`),
        reason: 'Replication reads every object version under this account\'s log prefix of its own bucket; Bedrock generates the keys.',
      },
      {
        id: iam5(`arn:<AWS::Partition>:s3:::<${'CentralBucketName'}>/${nagPrefix}`),
        reason: 'Replication writes every log object under this account\'s own prefix of the central bucket; Bedrock generates the keys.',
      },
    );
  }

  /**
   * SSE-KMS: Bedrock may generate data keys with the member key, the replication role may decrypt
   * source objects with it and encrypt replicas with the central key (both through S3, for these
   * buckets only). Returns the replicas' key: the central key's alias ARN, which names the aggregation
   * account and region, so KMS resolves it there and not in this account (an alias name alone would
   * resolve in the requester's account: S3 API reference, `EncryptionConfiguration`; "To specify a
   * KMS key in a different AWS account, you must use its key ARN or alias ARN", AWS KMS API reference).
   */
  private useKeys(props: MemberLogBucketProps, kms: MemberBucketKms, sourceBucketArn: string, centralBucketArn: string): string {
    const { key, centralRegion } = kms;
    key.allowBedrockDelivery();
    const sourceContext = s3EncryptionContext(sourceBucketArn, this.logKeyPrefix);
    key.allowReplicationDecrypt(props.names.replicationRole(Aws.REGION), sourceContext);
    const centralKeys = `arn:${Aws.PARTITION}:kms:${centralRegion}:${props.centralAccountId}:key/*`;
    this.replicationPolicy.addStatements(new iam.PolicyStatement({
      sid: 'DecryptSourceObjects',
      actions: ['kms:Decrypt'],
      resources: [key.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': s3ViaService(Aws.REGION) }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': sourceContext } },
    }));
    // The central key's own policy admits only the organization's replication roles; here the role
    // may use a key of the aggregation account only through S3 in its region, for the central bucket.
    this.replicationPolicy.addStatements(new iam.PolicyStatement({
      sid: 'EncryptReplicas',
      actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [centralKeys],
      conditions: {
        StringEquals: { 'kms:ViaService': s3ViaService(centralRegion) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': s3EncryptionContext(centralBucketArn, this.logKeyPrefix) },
      },
    }));
    acknowledgeNag(this.replicationRole, {
      id: iam5(`arn:<AWS::Partition>:kms:${centralRegion}:<CentralAccountId>:key/*`),
      reason: 'The central key is in the aggregation account and named by alias; IAM matches keys by key ARN, so the role names any key of that account and region, '
        + 'usable only through S3 for the central bucket (kms:ViaService, encryption context), and the central key policy admits only the organization\'s replication roles.',
    });
    return `arn:${Aws.PARTITION}:kms:${centralRegion}:${props.centralAccountId}:${props.names.centralKeyAlias}`;
  }

  /** The bucket policy, which must exist before Bedrock's logging configuration is put. */
  public get policy(): s3.BucketPolicy {
    const policy = this.bucket.policy;
    if (!policy) throw new Error('MemberLogBucket: the bucket policy was not created');
    return policy;
  }
}
