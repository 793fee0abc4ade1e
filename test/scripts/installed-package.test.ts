/**
 * Workflow (b) as an operator gets it: the package as `npm pack` ships it, installed in a CfCT
 * repository whose `node_modules` holds its runtime dependencies beside it (not inside it, as in
 * this checkout) and none of its development ones, run through the bin link npm makes. The package it builds there must be the one a
 * checkout builds: the handler bundles once depended on the checkout's layout (the schema fold
 * matched only `node_modules/…` paths, and esbuild read this checkout's tsconfig.json, which npm
 * does not ship), and the member template came out 110 KB larger, over its budget.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../cdk/env/load';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../cdk/paths';
import { copyTeamConfiguration } from '../helpers/tree';
import { tempDir } from './git-sandbox';

let repo: string;
let installed: string;
let bin: string;

beforeAll(() => {
  const work = tempDir('installed-package-');
  // What npm ships (package.json "files"), without running the prepare script again.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as { filename: string }[];
  repo = copyTeamConfiguration(work);
  installed = path.join(repo, 'node_modules', PACKAGE_NAME);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, packed[0].filename), '-C', installed, '--strip-components=1']);
  // The runtime dependencies beside the package, as npm hoists them, and no development ones
  // (linked from this checkout's install; package-lock.json marks the development-only packages).
  const lock = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.dev === true || !/^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) || !fs.existsSync(path.join(PACKAGE_ROOT, key))) continue;
    fs.mkdirSync(path.dirname(path.join(repo, key)), { recursive: true });
    fs.symlinkSync(path.join(PACKAGE_ROOT, key), path.join(repo, key));
  }
  bin = path.join(repo, 'node_modules', '.bin', PACKAGE_NAME);
  fs.mkdirSync(path.dirname(bin));
  fs.symlinkSync(path.join('..', PACKAGE_NAME, 'lib', 'scripts', 'cli.js'), bin);
  fs.copyFileSync(EXAMPLE_MAP_FILE, path.join(repo, 'bedrock-logging.map.ts'));
}, 120_000);

function runBin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(bin, args, { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the installed bin builds into a CfCT repository exactly the templates and policies a checkout builds', () => {
  expect(fs.existsSync(path.join(installed, 'tsconfig.json'))).toBe(false); // the layout under test
  const build = runBin(['build', '--map', './bedrock-logging.map.ts', '--env', 'example', '--out', '.']);
  expect(build.stderr).not.toContain('Unexpected error');
  expect(build.status).toBe(0);
  for (const file of [
    'customizations/bedrock-logs-aggregation.template.json',
    'customizations/bedrock-logs-member.template.json',
    'policies/bedrock-logs-guardrails.json',
    'policies/bedrock-logs-guardrails-2.json',
  ]) {
    expect([file, fs.readFileSync(path.join(repo, file), 'utf8') === fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')]).toEqual([file, true]);
  }
  // The team's own files are still there, and the record names the repository's map.
  expect(fs.existsSync(path.join(repo, 'policies', 'team-region-deny.json'))).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(repo, 'bedrock-invocation-logging.package.json'), 'utf8'))).toEqual(expect.objectContaining({ map: 'bedrock-logging.map.ts' }));
}, 120_000);

test('check needs no options there afterwards, and the installed hook validator accepts the result', () => {
  expect(runBin(['check'])).toEqual(expect.objectContaining({ status: 0, stdout: expect.stringContaining('is what bedrock-logging.map.ts builds for environment "example"') }));
  const validate = spawnSync(process.execPath, [path.join(installed, 'lib', 'validate.js'), '--dir', repo], { encoding: 'utf8', timeout: 60_000 });
  expect({ status: validate.status, stderr: validate.stderr }).toEqual({ status: 0, stderr: '' });
  expect(validate.stdout).toContain('validate: manifest.yaml and the files it references are valid');
}, 120_000);

test('docs, which needs the development dependencies, says where to run it instead of crashing', () => {
  const docs = runBin(['docs', '--check']);
  expect(docs.status).toBe(1);
  expect(docs.stderr).toBe(
    `${PACKAGE_NAME} has 1 issue:\n- command: needs typescript, a development dependency of ${PACKAGE_NAME}, which is not installed here (got "docs"); ` +
      `run it in a checkout of ${PACKAGE_NAME} after \`npm ci\` (an installed package has its runtime dependencies only)\n`,
  );
}, 60_000);
