/**
 * `coverage`'s command line against a small fake organization: exit status, the flags, the time
 * budget, the errors a user can cause, and the compiled CLI as a process (where the SDK reads
 * AWS_ENDPOINT_URL by itself).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE, loadEnvironment } from '../../../cdk/env/load';
import type { CoverageReport } from '../../../scripts/coverage/report';
import { cli, cliProcessAsync, envWithoutAws } from '../../helpers/cli';
import { exampleConfig, rawExample, writeMapFile } from '../../helpers/example';
import { FakeOrganization, MANAGEMENT_ACCESS_KEY, startFakeAws, type FakeAws, type FakeAwsOptions } from '../../helpers/fake-aws';
import { makeFifo } from '../../helpers/tree';
import { ACCOUNTS, smallOrganization } from './scenario';
import { tempDir } from '../git-sandbox';

const DAY = 86_400_000;
const config = exampleConfig();

let dir: string;
beforeAll(() => { dir = tempDir('coverage-cli-'); });

/** Runs `fn` with a fake AWS serving `model`, closed afterwards. */
async function withFake<T>(options: FakeAwsOptions, fn: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await startFakeAws(options);
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

const coverage = (fake: FakeAws, args: string[], env: NodeJS.ProcessEnv = {}) => cli(['coverage', '--map', EXAMPLE_MAP_FILE, ...args], { env: fake.env(env) });

/** A map file with the example environment changed by `change`. */
function mapWith(name: string, change: (env: Record<string, any>) => void): string {
  const env = rawExample();
  change(env);
  return writeMapFile(path.join(dir, `${name}.js`), { environments: { example: env } });
}

test('exits 0 and says PASS when every account × region in scope logs', async () => {
  const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) => coverage(fake, []));
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('PASS: 6 of 6 account × region cells in scope pass');
  expect(result.status).toBe(0);
});

test('a delivery 5 days old fails the run, passes with --stale-after 7, and passes with --configuration-only', async () => {
  await withFake({ model: smallOrganization(config, Date.now(), 5 * DAY) }, async (fake) => {
    const strict = await coverage(fake, ['--format', 'json']);
    expect(strict.status).toBe(1);
    expect((JSON.parse(strict.stdout) as CoverageReport).summary.cells.stale).toBe(6);
    expect((await coverage(fake, ['--stale-after', '7'])).status).toBe(0);
    const lenient = await coverage(fake, ['--configuration-only']);
    expect(lenient.stdout).toContain('PASS: 6 of 6 account × region cells in scope pass (configuration only: delivery evidence not required)');
    expect(lenient.status).toBe(0);
  });
});

test('--format markdown --out <file> writes the report there and prints the verdict and the path', async () => {
  const file = path.join(dir, 'audit', 'coverage.md');
  const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) => coverage(fake, ['--format', 'markdown', '--out', file]));
  expect(result.stdout).toBe(`PASS: 6 of 6 account × region cells in scope pass\nReport (markdown): ${file}\n`);
  expect(fs.readFileSync(file, 'utf8')).toMatch(/^# Bedrock invocation logging coverage: environment "example", organization o-a1b2c3d4e5\n/);
  expect(fs.readdirSync(path.dirname(file))).toEqual(['coverage.md']);
});

test('--role-name: every cell of an account without that role is access-denied, and so is the central bucket', async () => {
  const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) => coverage(fake, ['--role-name', 'AuditReadOnly', '--format', 'json']));
  const report = JSON.parse(result.stdout) as CoverageReport;
  expect(result.status).toBe(1);
  expect(report.summary.cells['access-denied']).toBe(6);
  expect(report.deliveryEvidence.status).toBe('access-denied');
  expect(report.accounts.find((a) => a.id === ACCOUNTS.healthy)?.cells[0].problems[0]).toContain('AssumeRole AuditReadOnly: AccessDenied:');
});

test('a key prefix: configuration and deliveries under <keyPrefix>/AWSLogs/... are found', async () => {
  const map = mapWith('prefixed', (env) => { env.logging = { ...env.logging, keyPrefix: 'org/bedrock' }; });
  const prefixed = loadEnvironment(undefined, map).config;
  const result = await withFake({ model: smallOrganization(prefixed, Date.now()) }, (fake) => cli(['coverage', '--map', map], { env: fake.env() }));
  expect(result.stdout).toContain('PASS: 6 of 6');
  expect(result.status).toBe(0);
});

test('fails if an OU of the map is not in the organization: a scope issue fails a run whose cells all pass', async () => {
  const map = mapWith('unknown-ou', (env) => { env.members.organizationalUnits = [...env.members.organizationalUnits, 'Workloads:Dev']; });
  const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) => cli(['coverage', '--map', map], { env: fake.env() }));
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('FAIL: 6 of 6 account × region cells in scope pass; 1 scope issue');
  expect(result.stdout).toContain('- members.organizationalUnits[3]: names no OU of the organization o-a1b2c3d4e5: CfCT fails the member StackSet for an unresolved nested path');
});

