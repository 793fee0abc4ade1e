/**
 * Back-off and retry within a time budget, shared by both handlers.
 *
 * Delays grow exponentially from a base (500 ms; `BACKOFF_MS` overrides it, which the
 * tests use to keep retries fast), capped at 20 × base, with jitter (each delay is 50–100 % of its
 * nominal value) so that many stack instances retrying at once spread out.
 */

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** The delay before retry number `attempt` (0-based), in milliseconds. */
export const backoff = (attempt: number): number =>
  Math.min(2 ** attempt, 20) * (+process.env.BACKOFF_MS! || 500) * (0.5 + Math.random() / 2);

/**
 * True for errors worth retrying: throttling, server-side (5xx) and network errors. (The SDK has
 * already retried them a few times itself.)
 */
export const transient = (e: any): boolean =>
  e?.$metadata?.httpStatusCode >= 500 ||
  /Throttl|TooMany|SlowDown|Internal|Unavail|Timeout/.test(e?.name) ||
  /^E[A-Z]/.test(e?.code);

/**
 * Calls `fn` until it succeeds, retrying errors `retryable` accepts with back-off, and rethrowing
 * the last error when the next attempt would start after `until` (epoch milliseconds).
 */
export async function retry<T>(fn: () => Promise<T>, until: number, retryable = transient): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const wait = backoff(attempt);
      if (!retryable(e) || Date.now() + wait > until) throw e;
      await sleep(wait);
    }
  }
}
