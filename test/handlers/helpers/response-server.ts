/**
 * A real HTTP (or, given a key and certificate, HTTPS) server on 127.0.0.1 standing in for the
 * presigned S3 URL CloudFormation gives each custom resource request. Each request gets the next
 * planned behaviour (`ok` = 200, `error` = 500, `forbidden` = 403, `reset` = connection dropped
 * without an answer), then 200.
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import type { CfnResponse } from '../../../cdk/handlers/shared/respond';

export type Behaviour = 'ok' | 'error' | 'reset' | 'forbidden';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly behaviour: Behaviour;
}

/** A TLS key and certificate (PEM) for an HTTPS server. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
}

const STATUS: Readonly<Record<Exclude<Behaviour, 'reset'>, number>> = { ok: 200, error: 500, forbidden: 403 };

export class ResponseServer {
  readonly requests: ReceivedRequest[] = [];
  /** Behaviours of the next requests, consumed in order. */
  plan: Behaviour[] = [];
  private readonly server: http.Server;

  constructor(private readonly tls?: TlsIdentity) {
    const listener: http.RequestListener = (req, res) => this.receive(req, res);
    this.server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** A ResponseURL shaped like CloudFormation's, pointing at this server. */
  url(requestId: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${port}/cfn-response/${requestId}?X-Amz-Signature=0123abcd`;
  }

  /** Answers the server accepted (200), parsed. */
  get answers(): CfnResponse[] {
    return this.requests.filter((r) => r.behaviour === 'ok').map((r) => JSON.parse(r.body) as CfnResponse);
  }

  /** The one answer accepted for `requestId`; fails the test when there is not exactly one. */
  answerFor(requestId: string): CfnResponse {
    const found = this.answers.filter((a) => a.RequestId === requestId);
    if (found.length !== 1) throw new Error(`expected exactly one answer for ${requestId}, got ${found.length}`);
    return found[0];
  }

  reset(): void {
    this.requests.length = 0;
    this.plan = [];
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const behaviour = this.plan.shift() ?? 'ok';
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        behaviour,
      });
      if (behaviour === 'reset') req.socket.destroy();
      else res.writeHead(STATUS[behaviour]).end();
    });
  }
}
