import { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../../cdk/errors';
import { CFCT_SOURCE_KEY, cfctSourceBucket, describePublish, publishPackage } from '../../../scripts/release/publish';
import { buildPackageZip, sha256Hex } from '../../../scripts/release/zip';
import { startTestS3, type TestS3 } from '../../helpers/s3-server';
import { VALID_FIXTURE } from '../../package/validate/fixture';

const BUCKET = cfctSourceBucket('111111111111', 'us-east-1');
const ZIP = buildPackageZip(VALID_FIXTURE);

/** Runs `fn` with only the given AWS_* variables set (and no shared config files, no IMDS). */
async function withAwsEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true' }, vars);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('cfctSourceBucket', () => {
  test('is custom-control-tower-configuration-<management account>-<home region>', () => {
    expect(BUCKET).toBe('custom-control-tower-configuration-111111111111-us-east-1');
  });

  test('fails if the management account is not 12 digits', () => {
    expect(() => cfctSourceBucket('11111111111', 'us-east-1')).toThrow(UserError);
    expect(() => cfctSourceBucket('11111111111', 'us-east-1')).toThrow('- --management-account: must be a 12-digit account ID (got "11111111111")');
  });
});

describe('publishPackage (against s3rver on 127.0.0.1)', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(BUCKET);
  });
  afterAll(async () => {
    await s3.close();
  });

  test('a dry run sends nothing and needs no credentials', async () => {
    const result = await withAwsEnv({}, () => publishPackage({ zip: ZIP.bytes, bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint, dryRun: true }));
    expect(result).toMatchObject({ bucket: BUCKET, key: CFCT_SOURCE_KEY, dryRun: true, sha256: ZIP.sha256, bytes: ZIP.bytes.length });
    expect(result.etag).toBeUndefined();
    expect(await s3.keys()).toEqual([]);
    expect(describePublish(result)).toBe(
      [
        `publish (dry run): would upload ${ZIP.bytes.length} bytes to s3://${BUCKET}/${CFCT_SOURCE_KEY}`,
        `region: us-east-1 (endpoint ${s3.endpoint})`,
        `sha256: ${ZIP.sha256}`,
        'nothing was sent; run without --dry-run to upload (credentials from the AWS SDK default chain)',
      ].join('\n'),
    );
  });

  test('uploads the archive as custom-control-tower-configuration.zip, with the default credential chain', async () => {
    const result = await withAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }, () =>
      publishPackage({ zip: ZIP.bytes, bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint }),
    );
    expect(result).toMatchObject({ bucket: BUCKET, key: CFCT_SOURCE_KEY, bytes: ZIP.bytes.length, sha256: ZIP.sha256, dryRun: false });
    expect(await s3.keys()).toEqual([CFCT_SOURCE_KEY]);
    const stored = await s3.get(CFCT_SOURCE_KEY);
    expect(stored).toBeDefined();
    expect(sha256Hex(stored as Uint8Array)).toBe(ZIP.sha256);
    expect(describePublish(result)).toContain(`publish: uploaded ${ZIP.bytes.length} bytes to s3://${BUCKET}/${CFCT_SOURCE_KEY}`);
  });

  test('fails if the bucket does not exist, naming the fix', async () => {
    const upload = withAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }, () =>
      publishPackage({ zip: ZIP.bytes, bucket: 'custom-control-tower-configuration-333333333333-us-east-1', region: 'us-east-1', endpoint: s3.endpoint }),
    );
    await expect(upload).rejects.toThrow(UserError);
    await expect(upload).rejects.toThrow(/^- upload: bucket custom-control-tower-configuration-333333333333-us-east-1 does not exist at http:\/\/127\.0\.0\.1:\d+ \(NoSuchBucket: .*\); check --management-account/m);
  });

  test('fails if S3 answers 403, naming the fix', async () => {
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'NOT-ALLOWED', secretAccessKey: 'x' } });
    try {
      const upload = publishPackage({ zip: ZIP.bytes, bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint, client });
      await expect(upload).rejects.toThrow(/^- upload: access denied uploading to s3:\/\/custom-control-tower-configuration-111111111111-us-east-1\/custom-control-tower-configuration\.zip \(InvalidAccessKeyId: .*\); use credentials of the management account/m);
    } finally {
      client.destroy();
    }
  });

  test('fails if no credentials can be found, naming the fix', async () => {
    const upload = withAwsEnv({}, () => publishPackage({ zip: ZIP.bytes, bucket: BUCKET, region: 'us-east-1', endpoint: s3.endpoint }));
    await expect(upload).rejects.toThrow(/^- upload: no AWS credentials found for uploading to s3:\/\/.* \(CredentialsProviderError: .*\); sign in to the management account first/m);
  });

  test('fails if the endpoint cannot be reached', async () => {
    const upload = withAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_MAX_ATTEMPTS: '1' }, () =>
      publishPackage({ zip: ZIP.bytes, bucket: BUCKET, region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    );
    await expect(upload).rejects.toThrow(/^- upload: could not reach S3 at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED/m);
  });
});
