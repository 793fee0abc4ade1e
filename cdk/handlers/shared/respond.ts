/**
 * Sends a custom resource's answer to CloudFormation: an HTTP(S) PUT of JSON to the event's
 * `ResponseURL` (a presigned S3 URL), with an empty `Content-Type`, retried on 5xx, 429 and
 * network errors. The URL's protocol picks `https` or `http` (tests use a local `http` server).
 */
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { backoff, sleep } from './retry';

/** CloudFormation's limit on a custom resource response body, in bytes. */
export const MAX_RESPONSE_BYTES = 4096;

/** The body CloudFormation reads from `ResponseURL`. */
export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/**
 * The JSON text of `res`, at most 4,096 bytes: an over-long `Reason` is cut at the end (the most
 * useful part comes first) and ends in `...`.
 * `Data` is never cut: when it does not fit even with `Reason` cut to `...`, the answer becomes
 * `FAILED`, without `Data`, with a reason saying so.
 */
export function responseBody(res: CfnResponse): string {
  const body = JSON.stringify(res);
  const over = Buffer.byteLength(body) - MAX_RESPONSE_BYTES;
  return over <= 0
    ? body
    : res.Reason == '...'
      ? responseBody({ ...res, Status: 'FAILED', Reason: 'response Data over 4096 bytes', Data: undefined })
      : // A character takes 1 to 6 bytes in JSON: cutting over/6 of them (and 3 for the '...')
        // never cuts much more than needed, and always shortens Reason: this ends.
        responseBody({ ...res, Reason: res.Reason.slice(0, Math.max(0, res.Reason.length - Math.ceil(over / 6) - 3)) + '...' });
}

/**
 * One PUT; resolves with the HTTP status code, rejects on network errors and after 5 s. Node sets
 * `Content-Length` itself for a body written with `end()`; S3 rejects chunked uploads.
 */
const put = (url: string, body: string): Promise<number> =>
  new Promise((ok, ko) => {
    (url.startsWith('http:') ? httpRequest : httpsRequest)(
      url,
      { method: 'PUT', signal: AbortSignal.timeout(5000), headers: { 'content-type': '' } },
      (res) => {
        res.resume();
        ok(res.statusCode!);
      },
    )
      .on('error', ko)
      .end(body);
  });

/**
 * PUTs `body` to `url` until it is accepted (2xx), retrying 5xx, 429 and network errors with
 * back-off, at most 8 attempts, each starting at least 7 s before the Lambda timeout.
 * Throws when the answer could not be delivered, so that Lambda's own retry of the asynchronous
 * invocation (the handlers are idempotent) gets another chance to answer.
 */
export async function respond(url: string, body: string, context: { getRemainingTimeInMillis(): number }): Promise<void> {
  console.log(body);
  for (let attempt = 0; ; attempt++) {
    // A status code, or the network error (which compares false with any number).
    const res: any = await put(url, body).catch((e: Error) => e);
    if (res < 300) return;
    const wait = backoff(attempt);
    // The next attempt must start 7 s before the Lambda timeout: it may take 5 s.
    if ((res < 500 && res != 429) || attempt > 6 || context.getRemainingTimeInMillis() - wait < 7000) {
      throw Error(`response not delivered: ${res}`);
    }
    await sleep(wait);
  }
}
