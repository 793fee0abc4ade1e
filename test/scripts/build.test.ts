/**
 * The build command as users run it: a child process of `tsx scripts/build.ts`, writing real files.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultMapFile, EXAMPLE_MAP_FILE, loadEnvironment } from '../../cdk/env/load';
import { buildPackage } from '../../cdk/package/build';
import { rawExample } from '../helpers/example';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function build(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [path.join(ROOT, 'scripts', 'build.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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

/** The committed package at the repository root: the manifest and the two generated folders. */
function committedPackage(): Record<string, string> {
  const out: Record<string, string> = { 'manifest.yaml': fs.readFileSync(path.join(ROOT, 'manifest.yaml'), 'latin1') };
  for (const folder of ['customizations', 'policies']) {
    for (const [rel, content] of Object.entries(readTree(path.join(ROOT, folder)))) out[`${folder}/${rel}`] = content;
  }
  return out;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'build-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run build -- --out <dir>', () => {
  let first: ReturnType<typeof build>;
  const outA = (): string => path.join(tmp, 'a');
  const outB = (): string => path.join(tmp, 'b');

  beforeAll(() => {
    first = build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', outA()]);
    build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', outB()]);
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

test('the committed package equals what `npm run build` writes', () => {
  // Same map and environment as a plain `npm run build` on this clone.
  const { config, source } = loadEnvironment(undefined, defaultMapFile());
  const built = buildPackage(config, `Built by \`npm run build -- --env ${config.name}\` from ${source}.`);
  const expected = Object.fromEntries([...built.files].map(([f, c]) => [f, Buffer.from(c).toString('latin1')]));
  const committed = committedPackage();
  const drifted = Object.keys({ ...expected, ...committed }).filter((f) => expected[f] !== committed[f]);
  if (drifted.length > 0) {
    throw new Error(`The committed package differs from the build in: ${drifted.join(', ')}. Run \`npm run build\` and commit the result.`);
  }
  expect(drifted).toEqual([]);
}, 60_000);

describe('fails if the environment map is invalid', () => {
  test('exits 1, names the file, field, value and fix, and leaves the package byte for byte', () => {
    const out = path.join(tmp, 'kept');
    expect(build(['--map', EXAMPLE_MAP_FILE, '--env', 'example', '--out', out]).status).toBe(0);
    const before = readTree(out);

    const map = path.join(tmp, 'bad-map.js');
    const bad = { ...rawExample(), organizationId: 'o-BAD', members: { ...rawExample().members, regions: ['us-east-1', 'atlantis-1'] } };
    fs.writeFileSync(map, `exports.environmentMap = ${JSON.stringify({ environments: { example: bad } })};\n`);
    const result = build(['--map', map, '--out', out]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${map} (environment "example") has 2 issues:`);
    expect(result.stderr).toContain('- organizationId: is not an AWS Organizations ID (got "o-BAD");');
    expect(result.stderr).toContain('- members.regions[1]: is not a known region of the aws partition (got "atlantis-1");');
    expect(result.stderr).not.toContain('    at '); // no stack trace for a user error
    expect(readTree(out)).toEqual(before);
  }, 120_000);

  test('exits 1 for an unknown environment name', () => {
    const result = build(['--map', EXAMPLE_MAP_FILE, '--env', 'nope', '--out', path.join(tmp, 'never')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- --env: names no environment of the map (got "nope"); use one of: example');
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  }, 60_000);

  test('exits 1 for an unknown option, with the usage', () => {
    const result = build(['--evn', 'example']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option '--evn'");
    expect(result.stderr).toContain('Usage: npm run build');
  }, 60_000);
});
