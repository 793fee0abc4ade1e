import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { exampleConfig } from '../helpers/example';
import { bucketPolicyStatements, exampleWith, logicalIdOf, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { aggregation } = synthesize(config);
/** The central bucket's construct ID (the query layer adds a results bucket and its policy). */
const CENTRAL_BUCKET = 'CentralBucket';
const bucketId = logicalIdOf(aggregation, 'AWS::S3::Bucket', CENTRAL_BUCKET);

/** Asserts (deep-partially) the properties of the central bucket of a template. */
function centralBucketHas(template: Template, properties: Record<string, unknown>): void {
  template.templateMatches({ Resources: { [logicalIdOf(template, 'AWS::S3::Bucket', CENTRAL_BUCKET)]: { Type: 'AWS::S3::Bucket', Properties: properties } } });
}

/** Asserts that the central bucket policy of a template has a statement matching `statement`. */
function centralPolicyHasStatement(template: Template, statement: Record<string, unknown>): void {
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: logicalIdOf(template, 'AWS::S3::Bucket', CENTRAL_BUCKET) },
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
  });
}

/**
 * The Sids of the central bucket policy's Allow statements, in order: which statements allow is a
 * selection over the list, which Match cannot express; what each statement holds is asserted with Match.
 */
function allowSids(template: Template): string[] {
  return bucketPolicyStatements(template, logicalIdOf(template, 'AWS::S3::Bucket', CENTRAL_BUCKET))
    .filter((s) => s.Effect === 'Allow').map((s) => s.Sid as string);
}

describe('the central bucket', () => {
  test('is named from the prefix with pseudo parameters for its account and region', () => {
    centralBucketHas(aggregation, { BucketName: Match.objectEquals({ 'Fn::Sub': 'bedrock-logs-central-${AWS::AccountId}-${AWS::Region}' }) });
  });

  test('is versioned, owner-enforced, private and encrypted', () => {
    centralBucketHas(aggregation, {
      VersioningConfiguration: Match.objectEquals({ Status: 'Enabled' }),
      OwnershipControls: Match.objectEquals({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }),
      PublicAccessBlockConfiguration: Match.objectEquals({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
  });

  test('keeps logs for the configured retention, noncurrent versions as long (an overwrite never shortens it), then cleans up markers and uploads', () => {
    centralBucketHas(aggregation, {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            ExpirationInDays: config.centralBucket.retentionDays,
            NoncurrentVersionExpiration: { NoncurrentDays: config.centralBucket.retentionDays },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
          Match.objectLike({ ExpiredObjectDeleteMarker: true, ExpirationInDays: Match.absent() }),
        ]),
      },
    });
  });

  test('is retained when the stack is deleted: it holds the audit trail', () => {
    aggregation.templateMatches({ Resources: { [bucketId]: { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } } });
  });

  test('has no Object Lock unless configured', () => {
    centralBucketHas(aggregation, { ObjectLockConfiguration: Match.absent() });
  });

  test.each([['GOVERNANCE'], ['COMPLIANCE']])('takes a %s Object Lock default retention when configured', (mode) => {
    const other = synthesize(exampleWith((c) => { c.centralBucket.objectLock = { mode, days: 90 }; })).aggregation;
    centralBucketHas(other, {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: Match.objectEquals({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: 90 } } }),
    });
  });
});

