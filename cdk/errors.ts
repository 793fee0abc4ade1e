/**
 * Base of every expected failure (bad input, an invalid package, AWS refusing): commands print
 * its message and exit 1, without a stack. Anything else that escapes a command is a bug.
 */
export class ExpectedError extends Error {}

/**
 * An expected failure caused by the user's input (configuration, manifest, policies, files).
 * The command prints `message` and exits 1 without a stack; anything else is a bug (stack, exit 2).
 *
 * `issues` are whole lines in the house format: `- <dot.path>: <what is wrong> (got "<value>"); <what to do>`.
 */
export class UserError extends ExpectedError {
  constructor(
    /** The file (and, where useful, the part of it) the issues are about. */
    public readonly file: string,
    public readonly issues: readonly string[],
  ) {
    super(`${file} has ${issues.length} issue${issues.length === 1 ? '' : 's'}:\n${issues.join('\n')}`);
    this.name = 'UserError';
  }
}

/** Formats one issue line: `- <path>: <problem> (got "<value>"); <fix>`. */
export function formatIssue(path: string, problem: string, value: unknown, fix: string): string {
  return `- ${path}: ${problem} (got ${showValue(value)}); ${fix}`;
}

/** Renders a bad value the way the user wrote it: strings quoted, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
