/**
 * Back-off and retry within a time budget, shared by both handlers.
 *
 * Delays grow exponentially from a base (500 ms; the `BACKOFF_MS` environment variable overrides
 * it, which only the tests do, to keep retries fast), capped at 20 times the base, with jitter:
 * each delay is 50–100 % of its nominal value, so that many stack instances retrying at once
 * spread out.
 */
import { errorCode, errorName, httpStatusOf } from './errors';

const DEFAULT_BACKOFF_BASE_MS = 500;
/** The longest nominal delay, as a multiple of the base. */
const MAX_BACKOFF_FACTOR = 20;

/** Error names AWS services use for throttling and server-side trouble. */
const TRANSIENT_ERROR_NAME = /Throttl|TooMany|SlowDown|Internal|Unavail|Timeout/;
/** Node.js network error codes: ECONNRESET, ETIMEDOUT, EPIPE, ... */
const NETWORK_ERROR_CODE = /^E[A-Z]+$/;

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function backoffBaseMs(): number {
  const configured = Number(process.env.BACKOFF_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_BACKOFF_BASE_MS;
}

/** The delay before retry number `attempt` (0-based), in milliseconds. */
export function backoff(attempt: number): number {
  const nominal = Math.min(2 ** attempt, MAX_BACKOFF_FACTOR) * backoffBaseMs();
  return nominal * (0.5 + Math.random() / 2);
}

/**
 * True for errors worth retrying: throttling, server-side (5xx) and network errors. The AWS SDK
 * has usually retried them a few times already; these retries span the handler's whole budget.
 */
export function isTransient(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 500) return true;
  const name = errorName(error);
  if (name !== undefined && TRANSIENT_ERROR_NAME.test(name)) return true;
  const code = errorCode(error);
  return code !== undefined && NETWORK_ERROR_CODE.test(code);
}

/**
 * Calls `call` until it succeeds. An error that `retryable` accepts is retried after a back-off,
 * unless the next attempt would start after `until` (epoch milliseconds): then, and for any other
 * error, the error is thrown.
 */
export async function retry<T>(call: () => Promise<T>, until: number, retryable: (error: unknown) => boolean = isTransient): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = backoff(attempt);
      if (!retryable(error) || Date.now() + wait > until) throw error;
      await sleep(wait);
    }
  }
}
