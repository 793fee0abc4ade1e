/**
 * An in-memory versioned S3 bucket behind `aws-sdk-client-mock`: ListObjectVersions (paginated
 * by KeyMarker/VersionIdMarker, at most 1,000 entries a page), HeadObject (with the replication
 * status of each version) and DeleteObjects (at most 1,000 keys, per-key errors on demand), with
 * the SDK's real input and output shapes and exception classes. It records every call, the
 * highest number of DeleteObjects calls in flight, and every version deleted before it had
 * replicated (a lost log).
 */
import {
  DeleteObjectsCommand,
  DeleteObjectsCommandInput,
  DeleteObjectsCommandOutput,
  HeadObjectCommand,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  ListObjectVersionsCommandInput,
  ListObjectVersionsCommandOutput,
  NoSuchBucket,
  NotFound,
  ReplicationStatus,
  S3ClientResolvedConfig,
  S3ServiceException,
  ServiceInputTypes,
  ServiceOutputTypes,
  _Error,
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

  private readonly order: FakeEntry[] = [];
  private readonly rank = new Map<string, number>();
  private readonly live = new Set<string>();
  private readonly lastStatus = new Map<string, ReplicationStatus | undefined>();
  private nextVersion = 0;

  constructor(readonly name = 'bedrock-logs-111111111111-us-east-1') {}

  /** Adds a version (or a delete marker) of `Key`; entries are listed in the order added. */
  add(Key: string, options: { deleteMarker?: boolean; replication?: ReplicationStatus[] } = {}): FakeEntry {
    const entry: FakeEntry = {
      Key,
      VersionId: `v${String(this.nextVersion++).padStart(8, '0')}.${'x'.repeat(20)}`,
      deleteMarker: !!options.deleteMarker,
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
      if (i % 2 == 0 && this.size + 2 <= count) this.add(key, { deleteMarker: true });
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
      while (i + 1 < this.order.length && this.order[i + 1].Key == e.Key) i++;
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
    if (!this.exists || bucket != this.name) {
      throw new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: { httpStatusCode: 404 } });
    }
  }

  async list(input: ListObjectVersionsCommandInput): Promise<ListObjectVersionsCommandOutput> {
    this.calls.list++;
    await sleep(this.latency.list);
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
      for (let j = this.rank.get(e.VersionId)! - 1; j >= 0 && this.order[j].Key == e.Key; j--) {
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
    await sleep(this.latency.head);
    this.checkBucket(input.Bucket);
    const rank = this.rank.get(input.VersionId ?? '');
    const entry = rank === undefined ? undefined : this.order[rank];
    if (entry && entry.Key != input.Key) throw new Error(`fake: HeadObject ${input.Key} with the VersionId of ${entry.Key}`);
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
      await sleep(this.latency.delete);
      this.checkBucket(input.Bucket);
      const objects = input.Delete?.Objects ?? [];
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
