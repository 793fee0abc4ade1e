/**
 * Sends a custom resource's answer to CloudFormation: an HTTPS PUT of JSON to the event's
 * `ResponseURL` (a presigned S3 URL), with an empty `Content-Type`, retried on 5xx, 429 and
 * network errors. An `http:` URL is sent over plain HTTP (only the tests use one).
 */
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { describeError } from './errors';
import { backoff, sleep } from './retry';

/** CloudFormation's limit on a custom resource response body, in bytes. */
export const MAX_RESPONSE_BYTES = 4096;

/** Attempts at delivering one answer. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** How long one PUT may take, in milliseconds. */
const PUT_TIMEOUT_MS = 5_000;

/**
 * No attempt starts with less Lambda time left than this, in milliseconds: it may take
 * `PUT_TIMEOUT_MS`, and must end before the Lambda timeout.
 */
const LAST_ATTEMPT_MARGIN_MS = 7_000;

const ELLIPSIS = '...';

/** The body CloudFormation reads from `ResponseURL`. */
export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Readonly<Record<string, string>>;
}

/** The part of the Lambda context that sending needs. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/**
 * The JSON text of `response`, at most 4,096 bytes: an over-long `Reason` is cut at its end (the
 * most useful part comes first) and ends in `...`. `Data` is never cut: when it does not fit even
 * with `Reason` cut to `...`, the answer becomes `FAILED`, without `Data`, with a reason saying so.
 */
export function responseBody(response: CfnResponse): string {
  const body = JSON.stringify(response);
  const excess = Buffer.byteLength(body) - MAX_RESPONSE_BYTES;
  if (excess <= 0) return body;
  if (response.Reason === ELLIPSIS) {
    return responseBody({ ...response, Status: 'FAILED', Reason: `response Data over ${MAX_RESPONSE_BYTES} bytes`, Data: undefined });
  }
  // A character takes 1 to 6 bytes in JSON: dropping excess/6 characters (and 3 more for the
  // '...') never drops much more than needed, and always shortens Reason, so this ends.
  const keep = Math.max(0, response.Reason.length - Math.ceil(excess / 6) - ELLIPSIS.length);
  return responseBody({ ...response, Reason: response.Reason.slice(0, keep) + ELLIPSIS });
}

/**
 * One PUT; resolves with the HTTP status code, rejects on network errors and after
 * `PUT_TIMEOUT_MS`. Node.js sets `Content-Length` itself for a body written with `end()`: S3
 * rejects chunked uploads to a presigned URL.
 */
function put(url: string, body: string): Promise<number> {
  const request = url.startsWith('http:') ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    request(url, { method: 'PUT', signal: AbortSignal.timeout(PUT_TIMEOUT_MS), headers: { 'content-type': '' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end(body);
  });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * PUTs `body` to `url` until it is accepted (2xx), retrying 5xx, 429 and network errors with
 * back-off, at most `MAX_DELIVERY_ATTEMPTS` attempts, none starting later than
 * `LAST_ATTEMPT_MARGIN_MS` before the Lambda timeout. Any other status is final.
 *
 * Throws when the answer could not be delivered, so that Lambda's own retry of the asynchronous
 * invocation (the handlers are idempotent) gets another chance to answer.
 */
export async function respond(url: string, body: string, context: RemainingTime): Promise<void> {
  console.log(body);
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    let retryable: boolean;
    try {
      const status = await put(url, body);
      if (isSuccess(status)) return;
      problem = String(status);
      retryable = isRetryableStatus(status);
    } catch (error) {
      problem = describeError(error);
      retryable = true;
    }
    const wait = backoff(attempt - 1);
    const outOfTime = context.getRemainingTimeInMillis() - wait < LAST_ATTEMPT_MARGIN_MS;
    if (!retryable || attempt >= MAX_DELIVERY_ATTEMPTS || outOfTime) {
      throw new Error(`response not delivered: ${problem}`);
    }
    await sleep(wait);
  }
}
