/**
 * An in-memory versioned S3 bucket behind `aws-sdk-client-mock`: ListObjectVersions (paginated
 * by KeyMarker/VersionIdMarker, at most 1,000 entries a page), HeadObject (with the replication
 * status of each version) and DeleteObjects (at most 1,000 keys, per-key errors on demand), with
 * the SDK's real input and output shapes and exception classes. It records every call, the
 * highest number of DeleteObjects calls in flight, and every version deleted before it had
 * replicated (a lost log).
 *
 * For the benchmark it can also misbehave like a busy S3 (`faults`): latency that varies from
 * call to call with a slow tail, `503 SlowDown` answers at random, and `503 SlowDown` when
 * DeleteObjects calls ask to delete keys faster than a request rate, all from a seeded
 * pseudo-random generator so that a run can be repeated.
 */
import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  type DeleteObjectsCommandOutput,
  HeadObjectCommand,
  type HeadObjectCommandInput,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandInput,
  type ListObjectVersionsCommandOutput,
  NoSuchBucket,
  NotFound,
  type ReplicationStatus,
  type S3ClientResolvedConfig,
  S3ServiceException,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type _Error,
} from '@aws-sdk/client-s3';
import type { AwsStub } from 'aws-sdk-client-mock';

/** One object version or delete marker. */
export interface FakeEntry {
  readonly Key: string;
  readonly VersionId: string;
  readonly deleteMarker: boolean;
  readonly LastModified: Date;
  /**
   * Replication statuses successive HeadObject calls return (the last one then repeats);
   * `[]` means the version has no replication status (written before replication was set up).
   */
  replication: ReplicationStatus[];
}

export interface Latency {
  list: number;
  head: number;
  delete: number;
}

type Operation = keyof Latency;

/** How the bucket misbehaves, like an S3 prefix under load. */
export interface Faults {
  /** Seed of the pseudo-random generator. */
  readonly seed: number;
  /** Each call takes its base latency times a factor drawn from [1 - spread, 1 + spread]. */
  readonly latencySpread: number;
  /** Share of calls that take `tailFactor` times their latency (the slow tail). */
  readonly tailRate: number;
  readonly tailFactor: number;
  /** Share of calls of every kind answered with 503 SlowDown, whatever the load. */
  readonly slowDownRate: number;
  /**
   * Keys per second DeleteObjects may delete (a token bucket holding one second of them); a call
   * asking for more than is left is answered with 503 SlowDown and deletes nothing.
   */
  readonly deleteKeysPerSecond: number;
}

/** A small seeded pseudo-random generator (mulberry32): values in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** S3's answer when a prefix gets more requests than it serves. */
export function slowDown(): S3ServiceException {
  return new S3ServiceException({
    name: 'SlowDown',
    $fault: 'server',
    message: 'Please reduce your request rate.',
    $metadata: { httpStatusCode: 503 },
  });
}

const META = { httpStatusCode: 200, requestId: 'FAKE', attempts: 1, totalRetryDelay: 0 };
const sleep = (ms: number) => (ms > 0 ? new Promise((ok) => setTimeout(ok, ms)) : Promise.resolve());

export const LOG_PREFIX = 'AWSLogs/111111111111/BedrockModelInvocationLogs/us-east-1/2026/01/01/00/';

export class FakeBucket {
  exists = true;
  latency: Latency = { list: 0, head: 0, delete: 0 };
  readonly calls = { list: 0, head: 0, delete: 0 };
  deletesInFlight = 0;
  maxDeletesInFlight = 0;
  /** Versions deleted while their last known replication status was PENDING or FAILED. */
  readonly lostLogs: string[] = [];
  /** DeleteObjects per-key error codes for a VersionId, one per attempt, consumed in order. */
  readonly keyErrors = new Map<string, string[]>();
  /** Errors the next ListObjectVersions calls throw, consumed in order. */
  readonly listErrors: Error[] = [];
  /** Called after each ListObjectVersions page, e.g. to add an object that arrives late. */
  onList?: (call: number) => void;
  /** SlowDown answers given, by operation (each also counts in `calls`). */
  readonly slowDowns = { list: 0, head: 0, delete: 0 };

  private faults?: Faults;
  private random: () => number = Math.random;
  private deleteTokens = 0;
  private tokensAt = 0;

  private readonly order: FakeEntry[] = [];
  private readonly rank = new Map<string, number>();
  private readonly live = new Set<string>();
  private readonly lastStatus = new Map<string, ReplicationStatus | undefined>();
  private nextVersion = 0;

  constructor(readonly name = 'bedrock-logs-111111111111-us-east-1') {}

