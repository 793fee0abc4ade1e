/**
 * The numeric and enumerated options of `coverage`, read all at once: every bad value is one
 * issue (`- --concurrency: must be a whole number from 1 to 512 (got "0"); ...`).
 */
import { issue, UserError, type Issue } from '../../cdk/errors';
import { didYouMean } from '../../cdk/suggest';
import { FORMAT_NAMES, type CoverageFormat } from './render';

export const DEFAULT_CONCURRENCY = 32;
export const MAX_CONCURRENCY = 512;
export const DEFAULT_TIME_BUDGET = '30m';
export const DEFAULT_STALE_AFTER_DAYS = 2;

export interface CoverageOptions {
  readonly format: CoverageFormat;
  readonly concurrency: number;
  readonly timeBudgetSeconds: number;
  readonly staleAfterDays: number;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/** `90`, `90s`, `15m`, `1.5h` in seconds; undefined when it is none of these. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] === '' ? 's' : match[2]];
  return seconds > 0 ? seconds : undefined;
}

export function readCoverageOptions(values: { format?: string; concurrency?: string; 'time-budget'?: string; 'stale-after'?: string }, subject: string): CoverageOptions {
  const issues: Issue[] = [];
  const format = values.format ?? 'table';
  if (!(FORMAT_NAMES as string[]).includes(format)) {
    issues.push(issue('--format', 'is not a format', format, didYouMean(format, FORMAT_NAMES, `use one of: ${FORMAT_NAMES.join(', ')}`)));
  }
  const concurrencyText = values.concurrency ?? String(DEFAULT_CONCURRENCY);
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : NaN;
  if (!(concurrency >= 1 && concurrency <= MAX_CONCURRENCY)) {
    issues.push(issue('--concurrency', `must be a whole number from 1 to ${MAX_CONCURRENCY}`, concurrencyText, `pass the AWS calls to keep in flight, for example --concurrency ${DEFAULT_CONCURRENCY}`));
  }
  const budgetText = values['time-budget'] ?? DEFAULT_TIME_BUDGET;
  const timeBudgetSeconds = parseDuration(budgetText);
  if (timeBudgetSeconds === undefined) {
    issues.push(issue('--time-budget', 'is not a duration', budgetText, 'pass seconds, or a number with s, m or h, for example --time-budget 20m'));
  }
  const staleText = values['stale-after'] ?? String(DEFAULT_STALE_AFTER_DAYS);
  const staleAfterDays = /^\d+(\.\d+)?$/.test(staleText) ? Number(staleText) : NaN;
  if (!(staleAfterDays > 0)) {
    issues.push(issue('--stale-after', 'must be a number of days above 0', staleText, `pass the age in days after which delivery counts as stale, for example --stale-after ${DEFAULT_STALE_AFTER_DAYS}`));
  }
  if (issues.length > 0) throw new UserError(subject, issues);
  return { format: format as CoverageFormat, concurrency, timeBudgetSeconds: timeBudgetSeconds as number, staleAfterDays };
}
