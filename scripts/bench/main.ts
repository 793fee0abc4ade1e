/**
 * `npm run bench [-- --runs <n>] [--only <name,name>] [--entries <n>]`: wall-clock figures for the
 * project's commands, side by side with what they are compared to, as a table (min / median / max
 * ms over n runs, after one untimed warm-up run each) and ratios of medians.
 *
 * Method: measurements of one group run interleaved (A B C A B C ...), so that a change in the
 * machine's speed (other processes, thermal throttling) hits all of them alike and their ratios hold;
 * the machine's load average is printed before and after. Every measured command is a real process,
 * started from a clean state where it matters (`before`: the build's output folder is removed, so
 * every build writes the whole package, as `cdk synth` writes its whole assembly).
 *
 * Groups:
 * - build: this project's build of the example environment, run the two ways the README runs it
 *   (`README_BUILD`: in a fork, and through the installed bin in a CfCT repository), the first
 *   build after an install (no code cache yet), and through `npm run build` and `npx`, which add
 *   npm's start-up (measured alone as `npm-noop`), next to `npx cdk synth --no-validation` of the
 *   same app (cdk.json) writing the same templates;
 * - validate: `validate` as the pre-commit hook runs it (`node scripts/run.js validate` in
 *   a checkout of this project, `node <installed>/lib/validate.js` in a CfCT repository),
 *   next to CfCT's own local check of the same package (PyYAML, pykwalify, the file loop:
 *   scripts/cfct/local-check.ts), on a CfCT configuration of another team with this package merged.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { bundleAllHandlers } from '../../cdk/bundle';
import { bundleCacheDir } from '../../cdk/bundle-cache';
import { EXAMPLE_MAP_FILE } from '../../cdk/env/load';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../cdk/paths';
import { codeCacheFile } from '../cli';
import { findCfctCheck, prepareCfctCheck } from '../cfct/local-check';
import { CLI_JS } from '../../test/helpers/cli';
import { TEAM_CONFIGURATION } from '../../test/helpers/tree';
import { benchEmptier, formatEmptierBench } from './emptier';

// Created by the measured commands themselves; removed at the end.
const SCRATCH = path.join(os.tmpdir(), `bench-${process.pid}`);
const OUT_BUILD = path.join(SCRATCH, 'package');
const OUT_SYNTH = path.join(SCRATCH, 'cdk.out');
/** The team's CfCT configuration with this package merged in: what validate and CfCT's check read. */
const MERGED = path.join(SCRATCH, 'merged');

/** One thing to time: a child process (wall time, start to exit), or a function run in this process. */
export interface Measurement {
  readonly name: string;
  readonly description: string;
  /** `[executable, ...args]`; must exit 0. */
  readonly command?: readonly string[];
  /** Working directory of `command` (default: the repository root). */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run in this process instead of `command`. */
  readonly run?: () => void;
  /** Runs before each run, untimed (for example to remove the previous output). */
  readonly before?: () => void;
  /** Measurements with the same group run interleaved; see the file comment. */
  readonly group?: string;
}

/** `numerator / denominator` of the median times, with what the figure means. */
export interface Ratio {
  readonly numerator: string;
  readonly denominator: string;
  /** A target the ratio should meet (`<= 0.7`), printed next to it. */
  readonly target?: { readonly max?: number; readonly min?: number };
}

/** A package whose one npm script starts node and does nothing: what `npm run` costs before the build starts. */
const NPM_NOOP = path.join(SCRATCH, 'npm-noop');
const removeBuild = (): void => fs.rmSync(OUT_BUILD, { recursive: true, force: true });
const removeSynth = (): void => fs.rmSync(OUT_SYNTH, { recursive: true, force: true });
const BUILD_ARGS = ['build', '--map', EXAMPLE_MAP_FILE, '--out', OUT_BUILD];
const RUN_JS = path.join(PACKAGE_ROOT, 'scripts', 'run.js');
/** What `npm install` makes of the package's `bin` in a CfCT repository: a link to lib/scripts/cli.js. */
const BIN = path.join(SCRATCH, 'node_modules', '.bin', PACKAGE_NAME);