  /** Makes the bucket misbehave from now on (see `Faults`). */
  misbehave(faults: Faults): this {
    this.faults = faults;
    this.random = seededRandom(faults.seed);
    this.deleteTokens = faults.deleteKeysPerSecond;
    this.tokensAt = performance.now();
    return this;
  }

  /** Waits the call's latency; then throws SlowDown when the faults say so. */
  private async serve(operation: Operation, deleteKeys = 0): Promise<void> {
    const faults = this.faults;
    if (faults === undefined) {
      await sleep(this.latency[operation]);
      return;
    }
    const factor = 1 - faults.latencySpread + 2 * faults.latencySpread * this.random();
    const tail = this.random() < faults.tailRate ? faults.tailFactor : 1;
    await sleep(this.latency[operation] * factor * tail);
    if (this.random() < faults.slowDownRate || !this.takeDeleteTokens(faults, deleteKeys)) {
      this.slowDowns[operation]++;
      throw slowDown();
    }
  }

  private takeDeleteTokens(faults: Faults, keys: number): boolean {
    if (keys === 0) return true;
    const now = performance.now();
    this.deleteTokens = Math.min(faults.deleteKeysPerSecond, this.deleteTokens + ((now - this.tokensAt) / 1000) * faults.deleteKeysPerSecond);
    this.tokensAt = now;
    if (this.deleteTokens < keys) return false;
    this.deleteTokens -= keys;
    return true;
  }

  /** Adds a version (or a delete marker) of `Key`; entries are listed in the order added. */
  add(Key: string, options: { deleteMarker?: boolean; replication?: ReplicationStatus[] } = {}): FakeEntry {
    const entry: FakeEntry = {
      Key,
      VersionId: `v${String(this.nextVersion++).padStart(8, '0')}.${'x'.repeat(20)}`,
      deleteMarker: options.deleteMarker === true,
      LastModified: new Date(Date.UTC(2026, 0, 1, 0, 0, this.nextVersion % 60)),
      replication: options.deleteMarker ? [] : [...(options.replication ?? ['COMPLETED'])],
    };
    this.rank.set(entry.VersionId, this.order.length);
    this.order.push(entry);
    this.live.add(entry.VersionId);
    this.lastStatus.set(entry.VersionId, entry.replication[0]);
    return entry;
  }

  /**
   * Fills the bucket with `count` entries the way a 1-day lifecycle leaves it: every other log
   * object has expired, i.e. its version has a newer delete marker above it.
   */
  fill(count: number, replication: ReplicationStatus[] = ['COMPLETED']): this {
    for (let i = 0; this.size < count; i++) {
      const key = `${LOG_PREFIX}${String(i).padStart(7, '0')}.json.gz`;
      if (i % 2 === 0 && this.size + 2 <= count) this.add(key, { deleteMarker: true });
      this.add(key, { replication });
    }
    return this;
  }

  /** Entries still in the bucket. */
  get size(): number {
    return this.live.size;
  }

  /** Current object versions (the latest entry of their key, not a delete marker). */
  get currentVersions(): number {
    let n = 0;
    for (let i = 0; i < this.order.length; i++) {
      const e = this.order[i];
      if (!this.live.has(e.VersionId)) continue;
      if (!e.deleteMarker) n++;
      while (i + 1 < this.order.length && this.order[i + 1].Key === e.Key) i++;
    }
    return n;
  }

  /** Object versions (not delete markers) still in the bucket. */
  get versions(): number {
    return this.order.filter((e) => this.live.has(e.VersionId) && !e.deleteMarker).length;
  }

  has(entry: FakeEntry): boolean {
    return this.live.has(entry.VersionId);
  }

  /** Routes the S3 mock's three commands to this bucket. */
  attach(s3: AwsStub<ServiceInputTypes, ServiceOutputTypes, S3ClientResolvedConfig>): void {
    s3.on(ListObjectVersionsCommand).callsFake((input) => this.list(input));
    s3.on(HeadObjectCommand).callsFake((input) => this.head(input));
    s3.on(DeleteObjectsCommand).callsFake((input) => this.deleteObjects(input));
  }

