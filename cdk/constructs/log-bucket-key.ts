import { Aws, type Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BEDROCK_SERVICE_PRINCIPAL, logsServicePrincipal, s3ViaService } from '../constants';
import { bedrockSourceConditions } from './bedrock-source';

/**
 * What the key's administrators may do: the "key administrators" actions of AWS KMS's default key
 * policy (AWS KMS Developer Guide, "Default key policy",
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html): manage, rotate,
 * disable, schedule or cancel deletion, but not encrypt, decrypt or generate data keys.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
] as const;

/**
 * What CloudWatch Logs needs on the key of a log group (CloudWatch Logs User Guide, "Encrypt log data
 * in CloudWatch Logs using AWS KMS", step 2,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'] as const;

/** Sids of the key policy statements (tests and docs name them). */
export const KEY_POLICY_SIDS = {
  administration: 'KeyAdministration',
  denyGrants: 'DenyGrantsNotForAwsResources',
  bedrock: 'AllowBedrockLogDelivery',
  replicationDecrypt: 'AllowReplicationToReadSourceObjects',
  replicaEncrypt: 'AllowOrganizationReplicationToWriteReplicas',
  reads: 'AllowAccountPrincipalsToReadThroughS3',
  logs: 'AllowCloudWatchLogsForInvocationLogGroup',
} as const;

export interface LogBucketKeyProps {
  /** Alias name, `alias/...`, from the name registry. */
  readonly aliasName: string;
  readonly description: string;
  /**
   * Role-name patterns (IAM `ArnLike` wildcards) of the key's administrators in this account: the
   * execution role CloudFormation deploys through, and the exempt break-glass roles. Nobody else
   * may administer the key, and no administrator may use it to encrypt or decrypt.
   */
  readonly administratorRoleNames: readonly string[];
  /**
   * Keep the key (and its alias) when it leaves the stack, for a key whose data outlives the stack
   * (the central bucket's). Otherwise CloudFormation schedules the key's deletion with
   * `pendingWindow`.
   *
   * @default false
   */
  readonly retain?: boolean;
  /** The waiting period before a scheduled deletion (7 to 30 days). */
  readonly pendingWindow: Duration;
}

/**
 * A customer managed KMS key for a log bucket (and the invocation log group): symmetric, rotated
 * every year, tagged with the audit tag, with an alias from the name registry.
 *
 * Its key policy starts with two statements and grows with what the constructs that use it add:
 *
 * - `KeyAdministration`: the account (`:root`) as principal, restricted by `aws:PrincipalArn` to the
 *   administrator roles; administration only, no cryptographic use. The account principal does not
 *   delegate the key to IAM in general: every other principal is named by a statement of its own.
 * - `DenyGrantsNotForAwsResources`: nobody may create a grant unless it is for an AWS resource or
 *   made by an AWS service (Control Tower proactive control CT.KMS.PR.3): grants are a way around the
 *   key policy.
 */
