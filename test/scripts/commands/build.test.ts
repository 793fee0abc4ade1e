/**
 * The build command, in-process and as the compiled CLI, writing real files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { cli, type CliResult } from '../../helpers/cli';
import { rawExample } from '../../helpers/example';

function build(args: string[]): Promise<CliResult> {
  return cli(['build', ...args]);
}

/** Every file under `dir` with its bytes, relative paths with forward slashes. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'build-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('build --out <dir>', () => {
  let first: CliResult;
  const outA = (): string => path.join(tmp, 'a');
  const outB = (): string => path.join(tmp, 'b');

  beforeAll(async () => {
    first = await build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', outA()]);
    await build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', outB()]);
  }, 120_000);

  test('writes the manifest, one template per StackSet and the policies, and prints its wall time', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const files = Object.keys(readTree(outA())).sort();
    expect(files).toEqual(expect.arrayContaining([
      'customizations/bedrock-logs-aggregation.template.json',
      'customizations/bedrock-logs-member.template.json',
      'manifest.yaml',
      'policies/bedrock-logs-guardrails.json',
    ]));
    expect(files.every((f) => f === 'manifest.yaml' || /^(customizations\/[a-z0-9-]+\.template\.json|policies\/[a-z0-9-]+\.json)$/.test(f))).toBe(true);
    expect(first.stdout).toMatch(/^Build finished in \d+\.\d\d s$/m);
  });

  test('two builds of the same input are byte-identical', () => {
    expect(readTree(outB())).toEqual(readTree(outA()));
  });
});

describe('fails if the environment map is invalid', () => {
  test('exits 1, names the file, field, value and fix, and leaves the package byte for byte', async () => {
    const out = path.join(tmp, 'kept');
    expect((await build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', out])).status).toBe(0);
    const before = readTree(out);

    const map = path.join(tmp, 'bad-map.js');
    const bad = { ...rawExample(), organizationId: 'o-BAD', members: { ...rawExample().members, regions: ['us-east-1', 'atlantis-1'] } };
    fs.writeFileSync(map, `exports.environmentMap = ${JSON.stringify({ environments: { example: bad } })};\n`);
    const result = await build(['--map', map, '--out', out]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${map} (environment "example") has 2 issues:`);
    expect(result.stderr).toContain('- organizationId: is not an AWS Organizations ID (got "o-BAD");');
    expect(result.stderr).toContain('- members.regions[1]: is not a known region of the aws partition (got "atlantis-1");');
    expect(result.stderr).not.toContain('    at '); // no stack trace for a user error
    expect(readTree(out)).toEqual(before);
  }, 120_000);

  test('exits 1 for an unknown environment name', async () => {
    const result = await build(['--map', EXAMPLE_MAP_FILE, '--env', 'nope', '--out', path.join(tmp, 'never')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --env: names no environment of the map (got "nope"); use one of: example');
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  }, 60_000);

  test('exits 1 for an unknown option, with the option meant', async () => {
    const result = await build(['--evn', 'example']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --evn: is not an option of this command (got "--evn example"); did you mean `--env`?');
  }, 60_000);
});
