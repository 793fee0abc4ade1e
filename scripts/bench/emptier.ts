/**
 * Benchmarks the bucket emptier (`emptyBucket` in `cdk/handlers/empty-log-bucket/empty-bucket.ts`,
 * the code the inline handler bundles) against an in-memory versioned S3 bucket with simulated
 * per-call latency, in four scenarios:
 *
 * - `mixed` (100,000 entries): what a member bucket with a 1-day lifecycle holds: a third delete
 *   markers, a third the versions they hide (expired, so already replicated), a third current
 *   versions (each needs a HeadObject for its replication status);
 * - `expired` (100,000 entries): every log expired: half delete markers, half hidden versions
 *   (no HeadObject);
 * - `throttled-mixed` (20,000 entries, mixed, 1 % of the current versions still replicating) and
 *   `throttled-expired` (20,000 entries, expired): S3 under load. Latency varies per call (0.5–1.5
 *   times the base, 1 % of calls 10 times slower), 2 % of all calls answer 503 SlowDown at random,
 *   and DeleteObjects answers 503 SlowDown when keys are deleted faster than 3,500 a second (a
 *   model of S3's documented 3,500 write requests per second per prefix, counting each deleted
 *   key as one request; the real accounting is not documented). Pseudo-random with a fixed seed,
 *   so runs repeat.
 *
 * Each scenario runs twice, with the handler's DeleteObjects concurrency and with one batch in
 * flight. Printed: calls made (with the SlowDown answers among them) against the minimum
 * possible, the most DeleteObjects in flight, logs lost (deleted before they replicated: must be
 * 0) and wall time. Every run must leave the bucket empty.
 *
 *   npm run bench -- --only emptier [--entries <n>]
 *   npx tsx scripts/bench/emptier.ts [entries]
 *
 * S3 is mocked by pointing `S3Client.prototype.send` straight at the fake bucket (no call
 * recording, no SDK retries: every retry is the emptier's own, with its production back-off of
 * 0.5 s doubling up to 10 s), so the wall time is the simulated latency, the back-off and the
 * emptier's own work.
 */
import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  HeadObjectCommand,
  type HeadObjectCommandInput,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { DELETE_BATCH_SIZE, DELETES_IN_FLIGHT, emptyBucket, HEADS_IN_FLIGHT } from '../../cdk/handlers/empty-log-bucket/empty-bucket';
import { type Faults, FakeBucket, type Latency, LOG_PREFIX } from '../../test/handlers/helpers/fake-bucket';
import { formatCount } from '../../cdk/errors';

/** Simulated latency of each S3 call, in milliseconds. */
export const BENCH_LATENCY: Latency = { list: 20, head: 10, delete: 50 };

/** The throttled scenario's S3 (see the module comment). */
export const THROTTLING: Faults = {
  seed: 11,
  latencySpread: 0.5,
  tailRate: 0.01,
  tailFactor: 10,
  slowDownRate: 0.02,
  deleteKeysPerSecond: 3_500,
};

/** Share of the throttled scenario's current versions still replicating at the start. */
const REPLICATING_SHARE = 0.01;
/** How often HeadObject answers PENDING for those, before COMPLETED: each time costs a pass. */
const PENDING_ANSWERS = 2;

export type ScenarioName = 'mixed' | 'expired' | 'throttled-mixed' | 'throttled-expired';

/** Per-operation counts. */
export interface Counts {
  readonly list: number;
  readonly head: number;
  readonly delete: number;
}

export interface EmptierRun {
  readonly deletesInFlight: number;
  /** Calls made, SlowDown answers included. */
  readonly calls: Counts;
  /** Calls answered with 503 SlowDown (each retried by the emptier). */
  readonly slowDowns: Counts;
  /** Most DeleteObjects calls seen in flight at once. */
  readonly maxDeletesInFlight: number;
  /** Versions deleted before they had replicated: must be 0. */
  readonly lostLogs: number;
  readonly wallMs: number;
}

export interface EmptierScenario {
  readonly name: ScenarioName;
  readonly description: string;
  readonly entries: number;
  readonly deleteMarkers: number;
  readonly versions: number;
  /** Versions that are their key's latest entry: the only ones whose replication is read. */
  readonly currentVersions: number;
  /** Of those, versions still PENDING replication at the start. */
  readonly replicating: number;
  /** Every page, one more page per pass that finds only replicating versions, then one listing that finds the bucket empty. */
  readonly minListCalls: number;
  /** The fewest DeleteObjects calls: full batches of what has replicated, then of what replicates later. */
  readonly minDeleteCalls: number;
  /** One HeadObject per current version, and one more per PENDING answer. */
  readonly minHeadCalls: number;
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

function fillExpired(bucket: FakeBucket, entries: number): void {
  for (let i = 0; bucket.size < entries; i++) {
    const key = `${LOG_PREFIX}${String(i).padStart(7, '0')}.json.gz`;
    if (bucket.size + 1 < entries) bucket.add(key, { deleteMarker: true });
    bucket.add(key);
  }
}

/** A bucket for the scenario, filled; the same every time for the same arguments. */
function makeBucket(name: ScenarioName, entries: number): FakeBucket {
  const bucket = new FakeBucket();
  switch (name) {
    case 'mixed':
      return bucket.fill(entries);
    case 'expired':
      fillExpired(bucket, entries);
      return bucket;
    case 'throttled-expired':
      fillExpired(bucket, entries);
      return bucket.misbehave(THROTTLING);
    case 'throttled-mixed': {
      const replicating = replicatingVersions(entries);
      bucket.fill(entries - replicating);
      const statuses = [...Array<'PENDING'>(PENDING_ANSWERS).fill('PENDING'), 'COMPLETED' as const];
      for (let i = 0; i < replicating; i++) {
        bucket.add(`${LOG_PREFIX}replicating-${String(i).padStart(4, '0')}.json.gz`, { replication: [...statuses] });
      }
      return bucket.misbehave(THROTTLING);
    }
  }
}

function replicatingVersions(entries: number): number {
  return Math.round((entries / 3) * REPLICATING_SHARE);
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
    if (bucket.size !== 0 || bucket.lostLogs.length > 0) {
      throw new Error(`bench: the bucket was not emptied cleanly (${result}; ${bucket.lostLogs.length} logs lost)`);
    }
    return {
      deletesInFlight,
      calls: { ...bucket.calls },
      slowDowns: { ...bucket.slowDowns },
      maxDeletesInFlight: bucket.maxDeletesInFlight,
      lostLogs: bucket.lostLogs.length,
      wallMs,
    };
  } finally {
    S3Client.prototype.send = original;
  }
}

