/**
 * The member stack with the example configuration (options off; all-options.test.ts has them on).
 * Longer than ~300 lines: one test file per stack, mirroring cdk/stacks/member-stack.ts, with a
 * describe block per part of the stack.
 */
import { Capture, Match, type Matcher } from 'aws-cdk-lib/assertions';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BUCKET_EMPTIER_RESOURCE_TYPE as EMPTIER, LIMITS, LOGGING_CONFIG_RESOURCE_TYPE as LOGGING } from '../../cdk/constants';
import { exampleConfig } from '../helpers/example';
import { bucketPolicyStatements, exampleWith, resourceMatches, sidsGranting, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { member } = synthesize(config);
const AUDIT_TAG = { Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE };
const bucketId = member.getResourceId('AWS::S3::Bucket');
const policyId = member.getResourceId('AWS::S3::BucketPolicy');
const loggingId = member.getResourceId(LOGGING);
const emptierId = member.getResourceId(EMPTIER);

/** The logical ID the member bucket's replication configuration names as its role. */
const replicationRoleId = (() => {
  const role = new Capture();
  member.hasResourceProperties('AWS::S3::Bucket', { ReplicationConfiguration: { Role: { 'Fn::GetAtt': [role, 'Arn'] } } });
  return role.asString();
})();

interface CustomResourceFunction {
  readonly id: string;
  readonly name: string;
  /** Logical IDs of the role and the log group the function refers to. */
  readonly roleId: string;
  readonly logGroupId: string;
}

/** A custom-resource function by name, with the role and log group its properties refer to. */
function functionNamed(name: string): CustomResourceFunction {
  const role = new Capture();
  const logGroup = new Capture();
  member.hasResourceProperties('AWS::Lambda::Function', { FunctionName: name, Role: { 'Fn::GetAtt': [role, 'Arn'] }, LoggingConfig: { LogGroup: { Ref: logGroup } } });
  const id = member.getResourceId('AWS::Lambda::Function', { Properties: { FunctionName: name } });
  return { id, name, roleId: role.asString(), logGroupId: logGroup.asString() };
}

/** Asserts (deep-partially) the properties of one resource, by logical ID. */
function resourceHas(id: string, type: string, properties: Record<string, unknown>): void {
  resourceMatches(member, id, type, { Properties: properties });
}

/** Asserts that a role's one inline policy has a statement matching `statement`. */
function roleHasStatement(roleId: string, statement: Matcher): void {
  resourceHas(roleId, 'AWS::IAM::Role', { Policies: [{ PolicyDocument: { Statement: Match.arrayWith([statement]) } }] });
}

describe('the member log bucket', () => {
  test('is named from the prefix, the account and the region with pseudo parameters', () => {
    member.hasResourceProperties('AWS::S3::Bucket', { BucketName: Match.objectEquals({ 'Fn::Sub': 'bedrock-logs-${AWS::AccountId}-${AWS::Region}' }) });
  });

  test('is versioned, owner-enforced (ACLs disabled), private and encrypted', () => {
    member.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: Match.objectEquals({ Status: 'Enabled' }),
      OwnershipControls: Match.objectEquals({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }),
      PublicAccessBlockConfiguration: Match.objectEquals({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
  });

  test('expires current objects after the configured days and cleans up versions, markers and uploads', () => {
    member.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            ExpirationInDays: config.memberBucket.expirationDays,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
          // ExpiredObjectDeleteMarker cannot share a rule with Days.
          Match.objectLike({ ExpiredObjectDeleteMarker: true, ExpirationInDays: Match.absent(), Status: 'Enabled' }),
        ]),
      },
    });
  });

  test('follows a changed expiry', () => {
    const other = synthesize(exampleWith((c) => { c.memberBucket.expirationDays = 7; })).member;
    other.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 7 })]) } });
  });

  test('is deleted with the stack (the emptier empties it first)', () => {
    member.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });

  test('replicates the account\'s log prefix to the central bucket, owner overridden to the destination account', () => {
    member.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [replicationRoleId, 'Arn'] },
        Rules: [Match.objectLike({
          Status: 'Enabled',
          DeleteMarkerReplication: { Status: 'Disabled' },
          Filter: { Prefix: { 'Fn::Join': ['', ['AWSLogs/', { Ref: 'AWS::AccountId' }, '/']] } },
          Destination: {
            Account: { Ref: 'CentralAccountId' },
            AccessControlTranslation: { Owner: 'Destination' },
            Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'CentralBucketName' }]] },
            ReplicationTime: Match.absent(),
          },
        })],
      },
    });
    member.templateMatches({ Resources: { [replicationRoleId]: { Type: 'AWS::IAM::Role' } } });
  });

  test('adds Replication Time Control and metrics when configured', () => {
    const other = synthesize(exampleWith((c) => { c.centralBucket.replicationTimeControl = true; })).member;
    other.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Rules: [Match.objectLike({
          Destination: {
            ReplicationTime: Match.objectEquals({ Status: 'Enabled', Time: { Minutes: 15 } }),
            Metrics: Match.objectEquals({ Status: 'Enabled', EventThreshold: { Minutes: 15 } }),
          },
        })],
      },
    });
  });

  test('replicates under the key prefix when one is configured', () => {
    const other = synthesize(exampleWith((c) => { c.logging.keyPrefix = 'genai/bedrock'; })).member;
    other.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Rules: [Match.objectLike({ Filter: { Prefix: Match.objectEquals({ 'Fn::Join': ['', ['genai/bedrock/AWSLogs/', { Ref: 'AWS::AccountId' }, '/']] }) } })],
      },
    });
  });
});

