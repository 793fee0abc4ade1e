/**
 * Reading errors without trusting their class: AWS SDK exceptions, Node.js network errors and
 * plain errors all carry `name` and `message`, but `instanceof` fails across realms (errors raised
 * by Node's own modules, errors of a test's SDK copy), so the fields are read one by one.
 */

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function stringField(error: unknown, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === 'string' ? value : undefined;
}

/** The error's `name` (`ThrottlingException`, `TypeError`, ...). */
export function errorName(error: unknown): string | undefined {
  return stringField(error, 'name');
}

/** The error's `message`. */
export function errorMessage(error: unknown): string | undefined {
  return stringField(error, 'message');
}

/** A Node.js system error's `code` (`ECONNRESET`, ...). */
export function errorCode(error: unknown): string | undefined {
  return stringField(error, 'code');
}

/** The HTTP status of the response an AWS SDK exception came from. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
}

/**
 * `Name: message`, as a failure reason reads best (`AccessDeniedException: User: ... is not
 * authorized ...`); a plain `Error`'s name says nothing, so it is left out.
 */
export function describeError(error: unknown): string {
  const message = errorMessage(error);
  if (message === undefined) return String(error);
  const name = errorName(error);
  return name === undefined || name === 'Error' ? message : `${name}: ${message}`;
}
