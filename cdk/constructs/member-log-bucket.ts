import { Aws, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BEDROCK_SERVICE_PRINCIPAL, S3_SERVICE_PRINCIPAL } from '../constants';
import { acknowledgeControlTower, acknowledgeLogBucket, acknowledgeNag, iam5, nagSub } from '../lint/acknowledge';
import { type Names, SUB_ACCOUNT, SUB_REGION } from '../names';
import { denyAccessPointRequests, logLifecycleRules, SECURE_LOG_BUCKET } from './log-bucket-defaults';

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

    this.replicationRole = new iam.Role(this, 'ReplicationRole', {
      roleName: Fn.sub(names.replicationRole(SUB_REGION)),
      description: 'Replicates Bedrock invocation logs to the central bucket',
      assumedBy: new iam.ServicePrincipal(S3_SERVICE_PRINCIPAL),
      inlinePolicies: {
        Replication: new iam.PolicyDocument({
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
              actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
              resources: [`${centralBucketArn}/${this.logKeyPrefix}*`],
            }),
          ],
        }),
      },
    });

    this.bucket = new s3.Bucket(this, 'Resource', {
      ...SECURE_LOG_BUCKET,
      bucketName: this.bucketName,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: logLifecycleRules('ExpireLogs', props.expirationDays),
    });

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
          },
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
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
        },
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

  /** The bucket policy, which must exist before Bedrock's logging configuration is put. */
  public get policy(): s3.BucketPolicy {
    const policy = this.bucket.policy;
    if (!policy) throw new Error('MemberLogBucket: the bucket policy was not created');
    return policy;
  }
}
