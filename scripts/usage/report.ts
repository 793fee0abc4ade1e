/** The `usage` report: rows per account and model, totals, optional costs; as a table, Markdown, CSV or JSON. */
import { costOf, pricesFor, type PriceTable } from './prices';
import type { Period } from './period';
import { formatCount } from '../../cdk/errors';
import { markdownTable } from '../lib/markdown';

export const FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface UsageRow {
  readonly account: string;
  readonly modelId: string;
  readonly invocations: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheWriteInputTokens: number;
  readonly failedInvocations: number;
  /** USD, when prices were given and cover the row. */
  readonly costUsd?: number;
}

export interface UsageReport {
  readonly period: Period;
  readonly workgroup: string;
  readonly queryExecutionId: string;
  readonly accounts: readonly string[];
  readonly dataScannedBytes?: number;
  readonly rows: UsageRow[];
  readonly totals: Omit<UsageRow, 'account' | 'modelId'>;
  /** Whether a cost column is shown (prices were given). */
  readonly priced: boolean;
  /** Models that have usage but no (complete) price, with why. */
  readonly unpriced: { readonly modelId: string; readonly reason: string }[];
}

/** Athena's price per TB scanned, and its minimum per query (https://aws.amazon.com/athena/pricing/). */
export const ATHENA_USD_PER_TB = 5;
export const ATHENA_MIN_BYTES = 10 * 1024 * 1024;

const count = (value: string | null | undefined): number => (value === null || value === undefined || value === '' ? 0 : Number(value));

/** Builds the report from the query's rows (column names as `tokensSql` names them). */
export function buildReport(base: Omit<UsageReport, 'rows' | 'totals' | 'priced' | 'unpriced'>, rows: Record<string, string | null>[], prices?: PriceTable): UsageReport {
  const unpriced = new Map<string, string>();
  const usage: UsageRow[] = rows.map((r) => {
    const row = {
      account: r.account ?? '', modelId: r.model_id ?? '', invocations: count(r.invocations), inputTokens: count(r.input_tokens), outputTokens: count(r.output_tokens),
      cacheReadInputTokens: count(r.cache_read_input_tokens), cacheWriteInputTokens: count(r.cache_write_input_tokens), failedInvocations: count(r.failed_invocations),
    };
    if (!prices) return row;
    const cost = costOf(pricesFor(prices, row.modelId), row);
    if (cost.missing && row.inputTokens + row.outputTokens + row.cacheReadInputTokens + row.cacheWriteInputTokens > 0) unpriced.set(row.modelId, cost.missing);
    return cost.usd === undefined ? row : { ...row, costUsd: cost.usd };
  });
  const sum = (key: keyof Omit<UsageRow, 'account' | 'modelId' | 'costUsd'>): number => usage.reduce((t, r) => t + r[key], 0);
  const costs = usage.map((r) => r.costUsd).filter((c): c is number => c !== undefined);
  return {
    ...base,
    rows: usage,
    totals: {
      invocations: sum('invocations'), inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens'), cacheReadInputTokens: sum('cacheReadInputTokens'),
      cacheWriteInputTokens: sum('cacheWriteInputTokens'), failedInvocations: sum('failedInvocations'), ...(prices ? { costUsd: costs.reduce((t, c) => t + c, 0) } : {}),
    },
    priced: prices !== undefined,
    unpriced: [...unpriced].map(([modelId, reason]) => ({ modelId, reason })),
  };
}

const HEADERS = ['account', 'model', 'invocations', 'input tokens', 'output tokens', 'cache read', 'cache write', 'failed'];
const cells = (r: Omit<UsageRow, 'account' | 'modelId'>, priced: boolean): string[] => [
  ...[r.invocations, r.inputTokens, r.outputTokens, r.cacheReadInputTokens, r.cacheWriteInputTokens, r.failedInvocations].map((v) => formatCount(v)),
  ...(priced ? [r.costUsd === undefined ? 'n/a' : `$${r.costUsd.toFixed(2)}`] : []),
];

function grid(report: UsageReport): string[][] {
  return [
    [...HEADERS, ...(report.priced ? ['cost (USD)'] : [])],
    ...report.rows.map((r) => [r.account, r.modelId, ...cells(r, report.priced)]),
    ['total', '', ...cells(report.totals, report.priced)],
  ];
}

function notes(report: UsageReport): string[] {
  const scanned = report.dataScannedBytes === undefined ? [] : [
    `scanned ${(report.dataScannedBytes / 1e6).toFixed(1)} MB (about $${((Math.max(report.dataScannedBytes, ATHENA_MIN_BYTES) / 1e12) * ATHENA_USD_PER_TB).toFixed(4)} at $${ATHENA_USD_PER_TB}/TB, 10 MB minimum)`,
  ];
  return [
    `period: ${report.period.firstDay} to ${report.period.lastDay} (UTC days the logs were delivered)`,
    `accounts: ${report.accounts.join(', ')}`,
    `workgroup ${report.workgroup}, query ${report.queryExecutionId}`,
    ...scanned,
    ...report.unpriced.map((u) => `not priced: ${u.modelId} (${u.reason}); its cost is left out of the total`),
  ];
}

export function renderTable(report: UsageReport): string {
  const rows = grid(report);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [...notes(report), '', line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ''].join('\n');
}

export function renderMarkdown(report: UsageReport): string {
  const [header, ...rows] = grid(report);
  const right = new Set(header.map((_, i) => i).filter((i) => i >= 2));
  return [...notes(report).map((n) => `- ${n}`), '', ...markdownTable(header, rows, right), ''].join('\n');
}

export function renderCsv(report: UsageReport): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const header = ['account', 'model_id', 'invocations', 'input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_write_input_tokens', 'failed_invocations', ...(report.priced ? ['cost_usd'] : [])];
  const values = (r: UsageRow) => [r.account, r.modelId, r.invocations, r.inputTokens, r.outputTokens, r.cacheReadInputTokens, r.cacheWriteInputTokens, r.failedInvocations,
    ...(report.priced ? [r.costUsd === undefined ? '' : r.costUsd.toFixed(6)] : [])].map(String);
  return [header, ...report.rows.map(values)].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

export function renderJson(report: UsageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export const RENDERERS: Readonly<Record<Format, (report: UsageReport) => string>> = { table: renderTable, markdown: renderMarkdown, csv: renderCsv, json: renderJson };
