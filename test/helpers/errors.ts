import { formatIssue, UserError } from '../../cdk/errors';

/** A caught `UserError`, with its issues as the lines the user reads. */
export interface CaughtUserError {
  readonly error: UserError;
  readonly message: string;
  readonly subject: string;
  /** Every issue, formatted as one line (`- <path>: <problem> (got ...); <fix>`). */
  readonly issues: string[];
}

/** Runs `fn` and returns the `UserError` it throws; fails the test if it throws nothing or something else. */
export function userError(fn: () => unknown): CaughtUserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return { error: err, message: err.message, subject: err.subject, issues: err.issues.map(formatIssue) };
    throw err;
  }
  throw new Error('expected a UserError');
}
