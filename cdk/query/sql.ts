/**
 * Shared pieces of the saved queries' SQL (Athena engine version 3, Trino dialect): quoting, the
 * filter every query starts from, the token sums. Values a user chooses at run time are Athena
 * execution parameters (`?`, filled in order; the console asks for them), whose values are SQL
 * literals (`'2026/01/31'`)
 * (https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements-querying-using-execution-parameters.html).
 */
import { PARTITION_COLUMNS } from './projection';
import { RECORD_SCHEMA_TYPE } from './table';

/** Where a saved query reads and which accounts it names (the account partition is injected). */
export interface QueryContext {
  readonly database: string;
  readonly table: string;
  readonly accounts: readonly string[];
}

/** One `?` of a query, in the order they appear in its text. */
export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  /** An example value, as the SQL literal Athena expects (`'2026/01/31'`). */
  readonly example: string;
}

/** Who asks the question a saved query answers. */
export type Audience = 'FinOps' | 'security';

export interface NamedQueryDefinition {
  /** Kebab-case id: the saved query is named `<prefix>-<id>`. */
  readonly id: string;
  readonly title: string;
  /** The question it answers, in one sentence. */
  readonly question: string;
  readonly audience: Audience;
  readonly parameters: readonly QueryParameter[];
  sql(context: QueryContext): string;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"<database>"."<table>"` */
function tableReference(context: QueryContext): string {
  return `${quoteIdentifier(context.database)}.${quoteIdentifier(context.table)}`;
}

/** The two `?` of the day window, first of every query's parameters. */
export const DAY_WINDOW: readonly QueryParameter[] = [
  { name: 'first_day', description: 'first UTC day of delivery, yyyy/MM/dd (inclusive)', example: "'2026/01/01'" },
  { name: 'last_day', description: 'last UTC day of delivery, yyyy/MM/dd (inclusive)', example: "'2026/01/31'" },
];

/**
 * `FROM ... WHERE` of every query: the accounts (literal: the injected partition needs static
 * values), the day window (`?`, `?`: the partitions read) and only invocation records (not the
 * large-body objects under `data/`, which the day's location also holds).
 */
export function fromLogs(context: QueryContext): string {
  if (context.accounts.length === 0) throw new Error('a query of the invocation logs must name at least one account');
  const { account, day } = PARTITION_COLUMNS;
  return [
    `FROM ${tableReference(context)}`,
    `WHERE ${account} IN (${context.accounts.map(stringLiteral).join(', ')})`,
    `  AND ${day} BETWEEN ? AND ?`,
    `  AND schematype = ${stringLiteral(RECORD_SCHEMA_TYPE)}`,
  ].join('\n');
}

/** Invocations and the four token counts (missing counts are 0), and failed calls. */
export const USAGE_COLUMNS = [
  'count(*) AS invocations',
  'coalesce(sum(input.inputtokencount), 0) AS input_tokens',
  'coalesce(sum(output.outputtokencount), 0) AS output_tokens',
  'coalesce(sum(input.cachereadinputtokencount), 0) AS cache_read_input_tokens',
  'coalesce(sum(input.cachewriteinputtokencount), 0) AS cache_write_input_tokens',
  'count_if(errorcode IS NOT NULL) AS failed_invocations',
] as const;

/** When and where one invocation happened: the first columns of the queries that list invocations. */
export const INVOCATION_PLACE_COLUMNS = ['"timestamp"', `${PARTITION_COLUMNS.account} AS account`, `${PARTITION_COLUMNS.region} AS region`] as const;

/** `SELECT` list lines, indented. */
export function selectList(columns: readonly string[]): string {
  return columns.map((c, i) => `  ${c}${i < columns.length - 1 ? ',' : ''}`).join('\n');
}
