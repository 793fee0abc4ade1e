/**
 * Default unit prices of the cost model (`npm run cost`), region us-east-1, in USD, on-demand,
 * without free tiers or discounts.
 *
 * Prices change: each constant names the page it comes from and the day it was read, so a user
 * can check it and pass `--price-<name>=<value>` to `npm run cost` to use today's figure. Where
 * the official page could only be read through a copy, the constant says so.
 */

/** One unit price and where it comes from. */
export interface UnitPrice {
  /** USD per `unit`. */
  readonly usd: number;
  /** What one unit is, for tables (`GB-month`, `1,000 requests`). */
  readonly unit: string;
  /** What it prices, in a few words. */
  readonly description: string;
  /** The page (and where on it) the figure comes from, and how it was read. */
  readonly source: string;
  /** The day the figure was read (ISO date). */
  readonly read: string;
}

/** The day the defaults below were checked. */
export const PRICES_READ_ON = '2026-11-28';

/**
 * S3 Standard storage, first 50 TB per month. Above 50 TB per account and month S3 charges a
 * little less, so the model is an upper bound for very large central buckets.
 */
export const S3_STANDARD_STORAGE_GB_MONTH: UnitPrice = {
  usd: 0.023,
  unit: 'GB-month',
  description: 'S3 Standard storage (first 50 TB)',
  source:
    'Amazon S3 pricing (aws.amazon.com/s3/pricing), Storage, S3 Standard, first 50 TB/month; read via cloudburn.io "Amazon S3 Pricing Explained" (us-east-1, March 2026) and the cost table of the AWS Solutions Guidance "InsuranceLake" (US East (Ohio), pricing as of 2025-10-29)',
  read: PRICES_READ_ON,
};

/** S3 Standard PUT, COPY, POST and LIST requests; replication PUTs are charged at this rate too. */
export const S3_PUT_PER_1000: UnitPrice = {
  usd: 0.005,
  unit: '1,000 requests',
  description: 'S3 Standard PUT/COPY/POST/LIST requests',
  source:
    'Amazon S3 pricing, Requests & data retrievals, S3 Standard "PUT, COPY, POST, LIST requests (per 1,000 requests)"; read via c3x.dev "S3 request fees explained" (S3 Standard, region not stated) and the AWS Solutions Guidance "InsuranceLake" cost table (US East (Ohio), 2025-10-29)',
  read: PRICES_READ_ON,
};

/**
 * Inter-region data transfer out of S3 (what cross-region replication pays), priced by the
 * source region: $0.02/GB out of us-east-1 and most US and EU regions; several Asia Pacific,
 * South America and other regions charge more.
 */
export const INTER_REGION_TRANSFER_GB: UnitPrice = {
  usd: 0.02,
  unit: 'GB',
  description: 'inter-region data transfer out (CRR)',
  source:
    'Amazon S3 pricing, Data transfer, "Data transfer OUT from Amazon S3 to other AWS Regions" (source us-east-1); the official table was not readable here, figure confirmed by awsnegotiations.com "S3 Replication Cost Strategy" (June 2026: ~$0.02/GB across regions) and NixOS/amis#122 (2 cents per GB inter-region egress). Assumption: every member region pays this rate',
  read: PRICES_READ_ON,
};

/** S3 Replication Time Control data transfer, the same in every region, on top of replication. */
export const RTC_TRANSFER_GB: UnitPrice = {
  usd: 0.015,
  unit: 'GB',
  description: 'S3 Replication Time Control data transfer',
  source:
    'Amazon S3 pricing, Replication: "S3 Replication Time Control data transfer $0.015 per GB ... the same in all AWS Regions" (copy of the page section in the public-repository index)',
  read: PRICES_READ_ON,
};

/**
 * CloudWatch custom metric, first 10,000 metrics per account. S3 replication metrics (switched on
 * with RTC) are billed at this rate.
 */
export const CLOUDWATCH_METRIC_MONTH: UnitPrice = {
  usd: 0.3,
  unit: 'metric-month',
  description: 'CloudWatch custom metric (S3 replication metrics with RTC)',
  source:
    'Amazon CloudWatch pricing, Metrics, "first 10,000 metrics $0.30 per metric/month"; read via vantage.sh "CloudWatch Metrics Pricing Explained" and cal53 CloudWatch custom-metrics calculator. S3 User Guide "Meeting compliance requirements using S3 RTC": replication metrics are billed at the rate of CloudWatch custom metrics',
  read: PRICES_READ_ON,
};

/** Lambda requests. */
export const LAMBDA_PER_MILLION_REQUESTS: UnitPrice = {
  usd: 0.2,
  unit: '1M requests',
  description: 'Lambda requests',
  source: 'AWS whitepaper "How AWS Pricing Works", Lambda: "$0.20 per 1 million requests" (same on aws.amazon.com/lambda/pricing)',
  read: PRICES_READ_ON,
};

