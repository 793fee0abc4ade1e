/**
 * A minimal fake of AWS JSON 1.1 APIs on 127.0.0.1: POST / with `X-Amz-Target: <Service>.<Operation>`
 * and a JSON body, answered by the handler registered for that service. Real SDK clients reach it
 * through their endpoint setting (or AWS_ENDPOINT_URL_<SERVICE>); signatures are not checked.
 * The Athena fake of the `usage` tests runs on it; the coverage tests use the fuller `server.ts`
 * (SigV4 routing, an organization model, session policies), which Athena does not need.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

/** An AWS error as JSON 1.1 sends it: HTTP status, `__type` and message. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Operation name -> handler of its JSON input. */
export type ServiceHandler = Readonly<Record<string, (input: any) => unknown | Promise<unknown>>>;

export interface FakeAws {
  readonly endpoint: string;
  /** Every call, in order: `<Service>.<Operation>` and its input. */
  readonly calls: { target: string; input: any }[];
  close(): Promise<void>;
}

export async function startFakeAws(services: Readonly<Record<string, ServiceHandler>>): Promise<FakeAws> {
  const calls: { target: string; input: any }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const [service, operation] = target.split('.');
      const send = (status: number, payload: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `fake-${calls.length}` });
        response.end(JSON.stringify(payload));
      };
      const handler = services[service]?.[operation];
      if (!handler) return send(400, { __type: 'UnknownOperationException', message: `${target} is not faked` });
      const input = body ? JSON.parse(body) : {};
      calls.push({ target, input });
      Promise.resolve()
        .then(() => handler(input))
        .then((output) => send(200, output ?? {}))
        .catch((err: unknown) => (err instanceof AwsError ? send(err.status, { __type: err.type, Message: err.message }) : send(500, { __type: 'InternalServerException', Message: String(err) })));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
