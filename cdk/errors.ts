/**
 * The one error model of the project. Every failure a user can cause (a bad map, a broken package,
 * a wrong flag, an unusable folder, AWS refusing) is an `ExpectedError`: the command prints its
 * message, without a stack, and exits 1. Anything else that escapes a command is a bug (stack, exit 2).
 *
 * Every user error is a list of `Issue`s in one format (`formatIssues`):
 *
 * ```
 * <file> has 2 issues:
 * - <dot.path>: <what is wrong> (got "<value>"); <what to do>
 * - <file>:<line> <dot.path>: <what is wrong> (got "<value>"); <what to do> [<rule id>]
 * ```
 */

/** One problem, in one line: where, what is wrong, the bad value, what to do. */
export interface Issue {
  /**
   * The file (or other subject, such as `--out`) the issue is in, as the user sees it. Leave it out
   * when the error's subject already names the file (the header line does).
   */
  readonly file?: string;
  /** 1-based line in `file`, where it is known. */
  readonly line?: number;
  /** 1-based column in `file`, where it is known. */
  readonly column?: number;
  /** Dot path of the offending part (`members.regions[2]`, `--env`); empty for the whole file. */
  readonly path: string;
  /** What is wrong, in one clause. */
  readonly message: string;
  /**
   * The offending value as the user wrote it. When the key is present the line says
   * `(got <value>)`, `(got nothing)` for `undefined`; when it is absent there is no `(got ...)`.
   */
  readonly value?: unknown;
  /** What to do about it, in one clause. */
  readonly fix: string;
  /** Id of the validate rule that found it (its file name), where one did. */
  readonly ruleId?: string;
}

/** An issue about a field, with the value the user gave (`(got ...)` is always shown). */
export function issue(path: string, message: string, value: unknown, fix: string): Issue {
  return { path, message, value, fix };
}

/** Longest rendering of a value inside `(got ...)`; longer ones are cut with an ellipsis. */
const MAX_VALUE_CHARS = 80;

/** Renders a bad value the way the user wrote it: strings quoted (one line), everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  if (text.length <= MAX_VALUE_CHARS) return text;
  const cut = `${text.slice(0, MAX_VALUE_CHARS - 2)}…`;
  return typeof value === 'string' ? `${cut}"` : cut;
}

/** `- [<file>[:<line>[:<col>]] ]<path>: <message>[ (got <value>)]; <fix>[ [<rule>]]` */
export function formatIssue(issue: Issue): string {
  let where = '';
  let path = issue.path;
  if (issue.file !== undefined) {
    const position = issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
    where = `${issue.file}${position}`;
    if (path === '' && position === '') path = '(file)';
    where = path === '' ? where : `${where} `;
  }
  const got = Object.prototype.hasOwnProperty.call(issue, 'value') ? ` (got ${showValue(issue.value)})` : '';
  const rule = issue.ruleId === undefined ? '' : ` [${issue.ruleId}]`;
  return `- ${where}${path}: ${issue.message}${got}; ${issue.fix}${rule}`;
}

/** `N issue(s)` */
export function countIssues(n: number, noun = 'issue'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Every issue under a header per file (`<file> has N issues:`), files in the order they first
 * appear; issues without a file go under `subject`.
 */
export function formatIssues(issues: readonly Issue[], subject = 'input'): string {
  const groups = new Map<string, Issue[]>();
  for (const item of issues) {
    const key = item.file ?? subject;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups]
    .map(([file, list]) => [`${file} has ${countIssues(list.length)}:`, ...list.map(formatIssue)].join('\n'))
    .join('\n');
}

/**
 * Base of every expected failure: commands print `message` and exit 1, without a stack.
 * Construct `UserError`; this class only marks the family.
 */
export abstract class ExpectedError extends Error {
  /** The issues behind the failure, each one line of the message. */
  abstract readonly issues: readonly Issue[];
}

/** An expected failure caused by the user's input, the files on disk or the AWS account. */
export class UserError extends ExpectedError {
  readonly issues: readonly Issue[];

  /**
   * @param subject the file (or command, or thing) the issues are about, for the header line
   * @param issues one or more issues
   * @param summary an optional last line (for example `validate: 3 issues in 2 files`)
   */
  constructor(
    readonly subject: string,
    issues: readonly Issue[],
    readonly summary?: string,
  ) {
    super(`${formatIssues(issues, subject)}${summary === undefined ? '' : `\n${summary}`}`);
    this.name = 'UserError';
    this.issues = [...issues];
  }
}

/** A `UserError` with one issue. */
export function userError(subject: string, path: string, message: string, value: unknown, fix: string): UserError {
  return new UserError(subject, [issue(path, message, value, fix)]);
}

/** A `UserError` with one issue that has no bad value to show. */
export function plainUserError(subject: string, path: string, message: string, fix: string): UserError {
  return new UserError(subject, [{ path, message, fix }]);
}

/** The message of anything thrown (an `Error`'s message, or its text). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The system error code of a Node.js error (`ENOENT`, `EACCES`, ...), if it has one. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `10240` → `10,240`, for messages. Written out rather than `toLocaleString('en-US')`, whose
 * first call loads ICU's locale data: about 30 ms, a sixth of the pre-commit hook's whole run.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
