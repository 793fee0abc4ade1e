/**
 * `npm run bench [-- --runs <n>] [--only <name,name>] [--entries <n>]`: wall-clock figures for the project's
 * commands, as a table (min / median / max ms over n runs, after one warm-up run) and ratios
 * between named pairs. Add a measurement to MEASUREMENTS and, where a comparison says something,
 * a pair to RATIOS. Figures depend on the machine and its load: compare ratios, not absolutes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import * as os from 'os';
import { bundleAllHandlers } from '../cdk/bundle';
import { bundleCacheDir } from '../cdk/bundle-cache';
import { PACKAGE_ROOT } from '../cdk/paths';
import { validatePackage } from '../cdk/package/validate';
import { benchEmptier, formatEmptierBench } from './bench-emptier';
import { SCHEMA_CACHE_DIR } from '../cdk/package/validate/schema-validator';

const REPO_ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'packages', 'valid');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
// Created by the measured commands themselves (build --out, cdk synth -o); removed at the end.
const SCRATCH = path.join(os.tmpdir(), `bench-${process.pid}`);
const OUT_BUILD = path.join(SCRATCH, 'package');
const OUT_SYNTH = path.join(SCRATCH, 'cdk.out');

/** One thing to time: a child process (wall time, start to exit), or a function run in this process. */
export interface Measurement {
  readonly name: string;
  readonly description: string;
  /** `[executable, ...args]`, run in the repository root; must exit 0. */
  readonly command?: readonly string[];
  /** Run in this process instead of `command`. */
  readonly run?: () => void;
  /** Runs before each timed run, untimed (for example to clear a cache). */
  readonly before?: () => void;
  /**
   * Measurements with the same group run interleaved (A B C A B C ...) rather than one after the
   * other, so that a change in the machine's speed hits all of them alike and their ratios hold.
   */
  readonly group?: string;
}

/** `numerator / denominator` of the median times. */
export interface Ratio {
  readonly numerator: string;
  readonly denominator: string;
}

export const MEASUREMENTS: readonly Measurement[] = [
  { name: 'node-startup', description: 'node -e "": the floor of any command', command: [process.execPath, '-e', ''] },
  { name: 'tsx-startup', description: 'node --require tsx/cjs -e "": the floor of a TypeScript command', command: [process.execPath, '--require', 'tsx/cjs', '-e', ''] },
  {
    name: 'validate',
    description: "npm run validate's command on the valid fixture (node --require tsx/cjs scripts/validate.ts)",
    command: [process.execPath, '--require', 'tsx/cjs', 'scripts/validate.ts', '--dir', FIXTURE],
  },
  {
    name: 'validate-cold-cache',
    description: 'the same with the compiled-schema cache removed first (first run after install)',
    command: [process.execPath, '--require', 'tsx/cjs', 'scripts/validate.ts', '--dir', FIXTURE],
    before: () => fs.rmSync(SCHEMA_CACHE_DIR, { recursive: true, force: true }),
  },
  {
    name: 'validate-tsx-import',
    description: 'node --import tsx scripts/validate.ts (tsx also registers ESM hooks, in a loader thread)',
    command: [process.execPath, '--import', 'tsx', 'scripts/validate.ts', '--dir', FIXTURE],
  },
  {
    name: 'validate-tsx-cli',
    description: 'tsx scripts/validate.ts (the tsx CLI starts a second node process)',
    command: [TSX, 'scripts/validate.ts', '--dir', FIXTURE],
  },
  {
    name: 'validate-npm',
    description: 'npm run --silent validate, as the pre-commit hook runs it (adds npm\'s own start-up)',
    command: ['npm', 'run', '--silent', 'validate', '--', '--dir', FIXTURE],
  },
  { name: 'validate-in-process', description: 'validatePackage() alone, warm (no process start-up)', run: () => void validatePackage(FIXTURE) },
  {
    name: 'validate-example',
    description: 'npm run --silent validate: the committed example package, as a user runs it',
    command: ['npm', 'run', '--silent', 'validate'],
  },
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
    name: 'build',
    description: 'npm run --silent build -- --out <tmp>: the example package, as a user runs it (node --require tsx/cjs)',
    command: ['npm', 'run', '--silent', 'build', '--', '--out', OUT_BUILD],
    group: 'synthesis',
  },
  {
    name: 'cdk-synth',
    description: 'npx cdk synth -o <tmp> of the same app (the CDK CLI with its defaults, built-in validation on)',
    command: ['npx', 'cdk', 'synth', '--quiet', '--no-notices', '-o', OUT_SYNTH],
    group: 'synthesis',
  },
  {
    name: 'cdk-synth-no-validation',
    description: 'npx cdk synth --no-validation -o <tmp>: the CLI without the built-in validator',
    command: ['npx', 'cdk', 'synth', '--quiet', '--no-notices', '--no-validation', '-o', OUT_SYNTH],
    group: 'synthesis',
  },
  {
    name: 'matrix',
    description: 'npm run matrix: every scenario synthesized, every row of the security matrix simulated',
    command: [process.execPath, '--require', 'tsx/cjs', 'scripts/matrix/main.ts'],
  },
];

export const RATIOS: readonly Ratio[] = [
  { numerator: 'validate', denominator: 'node-startup' },
  { numerator: 'validate', denominator: 'tsx-startup' },
  { numerator: 'validate-cold-cache', denominator: 'validate' },
  { numerator: 'validate-tsx-import', denominator: 'validate' },
  { numerator: 'validate-tsx-cli', denominator: 'validate' },
  { numerator: 'validate-npm', denominator: 'validate' },
  { numerator: 'bundle-cold', denominator: 'bundle-warm' },
  { numerator: 'cdk-synth', denominator: 'build' },
  { numerator: 'cdk-synth-no-validation', denominator: 'build' },
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
    .map((r) => `${r.numerator} / ${r.denominator}: ${((medians.get(r.numerator) as number) / (medians.get(r.denominator) as number)).toFixed(2)}x`);
  if (ratioLines.length > 0) out.push('', 'ratios of medians:', ...ratioLines.map((l) => `  ${l}`));
  return out.join('\n');
}

function timeOnce(m: Measurement): number {
  m.before?.();
  const start = performance.now();
  if (m.run) {
    m.run();
  } else if (m.command) {
    const [file, ...args] = m.command;
    const result = spawnSync(file, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
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
      if (!m.before) timeOnce(m); // warm-up (file caches, tsx's transform cache), not counted
    }
    for (let i = 0; i < runs; i++) {
      for (const m of group) samples.get(m.name)!.push(timeOnce(m));
    }
  }
  return measurements.map((m) => ({ name: m.name, samples: samples.get(m.name)! }));
}

if (require.main === module) {
  void (async () => {
    const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, entries: { type: 'string' } } });
    const runs = Number(values.runs ?? 7);
    const only = values.only?.split(',');
    const selected = MEASUREMENTS.filter((m) => !only || only.includes(m.name));
    try {
      const results = measure(selected, runs, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${formatReport(results, RATIOS)}\n`);
      if (!only || only.includes('emptier')) {
        process.stderr.write('emptier: the bucket emptier on a simulated S3 bucket\n');
        process.stdout.write(`\n${formatEmptierBench(await benchEmptier(Number(values.entries ?? 100_000)))}\n`);
      }
    } finally {
      fs.rmSync(SCRATCH, { recursive: true, force: true });
    }
  })();
}