const THROTTLED =
  `S3 under load: latency x0.5-1.5 (1 % x10), ${THROTTLING.slowDownRate * 100} % of calls 503 SlowDown, ` +
  `DeleteObjects over ${formatCount(THROTTLING.deleteKeysPerSecond)} keys/s 503 SlowDown`;

const DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  mixed: 'a member bucket under a 1-day lifecycle',
  expired: 'every log expired',
  'throttled-mixed': `the mixed bucket, ${THROTTLED}; ${REPLICATING_SHARE * 100} % of current versions still replicating`,
  'throttled-expired': `the expired bucket, ${THROTTLED}`,
};

async function scenario(name: ScenarioName, entries: number): Promise<EmptierScenario> {
  const probe = makeBucket(name, entries);
  const replicating = name === 'throttled-mixed' ? replicatingVersions(entries) : 0;
  const batches = (count: number) => Math.ceil(count / DELETE_BATCH_SIZE);
  const concurrent = await runOnce(makeBucket(name, entries), DELETES_IN_FLIGHT);
  const oneInFlight = await runOnce(makeBucket(name, entries), 1);
  return {
    name,
    description: DESCRIPTIONS[name],
    entries,
    deleteMarkers: entries - probe.versions,
    versions: probe.versions,
    currentVersions: probe.currentVersions,
    replicating,
    minListCalls: batches(entries) + (replicating > 0 ? PENDING_ANSWERS * batches(replicating) : 0) + 1,
    minDeleteCalls: batches(entries - replicating) + batches(replicating),
    minHeadCalls: probe.currentVersions + PENDING_ANSWERS * replicating,
    concurrent,
    oneInFlight,
    speedup: Math.round((oneInFlight.wallMs / concurrent.wallMs) * 100) / 100,
  };
}

/** Runs the four scenarios: `entries` for the unthrottled ones, `throttledEntries` for the throttled ones. */
export async function benchEmptier(entries = 100_000, throttledEntries = Math.min(entries, 20_000)): Promise<EmptierBench> {
  const scenarios: EmptierScenario[] = [];
  for (const [name, count] of [
    ['mixed', entries],
    ['expired', entries],
    ['throttled-mixed', throttledEntries],
    ['throttled-expired', throttledEntries],
  ] as const) {
    scenarios.push(await scenario(name, count));
  }
  return { latency: BENCH_LATENCY, headsInFlight: HEADS_IN_FLIGHT, scenarios };
}

const n = formatCount;

/** A call count, with its SlowDown answers when there were any: `25 (+3 503)`. */
const withSlowDowns = (calls: number, slowDowns: number) => (slowDowns > 0 ? `${n(calls)} (+${n(slowDowns)} 503)` : n(calls));

/** The figures as a small table per scenario. */
export function formatEmptierBench(b: EmptierBench): string {
  const widths = [22, 16, 16, 18, 12, 6, 10];
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('')}`;
  const lines = [
    `Bucket emptier, simulated latency per call: ListObjectVersions ${b.latency.list} ms, HeadObject ${b.latency.head} ms, ` +
      `DeleteObjects ${b.latency.delete} ms; ${b.headsInFlight} HeadObject in flight. Calls include the 503 SlowDown answers (retried).`,
  ];
  for (const s of b.scenarios) {
    const row = (label: string, r: EmptierRun) =>
      line([
        label,
        withSlowDowns(r.calls.list, r.slowDowns.list),
        withSlowDowns(r.calls.delete, r.slowDowns.delete),
        withSlowDowns(r.calls.head, r.slowDowns.head),
        String(r.maxDeletesInFlight),
        String(r.lostLogs),
        (r.wallMs / 1000).toFixed(2),
      ]);
    lines.push(
      '',
      `${s.name} (${s.description}): ${n(s.entries)} entries = ${n(s.deleteMarkers)} delete markers + ${n(s.versions)} versions ` +
        `(${n(s.currentVersions)} current: HeadObject each${s.replicating > 0 ? `; ${n(s.replicating)} of them PENDING ${PENDING_ANSWERS} times` : ''})`,
      line(['DeleteObjects flight', 'List', 'Delete', 'Head', 'max flight', 'lost', 'wall (s)']),
      line(['minimum possible', n(s.minListCalls), n(s.minDeleteCalls), n(s.minHeadCalls), '', '0', '']),
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
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
