/**
 * Both stacks with every option on (the example map's `all-options` environment): customer managed
 * keys and the CloudWatch Logs destination. The options-off shape is covered by member-stack.test.ts
 * and aggregation-stack.test.ts, which also check that none of this appears there.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../../cdk/constants';
import { KEY_POLICY_SIDS } from '../../cdk/constructs/log-bucket-key';
import { allOptionsConfig } from '../helpers/example';
import { only, synthesize } from '../helpers/synth';

const config = allOptionsConfig();
const { member, memberJson, aggregation, aggregationJson } = synthesize(config);
const resources = memberJson.Resources as Record<string, any>;

const [keyId, key] = only(memberJson, 'AWS::KMS::Key');
const [bucketId, bucket] = only(memberJson, 'AWS::S3::Bucket');
const [logGroupId, logGroup] = only(memberJson, 'AWS::Logs::LogGroup', (r) => r.Properties.LogGroupName === '/aws/bedrock/llm-audit-invocations');
const [, logging] = only(memberJson, 'Custom::BedrockInvocationLogging');
const [emptierId] = only(memberJson, 'Custom::EmptyLogBucket');
const replicationRoleId = bucket.Properties.ReplicationConfiguration.Role['Fn::GetAtt'][0] as string;
const cloudWatchRoleId = logging.Properties.CloudWatchRoleArn['Fn::GetAtt'][0] as string;

function keyStatement(template: Record<string, any>, sid: string): Record<string, any> {
  const [, k] = only(template, 'AWS::KMS::Key');
  const found = (k.Properties.KeyPolicy.Statement as Record<string, any>[]).filter((s) => s.Sid === sid);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Every logical ID a resource refers to: DependsOn, Ref, Fn::GetAtt and `${Id}` inside Fn::Sub. */
function references(resource: Record<string, any>, ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'Ref' && typeof v === 'string' && ids.has(v)) found.add(v);
      if (k === 'Fn::GetAtt' && Array.isArray(v) && ids.has(v[0] as string)) found.add(v[0] as string);
      if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? (v[0] as string) : (v as string);
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)) if (ids.has(m[1])) found.add(m[1]);
      }
      walk(v);
    }
  };
  walk(resource.Properties);
  return found;
}

/** Whether `from` depends on `to`, directly or through others: CloudFormation then deletes `from` first. */
function dependsOn(template: Record<string, any>, from: string, to: string): boolean {
  const all = template.Resources as Record<string, any>;
  const ids = new Set(Object.keys(all));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const next of references(all[id], ids)) {
      if (next === to) return true;
      if (!seen.has(next)) { seen.add(next); stack.push(next); }
    }
  }
  return false;
}

describe('the member key', () => {
  test('is rotated yearly, tagged for the guardrails, named by the registry alias and deleted after the configured window', () => {
    expect(key.Properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: config.encryption.keyDeletionWindowDays });
    expect(key.Properties.Tags).toContainEqual({ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE });
    expect(key.DeletionPolicy).toBe('Delete');
    member.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/llm-audit-member', TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  test('has exactly the statements its users need: administration, the grant deny, Bedrock, replication, CloudWatch Logs', () => {
    expect((key.Properties.KeyPolicy.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual([
      KEY_POLICY_SIDS.administration, KEY_POLICY_SIDS.denyGrants, KEY_POLICY_SIDS.bedrock, KEY_POLICY_SIDS.replicationDecrypt, KEY_POLICY_SIDS.logs,
    ]);
  });

  test('is administered by the execution role and the exempt patterns of this account', () => {
    const admins = keyStatement(memberJson, KEY_POLICY_SIDS.administration).Condition.ArnLike['aws:PrincipalArn'] as unknown[];
    expect(JSON.stringify(admins)).toContain(':role/AWSControlTowerExecution');
    expect(JSON.stringify(admins)).toContain(':role/BreakGlass*');
    expect(admins).toHaveLength(2);
  });

  test("admits the replication role of this account and region by name, for this bucket's objects through S3", () => {
    const decrypt = keyStatement(memberJson, KEY_POLICY_SIDS.replicationDecrypt);
    expect(JSON.stringify(decrypt.Condition.ArnLike)).toContain(':role/llm-audit-replication-');
    expect(decrypt.Condition.StringLike['kms:EncryptionContext:aws:s3:arn'][0]).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::llm-audit-${AWS::AccountId}-${AWS::Region}' });
  });

  test('admits nothing for the emptier: listing, HeadObject and deleting versions do not use the key', () => {
    const emptierRole = Object.entries(resources).find(([, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r).includes('s3:DeleteObjectVersion'))!;
    expect(JSON.stringify(emptierRole[1])).not.toContain('kms:');
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('bucket-emptier');
  });
});

describe('the member bucket with the key', () => {
  test('is encrypted with the member key and S3 Bucket Keys', () => {
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    }]);
  });

  test("replicates SSE-KMS objects and encrypts replicas with the central key's alias ARN in the aggregation account and region", () => {
    const rule = bucket.Properties.ReplicationConfiguration.Rules[0];
    expect(rule.SourceSelectionCriteria).toEqual({ SseKmsEncryptedObjects: { Status: 'Enabled' } });
    expect(rule.Destination.EncryptionConfiguration).toEqual({
      ReplicaKmsKeyID: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kms:${config.aggregation.region}:`, { Ref: 'CentralAccountId' }, ':alias/llm-audit-central']] },
    });
  });

  test('lets the replication role decrypt with the member key and encrypt with the central key, through S3 and for these buckets only', () => {
    const statements = resources[replicationRoleId].Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[];
    const decrypt = statements.find((s) => s.Sid === 'DecryptSourceObjects')!;
    expect(decrypt).toMatchObject({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(decrypt.Condition.StringEquals).toEqual({ 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } });
    const encrypt = statements.find((s) => s.Sid === 'EncryptReplicas')!;
    expect(encrypt.Action).toEqual(['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt']);
    expect(encrypt.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kms:${config.aggregation.region}:`, { Ref: 'CentralAccountId' }, ':key/*']] });
    expect(encrypt.Condition.StringEquals).toEqual({ 'kms:ViaService': `s3.${config.aggregation.region}.amazonaws.com` });
    expect(JSON.stringify(encrypt.Condition.StringLike)).toContain('{"Ref":"CentralBucketName"}');
  });
});

