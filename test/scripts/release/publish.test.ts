import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { PackageRecord } from '../../../cdk/package/record';
import { CFCT_SOURCE_KEY, cfctSourceBucket, describePublish, publishPackage, publishTarget, type PublishClients } from '../../../scripts/release/publish';
import { buildPackageZip, sha256Hex } from '../../../scripts/release/zip';
import { userError } from '../../helpers/errors';
import { startCallerFake, type FakeAws } from '../../helpers/fake-aws';
import { S3RVER_CREDENTIALS, startTestS3, type TestS3 } from '../../helpers/s3-server';
import { VALID_FIXTURE } from '../../package/validate/fixture';

const RECORD: PackageRecord = {
  format: 1,
  generator: 'bedrock-invocation-logging-cfct',
  environment: 'prod',
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '111111111111',
  homeRegion: 'us-east-1',
  resourcePrefix: 'bedrock-logs',
  scpSizeBudget: 5120,
  map: 'map.ts',
  resources: [],
  files: {},
};
const TARGET = publishTarget(RECORD, 'us-east-1');
const ZIP = buildPackageZip(VALID_FIXTURE);

describe('publishTarget', () => {
  test('is the CfCT source bucket of the recorded management account and home region', () => {
    expect(TARGET).toEqual({
      environment: 'prod',
      organizationId: 'o-a1b2c3d4e5',
      managementAccountId: '111111111111',
      region: 'us-east-1',
      bucket: cfctSourceBucket('111111111111', 'us-east-1'),
      key: CFCT_SOURCE_KEY,
    });
    expect(TARGET.bucket).toBe('custom-control-tower-configuration-111111111111-us-east-1');
  });

  test('fails if the manifest\'s region is not the recorded home region', () => {
    expect(userError(() => publishTarget(RECORD, 'eu-west-1')).issues).toEqual([
      '- homeRegion: is us-east-1, but the manifest\'s region is eu-west-1 (got "us-east-1"); the manifest was edited after the build: build the package again, then publish',
    ]);
  });
});

describe('publishPackage (real SDK clients; s3rver and a fake STS/Organizations on 127.0.0.1)', () => {
  let s3: TestS3;
  let aws: FakeAws;
  let clients: PublishClients;
  const credentials = S3RVER_CREDENTIALS;
  beforeAll(async () => {
    s3 = await startTestS3(TARGET.bucket);
    aws = await startCallerFake(credentials.accessKeyId, { account: '111111111111', organization: 'o-a1b2c3d4e5' });
    clients = {
      s3: new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials, maxAttempts: 1 }),
      sts: new STSClient({ region: 'us-east-1', endpoint: aws.endpoint, credentials, maxAttempts: 1 }),
      organizations: new OrganizationsClient({ region: 'us-east-1', endpoint: aws.endpoint, credentials, maxAttempts: 1 }),
    };
  });
  afterAll(async () => {
    for (const client of Object.values(clients)) client.destroy();
    await s3.close();
    await aws.close();
  });

  test('a dry run sends nothing', async () => {
    const result = await publishPackage({ zip: ZIP.bytes, target: TARGET, dryRun: true, clients });
    expect(result).toMatchObject({ target: TARGET, dryRun: true, sha256: ZIP.sha256, bytes: ZIP.bytes.length });
    expect(aws.requests()).toEqual([]);
    expect(await s3.keys()).toEqual([]);
    expect(describePublish(result)).toBe([
      `publish (dry run): would upload ${ZIP.bytes.length} bytes to s3://${TARGET.bucket}/${CFCT_SOURCE_KEY}`,
      'organization: o-a1b2c3d4e5 (environment "prod")',
      'account: 111111111111 (management account)',
      'region: us-east-1',
      `bucket: ${TARGET.bucket}`,
      `key: ${CFCT_SOURCE_KEY}`,
      `sha256: ${ZIP.sha256}`,
      'nothing was sent; without --dry-run, the credentials are checked to be that account and organization first',
    ].join('\n'));
  });

  test('checks the caller, then uploads the archive as custom-control-tower-configuration.zip', async () => {
    const result = await publishPackage({ zip: ZIP.bytes, target: TARGET, clients });
    expect(aws.requests().map(({ call }) => call)).toEqual(['sts:GetCallerIdentity', 'organizations:DescribeOrganization']);
    expect(result).toMatchObject({ dryRun: false, organizationCheck: 'verified', caller: expect.stringContaining(':111111111111:') });
    expect(await s3.keys()).toEqual([CFCT_SOURCE_KEY]);
    expect(sha256Hex((await s3.get(CFCT_SOURCE_KEY)) as Uint8Array)).toBe(ZIP.sha256);
  });

  test('fails if the bucket does not exist, naming the fix', async () => {
    const target = { ...TARGET, bucket: 'custom-control-tower-configuration-111111111111-eu-west-1' };
    const caught = await publishPackage({ zip: ZIP.bytes, target, clients }).catch((err: unknown) => err);
    expect(String((caught as Error).message)).toMatch(/^- aws: bucket custom-control-tower-configuration-111111111111-eu-west-1 does not exist in us-east-1 \(NoSuchBucket: .*\); deploy CfCT with the Amazon S3 pipeline source/m);
  });

  test('fails if STS rejects the credentials, naming the fix', async () => {
    const unknown = { ...clients, sts: new STSClient({ region: 'us-east-1', endpoint: aws.endpoint, credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN01', secretAccessKey: 'x' }, maxAttempts: 1 }) };
    try {
      const caught = await publishPackage({ zip: ZIP.bytes, target: TARGET, clients: unknown }).catch((err: unknown) => err);
      expect(String((caught as Error).message)).toMatch(/^- aws: access denied checking the credentials \(STS GetCallerIdentity\) \(InvalidClientTokenId: The security token included in the request is invalid\.\); sign in to the management account 111111111111/m);
    } finally {
      unknown.sts.destroy();
    }
  });

  test('fails if an endpoint cannot be reached', async () => {
    const unreachable = { ...clients, sts: new STSClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials, maxAttempts: 1 }) };
    try {
      const caught = await publishPackage({ zip: ZIP.bytes, target: TARGET, clients: unreachable }).catch((err: unknown) => err);
      expect(String((caught as Error).message)).toMatch(/^- aws: could not reach AWS checking the credentials \(STS GetCallerIdentity\) \(ECONNREFUSED/m);
    } finally {
      unreachable.sts.destroy();
    }
  });
});
