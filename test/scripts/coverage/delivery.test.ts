/** Delivery evidence: the date walk with the real S3 client against the fake S3 (paginated), and its verdicts. */
import { S3Client } from '@aws-sdk/client-s3';
import { CentralBucketReader, judgeDelivery, newestObject } from '../../../scripts/coverage/delivery';
import { CallGate } from '../../../scripts/coverage/gate';
import { FakeOrganization, MANAGEMENT_ACCESS_KEY, startFakeAws, type FakeAws } from '../../helpers/fake-aws';

const BUCKET = 'central';
const PREFIX = 'AWSLogs/100000000001/BedrockModelInvocationLogs/us-east-1/';
const at = (iso: string) => new Date(iso);

let fake: FakeAws;
let s3: S3Client;
let gate: CallGate;

beforeAll(async () => {
  const model = new FakeOrganization('o-a1b2c3d4e5', '333333333333');
  model.createBucket(BUCKET, '333333333333', 'us-east-1');
  const put = (key: string, iso: string) => model.putObject(BUCKET, `${PREFIX}${key}`, at(iso));
  // Greatest year, month, day, hour by their numbers; several objects in the newest hour (3 pages of 2).
  put('2025/12/31/23/a.json.gz', '2026-01-01T00:01:00Z');
  put('2026/01/09/07/a.json.gz', '2026-01-09T07:10:00Z');
  put('2026/02/01/05/a.json.gz', '2026-02-01T05:02:00Z');
  for (const [name, minute] of [['a', '10'], ['b', '40'], ['c', '20'], ['d', '05'], ['e', '33']]) put(`2026/02/01/06/${name}.json.gz`, `2026-02-01T06:${minute}:00Z`);
  // Large bodies under a `data/` part, and another region: neither counts for this cell.
  put('data/2026/12/31/23/big.json.gz', '2026-12-31T23:00:00Z');
  model.putObject(BUCKET, 'AWSLogs/100000000001/BedrockModelInvocationLogs/us-west-2/2026/01/20/00/x.json.gz', at('2026-01-20T00:00:00Z'));
  fake = await startFakeAws({ model, s3: { pageSize: 2 } });
  s3 = new S3Client({ region: 'us-east-1', endpoint: fake.endpoint, credentials: { accessKeyId: MANAGEMENT_ACCESS_KEY, secretAccessKey: 'x' } });
  gate = new CallGate({ concurrency: 4, budgetMs: 60_000 });
});
afterAll(async () => {
  gate.close();
  s3.destroy();
  await fake.close();
});

test('walks to the newest object by the numbers of the date parts, across pages', async () => {
  const before = fake.calls()['s3:ListObjectsV2'] ?? 0;
  const newest = await newestObject(s3, BUCKET, PREFIX, gate);
  expect(newest).toEqual({ key: `${PREFIX}2026/02/01/06/b.json.gz`, lastModified: at('2026-02-01T06:40:00Z') });
  // Years (2025/, 2026/, data/: two pages), month, day, hour (a page each), the hour's five objects (three pages).
  expect((fake.calls()['s3:ListObjectsV2'] ?? 0) - before).toBe(8);
});

test('tries the report\'s day first: its hours, then the newest hour\'s objects; else the whole walk', async () => {
  const listings = async (today: Date) => {
    const before = fake.calls()['s3:ListObjectsV2'] ?? 0;
    const newest = await newestObject(s3, BUCKET, PREFIX, gate, today);
    return { newest: newest?.lastModified.toISOString(), listings: (fake.calls()['s3:ListObjectsV2'] ?? 0) - before };
  };
  // The day's hours (one page), the newest hour's five objects (three pages).
  expect(await listings(at('2026-02-01T23:00:00Z'))).toEqual({ newest: '2026-02-01T06:40:00.000Z', listings: 4 });
  // Nothing that day: one listing more than the whole walk.
  expect(await listings(at('2026-02-05T12:00:00Z'))).toEqual({ newest: '2026-02-01T06:40:00.000Z', listings: 9 });
});

test('finds nothing under a prefix nothing was delivered to', async () => {
  expect(await newestObject(s3, BUCKET, 'AWSLogs/100000000009/BedrockModelInvocationLogs/us-east-1/', gate)).toBeUndefined();
});

test('the reader lists an account\'s regions once and skips regions that never delivered', async () => {
  const reader = new CentralBucketReader(s3, BUCKET, '', gate, at('2026-02-02T06:40:00Z'), 2);
  const before = fake.calls()['s3:ListObjectsV2'] ?? 0;
  expect(await reader.read('100000000001', 'eu-west-1')).toEqual({ status: 'none' });
  expect((fake.calls()['s3:ListObjectsV2'] ?? 0) - before).toBe(1);
  expect(await reader.read('100000000001', 'us-east-1')).toMatchObject({ status: 'recent', ageDays: 1, newestObjectAt: '2026-02-01T06:40:00.000Z' });
  expect(await reader.read('100000000001', 'us-west-2')).toMatchObject({ status: 'stale', ageDays: 13.3, newestObjectAt: '2026-01-20T00:00:00.000Z' });
});

test('fails if the bucket cannot be read: the delivery is unknown, with why', async () => {
  const reader = new CentralBucketReader(s3, 'no-such-bucket', '', gate, new Date(), 2);
  expect(await reader.read('100000000001', 'us-east-1')).toEqual({ status: 'unknown', error: 'central bucket listing: NoSuchBucket: The specified bucket does not exist' });
});

test('judges the age against the stale threshold, from the report time', () => {
  const newest = { key: 'k', lastModified: at('2026-01-01T00:00:00Z') };
  expect(judgeDelivery(newest, at('2026-01-03T00:00:00Z'), 2)).toMatchObject({ status: 'recent', ageDays: 2 });
  expect(judgeDelivery(newest, at('2026-01-03T00:00:01Z'), 2)).toMatchObject({ status: 'stale', ageDays: 2 });
  expect(judgeDelivery(newest, at('2026-01-11T00:00:00Z'), 2)).toMatchObject({ status: 'stale', ageDays: 10 });
  expect(judgeDelivery(undefined, at('2026-01-11T00:00:00Z'), 2)).toEqual({ status: 'none' });
});
