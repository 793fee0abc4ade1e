/**
 * Empties a versioned bucket without losing a log: every object version and delete marker is
 * listed (the whole bucket, whatever its keys); the replication status of each version that may
 * not have replicated is read with HeadObject; only what has replicated (or never needed to) is
 * deleted, in batches of 1,000 keys with several batches in flight. Passes repeat until a listing
 * comes back empty. Design, tradeoffs and benchmark: ../README.md.
 *
 * The S3 client is the Lambda runtime's own: these calls and fields are years older than any
 * runtime's SDK (../README.md, "Which SDK each handler uses").
 */
import {
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsOutput,
  type ObjectIdentifier,
  type ReplicationStatus,
  S3Client,
  type _Error as DeleteError,
} from '@aws-sdk/client-s3';
import { describeError, errorName } from '../shared/errors';
import { backoff, retry, sleep } from '../shared/retry';

/** DeleteObjects calls in flight at once. */
export const DELETES_IN_FLIGHT = 4;
/** HeadObject calls in flight at once (the SDK's default pool has 50 sockets). */
export const HEADS_IN_FLIGHT = 32;
/** Keys in one DeleteObjects call: the most S3 accepts. */
export const DELETE_BATCH_SIZE = 1000;
/** Attempts at deleting keys that DeleteObjects reported as errors. */
const KEY_ATTEMPTS = 5;

const ENTRIES = ' versions and delete markers';

const s3 = new S3Client({});

/** Where the next ListObjectVersions page starts. */
interface ListMarker {
  readonly KeyMarker?: string;
  readonly VersionIdMarker?: string;
}

/** What one pass over the bucket saw and did. */
interface PassResult {
  /** The bucket does not exist (any more). */
  readonly bucketGone: boolean;
  /** Versions and delete markers listed. */
  readonly listed: number;
  /** Of those, deleted now or found gone already. */
  readonly deleted: number;
  /** The deadline stopped the listing before its end. */
  readonly cutShort: boolean;
  /** Keys of versions still PENDING replication (kept). */
  readonly pending: readonly string[];
  /** Keys of versions whose replication FAILED (kept). */
  readonly failed: readonly string[];
  /** The first S3 error that stopped the pass. */
  readonly error?: unknown;
}

/**
 * Empties `bucket`; resolves with what was done. Throws, saying how many versions and delete
 * markers remain, when objects are still PENDING replication after `waitMs`, when replication
 * FAILED for some, when an S3 call fails for good, or when `deadline` (epoch ms) comes first.
 */
export async function emptyBucket(bucket: string, waitMs: number, deadline: number, deletesInFlight = DELETES_IN_FLIGHT): Promise<string> {
  const waitUntil = Math.min(Date.now() + waitMs, deadline);
  let deleted = 0;
  for (let pass = 0; ; pass++) {
    const result = await new Pass(bucket, deadline, deletesInFlight).run();
    if (result.bucketGone) return 'bucket already gone';
    deleted += result.deleted;
    if (result.listed === 0 && !result.cutShort) return `deleted ${deleted}${ENTRIES}`;

    const wait = backoff(pass);
    const problem = passProblem(result, waitMs, Date.now() + wait > waitUntil);
    if (problem !== undefined) {
      throw new Error(`${problem}; ${result.cutShort ? 'at least ' : ''}${result.listed - result.deleted}${ENTRIES} remain`);
    }
    if (result.pending.length > 0) await sleep(wait);
  }
}

/** Why the emptier stops after this pass, if it does: the first problem that applies. */
function passProblem(pass: PassResult, waitMs: number, waitIsOver: boolean): string | undefined {
  if (pass.error !== undefined) return describeError(pass.error);
  if (pass.failed.length > 0) {
    return `${pass.failed.length} versions FAILED to replicate (e.g. ${pass.failed[0]}), not deleted: re-replicate them (S3 Batch Replication), then retry`;
  }
  if (pass.cutShort) return 'time budget spent';
  if (pass.pending.length > 0 && waitIsOver) {
    return `${pass.pending.length} versions still PENDING replication after ${waitMs / 1000} s (e.g. ${pass.pending[0]}), not deleted: retry later`;
  }
  return undefined;
}

/**
 * One pass: lists the bucket page by page; sends what may go straight away to the delete batch and
 * the rest to HeadObject first; deletes full batches while the listing goes on.
 */
class Pass {
  private listed = 0;
  private deleted = 0;
  private cutShort = false;
  private readonly pending: string[] = [];
  private readonly failed: string[] = [];
  private batch: ObjectIdentifier[] = [];
  private readonly heads = new TaskPool(HEADS_IN_FLIGHT);
  private readonly deletes: TaskPool;

  constructor(
    private readonly bucket: string,
    private readonly deadline: number,
    deletesInFlight: number,
  ) {
    this.deletes = new TaskPool(deletesInFlight);
  }

  async run(): Promise<PassResult> {
    let listingError: unknown;
    try {
      await this.listAll();
    } catch (error) {
      listingError = error;
    }
    await this.heads.drain();
    if (this.batch.length > 0) await this.flush();
    await this.deletes.drain();
    if (listingError !== undefined && errorName(listingError) === 'NoSuchBucket') return { ...this.result(), bucketGone: true };
    if (listingError !== undefined) throw listingError;
    return this.result();
  }

  private result(): PassResult {
    return {
      bucketGone: false,
      listed: this.listed,
      deleted: this.deleted,
      cutShort: this.cutShort,
      pending: this.pending,
      failed: this.failed,
      error: this.heads.error ?? this.deletes.error,
    };
  }