  private checkBucket(bucket: string | undefined): void {
    if (!this.exists || bucket !== this.name) {
      throw new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: { httpStatusCode: 404 } });
    }
  }

  async list(input: ListObjectVersionsCommandInput): Promise<ListObjectVersionsCommandOutput> {
    this.calls.list++;
    await this.serve('list');
    const error = this.listErrors.shift();
    if (error) throw error;
    this.checkBucket(input.Bucket);
    const max = Math.min(input.MaxKeys ?? 1000, 1000);
    let i = input.VersionIdMarker ? this.rank.get(input.VersionIdMarker)! + 1 : 0;
    const page: FakeEntry[] = [];
    for (; i < this.order.length && page.length < max; i++) {
      if (this.live.has(this.order[i].VersionId)) page.push(this.order[i]);
    }
    while (i < this.order.length && !this.live.has(this.order[i].VersionId)) i++;
    const truncated = i < this.order.length;
    const last = page[page.length - 1];
    const latest = (e: FakeEntry) => {
      // A key's entries are adjacent, newest first: e is latest when no live entry precedes it.
      for (let j = this.rank.get(e.VersionId)! - 1; j >= 0 && this.order[j].Key === e.Key; j--) {
        if (this.live.has(this.order[j].VersionId)) return false;
      }
      return true;
    };
    const output: ListObjectVersionsCommandOutput = {
      $metadata: META,
      Name: this.name,
      Prefix: '',
      KeyMarker: input.KeyMarker ?? '',
      VersionIdMarker: input.VersionIdMarker ?? '',
      MaxKeys: max,
      IsTruncated: truncated,
      ...(truncated && { NextKeyMarker: last.Key, NextVersionIdMarker: last.VersionId }),
      ...(page.some((e) => !e.deleteMarker) && {
        Versions: page
          .filter((e) => !e.deleteMarker)
          .map((e) => ({
            Key: e.Key,
            VersionId: e.VersionId,
            IsLatest: latest(e),
            LastModified: e.LastModified,
            ETag: '"d41d8cd98f00b204e9800998ecf8427e"',
            Size: 1024,
            StorageClass: 'STANDARD' as const,
          })),
      }),
      ...(page.some((e) => e.deleteMarker) && {
        DeleteMarkers: page
          .filter((e) => e.deleteMarker)
          .map((e) => ({ Key: e.Key, VersionId: e.VersionId, IsLatest: latest(e), LastModified: e.LastModified })),
      }),
    };
    this.onList?.(this.calls.list);
    return output;
  }

  async head(input: HeadObjectCommandInput): Promise<HeadObjectCommandOutput> {
    this.calls.head++;
    await this.serve('head');
    this.checkBucket(input.Bucket);
    const rank = this.rank.get(input.VersionId ?? '');
    const entry = rank === undefined ? undefined : this.order[rank];
    if (entry && entry.Key !== input.Key) throw new Error(`fake: HeadObject ${input.Key} with the VersionId of ${entry.Key}`);
    if (!entry || !this.live.has(entry.VersionId)) {
      throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    }
    if (entry.deleteMarker) {
      throw new S3ServiceException({
        name: 'MethodNotAllowed',
        $fault: 'client',
        message: 'Method Not Allowed',
        $metadata: { httpStatusCode: 405 },
      });
    }
    const status = entry.replication.length > 1 ? entry.replication.shift() : entry.replication[0];
    this.lastStatus.set(entry.VersionId, status);
    return {
      $metadata: META,
      VersionId: entry.VersionId,
      LastModified: entry.LastModified,
      ContentLength: 1024,
      ContentType: 'application/x-gzip',
      ETag: '"d41d8cd98f00b204e9800998ecf8427e"',
      ...(status && { ReplicationStatus: status }),
    };
  }

  async deleteObjects(input: DeleteObjectsCommandInput): Promise<DeleteObjectsCommandOutput> {
    this.calls.delete++;
    this.maxDeletesInFlight = Math.max(this.maxDeletesInFlight, ++this.deletesInFlight);
    try {
      const objects = input.Delete?.Objects ?? [];
      await this.serve('delete', objects.length);
      this.checkBucket(input.Bucket);
      if (objects.length < 1 || objects.length > 1000) {
        throw new S3ServiceException({
          name: 'MalformedXML',
          $fault: 'client',
          message: 'The XML you provided was not well-formed or did not validate against our published schema',
          $metadata: { httpStatusCode: 400 },
        });
      }
      const errors: _Error[] = [];
      const deleted: { Key?: string; VersionId?: string }[] = [];
      for (const { Key, VersionId } of objects) {
        if (!VersionId) {
          // A versioned bucket keeps the data and adds a delete marker: nothing is emptied.
          this.add(Key!, { deleteMarker: true });
          continue;
        }
        const code = this.keyErrors.get(VersionId)?.shift();
        if (code) {
          errors.push({ Key, VersionId, Code: code, Message: `${code} (fake)` });
          continue;
        }
        if (this.live.delete(VersionId) && ['PENDING', 'FAILED'].includes(this.lastStatus.get(VersionId)!)) {
          this.lostLogs.push(Key!);
        }
        deleted.push({ Key, VersionId });
      }
      return {
        $metadata: META,
        ...(!input.Delete?.Quiet && deleted.length && { Deleted: deleted }),
        ...(errors.length && { Errors: errors }),
      };
    } finally {
      this.deletesInFlight--;
    }
  }
}
