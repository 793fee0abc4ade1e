/**
 * What an AWS error means for a check: denied (the role may not read it), something missing
 * (a code the check expects, such as NoSuchBucket), or another error. The SDK names each
 * service exception after its error code (`err.name`); the budget's abort is `BudgetExhausted`.
 */
import { messageOf } from '../../cdk/errors';
import { BudgetExhausted } from './gate';
import type { CheckStatus } from './states';

/** The check statuses a failed read can end in. */
export type FailureStatus = Extract<CheckStatus, 'denied' | 'error' | 'not-checked'>;

/** Error codes that mean "not allowed" across the services the command calls. */
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'UnauthorizedOperation', 'AllAccessDisabled']);

/** Codes the SDK's standard retry treats as throttling (after its last attempt they end here). */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded', 'ProvisionedThroughputExceededException']);

/** The error code of an SDK error (its `name`), or undefined for something else. */
export function errorName(err: unknown): string | undefined {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The check status and one line of explanation for a failed read. */
export function failure(err: unknown, what: string): { status: FailureStatus; problem: string } {
  if (err instanceof BudgetExhausted) return { status: 'not-checked', problem: `${what}: not read, the time budget ran out` };
  const name = errorName(err) ?? 'Error';
  const attempts = (err as { $metadata?: { attempts?: number } }).$metadata?.attempts;
  if (DENIED.has(name)) return { status: 'denied', problem: `${what}: ${name}: ${messageOf(err)}` };
  if (THROTTLED.has(name)) return { status: 'error', problem: `${what}: still throttled (${name}) after ${attempts ?? 'every'} attempts` };
  return { status: 'error', problem: `${what}: ${name}: ${messageOf(err)}` };
}
