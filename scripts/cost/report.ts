/**
 * Renders a cost estimate: a plain-text report, Markdown tables, JSON, and the README's table of
 * example organizations.
 */
import {
  assumptions,
  estimateCost,
  withDefaults,
  type CostEstimate,
  type LineItem,
  type RequiredInputs,
} from './model';
import { DEFAULT_PRICES, PRICES_READ_ON, PRICE_NAMES, defaultPrices, formatPrice, priceOption, type Prices } from './prices';
import { formatCount } from '../../cdk/errors';
import { markdownTable } from '../lib/markdown';

/** USD with cents; amounts under a cent keep two significant digits, so nothing shows as $0.00 unless it is 0. */
export function usd(amount: number): string {
  if (amount === 0) return '$0.00';
  if (Math.abs(amount) < 0.01) return `$${Number(amount.toPrecision(2)).toString()}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A quantity with thousands separators and at most four decimals. */
export function quantity(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.0001) return Number(value.toPrecision(2)).toString();
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

function unitPrice(value: number, unit: string): string {
  return `$${formatPrice(value)} per ${unit}`;
}

function headline(estimate: CostEstimate): string {
  const { inputs, volumes } = estimate;
  return `${inputs.accounts} accounts x ${inputs.regions} regions (${volumes.buckets} member buckets), `
    + `${quantity(inputs.gbPerDay)} GB/day uncompressed = ${quantity(volumes.deliveredGbPerDay)} GB/day delivered, `
    + `${quantity(Math.round(volumes.objectsPerMonth))} objects/month; member expiration ${inputs.memberExpirationDays} day(s), `
    + `central retention ${inputs.centralRetentionDays} days, RTC ${inputs.rtc ? 'on' : 'off'}, `
    + `cross-region share ${quantity(inputs.crossRegionShare)}`;
}

/** Pads the columns of a text table; numeric columns (index in `right`) align right. */
function textTable(rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()}`);
}

function itemRows(items: readonly LineItem[]): string[][] {
  return items.map((i) => [i.label, quantity(i.quantity), i.unit, unitPrice(i.unitPrice, i.unit), usd(i.monthlyUsd), usd(i.firstMonthUsd)]);
}

const ITEM_HEADER = ['item', 'quantity', 'unit', 'unit price', 'monthly', 'first month'];
const RIGHT = new Set([1, 4, 5]);

