import {
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { BUCKET_EMPTIER_RESOURCE_TYPE } from '../../../cdk/constants';
import { CREATE_FAILED_PREFIX } from '../../../cdk/handlers/shared/custom-resource';
import { DELETES_IN_FLIGHT } from '../../../cdk/handlers/empty-log-bucket/empty-bucket';
import { loadBundledHandler } from '../helpers/bundled-handler';
import { cfnEvent, lambdaContext } from '../helpers/events';
import { FakeBucket, LOG_PREFIX } from '../helpers/fake-bucket';
import { ResponseServer } from '../helpers/response-server';

const s3 = mockClient(S3Client);
const server = new ResponseServer();
const handler = loadBundledHandler('empty-log-bucket');
let bucket: FakeBucket;

const props = (overrides: Record<string, string> = {}) => ({
  BucketName: bucket.name,
  ReplicationWaitSeconds: '600',
  ...overrides,
});
const deleteEvent = (overrides: Record<string, string> = {}) =>
  cfnEvent(server, 'Delete', BUCKET_EMPTIER_RESOURCE_TYPE, props(overrides), { physicalResourceId: bucket.name });

/** Runs the handler and returns CloudFormation's one answer. */
async function run(event: ReturnType<typeof deleteEvent>, workMs = 30_000) {
  await handler(event, lambdaContext(workMs));
  return server.answerFor(event.RequestId);
}

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  s3.reset();
  server.reset();
  bucket = new FakeBucket();
  bucket.attach(s3);
  jest.spyOn(console, 'log').mockImplementation(() => {});
});

describe('Create and Update', () => {
  test.each(['Create', 'Update'] as const)('%s answers SUCCESS with the bucket name and touches nothing', async (type) => {
    bucket.fill(10);
    const event = cfnEvent(server, type, BUCKET_EMPTIER_RESOURCE_TYPE, props(), {
      ...(type === 'Update' && { physicalResourceId: bucket.name, oldProperties: props() }),
    });
    const answer = await run(event);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: bucket.name, LogicalResourceId: 'Resource' });
    expect(s3.calls()).toHaveLength(0);
    expect(bucket.size).toBe(10);
  });

  test.each(['ten', '', '-1', 'Infinity'])('fails if ReplicationWaitSeconds is not a number of seconds (%j)', async (wait) => {
    const event = cfnEvent(server, 'Create', BUCKET_EMPTIER_RESOURCE_TYPE, props({ ReplicationWaitSeconds: wait }));
    const answer = await run(event);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(`invalid properties {`);
    expect(answer.Reason).toContain(`"ReplicationWaitSeconds":${JSON.stringify(wait)}`);
    expect(answer.Reason).toMatch(/ReplicationWaitSeconds a number of seconds, 0 or more$/);
    expect(answer.PhysicalResourceId).toBe(CREATE_FAILED_PREFIX + event.RequestId);
  });
});

