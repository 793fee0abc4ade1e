/**
 * The build command, in-process and as the compiled CLI, writing real files: into a new folder, and
 * into a CfCT configuration that holds another team's resources, comments and files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { MANIFEST_FILE, RECORD_FILE } from '../../../cdk/names';
import { findCfctCheck, prepareCfctCheck, runCfctCheck } from '../../../scripts/cfct/local-check';
import { cli, cliProcess, RUNS_AS_ROOT, type CliResult } from '../../helpers/cli';
import { rawExample, writeMapFile } from '../../helpers/example';
import { copyTeamConfiguration, makeFifo, readTree, without } from '../../helpers/tree';
import { tempDir } from '../git-sandbox';

let tmp: string;
beforeAll(() => {
  tmp = tempDir('build-cli-');
});

/** `build --map <example> ...` with the working directory in the temporary folder (no operator map there). */
function build(args: string[]): Promise<CliResult> {
  return cli(['build', '--map', EXAMPLE_MAP_FILE, ...args], { cwd: tmp });
}

const OUR_FILES = ['customizations/bedrock-logs-aggregation.template.json', 'customizations/bedrock-logs-member.template.json', 'policies/bedrock-logs-guardrails-2.json', 'policies/bedrock-logs-guardrails.json'];

describe('build --out <new folder>', () => {
  let first: CliResult;
  const out = (): string => path.join(tmp, 'a');

  beforeAll(async () => {
    first = await build(['--out', out()]);
  }, 120_000);

  test('writes the manifest, the package record, one template per StackSet and the policies', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(Object.keys(readTree(out())).sort()).toEqual([RECORD_FILE, ...OUR_FILES, MANIFEST_FILE].sort());
    expect(first.stdout).toMatch(/^Built environment "example" \(organization o-a1b2c3d4e5\) from \S*cdk\/env\/map\.example\.ts into a\/$/m);
    expect(first.stdout).toMatch(/^ {2}manifest\.yaml +\d+ bytes {2}written$/m);
    expect(first.stdout).toMatch(/^Build finished in \d+\.\d\d s$/m);
  });

  test('a second build of the same input changes no byte and no modification time', async () => {
    const before = readTree(out(), true);
    const second = await build(['--out', out()]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^ {2}manifest\.yaml +\d+ bytes {2}unchanged$/m);
    expect(second.stdout).toMatch(/^Nothing changed \(\d+\.\d\d s\)$/m);
    expect(readTree(out(), true)).toEqual(before);
  }, 120_000);
});

describe('build --out <a CfCT configuration of another team>', () => {
  let dir: string;
  let before: Record<string, string>;
  let result: CliResult;

  beforeAll(async () => {
    dir = copyTeamConfiguration(tmp);
    before = readTree(dir);
    result = await build(['--out', dir]);
  }, 120_000);

  test('adds this package and leaves every other file byte for byte', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const after = readTree(dir);
    expect(without(after, [MANIFEST_FILE, RECORD_FILE, ...OUR_FILES])).toEqual(without(before, [MANIFEST_FILE]));
    expect(after[MANIFEST_FILE].startsWith(before[MANIFEST_FILE].slice(0, before[MANIFEST_FILE].indexOf('\n\n# End of the team')))).toBe(true);
    expect(after[MANIFEST_FILE].endsWith('\n# End of the team\'s resources. Add new ones above this line.\n')).toBe(true);
  });

  test('the merged package passes validate', async () => {
    const validate = await cli(['validate', '--dir', dir], { cwd: tmp });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
  });

  const cfct = findCfctCheck();
  (cfct.available ? test : test.skip)(`the merged package passes CfCT's own check (pykwalify + PyYAML + file loop)${cfct.available ? '' : ` [skipped: ${cfct.reason}]`}`, () => {
    const check = runCfctCheck(prepareCfctCheck(path.join(tmp, 'cfct-check')), dir);
    expect(check.output).toContain('validation.valid');
    expect(check).toMatchObject({ ok: true });
  });
  if (!cfct.available) process.stderr.write(`CfCT's own check skipped: ${cfct.reason}\n`);

  test('a second build changes nothing', async () => {
    const merged = readTree(dir, true);
    expect((await build(['--out', dir])).status).toBe(0);
    expect(readTree(dir, true)).toEqual(merged);
  }, 120_000);
});