/** The plain-text report printed by `npm run cost`. */
export function renderText(estimate: CostEstimate): string {
  const { totals } = estimate;
  const lines: string[] = [
    'Monthly cost of org-wide Bedrock model invocation logging (USD, us-east-1 list prices, 30-day month)',
    headline(estimate),
    '',
    'This design (S3 member buckets, replication, central bucket, custom resources):',
    ...textTable([ITEM_HEADER, ...itemRows(estimate.design), ['Total', '', '', '', usd(totals.design.monthlyUsd), usd(totals.design.firstMonthUsd)]], RIGHT),
    '',
    'The same volume in CloudWatch Logs (Standard class, same retention):',
    ...textTable([ITEM_HEADER, ...itemRows(estimate.cloudWatch), ['Total', '', '', '', usd(totals.cloudWatch.monthlyUsd), usd(totals.cloudWatch.firstMonthUsd)]], RIGHT),
    '',
    `Monthly: ${usd(totals.design.monthlyUsd)} for this design vs ${usd(totals.cloudWatch.monthlyUsd)} in CloudWatch Logs `
      + `(steady state from month ${estimate.monthsToSteadyState}; first month ${usd(totals.design.firstMonthUsd)} vs ${usd(totals.cloudWatch.firstMonthUsd)}).`,
    '',
    'How each quantity was computed:',
    ...[...estimate.design, ...estimate.cloudWatch].map((i) => `  - ${i.label}: ${i.basis}`),
    '',
    'Assumptions:',
    ...assumptions(estimate.inputs).map((a) => `  - ${a}`),
    '',
    `Unit prices used (defaults read ${PRICES_READ_ON}; override with --price-<name>=<usd>):`,
    ...textTable(PRICE_NAMES.map((name) => [
      `--${priceOption(name)}`,
      unitPrice(estimate.prices[name], DEFAULT_PRICES[name].unit),
      estimate.prices[name] === DEFAULT_PRICES[name].usd ? 'default' : `overridden (default ${formatPrice(DEFAULT_PRICES[name].usd)})`,
    ]), new Set()),
    '',
    'Sources of the default prices:',
    ...PRICE_NAMES.map((name) => `  - ${priceOption(name)}: ${DEFAULT_PRICES[name].source} (read ${DEFAULT_PRICES[name].read})`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The `--markdown` report. */
export function renderMarkdown(estimate: CostEstimate): string {
  const { totals } = estimate;
  const lines = [
    `**${headline(estimate)}**`,
    '',
    'This design:',
    '',
    ...markdownTable(ITEM_HEADER, [...itemRows(estimate.design), ['**Total**', '', '', '', `**${usd(totals.design.monthlyUsd)}**`, `**${usd(totals.design.firstMonthUsd)}**`]], RIGHT),
    '',
    'The same volume in CloudWatch Logs:',
    '',
    ...markdownTable(ITEM_HEADER, [...itemRows(estimate.cloudWatch), ['**Total**', '', '', '', `**${usd(totals.cloudWatch.monthlyUsd)}**`, `**${usd(totals.cloudWatch.firstMonthUsd)}**`]], RIGHT),
    '',
    'Assumptions:',
    '',
    ...assumptions(estimate.inputs).map((a) => `- ${a}`),
    '',
    ...priceTableMarkdown(estimate.prices),
  ];
  return `${lines.join('\n')}\n`;
}

/** The unit prices as a Markdown table: option, price, source, date read. */
export function priceTableMarkdown(prices: Prices = defaultPrices()): string[] {
  return markdownTable(
    ['price', 'USD', 'per', 'override', 'source', 'read'],
    PRICE_NAMES.map((name) => [
      DEFAULT_PRICES[name].description,
      formatPrice(prices[name]),
      DEFAULT_PRICES[name].unit,
      `\`--${priceOption(name)}\``,
      DEFAULT_PRICES[name].source,
      DEFAULT_PRICES[name].read,
    ]),
    new Set([1]),
  );
}

/** The `--json` output: inputs, prices, line items, totals. */
export function renderJson(estimate: CostEstimate): string {
  return `${JSON.stringify({ ...estimate, assumptions: assumptions(estimate.inputs) }, null, 2)}\n`;
}

/** An example organization of the README's cost table. */
export interface Scenario extends RequiredInputs {
  readonly name: string;
}

/**
 * The README's example organizations. Volumes assume roughly 5-10 KB of JSON per logged
 * invocation (prompt, response, metadata), so 1 GB/day is some 100,000-200,000 invocations a day.
 */
export const README_SCENARIOS: readonly Scenario[] = [
  { name: 'Small', accounts: 10, regions: 2, gbPerDay: 1 },
  { name: 'Medium', accounts: 100, regions: 3, gbPerDay: 20 },
  { name: 'Large', accounts: 1000, regions: 4, gbPerDay: 200 },
];

/**
 * The README's cost table (Markdown): each example organization with the defaults, with RTC,
 * and in CloudWatch Logs, plus the assumptions. Generated by `npm run docs`.
 */
export function readmeCostTable(prices: Prices = defaultPrices(), scenarios: readonly Scenario[] = README_SCENARIOS): string {
  const rows = scenarios.map((s) => {
    const base = estimateCost(withDefaults(s), prices);
    const rtc = estimateCost(withDefaults({ ...s, rtc: true }), prices);
    const central = base.design.find((i) => i.id === 'central-storage');
    return [
      s.name,
      `${formatCount(s.accounts)} x ${s.regions}`,
      quantity(s.gbPerDay),
      usd(base.totals.design.monthlyUsd),
      usd(central ? central.monthlyUsd : 0),
      usd(base.totals.design.firstMonthUsd),
      usd(rtc.totals.design.monthlyUsd),
      usd(base.totals.cloudWatch.monthlyUsd),
    ];
  });
  const defaults = withDefaults(scenarios[0] ?? README_SCENARIOS[0]);
  const lines = [
    ...markdownTable(
      ['organization', 'accounts x regions', 'GB/day (uncompressed)', 'this design, monthly', 'of which central storage', 'first month', 'with RTC, monthly', 'CloudWatch Logs, monthly'],
      rows,
      new Set([2, 3, 4, 5, 6, 7]),
    ),
    '',
    `USD per month at steady state (after ${defaults.centralRetentionDays} days of retention), us-east-1 list prices read ${PRICES_READ_ON}, `
      + `${defaults.memberExpirationDays}-day member expiration, ${defaults.centralRetentionDays}-day central retention, `
      + `logs gzipped to ${defaults.compression} of their size in objects of ${defaults.objectKb} KB, `
      + 'cross-region share (regions-1)/regions. Volumes assume some 5-10 KB of JSON per logged invocation '
      + '(1 GB/day is about 100,000-200,000 invocations a day). '
      + 'CloudWatch Logs keeps each account\'s logs in its own account and region: a lower bound for that route, without central collection. '
      + 'Run `npm run cost -- --accounts N --regions R --gb-per-day G` for your numbers; every price can be overridden.',
  ];
  return lines.join('\n');
}