describe('Delete', () => {
  test('empties a bucket of 25,000 versions and delete markers with the fewest calls', async () => {
    bucket.fill(25_000);
    const versions = bucket.versions;
    expect([versions, 25_000 - versions]).toEqual([16_667, 8_333]);
    const current = bucket.currentVersions;
    expect(current).toBe(8_334);
    const answer = await run(deleteEvent());
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: bucket.name });
    expect(answer.Reason).toBe('deleted 25000 versions and delete markers');
    expect(bucket.size).toBe(0);
    // 25 pages, then one listing that finds the bucket empty.
    expect(s3.commandCalls(ListObjectVersionsCommand)).toHaveLength(26);
    // ceil(25,000 / 1,000): every batch full.
    const deletes = s3.commandCalls(DeleteObjectsCommand);
    expect(deletes).toHaveLength(25);
    for (const call of deletes) {
      const objects = call.args[0].input.Delete!.Objects!;
      expect(objects).toHaveLength(1000);
      expect(objects.every((o) => Object.keys(o).join() === 'Key,VersionId' && o.VersionId)).toBe(true);
    }
    // Delete markers and the versions they hide (expired by lifecycle) need no replication
    // check: one HeadObject per current version.
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(current);
    expect(bucket.lostLogs).toEqual([]);
  });

  test('reads the replication status of current and overwritten versions, not of versions below a delete marker', async () => {
    // 999 entries, then a key whose delete marker ends page 1 and whose versions start page 2.
    for (let i = 0; i < 999; i++) bucket.add(`${LOG_PREFIX}a-${String(i).padStart(4, '0')}`);
    const straddling = `${LOG_PREFIX}b-expired`;
    bucket.add(straddling, { deleteMarker: true });
    const expired = bucket.add(straddling);
    const older = bucket.add(straddling);
    const overwrittenKey = 'amazon-bedrock-logs-permission-check';
    const [newest, overwritten] = [bucket.add(overwrittenKey), bucket.add(overwrittenKey)];
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('SUCCESS');
    expect(bucket.size).toBe(0);
    const headed = s3.commandCalls(HeadObjectCommand).map((c) => c.args[0].input.VersionId);
    expect(headed).toHaveLength(999 + 2);
    expect(headed).toEqual(expect.arrayContaining([newest.VersionId, overwritten.VersionId]));
    expect(headed).not.toEqual(expect.arrayContaining([expired.VersionId]));
    expect(headed).not.toEqual(expect.arrayContaining([older.VersionId]));
    expect(s3.commandCalls(ListObjectVersionsCommand)[1].args[0].input.VersionIdMarker).not.toBe(expired.VersionId);
  });

  test('keeps several DeleteObjects calls in flight, never more than its limit', async () => {
    // Expired logs only (delete marker + the version it hides): no HeadObject slows the listing.
    for (let i = 0; i < 4_000; i++) {
      bucket.add(`${LOG_PREFIX}${i}`, { deleteMarker: true });
      bucket.add(`${LOG_PREFIX}${i}`);
    }
    bucket.latency.delete = 20;
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('SUCCESS');
    expect(bucket.maxDeletesInFlight).toBeGreaterThan(1);
    expect(bucket.maxDeletesInFlight).toBeLessThanOrEqual(DELETES_IN_FLIGHT);
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(8);
  });

  test("deletes Bedrock's permission-check object like any other: the whole bucket is listed", async () => {
    const check = bucket.add('amazon-bedrock-logs-permission-check', { replication: [] });
    const prefixed = bucket.add('team-prefix/AWSLogs/111111111111/BedrockModelInvocationLogs/amazon-bedrock-logs-permission-check');
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('SUCCESS');
    expect(bucket.has(check) || bucket.has(prefixed)).toBe(false);
    expect(s3.commandCalls(ListObjectVersionsCommand)[0].args[0].input).toEqual({ Bucket: bucket.name });
  });

  test('answers SUCCESS when the bucket no longer exists', async () => {
    bucket.exists = false;
    const answer = await run(deleteEvent());
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'bucket already gone' });
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  test('is idempotent: a second delivery of the same Delete finds the bucket empty', async () => {
    bucket.fill(1_500);
    const event = deleteEvent();
    await handler(event, lambdaContext());
    await handler(event, lambdaContext());
    const answers = server.answers.filter((a) => a.RequestId === event.RequestId);
    expect(answers.map((a) => [a.Status, a.Reason, a.PhysicalResourceId])).toEqual([
      ['SUCCESS', 'deleted 1500 versions and delete markers', bucket.name],
      ['SUCCESS', 'deleted 0 versions and delete markers', bucket.name],
    ]);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(2);
  });

  test('answers SUCCESS without touching anything for the Delete that follows a failed Create', async () => {
    bucket.fill(10);
    const physicalResourceId = `${CREATE_FAILED_PREFIX}0c1e2f3a-0000-4000-8000-000000000000`;
    const event = cfnEvent(server, 'Delete', BUCKET_EMPTIER_RESOURCE_TYPE, props(), { physicalResourceId });
    const answer = await run(event);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalResourceId });
    expect(s3.calls()).toHaveLength(0);
    expect(bucket.size).toBe(10);
  });

  test('waits for PENDING replication, then deletes what has replicated', async () => {
    bucket.fill(3_000);
    const late = [1, 2, 3].map((i) =>
      bucket.add(`${LOG_PREFIX}late-${i}.json.gz`, { replication: ['PENDING', 'PENDING', 'COMPLETED'] }),
    );
    const answer = await run(deleteEvent());
    expect(answer).toMatchObject({ Status: 'SUCCESS', Reason: 'deleted 3003 versions and delete markers' });
    expect(bucket.lostLogs).toEqual([]);
    // Their keys were left out of every batch until HeadObject said COMPLETED, two passes later.
    const batches = s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete!.Objects!);
    const batchOf = (v: string) => batches.findIndex((b) => b.some((o) => o.VersionId === v));
    expect(late.map((e) => batchOf(e.VersionId))).toEqual([3, 3, 3]);
    expect(batches).toHaveLength(4);
    // Pass 1: 4 pages (3,003 entries); passes 2 and 3: the 3 pending; pass 4: empty.
    expect(s3.commandCalls(ListObjectVersionsCommand)).toHaveLength(4 + 1 + 1 + 1);
  });

  test('fails if replication stays PENDING past ReplicationWaitSeconds, and keeps those objects', async () => {
    bucket.fill(2_000);
    const stuck = bucket.add(`${LOG_PREFIX}stuck.json.gz`, { replication: ['PENDING'] });
    const answer = await run(deleteEvent({ ReplicationWaitSeconds: '0.05' }));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(`1 versions still PENDING replication after 0.05 s (e.g. ${stuck.Key}), not deleted: retry later`);
    expect(answer.Reason).toMatch(/; 1 versions and delete markers remain/);
    expect(bucket.has(stuck)).toBe(true);
    expect(bucket.size).toBe(1);
    expect(bucket.lostLogs).toEqual([]);
  });

  test('fails if replication FAILED, naming the object, after deleting everything else', async () => {
    bucket.fill(1_200);
    const failed = bucket.add(`${LOG_PREFIX}failed.json.gz`, { replication: ['FAILED'] });
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(`1 versions FAILED to replicate (e.g. ${failed.Key}), not deleted: re-replicate them (S3 Batch Replication), then retry`);
    expect(bucket.has(failed)).toBe(true);
    expect(bucket.size).toBe(1);
    expect(bucket.lostLogs).toEqual([]);
  });

  test('deletes versions that have no replication status (written before replication was set up)', async () => {
    const old = bucket.add('old/object', { replication: [] });
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('SUCCESS');
    expect(bucket.has(old)).toBe(false);
  });

  test('retries keys that DeleteObjects reports as errors', async () => {
    bucket.fill(2_500);
    const [a, b] = [bucket.add('retry/a'), bucket.add('retry/b')];
    bucket.keyErrors.set(a.VersionId, ['InternalError', 'SlowDown']);
    bucket.keyErrors.set(b.VersionId, ['InternalError']);
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('SUCCESS');
    expect(bucket.size).toBe(0);
    const retried = s3
      .commandCalls(DeleteObjectsCommand)
      .map((c) => c.args[0].input.Delete!.Objects!)
      .filter((objects) => objects.length <= 2);
    expect(retried).toEqual([
      [
        { Key: a.Key, VersionId: a.VersionId },
        { Key: b.Key, VersionId: b.VersionId },
      ],
      [{ Key: a.Key, VersionId: a.VersionId }],
    ]);
  });

  test('fails if a key cannot be deleted (access denied), with the error and what remains', async () => {
    bucket.fill(100);
    const locked = bucket.add('locked/object');
    bucket.keyErrors.set(locked.VersionId, Array(10).fill('AccessDenied'));
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^DeleteObjects: AccessDenied AccessDenied \(fake\) \(1 keys\); 1 versions and delete markers remain$/);
    expect(bucket.size).toBe(1);
  });

  test('retries a throttled listing', async () => {
    bucket.fill(10);
    bucket.listErrors.push(
      new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', $metadata: { httpStatusCode: 503 } }),
    );
    expect((await run(deleteEvent())).Status).toBe('SUCCESS');
    expect(bucket.size).toBe(0);
    expect(bucket.calls.list).toBe(3);
  });

  test('fails if listing is denied, at once', async () => {
    bucket.fill(10);
    bucket.listErrors.push(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403 } }),
    );
    const answer = await run(deleteEvent());
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe('AccessDenied: Access Denied');
    expect(bucket.calls.list).toBe(1);
    expect(bucket.size).toBe(10);
  });

  test('fails if the time budget runs out, saying how many remain', async () => {
    bucket.fill(20_000);
    bucket.latency.list = 40;
    const answer = await run(deleteEvent(), 300);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/time budget spent; (at least )?\d+ versions and delete markers remain/);
    expect(bucket.size).toBeGreaterThan(0);
  });

  test('does not log the presigned ResponseURL', async () => {
    const event = deleteEvent();
    await run(event);
    const logged = (console.log as jest.Mock).mock.calls.flat().join('\n');
    expect(logged).toContain(event.RequestId);
    expect(logged).not.toContain('X-Amz-Signature');
  });
});