  /** Lists every page, until the end, the deadline, or the first failed HeadObject or DeleteObjects. */
  private async listAll(): Promise<void> {
    let marker: ListMarker | undefined = {};
    // Keys whose latest entry is a delete marker, on the previous page (a key can straddle two).
    let hiddenBefore = new Set<string>();
    while (marker !== undefined && this.heads.error === undefined && this.deletes.error === undefined) {
      if (Date.now() > this.deadline) {
        this.cutShort = true;
        return;
      }
      const page = await listVersions(this.bucket, marker, this.deadline);
      hiddenBefore = await this.sort(page, hiddenBefore);
      marker = page.IsTruncated === true ? { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker } : undefined;
    }
  }

  /**
   * Delete markers, and versions below their key's latest delete marker, go straight to the
   * batch: S3 Lifecycle never expires an object whose replication is PENDING or FAILED, and only
   * lifecycle puts delete markers in this bucket, so a version it hid has replicated. Every other
   * version gets a HeadObject. Returns the keys this page hides.
   */
  private async sort(page: ListObjectVersionsOutput, hiddenBefore: ReadonlySet<string>): Promise<Set<string>> {
    const markers = page.DeleteMarkers ?? [];
    const versions = page.Versions ?? [];
    this.listed += markers.length + versions.length;
    const hidden = new Set<string>();
    for (const marker of markers) {
      if (marker.IsLatest === true && marker.Key !== undefined) hidden.add(marker.Key);
      await this.addToBatch(identifierOf(marker));
    }
    for (const version of versions) {
      const key = version.Key ?? '';
      if (hidden.has(key) || hiddenBefore.has(key)) await this.addToBatch(identifierOf(version));
      else await this.heads.add(() => this.checkThenDelete(identifierOf(version)));
    }
    return hidden;
  }

  /** Reads a version's replication status; deletes it only once it has replicated. */
  private async checkThenDelete(version: ObjectIdentifier): Promise<void> {
    const status = await replicationStatus(this.bucket, version, this.deadline);
    switch (status) {
      case 'gone':
        // Gone since the listing (lifecycle): nothing left to delete.
        this.deleted++;
        return;
      case 'PENDING':
        this.pending.push(version.Key ?? '');
        return;
      case 'FAILED':
        this.failed.push(version.Key ?? '');
        return;
      default:
        // COMPLETED, REPLICA, or no status (written before replication was set up).
        await this.addToBatch(version);
    }
  }

  private async addToBatch(entry: ObjectIdentifier): Promise<void> {
    this.batch.push(entry);
    if (this.batch.length >= DELETE_BATCH_SIZE) await this.flush();
  }

  /** Hands the batch to the delete pool (waiting for a free slot). */
  private async flush(): Promise<void> {
    const keys = this.batch;
    this.batch = [];
    await this.deletes.add(() => this.deleteBatch(keys));
  }

  /** Deletes `keys`, retrying keys that DeleteObjects reports as errors; throws after KEY_ATTEMPTS. */
  private async deleteBatch(keys: ObjectIdentifier[]): Promise<void> {
    let remaining = keys;
    for (let attempt = 1; ; attempt++) {
      const errors = await deleteVersions(this.bucket, remaining, this.deadline);
      this.deleted += remaining.length - errors.length;
      if (errors.length === 0) return;
      if (attempt >= KEY_ATTEMPTS) {
        throw new Error(`DeleteObjects: ${errors[0].Code} ${errors[0].Message} (${errors.length} keys)`);
      }
      remaining = errors.map(identifierOf);
      await sleep(backoff(attempt));
    }
  }
}

/**
 * A bounded pool of tasks: `add` starts a task once fewer than `size` run; `drain` waits until all
 * have ended. A task's error is kept (the first one) rather than thrown.
 */
class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private firstError: unknown;

  constructor(private readonly size: number) {}

  /** The first error a task threw, if any. */
  get error(): unknown {
    return this.firstError;
  }

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.firstError ??= error;
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}

/** The key and version of a listing entry or a DeleteObjects error: what DeleteObjects takes. */
function identifierOf(entry: { Key?: string; VersionId?: string }): ObjectIdentifier {
  return { Key: entry.Key ?? '', VersionId: entry.VersionId };
}

/** One page of ListObjectVersions (up to 1,000 versions and delete markers). */
function listVersions(bucket: string, marker: ListMarker, deadline: number): Promise<ListObjectVersionsOutput> {
  return retry(() => s3.send(new ListObjectVersionsCommand({ Bucket: bucket, ...marker })), deadline);
}

/** The replication status of one version (HeadObject), or `gone` when it no longer exists. */
async function replicationStatus(bucket: string, version: ObjectIdentifier, deadline: number): Promise<ReplicationStatus | 'gone' | undefined> {
  try {
    const head = await retry(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: version.Key, VersionId: version.VersionId })), deadline);
    return head.ReplicationStatus;
  } catch (error) {
    if (errorName(error) === 'NotFound') return 'gone';
    throw error;
  }
}

/** DeleteObjects of specific versions (never without a VersionId, which would only add a delete marker); returns the per-key errors. */
async function deleteVersions(bucket: string, keys: ObjectIdentifier[], deadline: number): Promise<DeleteError[]> {
  const output = await retry(() => s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } })), deadline);
  return output.Errors ?? [];
}
