/**
 * Command-line arguments of `npm run cost`: parsed with `util.parseArgs`, every bad or missing
 * number reported at once as `- <option>: <what is wrong> (got "<value>"); <what to do>`.
 */
import { parseArgs } from 'util';
import { UserError, formatIssue } from '../errors';
import {
  DEFAULT_COMPRESSION,
  DEFAULT_OBJECT_KB,
  withDefaults,
  type CostInputs,
  type RequiredInputs,
} from './model';
import { DEFAULT_PRICES, PRICE_NAMES, defaultPrices, formatPrice, priceOption, type PriceName, type Prices } from './prices';

export const COMMAND = 'npm run cost';

export type CostFormat = 'text' | 'json' | 'markdown';

/** What the command line asks for: the usage text, or an estimate. */
export type CostCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'estimate'; readonly inputs: CostInputs; readonly prices: Prices; readonly format: CostFormat };

/** A numeric option: its key in `CostInputs`, its rule, and what to tell the user. */
interface NumberOption {
  readonly option: string;
  readonly key: Exclude<keyof CostInputs, 'rtc'>;
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
  { option: 'deployments-per-month', key: 'deploymentsPerMonth', required: false, integer: false, min: 0, minInclusive: true,
    help: 'deployments a month that create, update or delete every member stack instance (default 1)', fix: 'pass 0 or more, for example --deployments-per-month 1' },
];

/** Plain decimal numbers only: no hex, no empty string, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export const USAGE = [
  `Usage: ${COMMAND} -- --accounts <n> --regions <n> --gb-per-day <GB> [options]`,
  '',
  'Monthly cost of the deployed design next to the same log volume in CloudWatch Logs (USD, us-east-1).',
  '',
  ...NUMBER_OPTIONS.map((o) => `  --${o.option.padEnd(24)} ${o.help}${o.required ? ' (required)' : ''}`),
  `  --${'rtc'.padEnd(24)} Replication Time Control on (centralBucket.replicationTimeControl)`,
  `  --${'json'.padEnd(24)} machine-readable output`,
  `  --${'markdown'.padEnd(24)} Markdown tables`,
  '',
  'Unit prices (USD; override any of them):',
  ...PRICE_NAMES.map((name) => `  --${`${priceOption(name)}=<usd>`.padEnd(45)} default ${formatPrice(DEFAULT_PRICES[name].usd)} per ${DEFAULT_PRICES[name].unit}`),
].join('\n');

/** Checks one numeric option's raw text; returns the number, or undefined after adding an issue. */
function readNumber(spec: NumberOption, raw: string | undefined, issues: string[]): number | undefined {
  const flag = `--${spec.option}`;
  if (raw === undefined) {
    if (spec.required) issues.push(formatIssue(flag, 'is required', undefined, spec.fix));
    return undefined;
  }
  const text = raw.trim();
  if (!DECIMAL.test(text)) {
    issues.push(formatIssue(flag, 'is not a number', raw, spec.fix));
    return undefined;
  }
  const value = Number(text);
  const belowMin = spec.minInclusive ? value < spec.min : value <= spec.min;
  const aboveMax = spec.max !== undefined && value > spec.max;
  if (spec.integer && !Number.isInteger(value)) {
    issues.push(formatIssue(flag, 'must be a whole number', raw, spec.fix));
    return undefined;
  }
  if (belowMin || aboveMax) {
    const lower = spec.minInclusive ? `at least ${spec.min}` : `above ${spec.min}`;
    const range = spec.max !== undefined ? `${lower} and at most ${spec.max}` : lower;
    issues.push(formatIssue(flag, `must be ${range}`, raw, spec.fix));
    return undefined;
  }
  return value;
}

/**
 * Parses the arguments after `npm run cost --`. Throws a `UserError` listing every problem.
 */
export function parseCostArgs(argv: readonly string[]): CostCommand {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    rtc: { type: 'boolean' },
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of NUMBER_OPTIONS) options[spec.option] = { type: 'string' };
  for (const name of PRICE_NAMES) options[priceOption(name)] = { type: 'string' };

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UserError(COMMAND, [
      formatIssue('arguments', (err as Error).message.split('\n')[0], argv.join(' '), `see \`${COMMAND} -- --help\` for the options`),
    ]);
  }
  if (values.help) return { kind: 'help' };
  const format: CostFormat = values.json ? 'json' : values.markdown ? 'markdown' : 'text';

  const issues: string[] = [];
  if (values.json && values.markdown) {
    issues.push(formatIssue('--json', 'cannot be combined with --markdown', '--json --markdown', 'pick one output format'));
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
  if (issues.length > 0) throw new UserError(COMMAND, issues);

  // Every required number is present here, or an issue was thrown above.
  const inputs = withDefaults({
    ...(numbers as RequiredInputs & Partial<CostInputs>),
    rtc: values.rtc === true,
  });
  return { kind: 'estimate', inputs, prices, format };
}
