/**
 * A real HTTP server on 127.0.0.1 standing in for the presigned S3 URL CloudFormation gives each
 * custom resource request. Each request gets the next planned behaviour (`ok` = 200, `error` =
 * 500, `reset` = connection dropped without an answer), then 200.
 */
import * as http from 'http';
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

export class ResponseServer {
  readonly requests: ReceivedRequest[] = [];
  /** Behaviours of the next requests, consumed in order. */
  plan: Behaviour[] = [];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const behaviour = this.plan.shift() ?? 'ok';
      this.requests.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        behaviour,
      });
      if (behaviour == 'reset') req.socket.destroy();
      else res.writeHead({ ok: 200, error: 500, forbidden: 403 }[behaviour]).end();
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((ok) => this.server.close(ok));
  }

  /** A ResponseURL shaped like CloudFormation's, pointing at this server. */
  url(requestId: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/cfn-response/${requestId}?X-Amz-Signature=0123abcd`;
  }

  /** Answers the server accepted (200), parsed. */
  get answers(): CfnResponse[] {
    return this.requests.filter((r) => r.behaviour == 'ok').map((r) => JSON.parse(r.body) as CfnResponse);
  }

  /** The one answer accepted for `requestId`; fails the test when there is not exactly one. */
  answerFor(requestId: string): CfnResponse {
    const found = this.answers.filter((a) => a.RequestId == requestId);
    if (found.length != 1) throw new Error(`expected exactly one answer for ${requestId}, got ${found.length}`);
    return found[0];
  }

  reset(): void {
    this.requests.length = 0;
    this.plan = [];
  }
}
