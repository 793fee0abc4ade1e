/**
 * publish, as the compiled CLI: the target comes from the package record, never from a map's
 * default environment; the credentials are checked (fake STS and Organizations speaking the real
 * protocols, the real SDK clients) before anything is uploaded to s3rver.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CFCT_SOURCE_KEY } from '../../../scripts/release/publish';
import { sha256Hex } from '../../../scripts/release/zip';
import { cli, cliProcessAsync, envWithoutAws, type CliResult } from '../../helpers/cli';
import { rawExample, writeMapFile } from '../../helpers/example';
import { startCallerFake, type CallerState, type FakeAws } from '../../helpers/fake-aws';
import { S3RVER_CREDENTIALS, startTestS3, type TestS3 } from '../../helpers/s3-server';
import { VALID_FIXTURE } from '../../package/validate/fixture';
import { tempDir } from '../git-sandbox';

/** Environment A, the map's default: the example organization. */
const A = { ...rawExample(), managementAccountId: '333333333333' };
/** Environment B: another organization, another management account and home region. */
const B = {
  ...rawExample(),
  homeRegion: 'eu-west-1',
  organizationId: 'o-b2c3d4e5f6',
  managementAccountId: '555555555555',
  aggregation: { accountId: '666666666666', region: 'eu-west-1', organizationalUnit: 'Security', deployMemberStack: true },
  members: { organizationalUnits: ['Workloads'], accounts: ['777777777777'], regions: ['eu-west-1'], organizationalUnitIds: { Workloads: 'ou-b2c3-11111111' } },
};
const BUCKET_A = 'custom-control-tower-configuration-333333333333-us-east-1';
const BUCKET_B = 'custom-control-tower-configuration-555555555555-eu-west-1';

let tmp: string;
/** A fork of this repository: cdk/env/map.ts with A as the default environment; A's package at its root. */
let fork: string;
/** B's CfCT configuration, built from the same map. */
let packageB: string;
let s3: TestS3;
let aws: FakeAws;

beforeAll(async () => {
  tmp = tempDir('publish-cli-');
  fork = path.join(tmp, 'fork');
  packageB = path.join(tmp, 'staging-cfct');
  fs.mkdirSync(path.join(fork, 'cdk', 'env'), { recursive: true });
  fs.writeFileSync(path.join(fork, 'cdk', 'env', 'map.ts'), `export const environmentMap = ${JSON.stringify({ defaultEnvironment: 'prod', environments: { prod: A, staging: B } }, null, 2)};\n`);
  for (const args of [['--out', '.'], ['--env', 'staging', '--out', packageB]]) {
    const built = await cli(['build', ...args], { cwd: fork });
    expect(built.stderr).toBe('');
  }
  s3 = await startTestS3(BUCKET_B);
}, 180_000);
afterAll(async () => {
  await s3?.close();
  await aws?.close();
});
/** Each test starts as B's management account in B's organization. */
beforeEach(() => callerIs({ account: '555555555555', organization: 'o-b2c3d4e5f6' }));

/** Who STS and Organizations say the credentials are, for the rest of the test (a fresh fake, no calls yet). */
async function callerIs(state: CallerState): Promise<void> {
  await aws?.close();
  aws = await startCallerFake(S3RVER_CREDENTIALS.accessKeyId, state);
}

/** The STS and Organizations calls publish made, in order. */
const calls = (): string[] => aws.requests().map(({ call }) => call);

/** The compiled CLI in the fork, with credentials and every endpoint pointing at the local fakes. */
function publish(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return cliProcessAsync(['publish', '--out', path.join(tmp, `p-${Math.random()}.zip`), ...args], {
    cwd: fork,
    env: {
      ...envWithoutAws(),
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_STS: aws.endpoint,
      AWS_ENDPOINT_URL_ORGANIZATIONS: aws.endpoint,
      ...env,
    },
  });
}

test('--dry-run --dir <package of B> in a checkout whose default environment is A prints B\'s target and sends nothing', async () => {
  const result = await publish(['--dry-run', '--dir', packageB]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^publish \\(dry run\\): would upload \\d+ bytes to s3://${BUCKET_B}/${CFCT_SOURCE_KEY}\\n`));
  expect(result.stdout).toContain([
    'organization: o-b2c3d4e5f6 (environment "staging")',
    'account: 555555555555 (management account)',
    `region: eu-west-1 (endpoint ${s3.endpoint})`,
    `bucket: ${BUCKET_B}`,
    `key: ${CFCT_SOURCE_KEY}`,
  ].join('\n'));
  expect(result.stdout).not.toContain('333333333333');
  expect(calls()).toEqual([]);
  expect(await s3.keys()).toEqual([]);
});

test('fails if --env names an environment the package was not built for', async () => {
  const result = await publish(['--dry-run', '--dir', packageB, '--env', 'prod']);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('- bedrock-invocation-logging.package.json organizationId: is "o-b2c3d4e5f6" in the package record but "o-a1b2c3d4e5" in environment "prod" of cdk/env/map.ts');
  expect(result.stderr).toContain('managementAccountId: is "555555555555" in the package record but "333333333333"');
  expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^publish: refusing to upload: \d issues in 1 file$/);
  expect(calls()).toEqual([]);
  expect((await publish(['--dry-run', '--dir', packageB, '--env', 'staging'])).status).toBe(0);
});

