/**
 * Delivery evidence: the newest log object of one account × region in the central bucket, found
 * by listing (never reading) with `Delimiter='/'`. One listing per account says which regions have
 * ever delivered (`.../BedrockModelInvocationLogs/<region>/`); in those, the walk goes down the
 * date hierarchy Bedrock writes, `<region>/YYYY/MM/DD/HH/<object>.json.gz` (UTC): the greatest
 * year, then its greatest month, day and hour, then the objects of that hour. The report's own day
 * is tried first, which settles a cell that delivered today in two listings; otherwise five.
 * None for a region that never delivered. Never a listing of every object ever delivered. Only
 * numeric parts are followed (Bedrock keeps large bodies under a `data/` part), and objects found
 * above the hour level count too.
 */
import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { invocationLogPrefix } from '../../cdk/names';
import { failure } from './failures';
import type { CallGate } from './gate';
import type { Delivery } from './report';

/** The parts of the date hierarchy under a cell's prefix, from the year down to the hour. */
const LEVELS = [/^\d{4}\/$/, /^\d{2}\/$/, /^\d{2}\/$/, /^\d{2}\/$/];
const DAY_MS = 86_400_000;

export interface NewestObject {
  readonly key: string;
  readonly lastModified: Date;
}

/** Every page of one delimited listing. */
async function listAll(s3: S3Client, bucket: string, prefix: string, gate: CallGate): Promise<ListObjectsV2CommandOutput[]> {
  const pages: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const ContinuationToken = token;
    const page = await gate.run('s3', (abortSignal) => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken }), { abortSignal }));
    pages.push(page);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return pages;
}

/** The newest object at `depth` of the date hierarchy under `start` and below, or undefined. */
async function walk(s3: S3Client, bucket: string, start: string, depth: number, gate: CallGate): Promise<NewestObject | undefined> {
  let newest: NewestObject | undefined;
  let current = start;
  for (let level = depth; ; level += 1) {
    const pages = await listAll(s3, bucket, current, gate);
    for (const object of pages.flatMap((page) => page.Contents ?? [])) {
      if (object.Key !== undefined && object.LastModified !== undefined && (newest === undefined || object.LastModified > newest.lastModified)) {
        newest = { key: object.Key, lastModified: object.LastModified };
      }
    }
    if (level === LEVELS.length) return newest;
    const children = pages.flatMap((page) => page.CommonPrefixes ?? [])
      .map((common) => common.Prefix?.slice(current.length) ?? '')
      .filter((part) => LEVELS[level].test(part))
      .sort();
    const greatest = children[children.length - 1];
    if (greatest === undefined) return newest;
    current += greatest;
  }
}

/** `YYYY/MM/DD/` of a time, in UTC (Bedrock's date parts are UTC). */
export function dayPrefix(time: Date): string {
  return `${time.toISOString().slice(0, 10).replace(/-/g, '/')}/`;
}

/**
 * The newest object under `prefix`, or undefined when there is none. With `today`, the day of
 * `today` is listed first (two listings: its hours, then the newest hour's objects): objects of a
 * later day can only have arrived after `today`, so when that day holds objects, its newest is the
 * newest there was at that time. Otherwise, the whole walk from the year.
 */
export async function newestObject(s3: S3Client, bucket: string, prefix: string, gate: CallGate, today?: Date): Promise<NewestObject | undefined> {
  if (today !== undefined) {
    const found = await walk(s3, bucket, `${prefix}${dayPrefix(today)}`, LEVELS.length - 1, gate);
    if (found) return found;
  }
  return walk(s3, bucket, prefix, 0, gate);
}

/** The delivery of a cell, judged against the stale threshold at time `now`. */
export function judgeDelivery(newest: NewestObject | undefined, now: Date, staleAfterDays: number): Delivery {
  if (newest === undefined) return { status: 'none' };
  const ageDays = Math.max(0, (now.getTime() - newest.lastModified.getTime()) / DAY_MS);
  return {
    status: ageDays > staleAfterDays ? 'stale' : 'recent',
    newestObjectAt: newest.lastModified.toISOString(),
    newestObjectKey: newest.key,
    ageDays: Math.round(ageDays * 10) / 10,
  };
}

/** The delivery evidence of one account × region. */
export interface DeliveryReader {
  read(account: string, region: string): Promise<Delivery>;
}

/** Reads the central bucket with a role session of the aggregation account; failures become `unknown` (or `not-checked`). */
export class CentralBucketReader implements DeliveryReader {
  private readonly regionsByAccount = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly keyPrefix: string,
    private readonly gate: CallGate,
    private readonly now: Date,
    private readonly staleAfterDays: number,
  ) {}

  async read(account: string, region: string): Promise<Delivery> {
    try {
      const delivering = await this.regionsOf(account);
      const prefix = invocationLogPrefix(this.keyPrefix, account, region);
      const newest = delivering.has(region) ? await newestObject(this.s3, this.bucket, prefix, this.gate, this.now) : undefined;
      return judgeDelivery(newest, this.now, this.staleAfterDays);
    } catch (err) {
      const { status, problem } = failure(err, 'central bucket listing');
      return status === 'not-checked' ? { status: 'not-checked' } : { status: 'unknown', error: problem };
    }
  }

  /** The regions that have a folder under the account's prefix (listed once per account). */
  private regionsOf(account: string): Promise<Set<string>> {
    let regions = this.regionsByAccount.get(account);
    if (!regions) {
      const prefix = invocationLogPrefix(this.keyPrefix, account);
      regions = listAll(this.s3, this.bucket, prefix, this.gate).then((pages) =>
        new Set(pages.flatMap((page) => page.CommonPrefixes ?? []).map((common) => (common.Prefix ?? '').slice(prefix.length).replace(/\/$/, ''))));
      // A failed listing is not kept: the account's next cell tries again.
      regions.catch(() => this.regionsByAccount.delete(account));
      this.regionsByAccount.set(account, regions);
    }
    return regions;
  }
}

/** The reader when the central bucket cannot be read at all. */
export function unavailableDelivery(reason: string): DeliveryReader {
  return { read: () => Promise.resolve({ status: 'unknown', error: reason }) };
}