describe('fails, leaving the folder byte for byte, if', () => {
  test('fails if a file of the team is at one of the package\'s paths', async () => {
    const dir = copyTeamConfiguration(tmp);
    fs.mkdirSync(path.join(dir, 'customizations'));
    fs.writeFileSync(path.join(dir, 'customizations', 'bedrock-logs-member.template.json'), '{"Resources":{}}\n');
    const before = readTree(dir, true);
    const result = await build(['--out', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe([
      `${dir}/ has 1 issue:`,
      '- customizations/bedrock-logs-member.template.json: is in the way: it exists, but the package record does not list it as a file of this package; it belongs to somebody else: rename or move it, or give the environment another resourcePrefix; if an older build of bedrock-invocation-logging-cfct wrote it (before the package record existed), delete it and build again',
      'build: nothing was written',
      '',
    ].join('\n'));
    expect(readTree(dir, true)).toEqual(before);
  }, 120_000);

  test('fails if the manifest\'s region is not the environment\'s home region', async () => {
    const dir = copyTeamConfiguration(tmp);
    const manifest = path.join(dir, MANIFEST_FILE);
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('region: us-east-1', 'region: eu-west-1'));
    const before = readTree(dir, true);
    const result = await build(['--out', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${manifest}:4 region: is not the environment's home region us-east-1 (got "eu-west-1"); build the environment whose homeRegion is eu-west-1 into this folder`);
    expect(result.stderr).not.toContain('    at ');
    expect(readTree(dir, true)).toEqual(before);
  }, 120_000);

  test('fails if the environment map is invalid, naming the file, field, value and fix', async () => {
    const out = path.join(tmp, 'kept');
    expect((await build(['--out', out])).status).toBe(0);
    const before = readTree(out, true);
    const map = path.join(tmp, 'bad-map.js');
    const bad = { ...rawExample(), organizationId: 'o-BAD', members: { ...rawExample().members, regions: ['us-east-1', 'atlantis-1'] } };
    writeMapFile(map, { environments: { example: bad } });
    const result = await cli(['build', '--map', map, '--out', out], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bad-map.js (environment "example") has 2 issues:');
    expect(result.stderr).toContain('- organizationId: is not an AWS Organizations ID (got "o-BAD");');
    expect(result.stderr).not.toContain('    at ');
    expect(readTree(out, true)).toEqual(before);
  }, 120_000);

  test('fails if --env names no environment, or an option is misspelt', async () => {
    const result = await build(['--env', 'nope', '--out', path.join(tmp, 'never')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --env: names no environment of the map (got "nope"); use one of: example');
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
    expect((await build(['--evn', 'example'])).stderr).toContain('- --evn: is not an option of this command (got "--map');
  });
});

describe('fails with exit 1 and no stack if --out is unusable', () => {
  test('fails if --out names a file, or a path under a file', async () => {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'x');
    expect((await build(['--out', file])).stderr).toBe('--out has 1 issue:\n- --out: names a file, not a folder (got "a-file"); pass the folder that holds (or will hold) manifest.yaml\n');
    expect((await build(['--out', path.join(file, 'sub')])).stderr).toBe('--out has 1 issue:\n- --out: is under a-file, which is a file (got "a-file/sub"); choose a path whose parent folders are folders\n');
  });

  const asWho = RUNS_AS_ROOT ? ', run as nobody: root may read and write anywhere' : '';
  test(`fails if --out is a read-only folder (the compiled CLI${asWho})`, () => {
    const parent = fs.mkdtempSync(path.join(tmp, 'ro-'));
    const readOnly = path.join(parent, 'package');
    fs.mkdirSync(readOnly);
    fs.chmodSync(tmp, 0o755);
    fs.chmodSync(parent, 0o755);
    fs.chmodSync(readOnly, 0o555);
    const result = cliProcess(['build', '--map', EXAMPLE_MAP_FILE, '--out', readOnly], { cwd: parent, unprivileged: true });
    expect(result.stderr).toBe(`--out has 1 issue:\n- --out: is not writable (permission denied): package (EACCES) (got "package"); choose a folder you may write to, or fix its permissions\n`);
    expect(result.status).toBe(1);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  }, 120_000);

  test('fails if a pipe is at one of the package\'s paths, instead of waiting forever to read it (the compiled CLI)', async () => {
    const out = path.join(tmp, 'with-pipe');
    expect((await build(['--out', out])).status).toBe(0);
    const policy = path.join(out, 'policies', 'bedrock-logs-guardrails-2.json');
    fs.rmSync(policy);
    makeFifo(policy);
    const before = readTree(path.join(out, 'customizations'));
    for (const command of ['build', 'check']) {
      const result = cliProcess([command, '--map', EXAMPLE_MAP_FILE, '--out', 'with-pipe'], { cwd: tmp });
      expect(result.stderr).toBe('--out has 1 issue:\n- --out: is not a regular file (a device, pipe or socket): with-pipe/policies/bedrock-logs-guardrails-2.json (EFTYPE) (got "with-pipe"); remove it (the package writes a file there), or choose another folder\n');
      expect(result.status).toBe(1);
    }
    expect(fs.lstatSync(policy).isFIFO()).toBe(true);
    expect(readTree(path.join(out, 'customizations'))).toEqual(before);
  }, 120_000);

  test(`fails if the temporary folder, where the CDK writes its assembly, is read-only (the compiled CLI${asWho})`, () => {
    const readOnlyTmp = fs.mkdtempSync(path.join(tmp, 'tmpdir-'));
    fs.chmodSync(tmp, 0o755);
    fs.chmodSync(readOnlyTmp, 0o555);
    const out = path.join(tmp, 'never-written');
    const result = cliProcess(['build', '--map', EXAMPLE_MAP_FILE, '--out', out], { cwd: tmp, env: { ...process.env, TMPDIR: readOnlyTmp }, unprivileged: true });
    expect(result.stderr).toBe(`TMPDIR has 1 issue:\n- TMPDIR: is not writable (permission denied): ${path.basename(readOnlyTmp)}/cdk-assembly-XXXXXX (EACCES) (got "${path.basename(readOnlyTmp)}"); choose a folder you may write to, or fix its permissions\n`);
    expect(result.status).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  }, 120_000);

  test(`fails if --out holds a file this user may not read, and if --out is in a folder this user may not enter (the compiled CLI${asWho})`, async () => {
    const parent = fs.mkdtempSync(path.join(tmp, 'unreadable-'));
    fs.chmodSync(tmp, 0o755);
    fs.chmodSync(parent, 0o755);
    const out = path.join(parent, 'package');
    expect((await build(['--out', out])).status).toBe(0);
    const manifest = path.join(out, MANIFEST_FILE);
    fs.chmodSync(manifest, 0o600);
    fs.chmodSync(out, 0o777);
    const before = readTree(out);
    const unreadable = cliProcess(['build', '--map', EXAMPLE_MAP_FILE, '--out', 'package'], { cwd: parent, unprivileged: true });
    expect(unreadable.stderr).toBe('--out has 1 issue:\n- --out: is not readable (permission denied): package/manifest.yaml (EACCES) (got "package"); choose a folder you may read and write, or fix its permissions\n');
    expect(unreadable.status).toBe(1);
    expect(readTree(out)).toEqual(before);

    fs.chmodSync(manifest, 0o644);
    fs.chmodSync(parent, 0o000);
    try {
      const closed = cliProcess(['build', '--map', EXAMPLE_MAP_FILE, '--out', path.join(path.basename(parent), 'package')], { cwd: tmp, unprivileged: true });
      const shown = `${path.basename(parent)}/package`;
      expect(closed.stderr).toBe(`--out has 1 issue:\n- --out: is not readable (permission denied): ${shown}/${RECORD_FILE} (EACCES) (got "${shown}"); choose a folder you may read and write, or fix its permissions\n`);
      expect(closed.status).toBe(1);
    } finally {
      fs.chmodSync(parent, 0o755);
    }
    expect(readTree(out)).toEqual(before);
  }, 120_000);
});
