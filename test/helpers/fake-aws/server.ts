/**
 * One fake AWS endpoint on 127.0.0.1 for every service: the real SDK v3 clients reach it through
 * `AWS_ENDPOINT_URL`, and each request goes to the handler of the service named in its SigV4
 * credential scope (`Credential=<key>/<date>/<region>/<service>/aws4_request`), the way one
 * endpoint can serve several services. Signatures are not verified; the access key is, and names
 * the caller. Around every handler: latency, throttling on demand, session-policy and SCP denials,
 * and a count of requests per `service:Operation`.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { FakeOrganization } from './model';
import { AwsError, type Caller, type FakeRequest, type FakeResponse, type ServiceHandler } from './protocol';

export type Handler = ServiceHandler<FakeOrganization>;

export interface FakeServerOptions {
  readonly model: FakeOrganization;
  readonly services: readonly Handler[];
  /** Milliseconds before each answer. @default 0 */
  readonly latencyMs?: number | ((service: string, operation: string) => number);
  /** Whether a request is answered with the service's throttling error. @default - never */
  readonly throttle?: (request: ThrottleContext) => boolean;
  /** Keep every request, in order of arrival, for `requests()` (off by default: a benchmark sends 100,000). */
  readonly recordRequests?: boolean;
}

/** A request as `requests()` gives it: its `service:Operation` and what was sent. */
export interface RecordedRequest {
  readonly call: string;
  readonly request: FakeRequest;
}

/** What a throttling rule sees of a request. */
export interface ThrottleContext {
  readonly service: string;
  readonly operation: string;
  /** 1-based number of this request among those of its `service:Operation`. */
  readonly nth: number;
  /** The SDK's attempt number of this request (its `amz-sdk-request: attempt=N` header; 1 without it). */
  readonly attempt: number;
  /** The caller's account (undefined for an unknown access key). */
  readonly account?: string;
  readonly region: string;
}

export interface FakeServer {
  readonly endpoint: string;
  /** Requests per `service:Operation`, throttled ones included. */
  calls(): Record<string, number>;
  /** Requests answered with a throttling error. */
  throttled(): number;
  /** Every request whose operation was recognized, in order of arrival (with `recordRequests`; else an error). */
  requests(): readonly RecordedRequest[];
  close(): Promise<void>;
}

const SCOPE = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

function allows(allowed: ReadonlySet<string> | undefined, action: string): boolean {
  return allowed === undefined || allowed.has(action) || allowed.has('*') || allowed.has(`${action.split(':')[0]}:*`);
}

function send(res: http.ServerResponse, answer: FakeResponse, requestId: string): void {
  res.writeHead(answer.status, { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId, ...answer.headers });
  res.end(answer.body);
}

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const bySigningName = new Map(options.services.map((s) => [s.signingName, s]));
  const counts = new Map<string, number>();
  let throttled = 0;
  let serial = 0;
  const recorded: RecordedRequest[] = [];

  const answer = async (request: FakeRequest, accessKeyId: string, requestId: string): Promise<FakeResponse> => {
    const handler = bySigningName.get(request.service);
    if (!handler) return { status: 400, body: `fake AWS has no handler for the service "${request.service}"` };
    try {
      const operation = handler.operation(request);
      const key = `${request.service}:${operation}`;
      const nth = (counts.get(key) ?? 0) + 1;
      counts.set(key, nth);
      if (options.recordRequests) recorded.push({ call: key, request });
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs(request.service, operation) : (options.latencyMs ?? 0);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const caller: Caller | undefined = options.model.callers.get(accessKeyId);
      const attempt = Number(/attempt=(\d+)/.exec(String(request.headers['amz-sdk-request'] ?? ''))?.[1] ?? '1');
      if (options.throttle?.({ service: request.service, operation, nth, attempt, account: caller?.account, region: request.region })) {
        throttled += 1;
        throw new AwsError(handler.throttling.code, 'Rate exceeded', handler.throttling.status);
      }
      if (!caller) throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      const action = handler.iamAction(operation);
      if (!allows(caller.allowedActions, action)) {
        throw handler.denied(`User: ${caller.arn} is not authorized to perform: ${action} because no session policy allows the ${action} action`);
      }
      if (options.model.accounts.get(caller.account)?.deniedActions.has(action)) {
        throw handler.denied(`User: ${caller.arn} is not authorized to perform: ${action} with an explicit deny in a service control policy`);
      }
      return await handler.handle(operation, request, caller, options.model, requestId);
    } catch (err) {
      if (err instanceof AwsError) return handler.error(err, requestId);
      return handler.error(new AwsError('InternalFailure', `fake AWS failed: ${(err as Error).stack ?? String(err)}`, 500), requestId);
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const requestId = `fake-${(++serial).toString(16).padStart(8, '0')}`;
      const scope = SCOPE.exec(req.headers.authorization ?? '');
      if (!scope) {
        send(res, { status: 403, body: 'fake AWS: the request is not signed with SigV4' }, requestId);
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: FakeRequest = {
        method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'), region: scope[2], service: scope[3],
      };
      answer(request, scope[1], requestId).then((response) => send(res, response, requestId), (err: unknown) => {
        send(res, { status: 500, body: String(err) }, requestId);
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    throttled: () => throttled,
    requests: () => {
      if (!options.recordRequests) throw new Error('fake AWS: requests() needs the recordRequests option');
      return [...recorded];
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
