/**
 * The options of the cost command and their meaning: every bad or missing number is reported at
 * once as `- <option>: <what is wrong> (got "<value>"); <what to do>`.
 */
import { issue, UserError, type Issue } from '../../cdk/errors';
import type { OptionSpec, Options } from '../lib/command';
import {
  DEFAULT_COMPRESSION,
  DEFAULT_OBJECT_KB,
  withDefaults,
  type CostInputs,
  type RequiredInputs,
} from './model';
import { DEFAULT_PRICES, PRICE_NAMES, defaultPrices, formatPrice, priceOption, type PriceName, type Prices } from './prices';


export type CostFormat = 'text' | 'json' | 'markdown';

/** What the command line asks for. */
export interface CostRequest {
  readonly inputs: CostInputs;
  readonly prices: Prices;
  readonly format: CostFormat;
}

/** A numeric option: its key in `CostInputs`, its rule, and what to tell the user. */
interface NumberOption {
  readonly option: string;
  readonly key: Exclude<keyof CostInputs, 'rtc' | 'kms' | 'cloudWatch'>;
  readonly required: boolean;
  readonly integer: boolean;
  readonly min: number;
  /** Whether `min` itself is allowed. */
  readonly minInclusive: boolean;
  readonly max?: number;
  readonly help: string;
  readonly fix: string;
}

/** The numeric options, in usage order. Ranges match cdk/env/validate.ts where a field exists there. */
export const NUMBER_OPTIONS: readonly NumberOption[] = [
  { option: 'accounts', key: 'accounts', required: true, integer: true, min: 1, minInclusive: true,
    help: 'member accounts that get the member stack', fix: 'pass the number of member accounts, for example --accounts 10' },
  { option: 'regions', key: 'regions', required: true, integer: true, min: 1, minInclusive: true,
    help: 'member regions (members.regions)', fix: 'pass the number of member regions, for example --regions 2' },
  { option: 'gb-per-day', key: 'gbPerDay', required: true, integer: false, min: 0, minInclusive: true,
    help: 'total uncompressed log volume per day of the whole organization, in GB', fix: 'pass the daily volume in GB, for example --gb-per-day 1.5' },
  { option: 'object-kb', key: 'objectKb', required: false, integer: false, min: 0, minInclusive: false,
    help: `average size of one delivered .json.gz object in KB (default ${DEFAULT_OBJECT_KB}, an assumption)`, fix: `pass a size in KB above 0, for example --object-kb ${DEFAULT_OBJECT_KB}` },
  { option: 'compression', key: 'compression', required: false, integer: false, min: 0, minInclusive: false, max: 1,
    help: `compressed / uncompressed size of the logs (default ${DEFAULT_COMPRESSION}, an assumption)`, fix: `pass a ratio above 0 and at most 1, for example --compression ${DEFAULT_COMPRESSION}` },
  { option: 'member-expiration-days', key: 'memberExpirationDays', required: false, integer: true, min: 1, minInclusive: true, max: 3650,
    help: 'memberBucket.expirationDays (default 1)', fix: 'pass a whole number of days from 1 to 3650' },
  { option: 'central-retention-days', key: 'centralRetentionDays', required: false, integer: true, min: 1, minInclusive: true, max: 36_500,
    help: 'centralBucket.retentionDays, also the CloudWatch Logs retention (default 365)', fix: 'pass a whole number of days from 1 to 36500' },
  { option: 'cross-region-share', key: 'crossRegionShare', required: false, integer: false, min: 0, minInclusive: true, max: 1,
    help: "share of the volume produced outside the central bucket's region (default (regions-1)/regions)", fix: 'pass a share from 0 to 1, for example --cross-region-share 0.5' },
  { option: 'kms-key-versions', key: 'kmsKeyVersions', required: false, integer: true, min: 1, minInclusive: true, max: 3,
    help: 'with --kms: backing-key versions billed per key (1 in the first year, 2 after one rotation, 3 after two; default 1)', fix: 'pass 1, 2 or 3' },
  { option: 'kms-requests-per-object', key: 'kmsRequestsPerObject', required: false, integer: false, min: 0, minInclusive: true, max: 3,
    help: 'with --kms: KMS requests per delivered object (default 0.03: S3 Bucket Keys cut 3 by 99 %, an assumption)', fix: 'pass a number from 0 to 3, for example --kms-requests-per-object 0.03' },
  { option: 'cloudwatch-retention-days', key: 'cloudWatchRetentionDays', required: false, integer: true, min: 1, minInclusive: true, max: 3653,
    help: 'with --cloudwatch: retention of the CloudWatch Logs log groups (default 30)', fix: 'pass a whole number of days from 1 to 3653' },
  { option: 'deployments-per-month', key: 'deploymentsPerMonth', required: false, integer: false, min: 0, minInclusive: true,
    help: 'deployments a month that create, update or delete every member stack instance (default 1)', fix: 'pass 0 or more, for example --deployments-per-month 1' },
];

