/**
 * The original position of a generated one, from a source map (version 3): enough of the format to
 * point a user at the line of their TypeScript map where an error was thrown, whatever installs its
 * own stack-trace handling (node's `--enable-source-maps`, a test runner).
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one segment of Base64 VLQ numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export interface SourceMap {
  readonly sources: readonly string[];
  readonly mappings: string;
}

/**
 * The source position (1-based line and column, source index) mapped to the last segment at or
 * before generated `line`:`column` (1-based); undefined when the line has no mapping.
 */
export function originalPosition(map: SourceMap, line: number, column: number): { source: number; line: number; column: number } | undefined {
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  const lines = map.mappings.split(';');
  let found: { source: number; line: number; column: number } | undefined;
  for (let l = 0; l < lines.length && l < line; l++) {
    let generatedColumn = 0;
    for (const segment of lines[l].split(',')) {
      if (segment === '') continue;
      const [dColumn, dSource, dLine, dSourceColumn] = decodeSegment(segment);
      generatedColumn += dColumn;
      if (dSource === undefined) continue;
      source += dSource;
      sourceLine += dLine;
      sourceColumn += dSourceColumn;
      if (l === line - 1 && generatedColumn <= column - 1) found = { source, line: sourceLine + 1, column: sourceColumn + 1 };
    }
  }
  return found;
}

/** The source map inlined at the end of `code` (`//# sourceMappingURL=data:...;base64,...`). */
export function inlineSourceMap(code: string): SourceMap | undefined {
  const match = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  return match ? (JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) as SourceMap) : undefined;
}
