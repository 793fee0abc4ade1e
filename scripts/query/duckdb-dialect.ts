/**
 * Runs the saved queries' Athena (Trino) SQL on DuckDB, to prove on local sample logs that they
 * compute the right numbers. The adapter is deliberately small: a tokenizer that leaves string
 * literals and quoted names alone, and the substitutions below, each listed (with a test of its
 * own and a row in docs/queries.md). Anything else the queries use means the same in both engines
 * (`coalesce`, `round`, `LIKE`, `min`/`max`, struct field access, `count(DISTINCT ...)`, ...).
 */

/** One rewrite from Athena's dialect to DuckDB's. */
export interface Substitution {
  readonly id: string;
  readonly athena: string;
  readonly duckdb: string;
  /** Why the two engines differ here. */
  readonly why: string;
}

export const SUBSTITUTIONS: readonly Substitution[] = [
  {
    id: 'execution-parameters',
    athena: '`?` with execution parameters (SQL literals, in order)',
    duckdb: 'the literal text put in place of each `?`',
    why: 'Athena substitutes execution parameters as literals before planning (the injected account partition needs literals); binding them as DuckDB values would test something else',
  },
  {
    id: 'table-reference',
    athena: '`"<database>"."<table>"`',
    duckdb: 'the local view `"invocations"`',
    why: 'the Glue catalog does not exist locally; the view reads the sample objects with the same columns and partitions',
  },
  {
    id: 'path-pseudo-column',
    athena: '`"$path"`',
    duckdb: '`filename`',
    why: "Athena's pseudo-column of the S3 object a row came from; DuckDB's `read_json(filename = true)` column",
  },
  {
    id: 'json-extract-scalar',
    athena: '`json_extract_scalar(json, path)`',
    duckdb: '`json_extract_string(json, path)`',
    why: 'same meaning (the scalar at a JSONPath as text, NULL if absent or not a scalar), different name',
  },
  {
    id: 'json-path-brackets',
    athena: "JSONPath `$[\"key-with-dashes\"]`",
    duckdb: "`$.\"key-with-dashes\"`",
    why: 'DuckDB rejects the bracket form for object keys; both read the key',
  },
  {
    id: 'from-iso8601-timestamp',
    athena: '`from_iso8601_timestamp(text)`',
    duckdb: '`CAST(text AS TIMESTAMPTZ)`',
    why: 'DuckDB has no from_iso8601_timestamp; its TIMESTAMPTZ cast reads the same ISO 8601 UTC text',
  },
  {
    id: 'count-if',
    athena: '`count_if(condition)`',
    duckdb: '`count(CASE WHEN (condition) THEN 1 END)`',
    why: "Trino defines count_if as exactly this (0 when no row is true); DuckDB's count_if returns NULL when every condition is NULL",
  },
  {
    id: 'element-at',
    athena: '`element_at(map, key)`',
    duckdb: '`map_extract_value(map, key)`',
    why: "DuckDB's element_at on a map returns a list; both return the value, NULL for a missing key (used on maps only)",
  },
];

type TokenKind = 'string' | 'quoted' | 'word' | 'param' | 'space' | 'other';
interface Token {
  kind: TokenKind;
  text: string;
}

/** Splits SQL into tokens; string literals and quoted names are single tokens. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const quoted = (quote: string): string => {
    let j = i + 1;
    for (;;) {
      if (j >= sql.length) throw new Error(`unterminated ${quote} at ${i}`);
      if (sql[j] === quote) {
        if (sql[j + 1] === quote) j += 2;
        else return sql.slice(i, j + 1);
      } else j++;
    }
  };
  while (i < sql.length) {
    const c = sql[i];
    let token: Token;
    if (c === "'") token = { kind: 'string', text: quoted("'") };
    else if (c === '"') token = { kind: 'quoted', text: quoted('"') };
    else if (c === '?') token = { kind: 'param', text: c };
    else if (/\s/.test(c)) token = { kind: 'space', text: /^\s+/.exec(sql.slice(i))?.[0] ?? c };
    else if (/[A-Za-z_]/.test(c)) token = { kind: 'word', text: /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))?.[0] ?? c };
    else if (c === '-' && sql[i + 1] === '-') token = { kind: 'other', text: /^--[^\n]*/.exec(sql.slice(i))?.[0] ?? c };
    else token = { kind: 'other', text: c };
    tokens.push(token);
    i += token.text.length;
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === word;
const nextNonSpace = (tokens: Token[], from: number): number => {
  let j = from;
  while (tokens[j]?.kind === 'space') j++;
  return j;
};