/** Plain decimal numbers only: no hex, no empty string, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The cost command's options: the numbers, the switches, and one option per unit price. */
export const COST_OPTIONS: Options = {
  ...Object.fromEntries(NUMBER_OPTIONS.map((o): [string, OptionSpec] => [o.option, {
    type: 'string', value: o.integer ? '<n>' : '<number>', description: `${o.help}${o.required ? ' (required)' : ''}`,
  }])),
  rtc: { type: 'boolean', description: 'Replication Time Control on (centralBucket.replicationTimeControl)' },
  kms: { type: 'boolean', description: 'customer managed KMS keys for the member and central buckets (encryption.kms)' },
  cloudwatch: { type: 'boolean', description: 'Bedrock also delivers to CloudWatch Logs in every member account and region (cloudWatchLogs)' },
  json: { type: 'boolean', description: 'machine-readable output' },
  markdown: { type: 'boolean', description: 'Markdown tables' },
  ...Object.fromEntries(PRICE_NAMES.map((name): [string, OptionSpec] => [priceOption(name), {
    type: 'string', value: '<usd>', description: `unit price, default ${formatPrice(DEFAULT_PRICES[name].usd)} per ${DEFAULT_PRICES[name].unit}`,
  }])),
};

/** Checks one numeric option's raw text; returns the number, or undefined after adding an issue. */
function readNumber(spec: NumberOption, raw: string | undefined, issues: Issue[]): number | undefined {
  const flag = `--${spec.option}`;
  if (raw === undefined) {
    if (spec.required) issues.push(issue(flag, 'is required', undefined, spec.fix));
    return undefined;
  }
  const text = raw.trim();
  if (!DECIMAL.test(text)) {
    issues.push(issue(flag, 'is not a number', raw, spec.fix));
    return undefined;
  }
  const value = Number(text);
  // `1e400` is Infinity, and integers past 2^53 are not what was typed.
  if (!Number.isFinite(value) || (spec.integer && Number.isInteger(value) && !Number.isSafeInteger(value))) {
    issues.push(issue(flag, 'is too large to compute with', raw, spec.fix));
    return undefined;
  }
  const belowMin = spec.minInclusive ? value < spec.min : value <= spec.min;
  const aboveMax = spec.max !== undefined && value > spec.max;
  if (spec.integer && !Number.isInteger(value)) {
    issues.push(issue(flag, 'must be a whole number', raw, spec.fix));
    return undefined;
  }
  if (belowMin || aboveMax) {
    const lower = spec.minInclusive ? `at least ${spec.min}` : `above ${spec.min}`;
    const range = spec.max !== undefined ? `${lower} and at most ${spec.max}` : lower;
    issues.push(issue(flag, `must be ${range}`, raw, spec.fix));
    return undefined;
  }
  return value;
}

/** Reads the parsed options of the cost command. Throws a `UserError` listing every problem. */
export function readCostRequest(values: Readonly<Record<string, string | boolean | undefined>>, subject = 'cost'): CostRequest {
  const format: CostFormat = values.json ? 'json' : values.markdown ? 'markdown' : 'text';

  const issues: Issue[] = [];
  if (values.json && values.markdown) {
    issues.push(issue('--json', 'cannot be combined with --markdown', '--json --markdown', 'pick one output format'));
  }
  const numbers: Partial<Record<NumberOption['key'], number>> = {};
  for (const spec of NUMBER_OPTIONS) {
    const value = readNumber(spec, values[spec.option] as string | undefined, issues);
    if (value !== undefined) numbers[spec.key] = value;
  }
  const prices = defaultPrices() as Record<PriceName, number>;
  for (const name of PRICE_NAMES) {
    const flag = priceOption(name);
    const raw = values[flag] as string | undefined;
    if (raw === undefined) continue;
    const value = readNumber(
      { option: flag, key: 'gbPerDay', required: false, integer: false, min: 0, minInclusive: true, help: '',
        fix: `pass the USD price per ${DEFAULT_PRICES[name].unit}, for example --${flag}=${DEFAULT_PRICES[name].usd}` },
      raw, issues);
    if (value !== undefined) prices[name] = value;
  }
  if (issues.length > 0) throw new UserError(subject, issues);

  // Every required number is present here, or an issue was thrown above.
  const inputs = withDefaults({
    ...(numbers as RequiredInputs & Partial<CostInputs>),
    rtc: values.rtc === true,
    kms: values.kms === true,
    cloudWatch: values.cloudwatch === true,
  });
  return { inputs, prices, format };
}
