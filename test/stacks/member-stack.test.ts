import { Match } from 'aws-cdk-lib/assertions';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, LIMITS } from '../../cdk/constants';
import { exampleConfig } from '../helpers/example';
import { exampleWith, only, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { member, memberJson } = synthesize(config);
const [bucketId, bucket] = only(memberJson, 'AWS::S3::Bucket');
const [policyId, bucketPolicy] = only(memberJson, 'AWS::S3::BucketPolicy');

function functionNamed(name: string): [string, Record<string, any>] {
  const found = Object.entries(memberJson.Resources as Record<string, any>).find(
    ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === name,
  );
  if (!found) throw new Error(`no function ${name}`);
  return found;
}
function roleOf(fn: Record<string, any>): Record<string, any> {
  return memberJson.Resources[fn.Properties.Role['Fn::GetAtt'][0]];
}
function customResource(type: string): [string, Record<string, any>] {
  return only(memberJson, type);
}

describe('the member log bucket', () => {
  test('is named from the prefix, the account and the region with pseudo parameters', () => {
    expect(bucket.Properties.BucketName).toEqual({ 'Fn::Sub': 'bedrock-logs-${AWS::AccountId}-${AWS::Region}' });
  });

  test('is versioned, owner-enforced (ACLs disabled), private and encrypted', () => {
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  test('expires current objects after the configured days and cleans up versions, markers and uploads', () => {
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    const expire = rules.find((r) => r.ExpirationInDays !== undefined)!;
    expect(expire).toMatchObject({
      ExpirationInDays: config.memberBucket.expirationDays,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      Status: 'Enabled',
    });
    // ExpiredObjectDeleteMarker cannot share a rule with Days.
    const markers = rules.find((r) => r.ExpiredObjectDeleteMarker === true)!;
    expect(markers.ExpirationInDays).toBeUndefined();
    expect(markers.Status).toBe('Enabled');
  });

  test('follows a changed expiry', () => {
    const other = synthesize(exampleWith((c) => { c.memberBucket.expirationDays = 7; })).memberJson;
    const rules = only(other, 'AWS::S3::Bucket')[1].Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules.find((r) => r.ExpirationInDays !== undefined)!.ExpirationInDays).toBe(7);
  });

  test('is deleted with the stack (the emptier empties it first)', () => {
    expect(bucket.DeletionPolicy).toBe('Delete');
  });

  test('replicates the account\'s log prefix to the central bucket, owner overridden to the destination account', () => {
    const replication = bucket.Properties.ReplicationConfiguration;
    expect(replication.Rules).toHaveLength(1);
    const rule = replication.Rules[0];
    expect(rule).toMatchObject({
      Status: 'Enabled',
      DeleteMarkerReplication: { Status: 'Disabled' },
      Filter: { Prefix: { 'Fn::Join': ['', ['AWSLogs/', { Ref: 'AWS::AccountId' }, '/']] } },
      Destination: {
        Account: { Ref: 'CentralAccountId' },
        AccessControlTranslation: { Owner: 'Destination' },
        Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'CentralBucketName' }]] },
      },
    });
    expect(rule.Destination.ReplicationTime).toBeUndefined();
    const role = memberJson.Resources[replication.Role['Fn::GetAtt'][0]];
    expect(role.Type).toBe('AWS::IAM::Role');
  });

  test('adds Replication Time Control and metrics when configured', () => {
    const other = synthesize(exampleWith((c) => { c.centralBucket.replicationTimeControl = true; })).memberJson;
    const rule = only(other, 'AWS::S3::Bucket')[1].Properties.ReplicationConfiguration.Rules[0];
    expect(rule.Destination.ReplicationTime).toEqual({ Status: 'Enabled', Time: { Minutes: 15 } });
    expect(rule.Destination.Metrics).toEqual({ Status: 'Enabled', EventThreshold: { Minutes: 15 } });
  });

  test('replicates under the key prefix when one is configured', () => {
    const other = synthesize(exampleWith((c) => { c.logging.keyPrefix = 'genai/bedrock'; })).memberJson;
    const rule = only(other, 'AWS::S3::Bucket')[1].Properties.ReplicationConfiguration.Rules[0];
    expect(rule.Filter.Prefix).toEqual({ 'Fn::Join': ['', ['genai/bedrock/AWSLogs/', { Ref: 'AWS::AccountId' }, '/']] });
  });
});