describe('the member bucket policy', () => {
  const policyHasStatement = (statement: Record<string, unknown>) => member.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucketId },
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
  });

  test('denies every request without TLS', () => {
    policyHasStatement({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: Match.objectEquals({ AWS: '*' }),
      Condition: Match.objectEquals({ Bool: { 'aws:SecureTransport': 'false' } }),
    });
  });

  test('denies every request made through an S3 access point (the SCPs match the bucket by name, not access points)', () => {
    policyHasStatement({
      Sid: 'DenyAccessPointRequests',
      Effect: 'Deny',
      Action: 's3:*',
      Principal: Match.objectEquals({ AWS: '*' }),
      Condition: Match.objectEquals({ Null: { 's3:DataAccessPointArn': 'false' } }),
    });
  });

  test('allows only Bedrock, for this account and region, to write logs where Bedrock writes them', () => {
    // How many statements allow is a selection over the list; the one that does is matched below.
    expect(bucketPolicyStatements(member, bucketId).filter((s) => s.Effect === 'Allow')).toHaveLength(1);
    policyHasStatement({
      Effect: 'Allow',
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
  test('has a region-unique name (IAM names are global per account)', () => {
    resourceHas(replicationRoleId, 'AWS::IAM::Role', { RoleName: Match.objectEquals({ 'Fn::Sub': 'bedrock-logs-replication-${AWS::Region}' }) });
  });

  test('is trusted by S3 only', () => {
    resourceHas(replicationRoleId, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: Match.exact([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' } }]) },
    });
  });

  test('may do only what replication needs, on the source and central buckets only', () => {
    const sourceBucketArn = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::bedrock-logs-${AWS::AccountId}-${AWS::Region}' };
    // The whole list: no other statement, and none on `*`.
    resourceHas(replicationRoleId, 'AWS::IAM::Role', {
      Policies: [{
        PolicyDocument: {
          Statement: [
            Match.objectEquals({ Sid: 'ReadSourceBucket', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: sourceBucketArn }),
            Match.objectEquals({
              Sid: 'ReadSourceObjects',
              Effect: 'Allow',
              Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
              Resource: { 'Fn::Join': ['', [sourceBucketArn, '/AWSLogs/', { Ref: 'AWS::AccountId' }, '/*']] },
            }),
            Match.objectEquals({
              Sid: 'WriteCentralObjects',
              Effect: 'Allow',
              Action: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'CentralBucketName' }, '/AWSLogs/', { Ref: 'AWS::AccountId' }, '/*']] },
            }),
          ],
        },
      }],
    });
  });
});

