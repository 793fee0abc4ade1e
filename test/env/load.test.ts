import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLE_MAP_FILE, formatWarnings, loadEnvironment } from '../../cdk/env/load';
import { loadSelectedEnvironment } from '../../scripts/lib/environment';
import { cliProcess, RUNS_AS_ROOT } from '../helpers/cli';
import { userError } from '../helpers/errors';
import { rawExample, writeMapFile } from '../helpers/example';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-map-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a JavaScript map module and returns its path. */
function mapFile(name: string, map: unknown): string {
  return writeMapFile(path.join(dir, `${name}.js`), map);
}


test('loads the example by its default environment and applies defaults', () => {
  const { config, source } = loadEnvironment(undefined, EXAMPLE_MAP_FILE);
  expect(source).toBe(path.join('cdk', 'env', 'map.example.ts'));
  expect(config.name).toBe('example');
  expect(config.prefix).toBe('bedrock-logs');
  expect(config.executionRoleName).toBe('AWSControlTowerExecution');
  expect(config.lambdaTrustScope).toBe('function-arn');
});

test('picks the only environment when no default is set', () => {
  const file = mapFile('single', { environments: { prod: rawExample() } });
  expect(loadEnvironment(undefined, file).config.name).toBe('prod');
});

test('--env selects another environment', () => {
  const other = { ...rawExample(), resourcePrefix: 'llm-audit' };
  const file = mapFile('two', { defaultEnvironment: 'dev', environments: { dev: rawExample(), prod: other } });
  expect(loadEnvironment('prod', file).config.prefix).toBe('llm-audit');
  expect(loadEnvironment(undefined, file).config.name).toBe('dev');
});

test('fails if --env names no environment of the map, listing the names', () => {
  const file = mapFile('names', { defaultEnvironment: 'dev', environments: { dev: rawExample(), prod: rawExample() } });
  const err = userError(() => loadEnvironment('staging', file));
  expect(err.issues).toEqual(['- --env: names no environment of the map (got "staging"); use one of: dev, prod']);
});

test('fails if there is no default and several environments', () => {
  const file = mapFile('nodefault', { environments: { dev: rawExample(), prod: rawExample() } });
  const err = userError(() => loadEnvironment(undefined, file));
  expect(err.issues[0]).toContain('- defaultEnvironment: is not set and the map has 2 environments');
  expect(err.issues[0]).toContain('pass --env <name> (one of: dev, prod)');
});

test('fails if the map file does not exist', () => {
  const err = userError(() => loadEnvironment(undefined, path.join(dir, 'missing.ts')));
  expect(err.issues[0]).toContain('does not exist');
  expect(err.issues[0]).toContain('copy cdk/env/map.example.ts to cdk/env/map.ts');
});

test('fails if --map names a folder or a device, saying what to pass', () => {
  expect(userError(() => loadEnvironment(undefined, dir)).issues).toEqual([
    `- file: is a folder, not a file (got "${dir}"); pass the file itself, not its folder; copy cdk/env/map.example.ts to cdk/env/map.ts, or pass --map <file>`,
  ]);
  expect(userError(() => loadEnvironment(undefined, '/dev/null')).issues).toEqual([
    '- file: is not a regular file (a device, pipe or socket) (got "/dev/null"); copy cdk/env/map.example.ts to cdk/env/map.ts, or pass --map <file>',
  ]);
});

test(`fails if the map file may not be read, without a stack${RUNS_AS_ROOT ? ' (the CLI as nobody: root may read anything)' : ''}`, () => {
  const folder = fs.mkdtempSync(path.join(dir, 'unreadable-'));
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(folder, 0o755);
  const file = path.join(folder, 'map.ts');
  fs.copyFileSync(EXAMPLE_MAP_FILE, file);
  fs.chmodSync(file, 0o000);
  const result = cliProcess(['build', '--map', 'map.ts', '--out', 'out'], { cwd: folder, unprivileged: true });
  expect(result.stderr).toBe('map.ts has 1 issue:\n- (file): is not readable (permission denied) (EACCES); give the user running this read access to it, or run as its owner\n');
  expect(result.status).toBe(1);
  expect(fs.readdirSync(folder)).toEqual(['map.ts']);
});