describe('the member bucket policy', () => {
  const statements = bucketPolicy.Properties.PolicyDocument.Statement as Record<string, any>[];

  test('denies every request without TLS', () => {
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('denies every request made through an S3 access point (the SCPs match the bucket by name, not access points)', () => {
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'DenyAccessPointRequests',
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { AWS: '*' },
      Condition: { Null: { 's3:DataAccessPointArn': 'false' } },
    }));
  });

  test('allows only Bedrock, for this account and region, to write logs where Bedrock writes them', () => {
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] },
        },
      },
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/AWSLogs/', { Ref: 'AWS::AccountId' }, '/BedrockModelInvocationLogs/*']] },
    });
  });
});

describe('the replication role', () => {
  const role = memberJson.Resources[bucket.Properties.ReplicationConfiguration.Role['Fn::GetAtt'][0]];

  test('has a region-unique name (IAM names are global per account)', () => {
    expect(role.Properties.RoleName).toEqual({ 'Fn::Sub': 'bedrock-logs-replication-${AWS::Region}' });
  });

  test('is trusted by S3 only', () => {
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' } },
    ]);
  });

  test('may do only what replication needs, on the source and central buckets only', () => {
    const statements = role.Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[];
    const actions = statements.flatMap((s) => s.Action).sort();
    expect(actions).toEqual([
      's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging',
      's3:GetReplicationConfiguration', 's3:ListBucket',
      's3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject', 's3:ReplicateTags',
    ]);
    expect(statements.every((s) => s.Effect === 'Allow' && s.Resource !== '*')).toBe(true);
    const write = statements.find((s) => s.Sid === 'WriteCentralObjects')!;
    expect(JSON.stringify(write.Resource)).toContain('{"Ref":"CentralBucketName"}');
  });
});

describe('the custom-resource functions', () => {
  const functions = [functionNamed('bedrock-logs-logging-config'), functionNamed('bedrock-logs-bucket-emptier')];

  test.each(functions.map(([id, fn]) => [id, fn]))('%s runs inline code within CloudFormation\'s limit on the configured runtime', (_id, fn) => {
    const props = (fn as Record<string, any>).Properties;
    expect(props.Runtime).toBe(config.lambdaRuntime);
    expect(props.Handler).toBe('index.handler');
    expect(typeof props.Code.ZipFile).toBe('string');
    expect(props.Code.ZipFile.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(props.Code.ZipFile)).toBeLessThanOrEqual(LIMITS.inlineCodeBytes);
    expect(props.Code.S3Bucket).toBeUndefined();
  });

  test.each(functions.map(([id, fn]) => [id, fn]))('%s and its role carry the audit tag', (_id, fn) => {
    const tag = { Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE };
    expect((fn as Record<string, any>).Properties.Tags).toContainEqual(tag);
    expect(roleOf(fn as Record<string, any>).Properties.Tags).toContainEqual(tag);
  });

  test.each(functions.map(([id, fn]) => [id, fn]))('%s has a role only Lambda, on behalf of this very function, can assume', (_id, fn) => {
    const name = (fn as Record<string, any>).Properties.FunctionName as string;
    expect(roleOf(fn as Record<string, any>).Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${name}` } },
      },
    }]);
  });

  test('with lambdaTrustScope source-account, the roles trust Lambda for this account only', () => {
    const other = synthesize(exampleWith((c) => { c.lambdaTrustScope = 'source-account'; })).memberJson;
    const roles = Object.values(other.Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::IAM::Role' && r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'lambda.amazonaws.com',
    );
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      });
    }
  });

  test('roles have region-unique names and write only their own function\'s log group, which they cannot create', () => {
    for (const [, fn] of functions) {
      const role = roleOf(fn);
      const name = fn.Properties.FunctionName as string;
      expect(role.Properties.RoleName).toEqual({ 'Fn::Sub': `${name}-\${AWS::Region}` });
      const logStatements = (role.Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[]).filter((s) =>
        (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a: string) => a.startsWith('logs:')));
      expect(logStatements).toEqual([
        {
          Sid: 'OwnLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] },
        },
      ]);
    }
  });

  test("the logging function may pass a team's CloudWatch role to Bedrock, which merge keeps and puts again", () => {
    const statements = roleOf(functions[0][1]).Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[];
    expect(statements.filter((s) => s.Action === 'iam:PassRole').map((s) => [s.Sid, s.Condition])).toEqual([
      ['PassTeamCloudWatchRoleToBedrock', { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } }],
    ]);
  });

  test('the logging function may call only the Bedrock logging-configuration API', () => {
    const role = roleOf(functions[0][1]);
    const bedrock = (role.Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[]).filter((s) =>
      JSON.stringify(s.Action).includes('bedrock:'));
    expect(bedrock.flatMap((s) => s.Action).sort()).toEqual([
      'bedrock:DeleteModelInvocationLoggingConfiguration',
      'bedrock:GetModelInvocationLoggingConfiguration',
      'bedrock:PutModelInvocationLoggingConfiguration',
    ]);
  });

  test('the emptier may touch only its own bucket', () => {
    const role = roleOf(functions[1][1]);
    const s3Statements = (role.Properties.Policies[0].PolicyDocument.Statement as Record<string, any>[]).filter((s) =>
      JSON.stringify(s.Action).includes('s3:'));
    expect(s3Statements.flatMap((s) => s.Action).sort()).toEqual([
      's3:DeleteObjectVersion', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions',
    ]);
    // No s3:DeleteObject: the emptier cannot create delete markers.
    for (const s of s3Statements) expect(JSON.stringify(s.Resource)).toContain(`"Fn::GetAtt":["${bucketId}","Arn"]`);
  });

  test.each(functions.map(([id, fn]) => [id, fn]))(
    '%s logs to a log group of this stack, unique to the stack, kept a year and deleted with the stack',
    (_id, fn) => {
      const name = (fn as Record<string, any>).Properties.FunctionName as string;
      const groupId = (fn as Record<string, any>).Properties.LoggingConfig.LogGroup.Ref as string;
      const group = memberJson.Resources[groupId];
      expect(group.Type).toBe('AWS::Logs::LogGroup');
      expect(group.Properties.LogGroupName).toEqual({
        'Fn::Sub': [`/aws/lambda/${name}-\${StackUuid}`, { StackUuid: { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } }],
      });
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(group.DeletionPolicy).toBe('Delete');
    },
  );

  test('no role may create a log group (a deleted stack\'s last log lines could re-create one)', () => {
    expect(JSON.stringify(memberJson)).not.toContain('logs:CreateLogGroup');
  });
});

describe('the custom resources', () => {
  const [loggingId, logging] = customResource('Custom::BedrockInvocationLogging');
  const [emptierId, emptier] = customResource('Custom::EmptyLogBucket');

  test('put logging for the member bucket with the configured data types', () => {
    expect(logging.Properties).toMatchObject({
      BucketName: { Ref: bucketId },
      KeyPrefix: '',
      ExistingConfiguration: 'merge',
      TextDataDeliveryEnabled: 'true',
      ImageDataDeliveryEnabled: 'true',
      EmbeddingDataDeliveryEnabled: 'true',
      VideoDataDeliveryEnabled: 'true',
      AudioDataDeliveryEnabled: 'true',
      RequireAllDataTypes: 'false',
    });
  });

  test('make a region without a requested data type fail the stack when logging.requireAllDataTypes is set', () => {
    const other = synthesize(exampleWith((c) => { c.logging.requireAllDataTypes = true; })).memberJson;
    expect(only(other, 'Custom::BedrockInvocationLogging')[1].Properties.RequireAllDataTypes).toBe('true');
  });

  test('pass only the selected data types', () => {
    const other = synthesize(exampleWith((c) => { c.logging.dataTypes = ['text']; })).memberJson;
    const props = only(other, 'Custom::BedrockInvocationLogging')[1].Properties;
    expect(props.TextDataDeliveryEnabled).toBe('true');
    for (const p of ['Image', 'Embedding', 'Video', 'Audio']) expect(props[`${p}DataDeliveryEnabled`]).toBe('false');
  });

  test('put logging only after the bucket policy exists, and switch it off before the bucket is emptied', () => {
    expect(logging.DependsOn).toEqual(expect.arrayContaining([policyId, emptierId]));
  });

  test('keep the replication role until the emptier is done (it waits for pending replication)', () => {
    const roleId = bucket.Properties.ReplicationConfiguration.Role['Fn::GetAtt'][0];
    expect(emptier.DependsOn).toEqual(expect.arrayContaining([roleId]));
  });

  test('empty the member bucket', () => {
    expect(emptier.Properties.BucketName).toEqual({ Ref: bucketId });
    expect(Number(emptier.Properties.ReplicationWaitSeconds)).toBeGreaterThan(0);
  });

  test('each has a ServiceTimeout longer than its function\'s own timeout', () => {
    for (const [, resource] of [[loggingId, logging], [emptierId, emptier]] as const) {
      const fnId = resource.Properties.ServiceToken['Fn::GetAtt'][0];
      const timeout = memberJson.Resources[fnId].Properties.Timeout as number;
      const serviceTimeout = Number(resource.Properties.ServiceTimeout);
      expect(serviceTimeout).toBeGreaterThan(timeout);
      expect(serviceTimeout).toBeLessThanOrEqual(3600);
      expect(timeout).toBeLessThanOrEqual(900);
    }
  });
});

describe('the member template as a whole', () => {
  test('declares the central bucket name and account as parameters without defaults', () => {
    expect(Object.keys(memberJson.Parameters)).toEqual(['CentralBucketName', 'CentralAccountId']);
    for (const p of Object.values(memberJson.Parameters as Record<string, any>)) {
      expect(p.Type).toBe('String');
      expect(p.Default).toBeUndefined();
    }
  });

  test('does not hard-code any account ID of the configuration', () => {
    const text = JSON.stringify(memberJson);
    for (const id of [config.aggregation.accountId, ...config.members.accounts, config.managementAccountId!]) {
      expect(text).not.toContain(id);
    }
    // An account ID is exactly 12 digits (the bundled SDK has longer numbers, such as 2^63).
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  test('stays far within CloudFormation\'s resource limit', () => {
    expect(Object.keys(memberJson.Resources).length).toBeLessThan(LIMITS.templateResources);
  });

  test('matches the expected resource set', () => {
    member.resourceCountIs('AWS::S3::Bucket', 1);
    member.resourceCountIs('AWS::S3::BucketPolicy', 1);
    member.resourceCountIs('AWS::IAM::Role', 3);
    member.resourceCountIs('AWS::Lambda::Function', 2);
    member.hasResource('Custom::BedrockInvocationLogging', Match.anyValue());
  });

  test('has no customer managed key and no CloudWatch Logs destination while those options are off', () => {
    member.resourceCountIs('AWS::KMS::Key', 0);
    member.resourceCountIs('AWS::KMS::Alias', 0);
    // The two functions' own log groups only.
    member.resourceCountIs('AWS::Logs::LogGroup', 2);
    const [, logging] = customResource('Custom::BedrockInvocationLogging');
    expect(Object.keys(logging.Properties).filter((k) => k.startsWith('CloudWatch') || k.startsWith('LargeData'))).toEqual([]);
    expect(JSON.stringify(memberJson)).not.toContain('kms:');
  });
});