test('fails if the credentials are of another account, uploading nothing', async () => {
  await callerIs({ account: '333333333333', organization: 'o-a1b2c3d4e5' });
  const result = await publish(['--dir', packageB]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('- credentials: are of account 333333333333 (arn:aws:sts::333333333333:assumed-role/');
  expect(result.stderr).toContain('not the management account 555555555555 the package record names (got "333333333333"); sign in to the management account 555555555555 of organization o-b2c3d4e5f6');
  expect(calls()).toEqual(['sts:GetCallerIdentity']);
  expect(await s3.keys()).toEqual([]);
});

test('fails if the account is in another organization, uploading nothing', async () => {
  await callerIs({ account: '555555555555', organization: 'o-zzzzzzzzzz' });
  const result = await publish(['--dir', packageB]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('- credentials: are of an account of organization o-zzzzzzzzzz, not o-b2c3d4e5f6 the package record names');
  expect(await s3.keys()).toEqual([]);
});

test('fails if DescribeOrganization is denied, unless --skip-organization-check', async () => {
  await callerIs({ account: '555555555555' });
  const refused = await publish(['--dir', packageB]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('- organization: could not be verified: the credentials may not call organizations:DescribeOrganization (AccessDeniedException); allow organizations:DescribeOrganization');
  expect(await s3.keys()).toEqual([]);
  const skipped = await publish(['--dir', packageB, '--skip-organization-check']);
  expect(skipped.stderr).toBe('');
  expect(skipped.stdout).toContain('organization: o-b2c3d4e5f6 (environment "staging"), NOT verified (DescribeOrganization denied; --skip-organization-check)');
  expect(await s3.keys()).toEqual([CFCT_SOURCE_KEY]);
});

test('uploads B\'s archive to B\'s bucket once the caller is B\'s management account in B\'s organization', async () => {
  const result = await publish(['--dir', packageB]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('organization: o-b2c3d4e5f6 (environment "staging"), verified with DescribeOrganization');
  expect(result.stdout).toContain('account: 555555555555 (management account), signed in as arn:aws:sts::555555555555:assumed-role/');
  expect(calls()).toEqual(['sts:GetCallerIdentity', 'organizations:DescribeOrganization']);
  const sha = /^sha256: ([0-9a-f]{64})$/m.exec(result.stdout)?.[1];
  expect(sha256Hex((await s3.get(CFCT_SOURCE_KEY)) as Uint8Array)).toBe(sha);
});

test('--zip takes the target from the record inside the archive, and refuses an archive without one', async () => {
  const zip = path.join(tmp, 'b.zip');
  expect((await cli(['package', '--dir', packageB, '--out', zip], { cwd: tmp })).status).toBe(0);
  const result = await publish(['--dry-run', '--zip', zip]);
  expect(result.stdout).toContain(`bucket: ${BUCKET_B}`);
  const bare = path.join(tmp, 'bare.zip');
  expect((await cli(['package', '--dir', VALID_FIXTURE, '--out', bare], { cwd: tmp })).status).toBe(0);
  const refused = await publish(['--dry-run', '--zip', bare]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toBe('--zip has 1 issue:\n- bedrock-invocation-logging.package.json: is not in the archive, so it is not known which organization it belongs to; build the package with this version (it writes the record), then package it again\n');
});

test('fails with the fix if there are no credentials', async () => {
  const result = await publish(['--dir', packageB], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('- aws: no AWS credentials found for checking the credentials (STS GetCallerIdentity)');
  expect(result.stderr).toContain('sign in to the management account first');
});

test('fails if the record names no management account', async () => {
  const map = path.join(tmp, 'no-account.map.js');
  const { managementAccountId: _dropped, ...withoutAccount } = A;
  writeMapFile(map, { environments: { prod: withoutAccount } });
  const dir = path.join(tmp, 'no-account');
  expect((await cli(['build', '--map', map, '--out', dir], { cwd: tmp })).status).toBe(0);
  const result = await publish(['--dry-run', '--dir', dir]);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(`bedrock-invocation-logging.package.json has 1 issue:\n- managementAccountId: is not recorded, so the CfCT source bucket (named after the management account) is unknown (got nothing); set managementAccountId in environment "prod" of ../no-account.map.js, build again, then publish\n`);
  expect(BUCKET_A).not.toBe(BUCKET_B);
}, 120_000);