/** Lambda duration, x86, first 6 billion GB-seconds per month. */
export const LAMBDA_GB_SECOND: UnitPrice = {
  usd: 0.0000166667,
  unit: 'GB-second',
  description: 'Lambda duration (x86)',
  source: 'AWS Lambda pricing, x86, first 6 billion GB-seconds/month: $0.0000166667 (whitepaper "How AWS Pricing Works" rounds it to $0.00001667); read via cloudchipr.com "AWS Lambda Pricing Breakdown"',
  read: PRICES_READ_ON,
};

/**
 * CloudWatch Logs ingestion, Standard log class. If AWS bills Bedrock's delivery as vended logs,
 * the first 10 TB per month cost the same and larger volumes less.
 */
export const CLOUDWATCH_LOGS_INGESTION_GB: UnitPrice = {
  usd: 0.5,
  unit: 'GB ingested',
  description: 'CloudWatch Logs ingestion (Standard class)',
  source:
    'Amazon CloudWatch pricing, Logs, Standard log class "Collect (data ingestion)"; read via c3x.dev "CloudWatch Logs cost optimization" (us-east-1, June 2026) and hykell.com "Amazon CloudWatch Logs pricing"',
  read: PRICES_READ_ON,
};

/** CloudWatch Logs storage (archival), charged on the compressed size. */
export const CLOUDWATCH_LOGS_STORAGE_GB_MONTH: UnitPrice = {
  usd: 0.03,
  unit: 'GB-month (compressed)',
  description: 'CloudWatch Logs storage (archival)',
  source:
    'Amazon CloudWatch pricing, Logs, "Store (archival)"; read via c3x.dev and hykell.com as above. The AWS Pricing Calculator bills it on the compressed size (it assumes 15 % of the ingested volume; quoted by dev.classmethod.jp "Amazon S3とCloudWatch Logsのログ保存料金")',
  read: PRICES_READ_ON,
};

/**
 * A customer managed KMS key, per month (the `encryption.kms` option: one key per member account and
 * region, one in the aggregation account). With automatic rotation each new backing key adds the
 * same again, up to the second rotation (the model's `--kms-key-versions`).
 */
export const KMS_KEY_MONTH: UnitPrice = {
  usd: 1,
  unit: 'key-month',
  description: 'AWS KMS customer managed key (per backing-key version)',
  source:
    'AWS KMS pricing (aws.amazon.com/kms/pricing), Key Storage: "Each AWS KMS key that you create in KMS costs $1/month ... If you enable automatic key rotation, each newly generated backing key costs an additional $1/month"; the cap at the second rotation (May 2024) read via cloudburn.io "AWS KMS Pricing" (March 2026)',
  read: PRICES_READ_ON,
};

/** AWS KMS symmetric requests (GenerateDataKey, Decrypt, ...), beyond the free tier. */
export const KMS_PER_10K_REQUESTS: UnitPrice = {
  usd: 0.03,
  unit: '10,000 requests',
  description: 'AWS KMS symmetric requests',
  source: 'AWS KMS pricing, Key Usage: symmetric requests $0.03 per 10,000 (after 20,000 free requests a month); read via wring.co "AWS KMS pricing guide" and cloudburn.io (2026)',
  read: PRICES_READ_ON,
};

/** Every default price by its model name; `--price-<kebab-case name>` overrides one. */
export const DEFAULT_PRICES = {
  s3StorageGbMonth: S3_STANDARD_STORAGE_GB_MONTH,
  s3PutPerThousand: S3_PUT_PER_1000,
  interRegionTransferGb: INTER_REGION_TRANSFER_GB,
  rtcTransferGb: RTC_TRANSFER_GB,
  cloudwatchMetricMonth: CLOUDWATCH_METRIC_MONTH,
  lambdaPerMillionRequests: LAMBDA_PER_MILLION_REQUESTS,
  lambdaGbSecond: LAMBDA_GB_SECOND,
  cloudwatchLogsIngestionGb: CLOUDWATCH_LOGS_INGESTION_GB,
  cloudwatchLogsStorageGbMonth: CLOUDWATCH_LOGS_STORAGE_GB_MONTH,
  kmsKeyMonth: KMS_KEY_MONTH,
  kmsPerTenThousandRequests: KMS_PER_10K_REQUESTS,
} as const satisfies Record<string, UnitPrice>;

/** The name of one price in the model. */
export type PriceName = keyof typeof DEFAULT_PRICES;

/** Every price name, in table order. */
export const PRICE_NAMES = Object.keys(DEFAULT_PRICES) as PriceName[];

/** The prices a model run uses: USD per unit, by name. */
export type Prices = Readonly<Record<PriceName, number>>;

/** The default prices as plain numbers. */
export function defaultPrices(): Prices {
  return Object.fromEntries(PRICE_NAMES.map((name) => [name, DEFAULT_PRICES[name].usd])) as Record<PriceName, number>;
}

/** The command-line option of a price: `s3StorageGbMonth` -> `price-s3-storage-gb-month`. */
export function priceOption(name: PriceName): string {
  return `price-${name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
}

/** A unit price as AWS writes it: at least two decimals, up to six significant digits (`0.30`, `0.0000166667`). */
export function formatPrice(value: number): string {
  const text = Number(value.toPrecision(6)).toString();
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  return decimals >= 2 || text.includes('e') ? text : value.toFixed(2);
}
