import { ExpectedError } from '../errors';
import type { Issue } from './validate/types';
import { formatIssues } from './validate/format';

/**
 * An expected failure of `validate`, `package` or `publish`, caused by the package on disk, the
 * command line or the AWS account: the command prints `message` and exits 1, without a stack.
 * Anything else that escapes a command is a bug (stack, exit 2).
 *
 * `fix` is the one thing to do about it; it is already part of `message`.
 */
export class PackageError extends ExpectedError {
  constructor(
    message: string,
    public readonly fix?: string,
  ) {
    super(fix ? `${message}; ${fix}` : message);
    this.name = 'PackageError';
  }
}

/**
 * `validate` found issues in the package: `message` lists them in the house format, then one
 * summary line, `<what>: N issues in M files`.
 */
export class PackageValidationError extends PackageError {
  constructor(
    public readonly issues: readonly Issue[],
    what = 'validate',
  ) {
    const files = new Set(issues.map((i) => i.file)).size;
    super(`${formatIssues(issues)}\n${what}: ${plural(issues.length, 'issue')} in ${plural(files, 'file')}`);
    this.name = 'PackageValidationError';
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
