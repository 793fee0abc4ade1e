/**
 * `check` and `build --check`: is the package in a folder what its map builds? For operators' CI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { MANIFEST_FILE, RECORD_FILE } from '../../../cdk/names';
import { cli } from '../../helpers/cli';
import { rawExample, writeMapFile } from '../../helpers/example';
import { copyTeamConfiguration, readTree } from '../../helpers/tree';
import { tempDir } from '../git-sandbox';

let tmp: string;
let dir: string;
/** The operator's map, kept (and versioned) in their CfCT repository. */
let map: string;
beforeAll(async () => {
  tmp = tempDir('check-cli-');
  dir = copyTeamConfiguration(tmp);
  map = path.join(dir, 'bedrock-logging.map.js');
  writeMapFile(map, { environments: { prod: rawExample() } });
  const built = await cli(['build', '--map', map, '--out', '.'], { cwd: dir });
  expect(built.stderr).toBe('');
}, 120_000);

/** `check` run in the CfCT repository, as its CI runs it: no options, the record names the map. */
const check = (args: string[] = []) => cli(['check', ...args], { cwd: dir });

function edit(rel: string, change: (text: string) => string): () => void {
  const file = path.join(dir, rel);
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, change(original));
  return () => fs.writeFileSync(file, original);
}

test('exits 0 when the folder holds what the map the record names builds, with no options', async () => {
  expect(JSON.parse(fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8')).map).toBe('bedrock-logging.map.js');
  const result = await check();
  expect(result).toEqual({ status: 0, stderr: '', stdout: 'check: . is what bedrock-logging.map.js builds for environment "prod" (6 files)\n' });
});

test('fails if a template was edited by hand, listing it and writing nothing', async () => {
  const restore = edit('customizations/bedrock-logs-member.template.json', (text) => text.replace('"Resources"', '"Resources" '));
  try {
    const before = readTree(dir, true);
    for (const argv of [['check'], ['build', '--check']]) {
      const result = await cli(argv, { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe([
        '. has 1 issue:',
        '- customizations/bedrock-logs-member.template.json: differs from what the map builds; run `bedrock-invocation-logging-cfct build` (with the same --map/--env) and commit the result',
        'check: . is not what bedrock-logging.map.js builds for environment "prod"',
        '',
      ].join('\n'));
    }
    expect(readTree(dir, true)).toEqual(before);
  } finally {
    restore();
  }
}, 120_000);

test('fails if one of the package\'s manifest resources was edited, naming it; ignores edits to the team\'s', async () => {
  const restoreTeam = edit(MANIFEST_FILE, (text) => text.replace('Baseline IAM roles', 'Baseline roles'));
  try {
    expect((await check()).status).toBe(0);
    const restoreOurs = edit(MANIFEST_FILE, (text) => text.replace('      - eu-west-1\n', ''));
    try {
      const result = await check();
      expect(result.status).toBe(1);
      expect(result.stderr.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.split(';')[0])).toEqual([
        '- manifest.yaml: differs from what the map builds',
        '- manifest.yaml resource bedrock-logs-member: differs from what the map builds',
      ]);
    } finally {
      restoreOurs();
    }
  } finally {
    restoreTeam();
  }
}, 120_000);

test('fails if the map now builds other resources, listing the missing and the stale ones', async () => {
  const renamed = path.join(tmp, 'renamed.map.js');
  writeMapFile(renamed, { environments: { prod: { ...rawExample(), resourcePrefix: 'llm-logs' } } });
  const result = await check(['--map', renamed]);
  expect(result.status).toBe(1);
  const lines = result.stderr.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.split(';')[0]);
  expect(lines).toEqual(expect.arrayContaining([
    '- manifest.yaml resource llm-logs-member: is missing',
    '- manifest.yaml resource bedrock-logs-member: is stale: the build would remove it',
    '- customizations/llm-logs-member.template.json: is missing',
    '- customizations/bedrock-logs-member.template.json: is stale: the build would remove it',
  ]));
}, 120_000);

test('fails if the map the record names is gone, saying what to pass', async () => {
  const moved = `${map}.moved`;
  fs.renameSync(map, moved);
  try {
    const result = await check();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${RECORD_FILE} has 1 issue:\n- map: names the map the package was built from, which does not exist (got "bedrock-logging.map.js"); pass --map <file> (and --env <name>) to say what to build from\n`);
  } finally {
    fs.renameSync(moved, map);
  }
});

test('fails if the folder has no package yet, listing every file as missing', async () => {
  const result = await cli(['check', '--map', EXAMPLE_MAP_FILE, '--out', 'nothing-here'], { cwd: tmp });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('- manifest.yaml: is missing;');
  expect(result.stderr).toContain(`- ${RECORD_FILE}: is missing;`);
  expect(fs.existsSync(path.join(tmp, 'nothing-here'))).toBe(false);
}, 120_000);
