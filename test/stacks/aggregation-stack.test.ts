import { exampleConfig } from '../helpers/example';
import { exampleWith, only, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { aggregationJson } = synthesize(config);
const [bucketId, bucket] = only(aggregationJson, 'AWS::S3::Bucket');
const statements = only(aggregationJson, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[];

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

  test('keeps logs for the configured retention, then cleans up versions, markers and uploads', () => {
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules.find((r) => r.ExpirationInDays !== undefined)).toMatchObject({
      ExpirationInDays: config.centralBucket.retentionDays,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
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
    const props = only(other, 'AWS::S3::Bucket')[1].Properties;
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

  test('admits replication only from the organization\'s replication roles, by org ID and role-name pattern', () => {
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const s of allows) {
      expect(s.Principal).toEqual({ AWS: '*' });
      expect(s.Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': config.organizationId });
      expect(s.Condition.ArnLike).toEqual({
        'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/bedrock-logs-replication-*']] },
      });
    }
    const actions = allows.flatMap((s) => s.Action).sort();
    expect(actions).toEqual(['s3:GetBucketVersioning', 's3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject', 's3:ReplicateTags']);
  });

  test('lets each account write only under its own AWSLogs/<account>/ prefix', () => {
    const write = statements.find((s) => s.Sid === 'AllowOrganizationReplication')!;
    expect(write.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/AWSLogs/${aws:PrincipalAccount}/*']] });
  });

  test('follows the key prefix', () => {
    const other = synthesize(exampleWith((c) => { c.logging.keyPrefix = 'genai'; })).aggregationJson;
    const write = (only(other, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument.Statement as Record<string, any>[])
      .find((s) => s.Sid === 'AllowOrganizationReplication')!;
    expect(JSON.stringify(write.Resource)).toContain('/genai/AWSLogs/${aws:PrincipalAccount}/*');
  });
});

test('has no customer managed key while encryption.kms is off', () => {
  expect(Object.values(aggregationJson.Resources as Record<string, any>).filter((r) => r.Type.startsWith('AWS::KMS::'))).toEqual([]);
});

test('outputs the central bucket name and ARN', () => {
  expect(Object.keys(aggregationJson.Outputs)).toEqual(['CentralBucketName', 'CentralBucketArn']);
});