describe('the central bucket policy', () => {
  test('denies every request without TLS', () => {
    centralPolicyHasStatement(aggregation, { Effect: 'Deny', Action: 's3:*', Condition: Match.objectEquals({ Bool: { 'aws:SecureTransport': 'false' } }) });
  });

  test('denies every request made through an S3 access point', () => {
    centralPolicyHasStatement(aggregation, { Sid: 'DenyAccessPointRequests', Effect: 'Deny', Condition: Match.objectEquals({ Null: { 's3:DataAccessPointArn': 'false' } }) });
  });

  const roleArnPattern = { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/bedrock-logs-replication-*']] } };
  /** Each Allow statement of the example's policy and what it may do. */
  const allowActions: [string, string | string[]][] = [
    ['AllowMemberOuReplication', ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']],
    ['AllowMemberOuReplicationChecks', 's3:GetBucketVersioning'],
    ['AllowMemberAccountReplication', ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']],
    ['AllowMemberAccountReplicationChecks', 's3:GetBucketVersioning'],
  ];

  test('admits replication only from the organization\'s replication roles, by org ID and role-name pattern', () => {
    expect(allowSids(aggregation)).toEqual(allowActions.map(([sid]) => sid));
    for (const [sid, actions] of allowActions) {
      centralPolicyHasStatement(aggregation, {
        Sid: sid,
        Effect: 'Allow',
        Action: actions,
        Principal: Match.objectEquals({ AWS: '*' }),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': config.organizationId }, ArnLike: Match.objectEquals(roleArnPattern) },
      });
    }
  });

  test('with every member OU\'s ID: only accounts directly in the member OUs, and the accounts that run the member stack', () => {
    expect(allowSids(aggregation)).toEqual(['AllowMemberOuReplication', 'AllowMemberOuReplicationChecks', 'AllowMemberAccountReplication', 'AllowMemberAccountReplicationChecks']);
    const ids = config.members.organizationalUnits.map((ou) => `${config.organizationId}/*/${config.members.organizationalUnitIds[ou]}/`);
    centralPolicyHasStatement(aggregation, {
      Sid: 'AllowMemberOuReplication',
      Condition: { 'ForAnyValue:StringLike': Match.objectEquals({ 'aws:PrincipalOrgPaths': ids }) },
    });
    centralPolicyHasStatement(aggregation, {
      Sid: 'AllowMemberAccountReplication',
      Condition: { StringEquals: Match.objectEquals({ 'aws:PrincipalOrgID': config.organizationId, 'aws:PrincipalAccount': ['111111111111', '222222222222'] }) },
    });
  });

  test('without the member OU IDs: the whole organization (names cannot be used in policies; the build warns)', () => {
    const other = synthesize(exampleWith((c) => { c.members.organizationalUnitIds = { Workloads: 'ou-a1b2-11111111' }; })).aggregation;
    expect(allowSids(other)).toEqual(['AllowOrganizationReplication', 'AllowOrganizationReplicationChecks']);
    centralPolicyHasStatement(other, {
      Sid: 'AllowOrganizationReplication',
      Condition: Match.objectEquals({ StringEquals: { 'aws:PrincipalOrgID': config.organizationId }, ArnLike: roleArnPattern }),
    });
  });

  test('with accounts only (no member OU): the listed accounts, and the aggregation account only when it runs the member stack', () => {
    const other = synthesize(exampleWith((c) => {
      c.members.organizationalUnits = [];
      c.members.organizationalUnitIds = {};
      c.aggregation.deployMemberStack = false;
    })).aggregation;
    expect(allowSids(other)).toEqual(['AllowMemberAccountReplication', 'AllowMemberAccountReplicationChecks']);
    centralPolicyHasStatement(other, {
      Sid: 'AllowMemberAccountReplication',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ['111111111111'] } },
    });
  });

  test('lets each account write only under its own AWSLogs/<account>/ prefix', () => {
    centralPolicyHasStatement(aggregation, {
      Sid: 'AllowMemberOuReplication',
      Resource: Match.objectEquals({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/AWSLogs/${aws:PrincipalAccount}/*']] }),
    });
  });

  test('follows the key prefix', () => {
    const other = synthesize(exampleWith((c) => { c.logging.keyPrefix = 'genai'; })).aggregation;
    const resource = new Capture();
    centralPolicyHasStatement(other, { Sid: 'AllowMemberOuReplication', Resource: resource });
    expect(JSON.stringify(resource.asObject())).toContain('/genai/AWSLogs/${aws:PrincipalAccount}/*');
  });
});

test('has no customer managed key while encryption.kms is off', () => {
  // Every resource type of the AWS::KMS namespace
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_KMS.html).
  for (const type of ['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey']) aggregation.resourceCountIs(type, 0);
});

test('outputs the central bucket name and ARN (then the query layer\'s names)', () => {
  // The order of the outputs is the order of the template's keys: data, not a property.
  expect(Object.keys(aggregation.findOutputs('*')).slice(0, 2)).toEqual(['CentralBucketName', 'CentralBucketArn']);
  aggregation.hasOutput('CentralBucketName', { Value: { Ref: bucketId } });
  aggregation.hasOutput('CentralBucketArn', { Value: { 'Fn::GetAtt': [bucketId, 'Arn'] } });
});
