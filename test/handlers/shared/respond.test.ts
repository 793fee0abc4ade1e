import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { BUCKET_EMPTIER_RESOURCE_TYPE, LOGGING_CONFIG_RESOURCE_TYPE } from '../../../cdk/constants';
import { CREATE_FAILED_PREFIX } from '../../../cdk/handlers/shared/custom-resource';
import { type CfnResponse, MAX_DELIVERY_ATTEMPTS, MAX_RESPONSE_BYTES, responseBody } from '../../../cdk/handlers/shared/respond';
import { LambdaSandbox, loadBundledHandler } from '../helpers/bundled-handler';
import { cfnEvent, lambdaContext } from '../helpers/events';
import { ResponseServer, type TlsIdentity } from '../helpers/response-server';

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

  test(`fails if every attempt gets a 5xx: gives up after ${MAX_DELIVERY_ATTEMPTS} attempts`, async () => {
    server.plan = Array(20).fill('error');
    await expect(handler(create(), lambdaContext())).rejects.toThrow('response not delivered: 500');
    expect(server.requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
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

/**
 * A self-signed certificate for 127.0.0.1, made for this run with the openssl command-line tool,
 * written next to its key into a temporary folder.
 */
function selfSignedCertificate(dir: string): TlsIdentity & { certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

describe('sending the answer to a real HTTPS server, as to S3', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-response-'));
  const identity = selfSignedCertificate(dir);
  const server = new ResponseServer(identity);
  let sandbox: LambdaSandbox;
  // The Delete that follows a failed Create answers without any AWS call: only the answer travels.
  const rollbackDelete = () =>
    cfnEvent(server, 'Delete', LOGGING_CONFIG_RESOURCE_TYPE, { BucketName: 'bedrock-logs-111111111111-us-east-1' }, {
      physicalResourceId: `${CREATE_FAILED_PREFIX}0c1e2f3a-0000-4000-8000-000000000000`,
    });

  beforeAll(async () => {
    await server.start();
    sandbox = LambdaSandbox.create('configure-invocation-logging');
  });
  afterAll(async () => {
    await server.stop();
    sandbox.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  test('PUTs the answer over TLS to a server whose certificate the process trusts', async () => {
    const e = rollbackDelete();
    expect(e.ResponseURL).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    const run = await sandbox.invoke([e], { env: { NODE_EXTRA_CA_CERTS: identity.certFile } });
    expect(run.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.method).toBe('PUT');
    expect(req.headers['content-type']).toBe('');
    expect(req.headers['content-length']).toBe(String(bytes(req.body)));
    expect(JSON.parse(req.body)).toMatchObject({ Status: 'SUCCESS', Reason: 'Create had failed', RequestId: e.RequestId });
  });

  test('retries over TLS after a reset connection', async () => {
    server.plan = ['reset'];
    const e = rollbackDelete();
    const run = await sandbox.invoke([e], { env: { NODE_EXTRA_CA_CERTS: identity.certFile } });
    expect(run.exitCode).toBe(0);
    expect(server.requests.map((r) => r.behaviour)).toEqual(['reset', 'ok']);
    expect(server.answerFor(e.RequestId).Status).toBe('SUCCESS');
  });

  test('fails if the certificate is not trusted: nothing is sent, the invocation errors', async () => {
    const run = await sandbox.invoke([rollbackDelete()]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/HANDLER FAILED response not delivered: self[- ]signed certificate/);
    expect(server.requests).toHaveLength(0);
  });
});
