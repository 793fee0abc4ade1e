/**
 * Both stacks with every option on (the example map's `all-options` environment): customer managed
 * keys and the CloudWatch Logs destination. The options-off shape is covered by member-stack.test.ts
 * and aggregation-stack.test.ts, which also check that none of this appears there.
 */
import { Capture, Match, type Matcher, type Template } from 'aws-cdk-lib/assertions';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BUCKET_EMPTIER_RESOURCE_TYPE, LOGGING_CONFIG_RESOURCE_TYPE as LOGGING } from '../../cdk/constants';
import { KEY_POLICY_SIDS } from '../../cdk/constructs/log-bucket-key';
import { allOptionsConfig } from '../helpers/example';
import { dependsOn, logicalIdOf, resourceMatches, synthesize } from '../helpers/synth';

const config = allOptionsConfig();
const { member, aggregation } = synthesize(config);
const AUDIT_TAG = { Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE };
const IN_THIS_ACCOUNT = ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }];

const keyId = member.getResourceId('AWS::KMS::Key');
const bucketId = member.getResourceId('AWS::S3::Bucket');
const logGroupId = member.getResourceId('AWS::Logs::LogGroup', { Properties: { LogGroupName: '/aws/bedrock/llm-audit-invocations' } });
const loggingId = member.getResourceId(LOGGING);
const emptierId = member.getResourceId(BUCKET_EMPTIER_RESOURCE_TYPE);

/** The logical ID a resource of the member stack refers to with `Fn::GetAtt [id, 'Arn']` at `at`. */
function arnTarget(type: string, at: (target: Capture) => Record<string, unknown>): string {
  const target = new Capture();
  member.hasResourceProperties(type, at(target));
  return target.asString();
}
const replicationRoleId = arnTarget('AWS::S3::Bucket', (role) => ({ ReplicationConfiguration: { Role: { 'Fn::GetAtt': [role, 'Arn'] } } }));
const cloudWatchRoleId = arnTarget(LOGGING, (role) => ({ CloudWatchRoleArn: { 'Fn::GetAtt': [role, 'Arn'] } }));

/** Asserts that the one KMS key of a template has a key-policy statement matching `statement`. */
function keyHasStatement(template: Template, statement: Record<string, unknown>): void {
  template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike(statement)]) } });
}

/** Match: a key policy whose statements carry exactly these Sids, in this order. */
function statementsWithSids(sids: readonly string[]): Matcher[] {
  return sids.map((Sid) => Match.objectLike({ Sid }));
}

/** Asserts that the replication role's one inline policy has a statement matching `statement`. */
function replicationRoleHasStatement(statement: Record<string, unknown>): void {
  resourceMatches(member, replicationRoleId, 'AWS::IAM::Role', {
    Properties: { Policies: [{ PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) } }] },
  });
}

describe('the member key', () => {
  test('is rotated yearly, tagged for the guardrails, named by the registry alias and deleted after the configured window', () => {
    member.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Delete',
      Properties: { EnableKeyRotation: true, PendingWindowInDays: config.encryption.keyDeletionWindowDays, Tags: Match.arrayWith([Match.objectEquals(AUDIT_TAG)]) },
    });
    member.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/llm-audit-member', TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  test('has exactly the statements its users need: administration, the grant deny, Bedrock, replication, CloudWatch Logs', () => {
    member.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: statementsWithSids([
          KEY_POLICY_SIDS.administration, KEY_POLICY_SIDS.denyGrants, KEY_POLICY_SIDS.bedrock, KEY_POLICY_SIDS.replicationDecrypt, KEY_POLICY_SIDS.logs,
        ]),
      },
    });
  });

  test('is administered by the execution role and the exempt patterns of this account', () => {
    keyHasStatement(member, {
      Sid: KEY_POLICY_SIDS.administration,
      Condition: {
        ArnLike: {
          'aws:PrincipalArn': Match.exact([
            { 'Fn::Join': ['', [...IN_THIS_ACCOUNT, ':role/AWSControlTowerExecution']] },
            { 'Fn::Join': ['', [...IN_THIS_ACCOUNT, ':role/BreakGlass*']] },
          ]),
        },
      },
    });
  });

  test("admits the replication role of this account and region by name, for this bucket's objects through S3", () => {
    const bucketArn = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::llm-audit-${AWS::AccountId}-${AWS::Region}' };
    keyHasStatement(member, {
      Sid: KEY_POLICY_SIDS.replicationDecrypt,
      Condition: {
        ArnLike: Match.objectEquals({ 'aws:PrincipalArn': { 'Fn::Join': ['', [...IN_THIS_ACCOUNT, ':role/llm-audit-replication-', { Ref: 'AWS::Region' }]] } }),
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': Match.exact([
            bucketArn,
            { 'Fn::Join': ['', [bucketArn, `/${config.logging.keyPrefix}/AWSLogs/`, { Ref: 'AWS::AccountId' }, '/*']] },
          ]),
        },
      },
    });
  });

  test('admits nothing for the emptier: listing, HeadObject and deleting versions do not use the key', () => {
    const emptierRoles = member.findResources('AWS::IAM::Role', {
      Properties: { Policies: [{ PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:DeleteObjectVersion']) })]) } }] },
    });
    expect(Object.keys(emptierRoles)).toHaveLength(1);
    // The role and the key policy as text: no kms: action or condition anywhere in the one, no mention of the emptier in the other.
    expect(JSON.stringify(emptierRoles)).not.toContain('kms:');
    const keyPolicy = new Capture();
    member.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: keyPolicy });
    expect(JSON.stringify(keyPolicy.asObject())).not.toContain('bucket-emptier');
  });
});

