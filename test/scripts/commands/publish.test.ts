import * as fs from 'fs';
import * as path from 'path';
import { CFCT_SOURCE_KEY } from '../../../scripts/release/publish';
import { buildPackageZip, sha256Hex } from '../../../scripts/release/zip';
import { cliProcessAsync, envWithoutAws } from '../../helpers/cli';
import { S3RVER_CREDENTIALS, startTestS3, type TestS3 } from '../../helpers/s3-server';
import { VALID_FIXTURE } from '../../package/validate/fixture';
import { tempDir } from '../git-sandbox';

function runScriptAsync(_name: 'publish', args: string[], env: NodeJS.ProcessEnv, base: NodeJS.ProcessEnv) {
  return cliProcessAsync(['publish', ...args], { env: { ...base, ...env } });
}

const BUCKET = 'custom-control-tower-configuration-111111111111-us-east-1';
const SHA = buildPackageZip(VALID_FIXTURE).sha256;

describe('publish', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(BUCKET);
  });
  afterAll(async () => {
    await s3.close();
  });

  const common = () => ['--dir', VALID_FIXTURE, '--out', path.join(tempDir('cfct-publish-'), 'p.zip'), '--management-account', '111111111111'];

  test('--dry-run names the bucket from the management account and the manifest region, and sends nothing', async () => {
    const result = await runScriptAsync('publish', [...common(), '--dry-run'], {}, envWithoutAws());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`publish (dry run): would upload`);
    expect(result.stdout).toContain(`s3://${BUCKET}/${CFCT_SOURCE_KEY}\nregion: us-east-1\nsha256: ${SHA}\n`);
    expect(await s3.keys()).toEqual([]);
  });

  test('uploads to AWS_ENDPOINT_URL_S3 with credentials from the environment', async () => {
    const env = { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey };
    const result = await runScriptAsync('publish', common(), env, envWithoutAws());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`publish: uploaded`);
    expect(result.stdout).toContain(`(endpoint ${s3.endpoint})`);
    expect(sha256Hex((await s3.get(CFCT_SOURCE_KEY)) as Uint8Array)).toBe(SHA);
  });

  test('fails with exit 1 and the fix if there are no credentials', async () => {
    const result = await runScriptAsync('publish', [...common(), '--endpoint-url', s3.endpoint], {}, envWithoutAws());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no AWS credentials found for uploading to s3://${BUCKET}/${CFCT_SOURCE_KEY}`);
    expect(result.stderr).toContain('sign in to the management account first');
  });

  test('fails with exit 1 and the fix if the bucket does not exist', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const result = await runScriptAsync('publish', [...common(), '--bucket', 'missing-bucket', '--endpoint-url', s3.endpoint], env, envWithoutAws());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bucket missing-bucket does not exist at http://127.0.0.1:');
    expect(result.stderr).toContain('pass --bucket with the right name');
  });

  test('takes the management account from the environment map when --management-account is not given', async () => {
    // The example environment's managementAccountId is 333333333333.
    const result = await runScriptAsync('publish', ['--dir', VALID_FIXTURE, '--out', path.join(tempDir('cfct-publish-'), 'p.zip'), '--dry-run'], {}, envWithoutAws());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('s3://custom-control-tower-configuration-333333333333-us-east-1/');
  });

  test('fails with exit 1 if neither the environment, --management-account nor --bucket names the account', async () => {
    const map = path.join(tempDir('cfct-publish-map-'), 'map.js');
    const example = require('../../../cdk/env/map.example').environmentMap.environments.example;
    const { managementAccountId: _dropped, ...withoutAccount } = example;
    fs.writeFileSync(map, `exports.environmentMap = ${JSON.stringify({ environments: { example: withoutAccount } })};\n`);
    const result = await runScriptAsync('publish', ['--map', map, '--dir', VALID_FIXTURE, '--out', path.join(tempDir('cfct-publish-'), 'p.zip'), '--dry-run'], {}, envWithoutAws());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --management-account: is needed: the CfCT source bucket is named after the management account (got nothing); set managementAccountId in the environment map, pass --management-account <12-digit ID>');
  });
});