describe('the CloudWatch Logs destination', () => {
  test('is a log group with the configured retention, encrypted with the member key, deleted with the stack', () => {
    expect(logGroup.Properties).toMatchObject({ RetentionInDays: config.cloudWatchLogs.retentionDays, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(logGroup.DeletionPolicy).toBe('Delete');
    expect(keyStatement(memberJson, KEY_POLICY_SIDS.logs).Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']['Fn::Join'][1])
      .toContain(':log-group:/aws/bedrock/llm-audit-invocations');
  });

  test("has a role that starts with the prefix (the guardrails' pattern), trusted by Bedrock for this account and region", () => {
    const role = resources[cloudWatchRoleId];
    expect(role.Properties.RoleName).toEqual({ 'Fn::Sub': 'llm-audit-cloudwatch-${AWS::Region}' });
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'bedrock.amazonaws.com' });
    expect(Object.keys(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition)).toEqual(['StringEquals', 'ArnLike']);
  });

  test('is put by the logging configuration with the large bodies going to the member bucket under the key prefix', () => {
    expect(logging.Properties).toMatchObject({
      CloudWatchLogGroupName: { Ref: logGroupId },
      CloudWatchRoleArn: { 'Fn::GetAtt': [cloudWatchRoleId, 'Arn'] },
      LargeDataBucketName: { Ref: bucketId },
      LargeDataKeyPrefix: config.logging.keyPrefix,
      ExistingConfiguration: config.logging.existingConfiguration,
    });
  });

  test('may be passed to Bedrock, and to nothing else, by the logging function', () => {
    member.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyName: 'Handler',
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'PassCloudWatchRoleToBedrock',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': [cloudWatchRoleId, 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
          }]),
        },
      }],
    });
  });
});

describe('the deletion order (CloudFormation deletes a resource before everything it depends on)', () => {
  test.each([
    ['the bucket', bucketId],
    ['the replication role', replicationRoleId],
    ['the log group', logGroupId],
    ['the emptier', emptierId],
  ])('%s is deleted before the member key', (_name, id) => {
    expect(dependsOn(memberJson, id, keyId)).toBe(true);
  });

  test('the key is deleted only after the emptier emptied the bucket, and logging was switched off before that', () => {
    const loggingId = only(memberJson, 'Custom::BedrockInvocationLogging')[0];
    expect(dependsOn(memberJson, loggingId, emptierId)).toBe(true);
    expect(dependsOn(memberJson, emptierId, bucketId)).toBe(true);
    expect(dependsOn(memberJson, keyId, bucketId)).toBe(false);
  });

  test('the logging configuration is removed before the log group and the role it names, and put after them', () => {
    const loggingId = only(memberJson, 'Custom::BedrockInvocationLogging')[0];
    expect(dependsOn(memberJson, loggingId, logGroupId)).toBe(true);
    expect(dependsOn(memberJson, loggingId, cloudWatchRoleId)).toBe(true);
  });
});

describe('the aggregation stack with the key', () => {
  const [centralKeyId, centralKey] = only(aggregationJson, 'AWS::KMS::Key');
  const [, centralBucket] = only(aggregationJson, 'AWS::S3::Bucket', (r) => JSON.stringify(r.Properties.BucketName).includes('-central-'));

  test('keeps the central key and its alias when the stack goes, like the bucket whose replicas it encrypts', () => {
    expect([centralKey.DeletionPolicy, centralKey.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    aggregation.hasResource('AWS::KMS::Alias', { DeletionPolicy: 'Retain', Properties: { AliasName: 'alias/llm-audit-central', TargetKeyId: { 'Fn::GetAtt': [centralKeyId, 'Arn'] } } });
    expect(centralKey.Properties).toMatchObject({ EnableKeyRotation: true, Tags: [{ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE }] });
  });

  test('encrypts the central bucket with the central key and S3 Bucket Keys', () => {
    expect(centralBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [centralKeyId, 'Arn'] } },
    }]);
  });

  test("admits the organization's replication roles by org ID and name pattern, and the account's own readers through S3", () => {
    expect((centralKey.Properties.KeyPolicy.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual([
      KEY_POLICY_SIDS.administration, KEY_POLICY_SIDS.denyGrants, KEY_POLICY_SIDS.replicaEncrypt, KEY_POLICY_SIDS.reads,
    ]);
    const replicas = keyStatement(aggregationJson, KEY_POLICY_SIDS.replicaEncrypt);
    expect(replicas.Condition.StringEquals['aws:PrincipalOrgID']).toBe(config.organizationId);
    expect(JSON.stringify(replicas.Condition.ArnLike)).toContain(':iam::*:role/llm-audit-replication-*');
    // The bucket's name, not its attribute: the bucket refers to the key already.
    expect(JSON.stringify(replicas.Condition.StringLike)).toContain('llm-audit-central-${AWS::AccountId}-${AWS::Region}');
  });

  test('outputs the central key ARN', () => {
    expect(aggregationJson.Outputs.CentralKeyArn.Value).toEqual({ 'Fn::GetAtt': [centralKeyId, 'Arn'] });
  });
});
