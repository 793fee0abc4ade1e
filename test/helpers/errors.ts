import { UserError } from '../../cdk/errors';

/** Runs `fn` and returns the `UserError` it throws; fails the test if it throws nothing or something else. */
export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}
