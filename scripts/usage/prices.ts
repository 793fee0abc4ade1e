/**
 * Token prices for the cost column of `usage`, from a file the user supplies: this project ships no
 * model prices (they differ per model, region, tier and contract, and change often). The file is
 * JSON: `{ "<model id, or a prefix ending in *>": { "inputPer1k": 0.003, "outputPer1k": 0.015,
 * "cacheReadPer1k": 0.0003, "cacheWritePer1k": 0.00375 } }`, USD per 1,000 tokens; the cache prices
 * are needed only where cache tokens were used.
 */
import * as fs from 'fs';
import { issue, UserError, type Issue } from '../../cdk/errors';
import { checkReadableFile } from '../../cdk/package/fs-errors';

export interface TokenPrices {
  readonly inputPer1k: number;
  readonly outputPer1k: number;
  readonly cacheReadPer1k?: number;
  readonly cacheWritePer1k?: number;
}

export type PriceTable = ReadonlyMap<string, TokenPrices>;

const FIELDS = ['inputPer1k', 'outputPer1k', 'cacheReadPer1k', 'cacheWritePer1k'] as const;
const REQUIRED = new Set(['inputPer1k', 'outputPer1k']);

/** Reads and checks a prices file; every problem is reported at once. */
export function loadPrices(file: string, shown: string): PriceTable {
  checkReadableFile(file, shown, 'pass the path of your prices file to --prices');
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(shown, [issue('', 'is not JSON', file, `fix the JSON (${(err as Error).message})`)]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(shown, [issue('', 'must be an object of model IDs', data, 'write { "<model id>": { "inputPer1k": 0.003, "outputPer1k": 0.015 } }')]);
  }
  const issues: Issue[] = [];
  const table = new Map<string, TokenPrices>();
  for (const [model, entry] of Object.entries(data as Record<string, unknown>)) {
    const at = JSON.stringify(model);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push(issue(at, 'must be an object of prices', entry, 'write { "inputPer1k": <USD>, "outputPer1k": <USD> }'));
      continue;
    }
    const prices = entry as Record<string, unknown>;
    for (const key of Object.keys(prices)) {
      if (!(FIELDS as readonly string[]).includes(key)) issues.push(issue(`${at}.${key}`, 'is not a known price', prices[key], `use ${FIELDS.join(', ')} (USD per 1,000 tokens)`));
    }
    for (const key of FIELDS) {
      const value = prices[key];
      if (value === undefined) {
        if (REQUIRED.has(key)) issues.push(issue(`${at}.${key}`, 'is required', value, 'set the USD price per 1,000 tokens from your price list'));
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        issues.push(issue(`${at}.${key}`, 'must be a number of USD, 0 or more', value, 'write the price per 1,000 tokens as a plain number, e.g. 0.003'));
      }
    }
    if (model.includes('*') && !/^[^*]+\*$/.test(model)) issues.push(issue(at, 'may have one * only, at the end', model, 'write a model ID, or a prefix followed by *'));
    table.set(model, prices as unknown as TokenPrices);
  }
  if (issues.length > 0) throw new UserError(shown, issues);
  return table;
}

/** The prices of a model: its exact ID, else the longest `prefix*` that matches. */
export function pricesFor(table: PriceTable, modelId: string): TokenPrices | undefined {
  const exact = table.get(modelId);
  if (exact) return exact;
  let best: [string, TokenPrices] | undefined;
  for (const [pattern, prices] of table) {
    if (pattern.endsWith('*') && modelId.startsWith(pattern.slice(0, -1)) && (!best || pattern.length > best[0].length)) best = [pattern, prices];
  }
  return best?.[1];
}

export interface TokenCounts {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheWriteInputTokens: number;
}

/** The cost of the counts, or why it cannot be given (no price for the model, or a cache price missing). */
export function costOf(prices: TokenPrices | undefined, counts: TokenCounts): { usd?: number; missing?: string } {
  if (!prices) return { missing: 'no price for this model' };
  if (counts.cacheReadInputTokens > 0 && prices.cacheReadPer1k === undefined) return { missing: 'no cacheReadPer1k price' };
  if (counts.cacheWriteInputTokens > 0 && prices.cacheWritePer1k === undefined) return { missing: 'no cacheWritePer1k price' };
  const usd =
    (counts.inputTokens * prices.inputPer1k + counts.outputTokens * prices.outputPer1k +
      counts.cacheReadInputTokens * (prices.cacheReadPer1k ?? 0) + counts.cacheWriteInputTokens * (prices.cacheWritePer1k ?? 0)) / 1000;
  return { usd };
}