/** Index of the `)` closing the `(` at `open`. */
function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].kind !== 'other') continue;
    if (tokens[j].text === '(') depth++;
    if (tokens[j].text === ')' && --depth === 0) return j;
  }
  throw new Error('unbalanced parentheses');
}

const unquote = (text: string): string => text.slice(1, -1).replace(/""/g, '"');

/** Calls rewritten around their (already converted) argument text. */
const CALL_REWRITES: readonly { name: string; to: (argument: string) => string }[] = [
  { name: 'from_iso8601_timestamp', to: (argument) => `CAST(${argument} AS TIMESTAMPTZ)` },
  { name: 'count_if', to: (argument) => `count(CASE WHEN (${argument}) THEN 1 END)` },
];

export interface DialectOptions {
  /** The Glue database and table the queries name, and the local view standing for them. */
  readonly database: string;
  readonly table: string;
  readonly view: string;
  /** Athena execution parameters: SQL literal text, one per `?`, in order. */
  readonly parameters?: readonly string[];
}

/** The query in DuckDB's dialect; throws when the parameter count does not match the `?`s. */
export function toDuckDb(sql: string, options: DialectOptions): string {
  // execution-parameters: literals in place of the `?`s, then tokenize the result again.
  const parameters = options.parameters ?? [];
  let used = 0;
  const withValues = tokenize(sql)
    .map((t) => (t.kind === 'param' ? (parameters[used++] ?? '?') : t.text))
    .join('');
  const placeholders = tokenize(sql).filter((t) => t.kind === 'param').length;
  if (placeholders !== parameters.length) {
    throw new Error(`the query has ${placeholders} execution parameter(s) (?) but ${parameters.length} value(s) were given`);
  }
  const tokens = tokenize(withValues);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // table-reference: "db"."table" (or db.table) -> "view"
    const isName = (token: Token | undefined, name: string): boolean =>
      token !== undefined && ((token.kind === 'quoted' && unquote(token.text) === name) || (token.kind === 'word' && token.text === name));
    if (isName(t, options.database) && tokens[i + 1]?.text === '.' && isName(tokens[i + 2], options.table)) {
      out.push({ kind: 'quoted', text: `"${options.view}"` });
      i += 2;
      continue;
    }
    // path-pseudo-column
    if (t.kind === 'quoted' && unquote(t.text) === '$path') {
      out.push({ kind: 'word', text: 'filename' });
      continue;
    }
    // json-path-brackets: '$["a-b"]' -> '$."a-b"'
    if (t.kind === 'string' && t.text.startsWith("'$")) {
      out.push({ kind: 'string', text: t.text.replace(/\["((?:[^"\\]|\\.)*)"\]/g, '."$1"') });
      continue;
    }
    const open = nextNonSpace(tokens, i + 1);
    const isCall = tokens[open]?.text === '(';
    // json-extract-scalar, element-at: renames
    if (isCall && isWord(t, 'json_extract_scalar')) {
      out.push({ kind: 'word', text: 'json_extract_string' });
      continue;
    }
    if (isCall && isWord(t, 'element_at')) {
      out.push({ kind: 'word', text: 'map_extract_value' });
      continue;
    }
    // from-iso8601-timestamp(x) -> CAST(x AS TIMESTAMPTZ); count-if(c) -> count(CASE WHEN (c) THEN 1 END)
    const rewrite = isCall ? CALL_REWRITES.find((r) => isWord(t, r.name)) : undefined;
    if (rewrite) {
      const close = closingParen(tokens, open);
      const argument = toDuckDb(tokens.slice(open + 1, close).map((a) => a.text).join(''), { ...options, parameters: [] });
      out.push({ kind: 'other', text: rewrite.to(argument) });
      i = close;
      continue;
    }
    out.push(t);
  }
  return out.map((t) => t.text).join('');
}
