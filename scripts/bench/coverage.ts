/**
 * `npm run bench:coverage [-- --accounts 1000 --regions 17 --latency 40 --concurrency 32 --throttle 0.01]`:
 * the wall time of `coverage` against a fake organization of N accounts × R regions, every cell
 * deployed and delivering (the most calls a cell can take), with simulated latency on every AWS
 * call and a share of first attempts throttled. The fake runs in this process; the command runs
 * as users run it, as its own process (`node scripts/run.js coverage`), so the two do not share
 * a core. Prints the wall time and the calls per API, as the fake received them.
 *
 * Uses the fake AWS of the tests (test/helpers/fake-aws), so it runs from a checkout only.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { loadEnvironment } from '../../cdk/env/load';
import { KNOWN_REGIONS } from '../../cdk/env/regions';
import { projectFile } from '../../cdk/paths';
import { FakeOrganization, startFakeAws } from '../../test/helpers/fake-aws';
import { deployAggregation, deployMember } from '../../test/helpers/fake-aws/deploy';
import { rawExample, writeMapFile } from '../../test/helpers/example';
import type { CoverageReport } from '../coverage/report';

const MANAGEMENT = '333333333333';

/** Deterministic pseudo-random numbers (mulberry32), so two runs throttle the same requests. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function numberOption(values: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = Number(values[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of at least 0 (got ${values[name]})`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { accounts: { type: 'string' }, regions: { type: 'string' }, latency: { type: 'string' }, concurrency: { type: 'string' }, throttle: { type: 'string' } } });
  const accounts = numberOption(values, 'accounts', 1000);
  const regionCount = numberOption(values, 'regions', 17);
  const latency = numberOption(values, 'latency', 40);
  const throttleShare = numberOption(values, 'throttle', 0.01);
  const regions = ['us-east-1', ...KNOWN_REGIONS.filter((r) => r !== 'us-east-1')].slice(0, regionCount);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverage-bench-'));
  // Removed however the run ends (a failed run exits through process.exit below).
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const mapFile = path.join(dir, 'map.js');
  const environment = { ...rawExample(), members: { organizationalUnits: ['Workloads', 'Sandbox'], accounts: [], regions }, policies: { ...rawExample().policies, additionalOrganizationalUnits: [], acknowledgedCoverageGaps: { Security: { reason: 'the benchmark organization: Log Archive only' } } } };
  writeMapFile(mapFile, { environments: { bench: environment } });
  const { config } = loadEnvironment('bench', mapFile);

  const built = performance.now();
  const model = new FakeOrganization(config.organizationId, MANAGEMENT);
  model.addAccount({ id: config.aggregation.accountId, name: 'Log Archive', parentId: model.addOu('Security') });
  const ous = [model.addOu('Workloads'), model.addOu('Sandbox')];
  deployAggregation(model, config);
  const now = Date.now();
  for (let i = 0; i < accounts; i += 1) {
    const id = String(100_000_000_000 + i);
    model.addAccount({ id, name: `account-${i}`, parentId: ous[i % ous.length] });
    for (const region of regions) deployMember(model, config, id, region, [new Date(now - 3_600_000 - (i % 60) * 60_000)]);
  }
  const roll = random(12);
  const fake = await startFakeAws({ model, latencyMs: latency, throttle: ({ attempt }) => attempt === 1 && roll() < throttleShare });
  process.stderr.write(`bench: ${accounts} accounts × ${regions.length} regions in the fake (built in ${((performance.now() - built) / 1000).toFixed(1)} s), ` +
    `latency ${latency} ms per call, ${throttleShare * 100} % of first attempts throttled\n`);

  const out = path.join(dir, 'report.json');
  const args = [projectFile('scripts/run.js'), 'coverage', '--map', mapFile, '--env', 'bench', '--format', 'json', '--out', out,
    ...(values.concurrency === undefined ? [] : ['--concurrency', values.concurrency])];
  const started = performance.now();
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...args], { env: fake.env(), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wall = (performance.now() - started) / 1000;
  await fake.close();
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as CoverageReport;

  const calls = fake.calls();
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const lines = [
    '',
    `coverage of ${accounts} accounts × ${regions.length} regions (${report.summary.cellsInScope} cells), concurrency ${report.settings.concurrency}, latency ${latency} ms`,
    `wall time: ${wall.toFixed(1)} s (the command's own measure: ${(report.run.durationMs / 1000).toFixed(1)} s), exit status ${status}`,
    `cells: ${Object.entries(report.summary.cells).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ')}`,
    `calls: ${total} (${(total / wall).toFixed(0)} per second), ${fake.throttled()} throttled and retried`,
    ...Object.entries(calls).map(([api, n]) => `  ${api.padEnd(48)} ${String(n).padStart(7)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (JSON.stringify(report.run.calls) !== JSON.stringify(calls)) process.stdout.write('note: the command counted its calls differently from the fake\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