export class LogBucketKey extends Construct {
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LogBucketKeyProps) {
    super(scope, id);
    if (props.administratorRoleNames.length === 0) {
      // Without an administrator nobody could update, rotate on demand or delete the key.
      throw new Error(`LogBucketKey ${this.node.path}: administratorRoleNames is empty; name at least the execution role`);
    }
    const removalPolicy = props.retain === true ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new kms.Key(this, 'Resource', {
      description: props.description,
      enableKeyRotation: true,
      pendingWindow: props.pendingWindow,
      removalPolicy,
      // Given, so aws-cdk-lib adds no `kms:*` statement for the account.
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: KEY_POLICY_SIDS.administration,
            principals: [new iam.AccountRootPrincipal()],
            actions: [...KEY_ADMINISTRATION_ACTIONS],
            resources: ['*'],
            conditions: {
              ArnLike: { 'aws:PrincipalArn': props.administratorRoleNames.map((name) => roleArnInThisAccount(name)) },
            },
          }),
          new iam.PolicyStatement({
            sid: KEY_POLICY_SIDS.denyGrants,
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:CreateGrant'],
            resources: ['*'],
            conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          }),
        ],
      }),
    });
    new kms.Alias(this, 'Alias', { aliasName: props.aliasName, targetKey: this.key, removalPolicy });
    // The key carries the audit tag for the ABAC guardrails (an alias cannot be tagged).
    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
  }

  /**
   * Bedrock delivers invocation logs of this account and region (Bedrock user guide, "Set up an Amazon
   * S3 destination", step 3: `kms:GenerateDataKey` with `aws:SourceAccount` and `aws:SourceArn`).
   */
  public allowBedrockDelivery(): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: KEY_POLICY_SIDS.bedrock,
      principals: [new iam.ServicePrincipal(BEDROCK_SERVICE_PRINCIPAL)],
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
      conditions: bedrockSourceConditions(),
    }));
  }

  /**
   * The member replication role (of this account) decrypts source objects, through S3 in this
   * region, for this bucket only (S3 user guide, "Replicating encrypted objects").
   */
  public allowReplicationDecrypt(replicationRoleName: string, bucketEncryptionContext: readonly string[]): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: KEY_POLICY_SIDS.replicationDecrypt,
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'aws:PrincipalArn': roleArnInThisAccount(replicationRoleName) },
        StringEquals: { 'kms:ViaService': s3ViaService(Aws.REGION) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [...bucketEncryptionContext] },
      },
    }));
  }

  /**
   * The organization's replication roles (any member account, by role-name pattern) encrypt replicas
   * in the central bucket, through S3 in this region. `kms:Decrypt` too: with S3 Bucket Keys, S3
   * checks the bucket key with `kms:Decrypt` as the replicating principal (S3 user guide,
   * "Replicating encrypted objects", "Amazon S3 Bucket Keys and replication").
   */
  public allowOrganizationReplicas(organizationId: string, replicationRolePattern: string, bucketEncryptionContext: readonly string[]): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: KEY_POLICY_SIDS.replicaEncrypt,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:PrincipalOrgID': organizationId, 'kms:ViaService': s3ViaService(Aws.REGION) },
        ArnLike: { 'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::*:role/${replicationRolePattern}` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [...bucketEncryptionContext] },
      },
    }));
  }

  /**
   * Principals of this account may read the bucket's objects when their own IAM policies allow it
   * (`s3:GetObject` and `kms:Decrypt`): reading stays an IAM decision of this account. Only through
   * S3, only for this bucket.
   */
  public allowReadsThroughS3(bucketEncryptionContext: readonly string[]): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: KEY_POLICY_SIDS.reads,
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, 'kms:ViaService': s3ViaService(Aws.REGION) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [...bucketEncryptionContext] },
      },
    }));
  }

  /** CloudWatch Logs encrypts and decrypts the events of one log group of this account and region. */
  public allowLogGroup(logGroupName: string): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: KEY_POLICY_SIDS.logs,
      principals: [new iam.ServicePrincipal(logsServicePrincipal(Aws.REGION))],
      actions: [...LOGS_KEY_ACTIONS],
      resources: ['*'],
      conditions: {
        ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupName}` },
      },
    }));
  }
}

/**
 * The encryption context S3 gives KMS for objects of a bucket: with S3 Bucket Keys the bucket's ARN,
 * without them the object's ARN (S3 user guide, "Amazon S3 Bucket Keys and replication"). Both buckets
 * use Bucket Keys and replicas keep the source's setting; the object form under `objectPrefix` covers
 * an object written with Bucket Keys switched off in the request.
 */
export function s3EncryptionContext(bucketArn: string, objectPrefix: string): string[] {
  return [bucketArn, `${bucketArn}/${objectPrefix}*`];
}

function roleArnInThisAccount(roleName: string): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${roleName}`;
}