describe('the custom-resource functions', () => {
  const functions = [functionNamed('bedrock-logs-logging-config'), functionNamed('bedrock-logs-bucket-emptier')];
  const [loggingFunction, emptierFunction] = functions;

  test.each(functions)('$id runs inline code within CloudFormation\'s limit on the configured runtime', (fn) => {
    const code = new Capture();
    member.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: fn.name,
      Runtime: config.lambdaRuntime,
      Handler: 'index.handler',
      Code: { ZipFile: code, S3Bucket: Match.absent() },
    });
    // asString() fails unless the code is a string.
    expect(code.asString().length).toBeGreaterThan(0);
    expect(Buffer.byteLength(code.asString())).toBeLessThanOrEqual(LIMITS.inlineCodeBytes);
  });

  test.each(functions)('$id and its role carry the audit tag', (fn) => {
    member.hasResourceProperties('AWS::Lambda::Function', { FunctionName: fn.name, Tags: Match.arrayWith([Match.objectEquals(AUDIT_TAG)]) });
    resourceHas(fn.roleId, 'AWS::IAM::Role', { Tags: Match.arrayWith([Match.objectEquals(AUDIT_TAG)]) });
  });

  test.each(functions)('$id has a role only Lambda, on behalf of this very function, can assume', (fn) => {
    resourceHas(fn.roleId, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.exact([{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${fn.name}` } },
          },
        }]),
      },
    });
  });

  test('with lambdaTrustScope source-account, the roles trust Lambda for this account only', () => {
    const other = synthesize(exampleWith((c) => { c.lambdaTrustScope = 'source-account'; })).member;
    const trustedByLambda = (condition: Record<string, unknown>) => ({
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' }, ...condition })] },
    });
    other.resourcePropertiesCountIs('AWS::IAM::Role', trustedByLambda({}), 2);
    other.resourcePropertiesCountIs('AWS::IAM::Role', trustedByLambda({ Condition: Match.objectEquals({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }), 2);
  });

  test('roles have region-unique names and write only their own function\'s log group, which they cannot create', () => {
    for (const fn of functions) {
      resourceHas(fn.roleId, 'AWS::IAM::Role', { RoleName: Match.objectEquals({ 'Fn::Sub': `${fn.name}-\${AWS::Region}` }) });
      expect(sidsGranting(member, fn.roleId, 'logs:')).toEqual(['OwnLogStreams']);
      roleHasStatement(fn.roleId, Match.objectEquals({
        Sid: 'OwnLogStreams',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [fn.logGroupId, 'Arn'] },
      }));
    }
  });

  test("the logging function may pass a team's CloudWatch role to Bedrock, which merge keeps and puts again", () => {
    expect(sidsGranting(member, loggingFunction.roleId, 'iam:PassRole')).toEqual(['PassTeamCloudWatchRoleToBedrock']);
    roleHasStatement(loggingFunction.roleId, Match.objectLike({
      Sid: 'PassTeamCloudWatchRoleToBedrock',
      Action: 'iam:PassRole',
      Condition: Match.objectEquals({ StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } }),
    }));
  });

  test('the logging function may call only the Bedrock logging-configuration API', () => {
    expect(sidsGranting(member, loggingFunction.roleId, 'bedrock:')).toEqual(['BedrockInvocationLogging']);
    roleHasStatement(loggingFunction.roleId, Match.objectLike({
      Sid: 'BedrockInvocationLogging',
      Action: ['bedrock:GetModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration'],
    }));
  });

  test('the emptier may touch only its own bucket', () => {
    expect(sidsGranting(member, emptierFunction.roleId, 's3:')).toEqual(['ListLogBucket', 'DeleteLogObjects']);
    // No s3:DeleteObject: the emptier cannot create delete markers.
    roleHasStatement(emptierFunction.roleId, Match.objectLike({
      Sid: 'ListLogBucket',
      Action: ['s3:ListBucket', 's3:ListBucketVersions'],
      Resource: Match.objectEquals({ 'Fn::GetAtt': [bucketId, 'Arn'] }),
    }));
    roleHasStatement(emptierFunction.roleId, Match.objectLike({
      Sid: 'DeleteLogObjects',
      Action: ['s3:GetObjectVersion', 's3:DeleteObjectVersion'],
      Resource: Match.objectEquals({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }),
    }));
  });

  test.each(functions)('$id logs to a log group of this stack, unique to the stack, kept a year and deleted with the stack', (fn) => {
    member.templateMatches({
      Resources: {
        [fn.logGroupId]: {
          Type: 'AWS::Logs::LogGroup',
          DeletionPolicy: 'Delete',
          Properties: {
            LogGroupName: Match.exact({
              'Fn::Sub': [`/aws/lambda/${fn.name}-\${StackUuid}`, { StackUuid: { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } }],
            }),
            RetentionInDays: 365,
          },
        },
      },
    });
  });

  test('no role may create a log group (a deleted stack\'s last log lines could re-create one)', () => {
    // Anywhere in the template, as text.
    expect(JSON.stringify(member.toJSON())).not.toContain('logs:CreateLogGroup');
  });
});

describe('the custom resources', () => {
  test('put logging for the member bucket with the configured data types', () => {
    member.hasResourceProperties(LOGGING, {
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
    const other = synthesize(exampleWith((c) => { c.logging.requireAllDataTypes = true; })).member;
    other.hasResourceProperties(LOGGING, { RequireAllDataTypes: 'true' });
  });

  test('pass only the selected data types', () => {
    const other = synthesize(exampleWith((c) => { c.logging.dataTypes = ['text']; })).member;
    other.hasResourceProperties(LOGGING, {
      TextDataDeliveryEnabled: 'true',
      ImageDataDeliveryEnabled: 'false',
      EmbeddingDataDeliveryEnabled: 'false',
      VideoDataDeliveryEnabled: 'false',
      AudioDataDeliveryEnabled: 'false',
    });
  });

  test('put logging only after the bucket policy exists, and switch it off before the bucket is emptied', () => {
    // One assertion each: Match.arrayWith matches in order, and the order of DependsOn means nothing.
    member.hasResource(LOGGING, { DependsOn: Match.arrayWith([policyId]) });
    member.hasResource(LOGGING, { DependsOn: Match.arrayWith([emptierId]) });
  });

  test('keep the replication role until the emptier is done (it waits for pending replication)', () => {
    member.hasResource(EMPTIER, { DependsOn: Match.arrayWith([replicationRoleId]) });
  });

  test('empty the member bucket', () => {
    const wait = new Capture();
    member.hasResourceProperties(EMPTIER, { BucketName: Match.objectEquals({ Ref: bucketId }), ReplicationWaitSeconds: wait });
    expect(Number(wait.asString())).toBeGreaterThan(0);
  });

  test('each has a ServiceTimeout longer than its function\'s own timeout', () => {
    for (const [type, id] of [[LOGGING, loggingId], [EMPTIER, emptierId]]) {
      const fnId = new Capture();
      const serviceTimeout = new Capture();
      resourceHas(id, type, { ServiceToken: { 'Fn::GetAtt': [fnId, 'Arn'] }, ServiceTimeout: serviceTimeout });
      const timeout = new Capture();
      resourceHas(fnId.asString(), 'AWS::Lambda::Function', { Timeout: timeout });
      // Numbers compared with each other and with CloudFormation's and Lambda's maxima: arithmetic, not a match.
      expect(Number(serviceTimeout.asString())).toBeGreaterThan(timeout.asNumber());
      expect(Number(serviceTimeout.asString())).toBeLessThanOrEqual(3600);
      expect(timeout.asNumber()).toBeLessThanOrEqual(900);
    }
  });
});

describe('the member template as a whole', () => {
  test('declares the central bucket name and account as parameters without defaults', () => {
    // Their order is the template's key order: data, not a property.
    expect(Object.keys(member.findParameters('*'))).toEqual(['CentralBucketName', 'CentralAccountId']);
    for (const name of ['CentralBucketName', 'CentralAccountId']) member.hasParameter(name, { Type: 'String', Default: Match.absent() });
  });

  test('does not hard-code any account ID of the configuration', () => {
    // The whole template, as text.
    const text = JSON.stringify(member.toJSON());
    for (const id of [config.aggregation.accountId, ...config.members.accounts, config.managementAccountId!]) {
      expect(text).not.toContain(id);
    }
    // An account ID is exactly 12 digits (the bundled SDK has longer numbers, such as 2^63).
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  test('stays far within CloudFormation\'s resource limit', () => {
    // Resources of every type: no Template method counts across types.
    expect(Object.keys(member.toJSON().Resources as object).length).toBeLessThan(LIMITS.templateResources);
  });

  test('matches the expected resource set', () => {
    member.resourceCountIs('AWS::S3::Bucket', 1);
    member.resourceCountIs('AWS::S3::BucketPolicy', 1);
    member.resourceCountIs('AWS::IAM::Role', 3);
    member.resourceCountIs('AWS::Lambda::Function', 2);
    member.resourceCountIs(LOGGING, 1);
  });

  test('has no customer managed key and no CloudWatch Logs destination while those options are off', () => {
    member.resourceCountIs('AWS::KMS::Key', 0);
    member.resourceCountIs('AWS::KMS::Alias', 0);
    // The two functions' own log groups only.
    member.resourceCountIs('AWS::Logs::LogGroup', 2);
    // No property named CloudWatch* or LargeData*: a predicate over the keys, which Match cannot express.
    const properties = new Capture();
    member.hasResource(LOGGING, { Properties: properties });
    expect(Object.keys(properties.asObject()).filter((k) => k.startsWith('CloudWatch') || k.startsWith('LargeData'))).toEqual([]);
    expect(JSON.stringify(member.toJSON())).not.toContain('kms:');
  });
});
