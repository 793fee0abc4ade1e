import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../../cdk/constants';
import { KEY_ADMINISTRATION_ACTIONS, KEY_POLICY_SIDS, LogBucketKey, type LogBucketKeyProps, s3EncryptionContext } from '../../cdk/constructs/log-bucket-key';

const ACCOUNT_ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
const roleInThisAccount = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:role/${name}`]] });
const S3_VIA_THIS_REGION = { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] };

function synth(extra: Partial<LogBucketKeyProps> = {}, use: (key: LogBucketKey) => void = () => undefined): Template {
  const stack = new Stack(new App(), 'Test');
  const key = new LogBucketKey(stack, 'Key', {
    aliasName: 'alias/bedrock-logs-member',
    description: 'test key',
    administratorRoleNames: ['AWSControlTowerExecution', 'BreakGlass*'],
    pendingWindow: Duration.days(30),
    ...extra,
  });
  use(key);
  return Template.fromStack(stack);
}

/**
 * Asserts the whole key policy: the two base statements (asserted in their own tests), then exactly
 * `added` (each compared whole). Asserting the whole list also means no Sid appears twice.
 */
function keyPolicyIs(template: Template, ...added: Record<string, unknown>[]): void {
  template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: [
        Match.objectLike({ Sid: KEY_POLICY_SIDS.administration }),
        Match.objectLike({ Sid: KEY_POLICY_SIDS.denyGrants }),
        ...added.map((statement) => Match.objectEquals(statement)),
      ],
    },
  });
}

test('is a symmetric key with yearly rotation, the audit tag and the alias from the registry', () => {
  const template = synth();
  template.hasResourceProperties('AWS::KMS::Key', {
    EnableKeyRotation: true,
    PendingWindowInDays: 30,
    Tags: [{ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE }],
  });
  // Symmetric: no KeySpec, so CloudFormation's default SYMMETRIC_DEFAULT.
  template.hasResourceProperties('AWS::KMS::Key', { KeySpec: Match.absent() });
  template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bedrock-logs-member', TargetKeyId: { 'Fn::GetAtt': [template.getResourceId('AWS::KMS::Key'), 'Arn'] } });
});

test('is deleted with its stack after the pending window, or retained with its alias when asked', () => {
  const deleted = synth({ pendingWindow: Duration.days(7) });
  deleted.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ PendingWindowInDays: 7 }) });
  deleted.hasResource('AWS::KMS::Alias', { DeletionPolicy: 'Delete' });
  const retained = synth({ retain: true });
  retained.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  retained.hasResource('AWS::KMS::Alias', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
});

test('lets only the administrator roles administer it, and never use it', () => {
  const template = synth();
  template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: [
        Match.objectEquals({
          Sid: KEY_POLICY_SIDS.administration,
          Effect: 'Allow',
          Principal: { AWS: ACCOUNT_ROOT },
          Action: [...KEY_ADMINISTRATION_ACTIONS],
          Resource: '*',
          Condition: { ArnLike: { 'aws:PrincipalArn': [roleInThisAccount('AWSControlTowerExecution'), roleInThisAccount('BreakGlass*')] } },
        }),
        Match.objectLike({ Sid: KEY_POLICY_SIDS.denyGrants }),
      ],
    },
  });
  for (const action of KEY_ADMINISTRATION_ACTIONS) expect(action).not.toMatch(/^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey)/);
  // No statement hands the key to the account's IAM policies in general (the `kms:*` default).
  template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Action: 'kms:*' })])) } });
});

test('denies grants that are not for an AWS resource (Control Tower CT.KMS.PR.3)', () => {
  synth().hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: [
        Match.objectLike({ Sid: KEY_POLICY_SIDS.administration }),
        Match.objectEquals({
          Sid: KEY_POLICY_SIDS.denyGrants,
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
        }),
      ],
    },
  });
});

test('has only the two base statements until a user of the key adds its own', () => {
  keyPolicyIs(synth());
});

test('lets Bedrock generate data keys for this account and region only', () => {
  keyPolicyIs(synth({}, (k) => k.allowBedrockDelivery()), {
    Sid: KEY_POLICY_SIDS.bedrock,
    Effect: 'Allow',
    Principal: { Service: 'bedrock.amazonaws.com' },
    Action: 'kms:GenerateDataKey',
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
    },
  });
});

test('lets the replication role of this account decrypt, through S3 here, for the named bucket only', () => {
  const context = s3EncryptionContext('arn:aws:s3:::bucket', 'AWSLogs/');
  keyPolicyIs(synth({}, (k) => k.allowReplicationDecrypt('bedrock-logs-replication-us-east-1', context)), {
    Sid: KEY_POLICY_SIDS.replicationDecrypt,
    Effect: 'Allow',
    Principal: { AWS: ACCOUNT_ROOT },
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: {
      ArnLike: { 'aws:PrincipalArn': roleInThisAccount('bedrock-logs-replication-us-east-1') },
      StringEquals: { 'kms:ViaService': S3_VIA_THIS_REGION },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/AWSLogs/*'] },
    },
  });
});

test("lets the organization's replication roles, and no one else, write replicas through S3 here", () => {
  const context = s3EncryptionContext('arn:aws:s3:::central', 'AWSLogs/');
  const template = synth({}, (k) => k.allowOrganizationReplicas('o-a1b2c3d4e5', 'bedrock-logs-replication-*', context));
  keyPolicyIs(template, {
    Sid: KEY_POLICY_SIDS.replicaEncrypt,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    // Decrypt too: S3 checks the bucket key with kms:Decrypt as the replicating principal.
    Action: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'kms:ViaService': S3_VIA_THIS_REGION },
      ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/bedrock-logs-replication-*']] } },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::central', 'arn:aws:s3:::central/AWSLogs/*'] },
    },
  });
});

test("leaves reading through S3 to the IAM policies of the key's own account", () => {
  const context = s3EncryptionContext('arn:aws:s3:::central', 'AWSLogs/');
  keyPolicyIs(synth({}, (k) => k.allowReadsThroughS3(context)), {
    Sid: KEY_POLICY_SIDS.reads,
    Effect: 'Allow',
    Principal: { AWS: ACCOUNT_ROOT },
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: {
      StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' }, 'kms:ViaService': S3_VIA_THIS_REGION },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::central', 'arn:aws:s3:::central/AWSLogs/*'] },
    },
  });
});

test('lets CloudWatch Logs of this region use it for one log group of this account', () => {
  keyPolicyIs(synth({}, (k) => k.allowLogGroup('/aws/bedrock/bedrock-logs-invocations')), {
    Sid: KEY_POLICY_SIDS.logs,
    Effect: 'Allow',
    Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: {
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:/aws/bedrock/bedrock-logs-invocations']],
        },
      },
    },
  });
});

test('fails if no administrator role is named (the key would be unmanageable)', () => {
  expect(() => synth({ administratorRoleNames: [] })).toThrow('administratorRoleNames is empty; name at least the execution role');
});