describe('the member bucket with the key', () => {
  test('is encrypted with the member key and S3 Bucket Keys', () => {
    member.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: Match.exact([{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        }]),
      },
    });
  });

  test("replicates SSE-KMS objects and encrypts replicas with the central key's alias ARN in the aggregation account and region", () => {
    member.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Rules: [Match.objectLike({
          SourceSelectionCriteria: Match.objectEquals({ SseKmsEncryptedObjects: { Status: 'Enabled' } }),
          Destination: {
            EncryptionConfiguration: Match.objectEquals({
              ReplicaKmsKeyID: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kms:${config.aggregation.region}:`, { Ref: 'CentralAccountId' }, ':alias/llm-audit-central']] },
            }),
          },
        })],
      },
    });
  });

  test('lets the replication role decrypt with the member key and encrypt with the central key, through S3 and for these buckets only', () => {
    replicationRoleHasStatement({
      Sid: 'DecryptSourceObjects',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
      Condition: { StringEquals: Match.objectEquals({ 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } }) },
    });
    const encryptionContext = new Capture();
    replicationRoleHasStatement({
      Sid: 'EncryptReplicas',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: Match.objectEquals({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kms:${config.aggregation.region}:`, { Ref: 'CentralAccountId' }, ':key/*']] }),
      Condition: {
        StringEquals: Match.objectEquals({ 'kms:ViaService': `s3.${config.aggregation.region}.amazonaws.com` }),
        StringLike: encryptionContext,
      },
    });
    expect(JSON.stringify(encryptionContext.asObject())).toContain('{"Ref":"CentralBucketName"}');
  });
});

describe('the CloudWatch Logs destination', () => {
  test('is a log group with the configured retention, encrypted with the member key, deleted with the stack', () => {
    member.templateMatches({
      Resources: {
        [logGroupId]: {
          DeletionPolicy: 'Delete',
          Properties: { RetentionInDays: config.cloudWatchLogs.retentionDays, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        },
      },
    });
    keyHasStatement(member, {
      Sid: KEY_POLICY_SIDS.logs,
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', Match.arrayWith([':log-group:/aws/bedrock/llm-audit-invocations'])] } } },
    });
  });

  test("has a role that starts with the prefix (the guardrails' pattern), trusted by Bedrock for this account and region", () => {
    member.templateMatches({
      Resources: {
        [cloudWatchRoleId]: {
          Properties: {
            RoleName: Match.objectEquals({ 'Fn::Sub': 'llm-audit-cloudwatch-${AWS::Region}' }),
            AssumeRolePolicyDocument: {
              Statement: [Match.objectLike({
                Principal: Match.objectEquals({ Service: 'bedrock.amazonaws.com' }),
                Condition: Match.objectEquals({
                  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                  ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
                }),
              })],
            },
          },
        },
      },
    });
  });

  test('is put by the logging configuration with the large bodies going to the member bucket under the key prefix', () => {
    member.hasResourceProperties(LOGGING, {
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
    expect(dependsOn(member, id, keyId)).toBe(true);
  });

  test('the key is deleted only after the emptier emptied the bucket, and logging was switched off before that', () => {
    expect(dependsOn(member, loggingId, emptierId)).toBe(true);
    expect(dependsOn(member, emptierId, bucketId)).toBe(true);
    expect(dependsOn(member, keyId, bucketId)).toBe(false);
  });

  test('the logging configuration is removed before the log group and the role it names, and put after them', () => {
    expect(dependsOn(member, loggingId, logGroupId)).toBe(true);
    expect(dependsOn(member, loggingId, cloudWatchRoleId)).toBe(true);
  });
});

describe('the aggregation stack with the key', () => {
  const centralKeyId = aggregation.getResourceId('AWS::KMS::Key');

  test('keeps the central key and its alias when the stack goes, like the bucket whose replicas it encrypts', () => {
    aggregation.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { EnableKeyRotation: true, Tags: [AUDIT_TAG] },
    });
    aggregation.hasResource('AWS::KMS::Alias', { DeletionPolicy: 'Retain', Properties: { AliasName: 'alias/llm-audit-central', TargetKeyId: { 'Fn::GetAtt': [centralKeyId, 'Arn'] } } });
  });

  test('encrypts the central bucket with the central key and S3 Bucket Keys', () => {
    aggregation.templateMatches({
      Resources: {
        [logicalIdOf(aggregation, 'AWS::S3::Bucket', 'CentralBucket')]: {
          Properties: {
            BucketEncryption: {
              ServerSideEncryptionConfiguration: Match.exact([{
                BucketKeyEnabled: true,
                ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [centralKeyId, 'Arn'] } },
              }]),
            },
          },
        },
      },
    });
  });

  test("admits the organization's replication roles by org ID and name pattern, and the account's own readers through S3", () => {
    aggregation.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: statementsWithSids([KEY_POLICY_SIDS.administration, KEY_POLICY_SIDS.denyGrants, KEY_POLICY_SIDS.replicaEncrypt, KEY_POLICY_SIDS.reads]) },
    });
    const encryptionContext = new Capture();
    keyHasStatement(aggregation, {
      Sid: KEY_POLICY_SIDS.replicaEncrypt,
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': config.organizationId },
        ArnLike: Match.objectEquals({ 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/llm-audit-replication-*']] } }),
        StringLike: encryptionContext,
      },
    });
    // The bucket's name, not its attribute: the bucket refers to the key already.
    expect(JSON.stringify(encryptionContext.asObject())).toContain('llm-audit-central-${AWS::AccountId}-${AWS::Region}');
  });

  test('outputs the central key ARN', () => {
    aggregation.hasOutput('CentralKeyArn', { Value: Match.objectEquals({ 'Fn::GetAtt': [centralKeyId, 'Arn'] }) });
  });
});
