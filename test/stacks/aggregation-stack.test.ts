import { exampleConfig } from '../helpers/example';
import { exampleWith, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { aggregationJson } = synthesize(config);
/** The central bucket's resource of a type (the query layer adds a results bucket and its policy). */
const central = (template: Record<string, any>, type: string): [string, Record<string, any>] => {
  const found = Object.entries(template.Resources as Record<string, any>).filter(([id, r]) => r.Type === type && id.startsWith('CentralBucket'));
  if (found.length !== 1) throw new Error(`expected exactly one central ${type}, found ${found.length}`);
  return found[0];
};
const [bucketId, bucket] = central(aggregationJson, 'AWS::S3::Bucket');
const statements = central(aggregationJson, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[];

describe('the central bucket', () => {
  test('is named from the prefix with pseudo parameters for its account and region', () => {
    expect(bucket.Properties.BucketName).toEqual({ 'Fn::Sub': 'bedrock-logs-central-${AWS::AccountId}-${AWS::Region}' });
  });

  test('is versioned, owner-enforced, private and encrypted', () => {
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(Object.values(bucket.Properties.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  test('keeps logs for the configured retention, noncurrent versions as long (an overwrite never shortens it), then cleans up markers and uploads', () => {
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules.find((r) => r.ExpirationInDays !== undefined)).toMatchObject({
      ExpirationInDays: config.centralBucket.retentionDays,
      NoncurrentVersionExpiration: { NoncurrentDays: config.centralBucket.retentionDays },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
    expect(rules.some((r) => r.ExpiredObjectDeleteMarker === true && r.ExpirationInDays === undefined)).toBe(true);
  });

  test('is retained when the stack is deleted: it holds the audit trail', () => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  });

  test('has no Object Lock unless configured', () => {
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
  });

  test.each([['GOVERNANCE'], ['COMPLIANCE']])('takes a %s Object Lock default retention when configured', (mode) => {
    const other = synthesize(exampleWith((c) => { c.centralBucket.objectLock = { mode, days: 90 }; })).aggregationJson;
    const props = central(other, 'AWS::S3::Bucket')[1].Properties;
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: mode, Days: 90 } },
    });
  });
});

describe('the central bucket policy', () => {
  test('denies every request without TLS', () => {
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('denies every request made through an S3 access point', () => {
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'DenyAccessPointRequests', Effect: 'Deny', Condition: { Null: { 's3:DataAccessPointArn': 'false' } },
    }));
  });

  const roleArnPattern = { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/bedrock-logs-replication-*']] } };
  const allows = statements.filter((s) => s.Effect === 'Allow');

  test('admits replication only from the organization\'s replication roles, by org ID and role-name pattern', () => {
    expect(allows.length).toBeGreaterThan(0);
    for (const s of allows) {
      expect(s.Principal).toEqual({ AWS: '*' });
      expect(s.Condition.StringEquals['aws:PrincipalOrgID']).toBe(config.organizationId);
      expect(s.Condition.ArnLike).toEqual(roleArnPattern);
    }
    expect([...new Set(allows.flatMap((s) => s.Action))].sort()).toEqual(['s3:GetBucketVersioning', 's3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject', 's3:ReplicateTags']);
  });

  test('with every member OU\'s ID: only accounts directly in the member OUs, and the accounts that run the member stack', () => {
    expect(allows.map((s) => s.Sid)).toEqual(['AllowMemberOuReplication', 'AllowMemberOuReplicationChecks', 'AllowMemberAccountReplication', 'AllowMemberAccountReplicationChecks']);
    const ids = config.members.organizationalUnits.map((ou) => `${config.organizationId}/*/${config.members.organizationalUnitIds[ou]}/`);
    expect(allows[0].Condition['ForAnyValue:StringLike']).toEqual({ 'aws:PrincipalOrgPaths': ids });
    expect(allows[2].Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': config.organizationId, 'aws:PrincipalAccount': ['111111111111', '222222222222'] });
  });

  test('without the member OU IDs: the whole organization (names cannot be used in policies; the build warns)', () => {
    const other = synthesize(exampleWith((c) => { c.members.organizationalUnitIds = { Workloads: 'ou-a1b2-11111111' }; })).aggregationJson;
    const otherAllows = (central(other, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[]).filter((s) => s.Effect === 'Allow');
    expect(otherAllows.map((s) => s.Sid)).toEqual(['AllowOrganizationReplication', 'AllowOrganizationReplicationChecks']);
    expect(otherAllows[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': config.organizationId }, ArnLike: roleArnPattern });
  });

  test('with accounts only (no member OU): the listed accounts, and the aggregation account only when it runs the member stack', () => {
    const other = synthesize(exampleWith((c) => {
      c.members.organizationalUnits = [];
      c.members.organizationalUnitIds = {};
      c.aggregation.deployMemberStack = false;
    })).aggregationJson;
    const otherAllows = (central(other, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[]).filter((s) => s.Effect === 'Allow');
    expect(otherAllows.map((s) => s.Sid)).toEqual(['AllowMemberAccountReplication', 'AllowMemberAccountReplicationChecks']);
    expect(otherAllows[0].Condition.StringEquals['aws:PrincipalAccount']).toEqual(['111111111111']);
  });

  test('lets each account write only under its own AWSLogs/<account>/ prefix', () => {
    const write = statements.find((s) => s.Sid === 'AllowMemberOuReplication')!;
    expect(write.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/AWSLogs/${aws:PrincipalAccount}/*']] });
  });

  test('follows the key prefix', () => {
    const other = synthesize(exampleWith((c) => { c.logging.keyPrefix = 'genai'; })).aggregationJson;
    const write = (central(other, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[])
      .find((s) => s.Sid === 'AllowMemberOuReplication')!;
    expect(JSON.stringify(write.Resource)).toContain('/genai/AWSLogs/${aws:PrincipalAccount}/*');
  });
});

test('has no customer managed key while encryption.kms is off', () => {
  expect(Object.values(aggregationJson.Resources as Record<string, any>).filter((r) => r.Type.startsWith('AWS::KMS::'))).toEqual([]);
});

test('outputs the central bucket name and ARN (then the query layer\'s names)', () => {
  expect(Object.keys(aggregationJson.Outputs).slice(0, 2)).toEqual(['CentralBucketName', 'CentralBucketArn']);
});