test('fails if the map exports no environments', () => {
  const file = path.join(dir, 'empty.js');
  fs.writeFileSync(file, 'exports.somethingElse = 1;\n');
  const err = userError(() => loadEnvironment(undefined, file));
  expect(err.issues[0]).toContain('- environmentMap: is not exported, or has no `environments` object');
});

test('fails if the environment is invalid, with a header naming the file and environment', () => {
  const file = mapFile('invalid', { environments: { prod: { ...rawExample(), homeRegion: 'nowhere-1' } } });
  const err = userError(() => loadEnvironment(undefined, file));
  expect(err.message.split('\n')[0]).toBe(`${file} (environment "prod") has 1 issue:`);
  expect(err.issues[0]).toContain('- homeRegion: is not a known region');
});

describe('a TypeScript map is transformed, not type-checked, and its mistakes are user errors with a location', () => {
  function tsMap(name: string, text: string): string {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, text);
    return file;
  }

  test('loads a TypeScript map with types, interfaces and a local import', () => {
    fs.writeFileSync(path.join(dir, 'regions.ts'), "export const REGIONS: string[] = ['us-east-1', 'eu-west-1'];\n");
    const example = rawExample();
    const file = tsMap('typed', [
      "import type { EnvironmentMap } from './types-that-need-not-exist';",
      "import { REGIONS } from './regions';",
      'interface Extra { note: string }',
      `const base = ${JSON.stringify(example)} as const;`,
      'export const environmentMap: EnvironmentMap = { environments: { prod: { ...base, members: { ...base.members, regions: REGIONS } } } };',
      '',
    ].join('\n'));
    expect(loadEnvironment(undefined, file).config.members.regions).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('fails if the map has a syntax error: file, line, column and esbuild\'s message', () => {
    const file = tsMap('syntax', "export const environmentMap = {\n  environments: {\n    prod: { homeRegion 'x' },\n  },\n};\n");
    const err = userError(() => loadEnvironment(undefined, file));
    expect(err.issues).toEqual([`- ${file}:3:24: Expected "}" but found "'x'"; correct the syntax there`]);
  });

  test('fails if the map throws while it runs (a ReferenceError), at the line of the TypeScript source', () => {
    const file = tsMap('reference', "type T = { a: number };\n\nexport const environmentMap = {\n  environments: { prod: { homeRegion: undefinedThing } },\n};\n");
    const err = userError(() => loadEnvironment(undefined, file));
    expect(err.issues).toEqual([
      `- ${file}:4:39: ReferenceError: undefinedThing is not defined (while the map ran); fix the map; cdk/env/map.example.ts shows the shape`,
    ]);
  });

  test('loads a JSON map, and reports broken JSON as a user error', () => {
    const good = path.join(dir, 'map.json');
    fs.writeFileSync(good, JSON.stringify({ environments: { prod: rawExample() } }));
    expect(loadEnvironment(undefined, good).config.name).toBe('prod');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ "environments": ');
    expect(userError(() => loadEnvironment(undefined, bad)).issues[0]).toMatch(/^- file: is not valid JSON: /);
  });
});

describe('every environment of the map is checked, not only the selected one', () => {
  test('fails if another environment has an error, naming it by its path from the map\'s root', () => {
    const broken = { ...rawExample(), members: { ...rawExample().members, regions: ['eu-wset-2'] } };
    const file = mapFile('other-broken', { defaultEnvironment: 'dev', environments: { dev: rawExample(), prod: broken } });
    const err = userError(() => loadEnvironment('dev', file));
    expect(err.message.split('\n')[0]).toBe(`${file} has 1 issue:`);
    expect(err.issues).toEqual([
      "- environments.prod.members.regions[0]: is not a known region of the aws partition (got \"eu-wset-2\"); write 'eu-west-2'",
    ]);
  });

  test('fails with the errors of every environment at once, the selected one first', () => {
    const file = mapFile('both-broken', {
      environments: {
        prod: { ...rawExample(), organizationId: 'o-BAD' },
        dev: { ...rawExample(), members: { ...rawExample().members, accounts: ['222222222222'] } },
      },
    });
    const err = userError(() => loadEnvironment('dev', file));
    expect(err.issues.map((i) => i.split(':')[0])).toEqual(['- environments.dev.members.accounts[0]', '- environments.prod.organizationId']);
  });

  test('returns the warnings of every environment, by path from the map\'s root, without failing', () => {
    const noIds = rawExample();
    delete noIds.members.organizationalUnitIds;
    const optIn = { ...rawExample(), members: { ...rawExample().members, regions: ['eu-south-2'] } };
    const file = mapFile('warned', { defaultEnvironment: 'dev', environments: { dev: noIds, prod: optIn } });
    const loaded = loadEnvironment(undefined, file);
    expect(loaded.config.name).toBe('dev');
    expect(loaded.warnings.map((w) => w.path)).toEqual(['environments.dev.members.organizationalUnitIds', 'environments.prod.members.regions[0]']);
    expect(formatWarnings(loaded.source, loaded.warnings).split('\n')[0]).toBe(`warning: ${file} has 2 warnings:`);
  });

  test('the CLI prints the warnings on stderr and goes on', () => {
    const noIds = rawExample();
    delete noIds.members.organizationalUnitIds;
    const file = mapFile('printed', { environments: { dev: noIds } });
    let stderr = '';
    const loaded = loadSelectedEnvironment({ map: file }, { cwd: dir, stderr: { write: (text: string) => (stderr += text) } });
    expect(loaded.config.name).toBe('dev');
    expect(stderr).toBe([
      `warning: ${file} has 1 warning:`,
      '- environments.dev.members.organizationalUnitIds: has no ID for Workloads, Workloads:Prod, Sandbox: policies cannot name OUs, so the central bucket accepts the replication roles (bedrock-logs-replication-*) of every account of the organization, including the management account (got {}); '
        + "add the ID of every member OU ('Workloads': 'ou-…', 'Workloads:Prod': 'ou-…', 'Sandbox': 'ou-…'), copied from AWS Organizations",
      '',
    ].join('\n'));
  });
});

describe('the transformed map is cached, checked against every file esbuild read', () => {
  const past = new Date(Date.now() - 60_000);
  /** Writes a map with a local import, dated in the past (the cache ignores files changed while it bundles). */
  function writeMap(folder: string, region: string): string {
    fs.mkdirSync(folder, { recursive: true });
    const regions = path.join(folder, 'regions.ts');
    const file = path.join(folder, 'cached.ts');
    fs.writeFileSync(regions, `export const REGIONS: string[] = ['${region}'];\n`);
    fs.writeFileSync(file, [
      "import { REGIONS } from './regions';",
      `const base = ${JSON.stringify(rawExample())};`,
      'export const environmentMap = { environments: { prod: { ...base, members: { ...base.members, regions: REGIONS } } } };',
      '',
    ].join('\n'));
    for (const p of [regions, file, folder]) fs.utimesSync(p, past, past);
    return file;
  }

  test('serves the cached output while nothing changed, and a new one when an imported file changes', () => {
    const folder = fs.mkdtempSync(path.join(dir, 'cached-'));
    const file = writeMap(folder, 'eu-west-1');
    expect(loadEnvironment(undefined, file).config.members.regions).toEqual(['eu-west-1']);
    expect(loadEnvironment(undefined, file).config.members.regions).toEqual(['eu-west-1']);
    // Only the imported file changes; same length, so only its content can tell.
    fs.writeFileSync(path.join(folder, 'regions.ts'), "export const REGIONS: string[] = ['eu-west-2'];\n");
    expect(loadEnvironment(undefined, file).config.members.regions).toEqual(['eu-west-2']);
  });
});