/**
 * How the README runs the build: its quick start and workflow (a), in a fork, and workflow (b), in
 * a CfCT repository that installed the package. A test keeps the README saying exactly these.
 */
export const README_BUILD = {
  fork: 'node scripts/run.js build',
  installed: `node_modules/.bin/${PACKAGE_NAME} build`,
} as const;

/**
 * The environment .githooks/pre-commit runs validate in: without NODE_EXTRA_CA_CERTS, which node
 * would read and parse as it starts (a test keeps the hook saying so).
 */
export const HOOK_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: '' };

export const MEASUREMENTS: readonly Measurement[] = [
  { name: 'node-startup', description: 'node -e "": the floor of any command', command: [process.execPath, '-e', ''] },
  { name: 'build-fork', group: 'build', before: removeBuild, description: `${README_BUILD.fork} --map <example> --out <tmp>: workflow a as the README runs it (brings lib/ up to date, then the compiled CLI)`, command: [process.execPath, RUN_JS, ...BUILD_ARGS] },
  { name: 'build-bin', group: 'build', before: removeBuild, description: `${README_BUILD.installed} --map <example> --out <tmp>: workflow b as the README runs it (the bin, lib/scripts/cli.js, run through its #! line)`, command: [BIN, ...BUILD_ARGS] },
  { name: 'build-first', group: 'build', before: () => (removeBuild(), fs.rmSync(codeCacheFile('build', []), { force: true })), description: "the same with the build's code cache removed first: the first build after an install or a Node.js upgrade", command: [BIN, ...BUILD_ARGS] },
  { name: 'build-npm', group: 'build', before: removeBuild, description: 'npm run --silent build -- --map <example> --out <tmp> (npm start-up included)', command: ['npm', 'run', '--silent', ...BUILD_ARGS.slice(0, 1), '--', ...BUILD_ARGS.slice(1)] },
  { name: 'build-npx', group: 'build', before: removeBuild, description: 'npx bedrock-invocation-logging-cfct build --map <example> --out <tmp> (npx start-up included)', command: ['npx', '--no-install', 'bedrock-invocation-logging-cfct', ...BUILD_ARGS] },
  { name: 'npm-noop', group: 'build', cwd: NPM_NOOP, description: 'npm run --silent noop, a script that runs `node -e ""`: npm\'s and node\'s start-up, the floor of `npm run build`', command: ['npm', 'run', '--silent', 'noop'] },
  // Without telemetry: its sender outlives the command, detached, and took the CPU from whatever ran next.
  { name: 'cdk-synth-no-validation', group: 'build', before: removeSynth, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, description: 'npx cdk synth --no-validation -o <tmp>: the same app through the CDK CLI (cdk.json), telemetry off', command: ['npx', 'cdk', 'synth', '--quiet', '--no-notices', '--no-validation', '-o', OUT_SYNTH] },
  { name: 'validate-hook', group: 'validate', env: HOOK_ENV, description: 'node scripts/run.js validate --dir <merged>: the pre-commit hook\'s command in a checkout of this project (runs lib/validate.js), as the hook runs it', command: [process.execPath, path.join(PACKAGE_ROOT, 'scripts', 'run.js'), 'validate', '--dir', MERGED] },
  { name: 'validate-installed', group: 'validate', env: HOOK_ENV, description: 'node <package>/lib/validate.js --dir <merged>: the pre-commit hook\'s command in a CfCT repository, as the hook runs it', command: [process.execPath, path.join(PACKAGE_ROOT, 'lib', 'validate.js'), '--dir', MERGED] },
  { name: 'validate-cli', group: 'validate', description: 'node <package>/lib/scripts/cli.js validate --dir <merged>: the bin, file by file', command: [process.execPath, CLI_JS, 'validate', '--dir', MERGED] },
  { name: 'validate-npm', group: 'validate', description: 'npm run --silent validate -- --dir <merged> (npm start-up included)', command: ['npm', 'run', '--silent', 'validate', '--', '--dir', MERGED] },
  { name: 'cfct-check', group: 'validate', description: "CfCT's local check of <merged>: PyYAML safe_load, pykwalify (v2 schema), the file loop" },
  {
    name: 'bundle-cold',
    description: 'bundleAllHandlers() with the bundle cache removed first: esbuild bundles both handlers (in-process)',
    run: () => void bundleAllHandlers(),
    before: () => fs.rmSync(bundleCacheDir(PACKAGE_ROOT), { recursive: true, force: true }),
  },
  {
    name: 'bundle-warm',
    description: 'bundleAllHandlers() from the bundle cache: every input hashed, nothing bundled (in-process)',
    run: () => void bundleAllHandlers(),
  },
  {
    name: 'matrix',
    description: 'npm run matrix: every scenario synthesized, every row of the security matrix simulated',
    command: [process.execPath, '--require', 'tsx/cjs', path.join(PACKAGE_ROOT, 'scripts', 'matrix', 'main.ts')],
  },
];