test('the time budget: cells not reached are not-checked, and the run fails', async () => {
  const options: FakeAwsOptions = { model: smallOrganization(config, Date.now()), latencyMs: (service) => (service === 'organizations' || service === 'sts' ? 0 : 400) };
  const result = await withFake(options, (fake) => coverage(fake, ['--format', 'json', '--time-budget', '1', '--concurrency', '2']));
  const report = JSON.parse(result.stdout) as CoverageReport;
  expect(result.status).toBe(1);
  expect(report.run.budgetExhausted).toBe(true);
  expect(report.summary.cells['not-checked']).toBeGreaterThan(0);
  expect(report.settings.timeBudgetSeconds).toBe(1);
});

describe('fails with exit 1 and the fix', () => {
  test('fails if options are bad, naming every one', async () => {
    const result = await cli(['coverage', '--format', 'htm', '--concurrency', '0', '--time-budget', 'soon', '--stale-after', '0']);
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'bedrock-invocation-logging-cfct coverage has 4 issues:',
      '- --format: is not a format (got "htm"); did you mean `html`?',
      '- --concurrency: must be a whole number from 1 to 512 (got "0"); pass the AWS calls to keep in flight, for example --concurrency 32',
      '- --time-budget: is not a duration (got "soon"); pass seconds, or a number with s, m or h, for example --time-budget 20m',
      '- --stale-after: must be a number of days above 0 (got "0"); pass the age in days after which delivery counts as stale, for example --stale-after 2',
    ]);
  });

  test('fails if --out is a folder or a pipe before any AWS call: the run may take minutes, the report would be lost', async () => {
    const pipe = makeFifo(path.join(tempDir('coverage-out-'), 'pipe'));
    const results = await withFake({ model: smallOrganization(config, Date.now()) }, async (fake) => ({
      folder: await coverage(fake, ['--format', 'html', '--out', dir]),
      pipe: await coverage(fake, ['--out', pipe]),
      calls: fake.calls(),
    }));
    expect(results.folder.stderr).toBe(`--out has 1 issue:\n- --out: names a folder; it takes the path of the file to write (got "${dir}"); pass a file path, for example --out ${path.join(dir, 'coverage.html')}\n`);
    expect(results.pipe.stderr).toMatch(/^--out has 1 issue:\n- --out: is not a regular file \(a device, pipe or socket\), which writing would replace: /);
    expect([results.folder.status, results.pipe.status]).toEqual([1, 1]);
    expect(results.calls).toEqual({});
  });

  test('fails if the credentials are not the management account\'s', async () => {
    const model = smallOrganization(config, Date.now());
    model.issueCredentials({ account: ACCOUNTS.healthy, arn: `arn:aws:sts::${ACCOUNTS.healthy}:assumed-role/Developer/alice` }, 'AKIAFAKEMEMBER000001');
    const result = await withFake({ model }, (fake) => coverage(fake, [], { AWS_ACCESS_KEY_ID: 'AKIAFAKEMEMBER000001' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('coverage has 1 issue:\n- organizations:DescribeOrganization and List*: failed: AccessDeniedException: You don\'t have permissions to access this resource. (got nothing); ' +
      'run with credentials of the management account (or of a delegated administrator for AWS Organizations) that may call organizations:List* and sts:AssumeRole\n');
  });

  test('fails if the credentials belong to another organization than the map\'s', async () => {
    const model = new FakeOrganization('o-zz99zz99zz', ACCOUNTS.management);
    const result = await withFake({ model }, (fake) => coverage(fake, []));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- organizationId: is not the organization of these credentials (arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/operator is in o-zz99zz99zz) (got "o-a1b2c3d4e5"); pass the --env of that organization');
  });
});

describe('the compiled CLI as a process (the SDK reads the endpoint overrides and credentials itself)', () => {
  test('reaches the fake through AWS_ENDPOINT_URL and exits 0', async () => {
    const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) =>
      cliProcessAsync(['coverage', '--map', EXAMPLE_MAP_FILE, '--format', 'json'], { env: fake.env() }));
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as CoverageReport).summary.cells.logging).toBe(6);
  }, 60_000);

  test('--profile: credentials of a profile of the shared files', async () => {
    const credentials = path.join(dir, 'credentials');
    fs.writeFileSync(credentials, `[audit]\naws_access_key_id = ${MANAGEMENT_ACCESS_KEY}\naws_secret_access_key = fake-management-secret\n`);
    const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) =>
      cliProcessAsync(['coverage', '--map', EXAMPLE_MAP_FILE, '--profile', 'audit'], { env: { ...envWithoutAws(), AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_ENDPOINT_URL: fake.endpoint } }));
    expect(result.stdout).toContain('PASS: 6 of 6');
    expect(result.status).toBe(0);
  }, 60_000);

  test('fails if there are no credentials, and says how to get them', async () => {
    const result = await withFake({ model: smallOrganization(config, Date.now()) }, (fake) =>
      cliProcessAsync(['coverage', '--map', EXAMPLE_MAP_FILE], { env: { ...envWithoutAws(), AWS_ENDPOINT_URL: fake.endpoint } }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('coverage has 1 issue:\n- credentials: none found for sts:GetCallerIdentity (got nothing); sign in to the management account');
  }, 60_000);
});
