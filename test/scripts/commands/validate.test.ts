import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { cli, CLI_JS, cliProcess, RUNS_AS_ROOT } from '../../helpers/cli';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { RECORD_FILE } from '../../../cdk/names';
import { renderRecord, type PackageRecord } from '../../../cdk/package/record';
import { PACKAGE_ROOT } from '../../../cdk/paths';
import { copyFixture, FIXTURES_DIR, VALID_FIXTURE } from '../../package/validate/fixture';
import { tempDir } from '../git-sandbox';
import { makeFifo } from '../../helpers/tree';

/** The record a build of the example environment writes (its files' hashes do not matter to validate). */
const EXAMPLE_RECORD: PackageRecord = {
  format: 1,
  generator: 'bedrock-invocation-logging-cfct',
  environment: 'example',
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '333333333333',
  homeRegion: 'us-east-1',
  resourcePrefix: 'bedrock-logs',
  scpSizeBudget: 5120,
  map: 'cdk/env/map.example.ts',
  resources: ['bedrock-logs-guardrails', 'bedrock-logs-aggregation', 'bedrock-logs-member'],
  files: {},
};

describe('validate', () => {
  test('exits 0 on the valid fixture', async () => {
    const result = await cli(['validate', '--dir', VALID_FIXTURE]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^validate: manifest\.yaml and the files it references are valid \(\d+ ms\)\n$/);
  });

  test('fails with exit 1 and every issue, grouped by file', async () => {
    const result = await cli(['validate', '--dir', path.join(FIXTURES_DIR, 'many-problems')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('- '))).toEqual([
      'customizations/bedrock-logs-aggregation.template.json has 1 issue:',
      'manifest.yaml has 4 issues:',
      'policies/bedrock-logs-guardrails.json has 1 issue:',
      'validate: 6 issues in 3 files',
    ]);
    expect(lines).toContain(
      '- manifest.yaml:14 resources[0].deployment_targets.organizational_units[1]: starts with `Root:`: CfCT names OUs from below the root ' +
        '(got "Root:Workloads:Prod"); write "Workloads:Prod" (use "Root" alone for the organization root) [manifest-ou-paths]',
    );
  });

  /** A copy of the valid fixture with a package record saying `record`. */
  function withRecord(record: Partial<PackageRecord>): string {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, RECORD_FILE), renderRecord({ ...EXAMPLE_RECORD, ...record }));
    return dir;
  }

  test('checks policies against the SCP budget of the package record; --scp-budget overrides it', async () => {
    const dir = withRecord({ scpSizeBudget: 1000 });
    const tight = await cli(['validate', '--dir', dir]);
    expect(tight.status).toBe(1);
    expect(tight.stderr).toMatch(/policies\/bedrock-logs-guardrails\.json.*over.*1,?000/);
    expect((await cli(['validate', '--dir', dir, '--scp-budget', '5120'])).status).toBe(0);
  });

  test('never loads a map unless asked: a broken cdk/env/map.ts in the working directory does not matter', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cwd-'));
    try {
      fs.mkdirSync(path.join(cwd, 'cdk', 'env'), { recursive: true });
      fs.writeFileSync(path.join(cwd, 'cdk', 'env', 'map.ts'), 'export const environmentMap = { environments: { prod: {\n');
      expect(await cli(['validate', '--dir', withRecord({})], { cwd })).toMatchObject({ status: 0, stderr: '' });
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('fails if the package record differs from the map entry --map/--env names', async () => {
    const dir = withRecord({ organizationId: 'o-zzzzzzzzzz', environment: 'staging' });
    const result = await cli(['validate', '--dir', dir, '--map', EXAMPLE_MAP_FILE, '--env', 'example']);
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${RECORD_FILE} has 2 issues:`);
    expect(lines[1]).toMatch(/^- bedrock-invocation-logging\.package\.json environment: is "staging" in the package record but "example" in environment "example" of .*map\.example\.ts \(got "staging"\); rebuild the package from that map entry/);
    expect(lines[2]).toMatch(/^- bedrock-invocation-logging\.package\.json organizationId: is "o-zzzzzzzzzz" in the package record but "o-a1b2c3d4e5" in environment "example" of /);
    expect(lines.at(-1)).toBe('validate: 2 issues in 1 file');
    expect((await cli(['validate', '--dir', withRecord({}), '--map', EXAMPLE_MAP_FILE])).status).toBe(0);
  });

  test('fails with exit 1 if --scp-budget is over 10240', async () => {
    const result = await cli(['validate', '--dir', VALID_FIXTURE, '--scp-budget', '20000']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('validate has 1 issue:\n- --scp-budget: must be a whole number from 1 to 10240 (got 20000); Organizations allows at most 10240 characters per SCP\n');
  });

  test(`fails with exit 1 naming a file or folder it may not read${RUNS_AS_ROOT ? ' (run as nobody: root may read anything)' : ''}`, () => {
    const dir = copyFixture();
    const name = path.basename(dir);
    const cwd = path.dirname(dir);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'manifest.yaml'), 0o000);
    const file = cliProcess(['validate', '--dir', name], { cwd, unprivileged: true });
    expect(file.stderr).toBe(`${name}/manifest.yaml has 1 issue:\n- (file): is not readable (permission denied) (EACCES); give the user running this read access to it, or run as its owner\n`);
    expect(file.status).toBe(1);
    fs.chmodSync(path.join(dir, 'manifest.yaml'), 0o644);
    fs.chmodSync(dir, 0o000);
    try {
      const folder = cliProcess(['validate', '--dir', name], { cwd, unprivileged: true });
      expect(folder.stderr).toBe(`--dir has 1 issue:\n- --dir: is not readable (permission denied): ${name}/${RECORD_FILE} (EACCES) (got "${name}"); choose a folder you may read and write, or fix its permissions\n`);
      expect(folder.status).toBe(1);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  test('fails with exit 1 and a suggestion on a misspelt option', async () => {
    const result = await cli(['validate', '--dri', 'x']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('bedrock-invocation-logging-cfct validate has 1 issue:\n- --dri: is not an option of this command (got "--dri x"); did you mean `--dir`?\n');
  });
});

/** The pre-commit hook's single-file validator (scripts/compile.js bundles it). */
const VALIDATE_BUNDLE = path.join(PACKAGE_ROOT, 'lib', 'validate.js');

describe('the validate path', () => {
  /** The packages a real run of the compiled CLI loaded (from node's module cache at exit). */
  function packagesLoaded(entry: string, argv: string[], cwd: string): string[] {
    const recorder = path.join(tempDir('loaded-'), 'record.js');
    fs.writeFileSync(recorder, `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n`);
    const result = spawnSync(process.execPath, ['--require', recorder, entry, ...argv], { cwd, encoding: 'utf8' });
    const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
    if (!line) throw new Error(`no module list: ${result.stderr}`);
    const files = JSON.parse(line.slice('LOADED '.length)) as string[];
    const names = files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((n): n is string => n !== undefined && n !== '.cache');
    return [...new Set(names)].sort();
  }

  const withoutAjv = (names: string[]): string[] => names.filter((name) => name !== 'ajv' && !name.startsWith('fast-') && name !== 'json-schema-traverse' && name !== 'require-from-string');

  test('loads neither aws-cdk-lib nor esbuild nor the AWS SDK: only yaml (and ajv on a cache miss)', () => {
    expect(withoutAjv(packagesLoaded(CLI_JS, ['validate', '--dir', VALID_FIXTURE], os.tmpdir()))).toEqual(['yaml']);
  });

  test('the hook\'s bundled validator (lib/validate.js) loads no package at all but ajv on a cache miss, and answers as the CLI does', () => {
    expect(withoutAjv(packagesLoaded(VALIDATE_BUNDLE, ['--dir', VALID_FIXTURE], os.tmpdir()))).toEqual([]);
    for (const dir of [VALID_FIXTURE, path.join(FIXTURES_DIR, 'many-problems')]) {
      const bundled = spawnSync(process.execPath, [VALIDATE_BUNDLE, '--dir', dir], { encoding: 'utf8' });
      const cli = cliProcess(['validate', '--dir', dir]);
      const timeless = (text: string): string => text.replace(/\(\d+ ms\)/, '(n ms)');
      expect({ status: bundled.status, stdout: timeless(bundled.stdout), stderr: bundled.stderr }).toEqual({ status: cli.status, stdout: timeless(cli.stdout), stderr: cli.stderr });
    }
  });

  test('lib/validate.js keeps V8\'s code cache: made by the first run, reused as is, and a damaged one is replaced, with the same answer each time', () => {
    const cacheDir = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'bedrock-invocation-logging-cfct');
    const caches = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((name) => name.startsWith('validate-code-') && name.endsWith('.bin')) : []);
    const run = (): { status: number | null; stdout: string; stderr: string } => {
      const result = spawnSync(process.execPath, [VALIDATE_BUNDLE, '--dir', VALID_FIXTURE], { encoding: 'utf8', timeout: 30_000 });
      return { status: result.status, stdout: result.stdout.replace(/\(\d+ ms\)/, '(n ms)'), stderr: result.stderr };
    };
    for (const name of caches()) fs.rmSync(path.join(cacheDir, name));
    const first = run();
    expect(first.status).toBe(0);
    expect(caches()).toHaveLength(1);
    const cache = path.join(cacheDir, caches()[0]);
    expect(cache).toContain(`-${process.version}-${process.arch}.bin`);

    const made = fs.statSync(cache).mtimeMs;
    expect(run()).toEqual(first);
    expect(fs.statSync(cache).mtimeMs).toBe(made); // accepted by V8: not written again

    fs.writeFileSync(cache, 'not a code cache');
    expect(run()).toEqual(first);
    expect(fs.readFileSync(cache, 'utf8')).not.toBe('not a code cache');

    // A pipe there is not read (it would wait forever: the run's timeout would end it) but replaced.
    fs.rmSync(cache);
    makeFifo(cache);
    expect(run()).toEqual(first);
    expect(fs.statSync(cache).isFile()).toBe(true);
  });

  test('compile bundles lib/validate.js again when a file it is made of is newer than it', () => {
    const { bundleValidate } = require('../../../scripts/compile') as { bundleValidate: () => boolean };
    expect(bundleValidate()).toBe(false);
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(VALIDATE_BUNDLE, past, past);
    expect(bundleValidate()).toBe(true);
    expect(bundleValidate()).toBe(false);
  });
});
