/**
 * Amazon Bedrock's model invocation logging API as a real HTTP server on 127.0.0.1, speaking the
 * service's REST-JSON protocol: `GET`, `PUT` and `DELETE /logging/modelinvocations`, JSON bodies,
 * errors as a status code with `x-amzn-errortype` and `{"message"}`. The bundled handler reaches
 * it through `AWS_ENDPOINT_URL_BEDROCK`, so its pinned SDK serializes and parses every request for
 * real.
 *
 * The configuration is a singleton that Put overwrites, Get reads and Delete removes. A region's
 * feature gaps can be imitated per data-type flag: `reject` answers a Put carrying the flag with a
 * `ValidationException` naming it; `drop` accepts the Put and leaves the flag out of what Get
 * returns (what Terraform users saw for videoDataDeliveryEnabled in ca-west-1).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { LoggingConfig } from '@aws-sdk/client-bedrock';
import type { DeliveryFlag } from '../../../cdk/handlers/configure-invocation-logging/properties';

export type Operation = 'get' | 'put' | 'delete';

/** An error answer, as Bedrock sends it. */
export interface BedrockError {
  readonly type: string;
  readonly status: number;
  readonly message: string;
}

/** How a region that does not offer a data type shows it. */
export type RegionGap = 'reject' | 'drop';

export interface BedrockRequest {
  readonly operation: Operation;
  readonly headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (Put only). */
  readonly body?: { loggingConfig?: LoggingConfig };
}

const PATH = '/logging/modelinvocations';
const OPERATIONS: Readonly<Record<string, Operation>> = { GET: 'get', PUT: 'put', DELETE: 'delete' };

export const bedrockErrors = {
  throttled: (): BedrockError => ({ type: 'ThrottlingException', status: 429, message: 'Too many requests, please wait before trying again.' }),
  internal: (): BedrockError => ({ type: 'InternalServerException', status: 500, message: 'Internal error' }),
  /** What Bedrock says while a new role or bucket policy has not propagated yet. */
  iamNotPropagated: (): BedrockError => ({
    type: 'ValidationException',
    status: 400,
    message:
      'Failed to validate permissions for log group: /team-a/bedrock-invocations, with role: ' +
      'arn:aws:iam::111111111111:role/team-a-bedrock-logging. Verify the IAM role permissions are correct.',
  }),
  accessDenied: (): BedrockError => ({
    type: 'AccessDeniedException',
    status: 403,
    message:
      'User: arn:aws:sts::111111111111:assumed-role/bedrock-logs-config-role/fn is not authorized to perform: ' +
      'bedrock:PutModelInvocationLoggingConfiguration with an explicit deny in a service control policy',
  }),
  invalidBucket: (): BedrockError => ({
    type: 'ValidationException',
    status: 400,
    message: '1 validation error detected: Value at bucketName failed to satisfy constraint',
  }),
};

export class FakeBedrock {
  config?: LoggingConfig;
  /** Data-type flags this region does not offer, and how it shows. */
  readonly regionGaps = new Map<DeliveryFlag, RegionGap>();
  /** Flags stored as `false` whatever a Put says: a setting that does not stick. */
  readonly forcedOff = new Set<DeliveryFlag>();
  /** How the service stores what a Put sent, beyond the gaps and forced values (e.g. dropping a field). */
  storeAs?: (config: LoggingConfig) => LoggingConfig;
  /** Errors the next calls of each operation answer with, consumed in order. */
  readonly errors: Record<Operation, BedrockError[]> = { get: [], put: [], delete: [] };
  /** Operations that never answer. */
  readonly hanging = new Set<Operation>();
  /** Operations that answer 200 with a body that is not JSON. */
  readonly garbled = new Set<Operation>();
  /** Every request, in order (including those answered with an error). */
  readonly requests: BedrockRequest[] = [];

  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The endpoint, for `AWS_ENDPOINT_URL_BEDROCK`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  reset(config?: LoggingConfig): void {
    this.config = config && structuredClone(config);
    this.regionGaps.clear();
    this.forcedOff.clear();
    this.storeAs = undefined;
    for (const list of Object.values(this.errors)) list.length = 0;
    this.hanging.clear();
    this.garbled.clear();
    this.requests.length = 0;
  }

  /** The configurations Put requests carried, as they arrived on the wire. */
  puts(): LoggingConfig[] {
    return this.requests.filter((r) => r.operation === 'put').map((r) => r.body?.loggingConfig ?? {});
  }

  count(operation: Operation): number {
    return this.requests.filter((r) => r.operation === operation).length;
  }

  private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const operation = OPERATIONS[req.method ?? ''];
    if (req.url !== PATH || operation === undefined) {
      this.send(res, 404, { message: `no route for ${req.method} ${req.url}` }, 'UnknownOperationException');
      return;
    }
    const body = operation === 'put' ? (JSON.parse(text) as BedrockRequest['body']) : undefined;
    this.requests.push({ operation, headers: req.headers, body });
    if (this.hanging.has(operation)) return;
    if (this.garbled.has(operation)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      return;
    }
    const error = this.errors[operation].shift();
    if (error) {
      this.send(res, error.status, { message: error.message }, error.type);
      return;
    }
    switch (operation) {
      case 'get':
        this.send(res, 200, this.config ? { loggingConfig: this.config } : {});
        return;
      case 'put': {
        const config = body?.loggingConfig ?? {};
        const rejected = [...this.regionGaps].filter(([flag, gap]) => gap === 'reject' && flag in config).map(([flag]) => flag);
        if (rejected.length > 0) {
          this.send(res, 400, { message: `${rejected.join(', ')} is not supported in this region` }, 'ValidationException');
          return;
        }
        this.config = this.stored(this.storeAs ? this.storeAs(config) : config);
        this.send(res, 200, {});
        return;
      }
      case 'delete':
        this.config = undefined;
        this.send(res, 200, {});
        return;
    }
  }

  /** What a Put stores: without the flags the region drops, with forced values. */
  private stored(config: LoggingConfig): LoggingConfig {
    const copy = structuredClone(config);
    for (const [flag, gap] of this.regionGaps) if (gap === 'drop') delete copy[flag];
    for (const flag of this.forcedOff) copy[flag] = false;
    return copy;
  }

  private send(res: http.ServerResponse, status: number, body: object, errorType?: string): void {
    res
      .writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-requestid': 'fake-request-id',
        ...(errorType && { 'x-amzn-errortype': errorType }),
      })
      .end(JSON.stringify(body));
  }
}
