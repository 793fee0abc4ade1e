/**
 * Benchmarks the bucket emptier (`emptyBucket` in `cdk/handlers/empty-log-bucket/empty-bucket.ts`,
 * the code the inline handler bundles) against an in-memory versioned S3 bucket with simulated
 * per-call latency, 100,000 entries, in two shapes:
 *
 * - `mixed`: what a member bucket with a 1-day lifecycle holds: a third delete markers, a third
 *   the versions they hide (expired, so already replicated), a third current versions (each
 *   needs a HeadObject for its replication status);
 * - `expired`: every log expired: half delete markers, half hidden versions (no HeadObject).
 *
 * Each shape is emptied twice: with the handler's DeleteObjects concurrency, and with one batch
 * in flight for comparison. Printed: calls made against the minimum possible, and wall time.
 *
 *   npx tsx scripts/bench-emptier.ts [entries]
 *
 * `benchEmptier()` returns the same figures (for a later `scripts/bench.ts`). S3 is mocked by
 * pointing `S3Client.prototype.send` straight at the fake bucket (no call recording), so the wall
 * time is the simulated latency plus the emptier's own work.
 */
import {
  DeleteObjectsCommand,
  DeleteObjectsCommandInput,
  HeadObjectCommand,
  HeadObjectCommandInput,
  ListObjectVersionsCommand,
  ListObjectVersionsCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { DELETES_IN_FLIGHT, emptyBucket, HEADS_IN_FLIGHT } from '../cdk/handlers/empty-log-bucket/empty-bucket';
import { FakeBucket, Latency, LOG_PREFIX } from '../test/handlers/helpers/fake-bucket';

/** Simulated latency of each S3 call, in milliseconds. */
export const BENCH_LATENCY: Latency = { list: 20, head: 10, delete: 50 };

export type BucketShape = 'mixed' | 'expired';

export interface EmptierRun {
  readonly deletesInFlight: number;
  readonly listCalls: number;
  readonly headCalls: number;
  readonly deleteCalls: number;
  /** Most DeleteObjects calls seen in flight at once. */
  readonly maxDeletesInFlight: number;
  readonly wallMs: number;
}

export interface EmptierScenario {
  readonly shape: BucketShape;
  readonly entries: number;
  readonly deleteMarkers: number;
  readonly versions: number;
  /** Versions that are their key's latest entry: the only ones whose replication is read. */
  readonly currentVersions: number;
  /** `ceil(entries / 1000) + 1`: every page, then one listing that finds the bucket empty. */
  readonly minListCalls: number;
  /** `ceil(entries / 1000)`: the fewest DeleteObjects calls that can empty the bucket. */
  readonly minDeleteCalls: number;
  readonly concurrent: EmptierRun;
  readonly oneInFlight: EmptierRun;
  /** Wall time with one batch in flight / wall time with the handler's concurrency. */
  readonly speedup: number;
}

export interface EmptierBench {
  readonly latency: Latency;
  readonly headsInFlight: number;
  readonly scenarios: EmptierScenario[];
}

function makeBucket(shape: BucketShape, entries: number): FakeBucket {
  const bucket = new FakeBucket();
  if (shape == 'mixed') return bucket.fill(entries);
  for (let i = 0; bucket.size < entries; i++) {
    const key = `${LOG_PREFIX}${String(i).padStart(7, '0')}.json.gz`;
    if (bucket.size + 1 < entries) bucket.add(key, { deleteMarker: true });
    bucket.add(key);
  }
  return bucket;
}

async function runOnce(bucket: FakeBucket, deletesInFlight: number): Promise<EmptierRun> {
  bucket.latency = { ...BENCH_LATENCY };
  const original = S3Client.prototype.send;
  S3Client.prototype.send = function (command: object) {
    if (command instanceof ListObjectVersionsCommand) return bucket.list(command.input as ListObjectVersionsCommandInput);
    if (command instanceof HeadObjectCommand) return bucket.head(command.input as HeadObjectCommandInput);
    if (command instanceof DeleteObjectsCommand) return bucket.deleteObjects(command.input as DeleteObjectsCommandInput);
    throw new Error(`bench: unexpected ${command.constructor.name}`);
  } as S3Client['send'];
  try {
    const started = performance.now();
    const result = await emptyBucket(bucket.name, 600_000, Date.now() + 3_600_000, deletesInFlight);
    const wallMs = Math.round(performance.now() - started);
    if (bucket.size != 0 || bucket.lostLogs.length) throw new Error(`bench: the bucket was not emptied cleanly (${result})`);
    const { list, head, delete: del } = bucket.calls;
    return { deletesInFlight, listCalls: list, headCalls: head, deleteCalls: del, maxDeletesInFlight: bucket.maxDeletesInFlight, wallMs };
  } finally {
    S3Client.prototype.send = original;
  }
}

async function scenario(shape: BucketShape, entries: number): Promise<EmptierScenario> {
  const probe = makeBucket(shape, entries);
  const concurrent = await runOnce(makeBucket(shape, entries), DELETES_IN_FLIGHT);
  const oneInFlight = await runOnce(makeBucket(shape, entries), 1);
  return {
    shape,
    entries,
    deleteMarkers: entries - probe.versions,
    versions: probe.versions,
    currentVersions: probe.currentVersions,
    minListCalls: Math.ceil(entries / 1000) + 1,
    minDeleteCalls: Math.ceil(entries / 1000),
    concurrent,
    oneInFlight,
    speedup: Math.round((oneInFlight.wallMs / concurrent.wallMs) * 100) / 100,
  };
}

export async function benchEmptier(entries = 100_000): Promise<EmptierBench> {
  return {
    latency: BENCH_LATENCY,
    headsInFlight: HEADS_IN_FLIGHT,
    scenarios: [await scenario('mixed', entries), await scenario('expired', entries)],
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** The figures as a small table. */
export function formatEmptierBench(b: EmptierBench): string {
  const lines = [
    `Bucket emptier, simulated latency per call: ListObjectVersions ${b.latency.list} ms, HeadObject ${b.latency.head} ms, ` +
      `DeleteObjects ${b.latency.delete} ms; ${b.headsInFlight} HeadObject in flight`,
  ];
  for (const s of b.scenarios) {
    const row = (label: string, r: EmptierRun) =>
      `  ${label.padEnd(22)}${n(r.listCalls).padStart(6)}${n(r.deleteCalls).padStart(8)}${n(r.headCalls).padStart(9)}` +
      `${String(r.maxDeletesInFlight).padStart(12)}${(r.wallMs / 1000).toFixed(2).padStart(10)}`;
    lines.push(
      '',
      `${s.shape}: ${n(s.entries)} entries = ${n(s.deleteMarkers)} delete markers + ${n(s.versions)} versions ` +
        `(${n(s.currentVersions)} current: HeadObject each)`,
      `  ${'DeleteObjects flight'.padEnd(22)}${'List'.padStart(6)}${'Delete'.padStart(8)}${'Head'.padStart(9)}` +
        `${'max flight'.padStart(12)}${'wall (s)'.padStart(10)}`,
      `  ${'minimum possible'.padEnd(22)}${n(s.minListCalls).padStart(6)}${n(s.minDeleteCalls).padStart(8)}${n(s.currentVersions).padStart(9)}`,
      row(`${s.concurrent.deletesInFlight} (handler)`, s.concurrent),
      row('1 (comparison)', s.oneInFlight),
      `  speed-up from batches in flight: ${s.speedup}x`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  benchEmptier(Number(process.argv[2] ?? 100_000)).then(
    (b) => console.log(formatEmptierBench(b)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