export const RATIOS: readonly Ratio[] = [
  { numerator: 'cdk-synth-no-validation', denominator: 'build-fork', target: { min: 4 } },
  { numerator: 'cdk-synth-no-validation', denominator: 'build-bin', target: { min: 4 } },
  { numerator: 'cdk-synth-no-validation', denominator: 'build-first' },
  { numerator: 'cdk-synth-no-validation', denominator: 'build-npm' },
  { numerator: 'cdk-synth-no-validation', denominator: 'build-npx' },
  { numerator: 'validate-hook', denominator: 'cfct-check', target: { max: 0.7 } },
  { numerator: 'validate-installed', denominator: 'cfct-check', target: { max: 0.7 } },
  { numerator: 'validate-cli', denominator: 'cfct-check' },
  { numerator: 'validate-npm', denominator: 'cfct-check' },
  { numerator: 'validate-installed', denominator: 'node-startup' },
  { numerator: 'bundle-cold', denominator: 'bundle-warm' },
];

export interface Result {
  readonly name: string;
  readonly samples: readonly number[];
}

export interface Summary {
  readonly runs: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: sorted.length, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

function targetText(ratio: Ratio, value: number): string {
  if (ratio.target?.min !== undefined) return ` (target >= ${ratio.target.min}: ${value >= ratio.target.min ? 'met' : 'NOT met'})`;
  if (ratio.target?.max !== undefined) return ` (target <= ${ratio.target.max}: ${value <= ratio.target.max ? 'met' : 'NOT met'})`;
  return '';
}

/** The table of results, then the ratios whose two measurements both ran. */
export function formatReport(results: readonly Result[], ratios: readonly Ratio[]): string {
  const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
  const rows = results.map((r) => {
    const s = summarize(r.samples);
    return [r.name, String(s.runs), ms(s.min), ms(s.median), ms(s.max)];
  });
  const header = ['measurement', 'runs', 'min ms', 'median ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), ...rows.map(line)];
  const medians = new Map(results.map((r) => [r.name, summarize(r.samples).median]));
  const ratioLines = ratios
    .filter((r) => medians.has(r.numerator) && medians.has(r.denominator))
    .map((r) => {
      const value = (medians.get(r.numerator) as number) / (medians.get(r.denominator) as number);
      return `${r.numerator} / ${r.denominator}: ${value.toFixed(2)}x${targetText(r, value)}`;
    });
  if (ratioLines.length > 0) out.push('', 'ratios of medians:', ...ratioLines.map((l) => `  ${l}`));
  out.push(...budgetLines(medians));
  return out.join('\n');
}

/**
 * Why the README runs the build without npm: where the time of `npm run build` goes, next to what
 * the 4× target leaves it. npm's and node's start-up (`npm-noop`) come before the build's first
 * line runs, whatever the build does.
 */
export function budgetLines(medians: ReadonlyMap<string, number>): string[] {
  const [synth, npm, node, build] = ['cdk-synth-no-validation', 'npm-noop', 'node-startup', 'build-bin'].map((name) => medians.get(name));
  if (synth === undefined || npm === undefined || node === undefined || build === undefined) return [];
  const budget = synth / 4;
  return [
    '',
    'budget of `npm run build` at 4x (medians):',
    `  cdk-synth-no-validation / 4:                         ${budget.toFixed(0)} ms`,
    `  npm and node start-up (npm-noop):                    ${npm.toFixed(0)} ms`,
    `  left for the build's own work:                       ${(budget - npm).toFixed(0)} ms`,
    `  the build's own work (build-bin - node-startup):     ${(build - node).toFixed(0)} ms`,
  ];
}

function timeOnce(m: Measurement): number {
  m.before?.();
  const start = performance.now();
  if (m.run) {
    m.run();
  } else if (m.command) {
    const [file, ...args] = m.command;
    const result = spawnSync(file, args, { cwd: m.cwd ?? PACKAGE_ROOT, env: m.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${m.name}: ${m.command.join(' ')} exited ${result.status}\n${result.stderr}`);
  }
  return performance.now() - start;
}

export function measure(measurements: readonly Measurement[], runs: number, log: (line: string) => void = () => undefined): Result[] {
  const samples = new Map<string, number[]>(measurements.map((m) => [m.name, []]));
  // Each group (or lone measurement) in turn; inside a group, round robin.
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = m.group ?? `#${m.name}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const group of groups.values()) {
    for (const m of group) {
      log(`${m.name}: ${m.description}`);
      timeOnce(m); // warm-up (file caches, the schema cache, npm's cache), not counted
    }
    for (let i = 0; i < runs; i++) {
      for (const m of group) samples.get(m.name)?.push(timeOnce(m));
    }
  }
  return measurements.map((m) => ({ name: m.name, samples: samples.get(m.name) ?? [] }));
}

/** The machine and its load, for the report's first lines. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  return `${cpus.length} CPU(s) ${cpus[0]?.model ?? '?'}, node ${process.version}, load average (1/5/15 min) ${load}`;
}

/** Builds the packages the measurements read (untimed); fills in CfCT's check command. */
function setUp(selected: readonly Measurement[]): Measurement[] {
  fs.mkdirSync(NPM_NOOP, { recursive: true });
  fs.mkdirSync(path.dirname(BIN), { recursive: true });
  fs.symlinkSync(CLI_JS, BIN);
  fs.writeFileSync(path.join(NPM_NOOP, 'package.json'), JSON.stringify({ name: 'npm-noop', version: '1.0.0', private: true, scripts: { noop: 'node -e ""' } }));
  fs.cpSync(TEAM_CONFIGURATION, MERGED, { recursive: true });
  const merged = spawnSync(process.execPath, [CLI_JS, 'build', '--map', EXAMPLE_MAP_FILE, '--out', MERGED], { encoding: 'utf8' });
  if (merged.status !== 0) throw new Error(`bench set-up: build into ${MERGED} failed:\n${merged.stderr}`);
  return selected.flatMap((m) => {
    if (m.name !== 'cfct-check') return [m];
    const tools = findCfctCheck();
    if (!tools.available) {
      process.stderr.write(`cfct-check skipped: ${tools.reason}\n`);
      return [];
    }
    const check = prepareCfctCheck(path.join(SCRATCH, 'cfct-check'));
    return [{ ...m, command: check.command, env: check.env, cwd: MERGED }];
  });
}

if (require.main === module) {
  void (async () => {
    const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, entries: { type: 'string' } } });
    const runs = Number(values.runs ?? 7);
    const only = values.only?.split(',');
    try {
      const selected = setUp(MEASUREMENTS.filter((m) => !only || only.includes(m.name)));
      const header = [
        `method: median of ${runs} timed runs per measurement after one untimed warm-up; each group interleaved run by run; wall time of a real process`,
        `machine before: ${machineLine()}`,
        ...(process.env.NODE_EXTRA_CA_CERTS ? ['NODE_EXTRA_CA_CERTS is set: every node process below reads that bundle as it starts, except the hook\'s (validate-hook, validate-installed), which unsets it'] : []),
      ];
      process.stdout.write(`${header.join('\n')}\n\n`);
      const results = measure(selected, runs, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${formatReport(results, RATIOS)}\n\nmachine after: ${machineLine()}\n`);
      if (!only || only.includes('emptier')) {
        process.stderr.write('emptier: the bucket emptier on a simulated S3 bucket\n');
        process.stdout.write(`\n${formatEmptierBench(await benchEmptier(Number(values.entries ?? 100_000)))}\n`);
      }
    } finally {
      fs.rmSync(SCRATCH, { recursive: true, force: true });
    }
  })();
}
