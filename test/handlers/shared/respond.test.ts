import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { BUCKET_EMPTIER_RESOURCE_TYPE } from '../../../cdk/constants';
import { CfnResponse, MAX_RESPONSE_BYTES, responseBody } from '../../../cdk/handlers/shared/respond';
import { loadBundledHandler } from '../helpers/bundled-handler';
import { cfnEvent, lambdaContext } from '../helpers/events';
import { ResponseServer } from '../helpers/response-server';

const base: CfnResponse = {
  Status: 'SUCCESS',
  Reason: 'ok',
  PhysicalResourceId: 'bedrock-model-invocation-logging',
  StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/s/11111111-2222-3333-4444-555555555555',
  RequestId: '0c1e2f3a-0000-4000-8000-000000000000',
  LogicalResourceId: 'Resource',
};
const bytes = (s: string) => Buffer.byteLength(s);

describe('responseBody', () => {
  test('leaves a response that fits unchanged', () => {
    expect(JSON.parse(responseBody(base))).toEqual(base);
  });

  test.each([
    ['ASCII', 'x'],
    ['multi-byte UTF-8', 'é€'],
    ['surrogate pairs', '🙂'],
    ['characters JSON escapes', '"\\\n\u0001'],
  ])('cuts an over-long Reason (%s) to fit 4,096 bytes, ending in ...', (_, unit) => {
    const long = unit.repeat(10_000);
    const body = responseBody({ ...base, Status: 'FAILED', Reason: long });
    const parsed = JSON.parse(body) as CfnResponse;
    expect(bytes(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(bytes(body)).toBeGreaterThan(MAX_RESPONSE_BYTES - 16);
    expect(parsed.Reason.endsWith('...')).toBe(true);
    expect(long.startsWith(parsed.Reason.slice(0, -3).slice(0, -1))).toBe(true);
    expect({ ...parsed, Reason: '' }).toEqual({ ...base, Status: 'FAILED', Reason: '' });
  });

  test('cuts Reason, never Data', () => {
    const Data = { Note: 'd'.repeat(3_000) };
    const body = responseBody({ ...base, Reason: 'r'.repeat(3_000), Data });
    expect(bytes(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(JSON.parse(body).Data).toEqual(Data);
  });

  test('fails if Data alone does not fit: FAILED without Data, saying why', () => {
    const body = responseBody({ ...base, Data: { Note: 'd'.repeat(5_000) } });
    expect(JSON.parse(body)).toEqual({ ...base, Status: 'FAILED', Reason: 'response Data over 4096 bytes' });
  });
});

describe('sending the answer to a real HTTP server', () => {
  const server = new ResponseServer();
  const handler = loadBundledHandler('empty-log-bucket');
  const s3 = mockClient(S3Client);
  const create = () =>
    cfnEvent(server, 'Create', BUCKET_EMPTIER_RESOURCE_TYPE, {
      BucketName: 'bedrock-logs-111111111111-us-east-1',
      ReplicationWaitSeconds: '600',
    });

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    s3.reset();
    jest.spyOn(console, 'log').mockImplementation(() => {});
  });

  test('PUTs JSON to the ResponseURL with an empty Content-Type and a Content-Length', async () => {
    const e = create();
    await handler(e, lambdaContext());
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.method).toBe('PUT');
    expect(req.url).toBe(new URL(e.ResponseURL).pathname + new URL(e.ResponseURL).search);
    expect(req.headers['content-type']).toBe('');
    expect(req.headers['content-length']).toBe(String(bytes(req.body)));
    expect(req.headers['transfer-encoding']).toBeUndefined();
    expect(JSON.parse(req.body)).toEqual({
      Status: 'SUCCESS',
      Reason: 'nothing to do',
      PhysicalResourceId: 'bedrock-logs-111111111111-us-east-1',
      StackId: e.StackId,
      RequestId: e.RequestId,
      LogicalResourceId: e.LogicalResourceId,
    });
  });

  test.each([['a 500', 'error'] as const, ['a reset connection', 'reset'] as const])(
    'retries after %s: the stack gets exactly one final answer',
    async (_, failure) => {
      server.plan = [failure];
      const e = create();
      await handler(e, lambdaContext());
      expect(server.requests.map((r) => r.behaviour)).toEqual([failure, 'ok']);
      expect(server.requests[1].body).toBe(server.requests[0].body);
      expect(server.answerFor(e.RequestId).Status).toBe('SUCCESS');
    },
  );

  test('fails if the ResponseURL refuses the answer (403): no retry, the invocation errors so Lambda retries it', async () => {
    server.plan = ['forbidden'];
    await expect(handler(create(), lambdaContext())).rejects.toThrow('response not delivered: 403');
    expect(server.requests).toHaveLength(1);
  });

  test('fails if every attempt gets a 5xx: gives up after 8 attempts', async () => {
    server.plan = Array(20).fill('error');
    await expect(handler(create(), lambdaContext())).rejects.toThrow('response not delivered: 500');
    expect(server.requests).toHaveLength(8);
  });

  test('fails if a retry could not finish before the Lambda timeout: no retry with under 7 s left', async () => {
    server.plan = ['error'];
    const e = create();
    await expect(handler(e, { getRemainingTimeInMillis: () => 6_900 })).rejects.toThrow('response not delivered: 500');
    expect(server.requests).toHaveLength(1);
  });

  test('fails if nothing listens at the ResponseURL, with the network error', async () => {
    const e = { ...create(), ResponseURL: 'http://127.0.0.1:9/cfn-response' };
    await expect(handler(e, lambdaContext())).rejects.toThrow(/response not delivered: .*ECONNREFUSED/);
  });
});
