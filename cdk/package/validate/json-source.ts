import { dotPath, type PathSegment } from './paths';

/** A JSON file parsed with the line of every value, for messages that point at the line. */
export interface JsonSource {
  readonly text: string;
  /** The parsed value; undefined when the text is not valid JSON (see `syntaxError`). */
  readonly value: unknown;
  readonly syntaxError?: { readonly line: number; readonly message: string };
  /** Keys that appear twice in one object (JSON.parse and CloudFormation keep only the last). */
  readonly duplicateKeys: readonly { readonly path: readonly PathSegment[]; readonly line: number }[];
  /** Line of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses strict JSON (RFC 8259, as `JSON.parse`), with the line of each value and the duplicate keys.
 *
 * A valid file without duplicate keys, the usual case, costs one `JSON.parse` and one count: the
 * members in the text (a ":" outside strings; in valid JSON nothing else is) against the keys
 * `JSON.parse` kept, which differ exactly when an object repeats a key. Only a syntax error, a
 * duplicate, or the first `lineOf` (a finding being reported) runs the positional parser.
 */
export function parseJsonSource(text: string): JsonSource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseWithPositions(text);
  }
  const members = memberCount(text);
  if (members === undefined || members !== keyCount(value)) return parseWithPositions(text);
  let positions: JsonSource | undefined;
  return {
    text,
    value,
    duplicateKeys: [],
    lineOf: (path) => (positions ??= parseWithPositions(text)).lineOf(path),
  };
}

/** ":" outside strings in valid JSON; undefined if the regular expression gives up (a huge string). */
function memberCount(text: string): number | undefined {
  try {
    return text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"/g, '').split(':').length - 1;
  } catch {
    return undefined;
  }
}

/** Keys of every object in a parsed JSON value. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + keyCount(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  const keys = Object.keys(value);
  return keys.reduce((n, key) => n + keyCount((value as Record<string, unknown>)[key]), keys.length);
}

/** A small recursive-descent parser: `JSON.parse` gives neither positions nor duplicate keys. */
function parseWithPositions(text: string): JsonSource {
  const lines = new Map<string, number>();
  const duplicateKeys: { path: PathSegment[]; line: number }[] = [];
  const newlines: number[] = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) newlines.push(i);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  let pos = 0;
  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, pos);
  };
  const describe = (): string => (pos >= text.length ? 'end of file' : JSON.stringify(text[pos]));

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        try {
          return JSON.parse(text.slice(start, pos)) as string;
        } catch {
          pos = start;
          return fail('invalid escape sequence in a string');
        }
      }
      if (c === 0x5c) pos += 2;
      else if (c < 0x20) fail('control character inside a string');
      else pos++;
    }
    return fail('unterminated string');
  };

  const parseValue = (path: PathSegment[]): unknown => {
    skipWhitespace();
    lines.set(dotPath(path), lineAt(pos));
    const c = text[pos];
    if (c === '{') {
      pos++;
      const out: Record<string, unknown> = {};
      skipWhitespace();
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') fail(`expected a key in double quotes, found ${describe()}`);
        const keyLine = lineAt(pos);
        const key = parseString();
        if (Object.prototype.hasOwnProperty.call(out, key)) duplicateKeys.push({ path: [...path, key], line: keyLine });
        skipWhitespace();
        if (text[pos] !== ':') fail(`expected ":" after the key, found ${describe()}`);
        pos++;
        Object.defineProperty(out, key, { value: parseValue([...path, key]), enumerable: true, writable: true, configurable: true });
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return out;
        }
        fail(`expected "," or "}", found ${describe()}`);
      }
    }
    if (c === '[') {
      pos++;
      const out: unknown[] = [];
      skipWhitespace();
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      for (;;) {
        out.push(parseValue([...path, out.length]));
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return out;
        }
        fail(`expected "," or "]", found ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(text.slice(pos, pos + 400));
    if (!literal) return fail(`unexpected ${describe()}`);
    pos += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };

  let value: unknown;
  let syntaxError: JsonSource['syntaxError'];
  try {
    value = parseValue([]);
    skipWhitespace();
    if (pos < text.length) fail(`unexpected ${describe()} after the end of the document`);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    value = undefined;
    syntaxError = { line: lineAt(err.offset), message: err.message };
  }
  return {
    text,
    value,
    syntaxError,
    duplicateKeys,
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const line = lines.get(dotPath(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}
