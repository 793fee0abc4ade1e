/**
 * Empties a versioned bucket without losing a log: every object version and delete marker is
 * listed (the whole bucket, whatever its keys); the replication status of each version that may
 * not have replicated is read with HeadObject; only what has replicated (or never needed to) is
 * deleted, in batches of 1,000 keys with several batches in flight. Passes repeat until a listing
 * comes back empty. Design, tradeoffs and benchmark: ../README.md.
 */
import {
  DeleteObjectsCommand,
  DeleteObjectsOutput,
  HeadObjectCommand,
  HeadObjectOutput,
  ListObjectVersionsCommand,
  ListObjectVersionsOutput,
  ObjectIdentifier,
  S3Client,
} from '@aws-sdk/client-s3';
import { backoff, retry, sleep } from '../shared/retry';

/** DeleteObjects calls in flight at once. */
export const DELETES_IN_FLIGHT = 4;
/** HeadObject calls in flight at once (the SDK's default pool has 50 sockets). */
export const HEADS_IN_FLIGHT = 32;
/** Attempts at deleting keys that DeleteObjects reported as errors. */
const KEY_ATTEMPTS = 5;

const s3 = new S3Client({});
const ENTRIES = ' versions and delete markers';

/** The key and version of a listing entry or a DeleteObjects error: what DeleteObjects takes. */
const id = ({ Key, VersionId }: { Key?: string; VersionId?: string }): ObjectIdentifier => ({ Key: Key!, VersionId });

/** A bounded pool: `run(task)` waits for a free slot; `run()` waits until every task has ended. */
const pool = (size: number, onError: (e: unknown) => void) => {
  const busy = new Set<Promise<unknown>>();
  return async (task?: () => Promise<unknown>) => {
    while (busy.size >= (task ? size : 1)) await Promise.race(busy);
    if (task) {
      const p: Promise<unknown> = task()
        .catch(onError)
        .finally(() => busy.delete(p));
      busy.add(p);
    }
  };
};

/**
 * Empties `Bucket`; resolves with what was done, throws with how many versions and delete markers
 * remain when objects are still PENDING replication after `waitMs`, when replication FAILED for
 * some, when an S3 call fails for good, or when `deadline` (epoch ms) comes first.
 */
export async function emptyBucket(
  Bucket: string,
  waitMs: number,
  deadline: number,
  deletesInFlight = DELETES_IN_FLIGHT,
): Promise<string> {
  const waitUntil = Math.min(Date.now() + waitMs, deadline);
  const call = <T>(command: new (input: any) => object, input: object): Promise<T> =>
    retry(() => s3.send(new command({ Bucket, ...input }) as HeadObjectCommand) as Promise<T>, deadline);
  let deleted = 0;
  for (let pass = 0; ; pass++) {
    const pending: string[] = [];
    const failed: string[] = [];
    let batch: ObjectIdentifier[] = [];
    let seen = 0;
    let gone = 0;
    let cut = false;
    let error: unknown;
    const onError = (e: unknown) => void (error ??= e);
    const deletes = pool(deletesInFlight, onError);
    const heads = pool(HEADS_IN_FLIGHT, onError);
    const flush = () => {
      let keys = batch;
      batch = [];
      return deletes(async () => {
        for (let attempt = 1; keys.length; attempt++) {
          const { Errors = [] } = await call<DeleteObjectsOutput>(DeleteObjectsCommand, {
            Delete: { Objects: keys, Quiet: true },
          });
          gone += keys.length - Errors.length;
          if (Errors[0] && attempt >= KEY_ATTEMPTS) {
            throw Error(`DeleteObjects: ${Errors[0].Code} ${Errors[0].Message} (${Errors.length} keys)`);
          }
          keys = Errors.map(id);
          if (keys[0]) await sleep(backoff(attempt));
        }
      });
    };
    const add = async (entry: ObjectIdentifier) => {
      if (batch.push(id(entry)) >= 1000) await flush();
    };

    let page: ListObjectVersionsOutput | undefined;
    let hidden = new Set<string | undefined>();
    do {
      if ((cut = Date.now() > deadline)) break;
      try {
        page = await call<ListObjectVersionsOutput>(ListObjectVersionsCommand, {
          KeyMarker: page?.NextKeyMarker,
          VersionIdMarker: page?.NextVersionIdMarker,
        });
      } catch (e) {
        if ((e as Error).name == 'NoSuchBucket') return 'bucket already gone';
        throw e;
      }
      const markers = page.DeleteMarkers ?? [];
      const versions = page.Versions ?? [];
      seen += markers.length + versions.length;
      // Keys whose latest entry is a delete marker, on this page and (a key can straddle two
      // pages) the previous one.
      const before = hidden;
      hidden = new Set();
      for (const m of markers) {
        if (m.IsLatest) hidden.add(m.Key);
        await add(m as ObjectIdentifier);
      }
      for (const v of versions) {
        // S3 Lifecycle never expires an object whose replication is PENDING or FAILED, and only
        // lifecycle puts delete markers in this bucket: a version below the latest delete marker
        // has replicated, and needs no HeadObject.
        if (hidden.has(v.Key) || before.has(v.Key)) await add(v as ObjectIdentifier);
        else await heads(async () => {
          try {
            const { ReplicationStatus: status } = await call<HeadObjectOutput>(HeadObjectCommand, id(v));
            if (status == 'PENDING') pending.push(v.Key!);
            else if (status == 'FAILED') failed.push(v.Key!);
            else await add(v as ObjectIdentifier);
          } catch (e) {
            // The version went away since the listing (lifecycle): nothing left to delete.
            if ((e as Error).name == 'NotFound') gone++;
            else throw e;
          }
        });
      }
    } while (page.IsTruncated && !error);
    await heads();
    if (batch[0]) await flush();
    await deletes();
    deleted += gone;

    if (!seen && !cut) return `deleted ${deleted}${ENTRIES}`;
    const wait = backoff(pass);
    const problem = error
      ? `${error}`
      : failed[0]
        ? `${failed.length} versions FAILED to replicate (e.g. ${failed[0]}), not deleted: ` +
          're-replicate them (S3 Batch Replication), then retry'
        : cut
          ? 'time budget spent'
          : pending[0] && Date.now() + wait > waitUntil
            ? `${pending.length} versions still PENDING replication after ${waitMs / 1000} s ` +
              `(e.g. ${pending[0]}), not deleted: retry later`
            : '';
    if (problem) {
      throw Error(`${problem}; ${cut ? 'at least ' : ''}${seen - gone}${ENTRIES} remain`);
    }
    if (pending[0]) await sleep(wait);
  }
}
