/**
 * The cost model of the deployed design, next to the same log volume sent to CloudWatch Logs.
 *
 * Pure functions: inputs and unit prices in, line items out. A month is 30 days; "monthly" is the
 * steady state, reached once the central bucket holds `centralRetentionDays` of logs; the first
 * month (buckets filling up from empty) is computed too.
 *
 * What the design pays for (S3 replication and lifecycle as documented by AWS; see cdk/constructs/member-log-bucket.ts):
 * - member buckets: Bedrock's PUTs, and storage of each object until lifecycle removes it;
 * - replication: a replication PUT per object in the central bucket, inter-region transfer for
 *   the share produced outside the central bucket's region, and with Replication Time Control its
 *   per-GB charge and the replication metrics it switches on;
 * - central bucket: storage for the retention period;
 * - Lambda: the two custom-resource functions, which run only when a stack instance is created,
 *   updated or deleted;
 * - with `encryption.kms`: a customer managed key per member bucket and one for the central bucket,
 *   and the KMS requests S3 makes for Bedrock's PUTs and for replication (S3 Bucket Keys on);
 * - with `cloudWatchLogs`: Bedrock's delivery of the same records to a log group per member account
 *   and region (ingestion of the uncompressed records, storage for the log group's retention).
 * Lifecycle expiration, delete markers and deletes are free; reads of the logs (queries) are left out.
 *
 * Longer than 300 lines: every line item, its basis in words and its assumption live together, so a
 * reader can check each number against the sentence that explains it.
 */
import { PRICE_NAMES, type PriceName, type Prices } from './prices';

export const DAYS_PER_MONTH = 30;
/** S3 and CloudWatch bill binary gigabytes. */
export const KB_PER_GB = 1024 * 1024;

/**
 * Average extra time an object is stored beyond its lifecycle `Days`: S3 rounds the expiration to
 * the next midnight UTC, so "N days" is N to N+1 days, N + 0.5 on average for logs arriving evenly.
 */
export const LIFECYCLE_ROUNDING_DAYS = 0.5;
/** Noncurrent versions (left behind by expiration on a versioned bucket) live one more day. */
export const NONCURRENT_DAYS = 1;

/**
 * Assumption: average size of one delivered `.json.gz` object. Bedrock does not document how it
 * batches records into objects; measure yours (`aws s3api list-objects-v2` on a member bucket:
 * total size / count) and pass `--object-kb`.
 */
export const DEFAULT_OBJECT_KB = 32;
/**
 * Assumption: compressed size / uncompressed size of the logs. JSON logs usually gzip to 10-25 %;
 * 0.15 is also what the AWS Pricing Calculator assumes for CloudWatch Logs archival storage, so
 * both sides of the comparison use the same ratio. Measure yours and pass `--compression`.
 */
export const DEFAULT_COMPRESSION = 0.15;
/** S3 replication metrics per replication rule: ReplicationLatency, BytesPendingReplication, OperationsPendingReplication, OperationsFailedReplication. */
export const REPLICATION_METRICS_PER_RULE = 4;
/** Custom-resource functions invoked per stack-instance create, update or delete: logging configuration and bucket emptier. */
export const LAMBDA_INVOCATIONS_PER_STACK_OPERATION = 2;
/** Memory of each custom-resource function (`memorySize: 256` in cdk/constructs/custom-resource-function.ts). */
export const LAMBDA_MEMORY_GB = 0.25;
/** Assumption: average billed duration of one invocation (the logging handler retries throttling with back-off). */
export const LAMBDA_SECONDS_PER_INVOCATION = 5;
/**
 * KMS requests per delivered object without S3 Bucket Keys: GenerateDataKey for Bedrock's PUT,
 * Decrypt when replication reads the source, GenerateDataKey for the replica.
 */
export const KMS_REQUESTS_PER_OBJECT_WITHOUT_BUCKET_KEYS = 3;
/**
 * Assumption: S3 Bucket Keys cut those requests by 99 % (AWS: "reduce ... request costs by up to
 * 99 percent"; S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys"). Where
 * objects arrive rarely, the bucket-level key is re-derived more often: pass a higher
 * `--kms-requests-per-object` (at most 3).
 */
export const DEFAULT_KMS_REQUESTS_PER_OBJECT = KMS_REQUESTS_PER_OBJECT_WITHOUT_BUCKET_KEYS * 0.01;

/** What the model is run for. */
export interface CostInputs {
  /** Member accounts that get the member stack. */
  readonly accounts: number;
  /** Member regions (each account gets one bucket per region). */
  readonly regions: number;
  /** Total uncompressed log volume per day, whole organization, in GB. */
  readonly gbPerDay: number;
  /** Average size of one delivered (compressed) object, in KB. */
  readonly objectKb: number;
  /** Compressed size / uncompressed size, in (0, 1]. */
  readonly compression: number;
  /** `memberBucket.expirationDays`. */
  readonly memberExpirationDays: number;
  /** `centralBucket.retentionDays`; also the CloudWatch Logs retention compared against. */
  readonly centralRetentionDays: number;
  /** `centralBucket.replicationTimeControl`. */
  readonly rtc: boolean;
  /** Share of the volume produced outside the central bucket's region, in [0, 1]. */
  readonly crossRegionShare: number;
  /** Deployments per month that create, update or delete every member stack instance. */
  readonly deploymentsPerMonth: number;
  /** `encryption.kms`: customer managed keys for the member and central buckets. */
  readonly kms: boolean;
  /** Backing-key versions billed per key: 1 in the first year, 2 after one rotation, 3 from the second on. */
  readonly kmsKeyVersions: number;
  /** KMS requests per delivered object (S3 Bucket Keys on). */
  readonly kmsRequestsPerObject: number;
  /** `cloudWatchLogs`: Bedrock also delivers to a log group per member account and region. */
  readonly cloudWatch: boolean;
  /** Retention of those log groups, in days. */
  readonly cloudWatchRetentionDays: number;
}

/** The inputs a caller must give; everything else has a default. */
export type RequiredInputs = Pick<CostInputs, 'accounts' | 'regions' | 'gbPerDay'>;

/** Defaults of the optional inputs (the cross-region share depends on the regions). */
export function withDefaults(inputs: RequiredInputs & Partial<CostInputs>): CostInputs {
  return {
    objectKb: DEFAULT_OBJECT_KB,
    compression: DEFAULT_COMPRESSION,
    memberExpirationDays: 1,
    centralRetentionDays: 365,
    rtc: false,
    crossRegionShare: defaultCrossRegionShare(inputs.regions),
    deploymentsPerMonth: 1,
    kms: false,
    kmsKeyVersions: 1,
    kmsRequestsPerObject: DEFAULT_KMS_REQUESTS_PER_OBJECT,
    cloudWatch: false,
    cloudWatchRetentionDays: 30,
    ...inputs,
  };
}

/**
 * With the volume spread evenly over R regions and the central bucket in one of them, (R-1)/R of
 * it crosses a region boundary.
 */
export function defaultCrossRegionShare(regions: number): number {
  return regions > 0 ? (regions - 1) / regions : 0;
}

/** One line of the estimate. */
export interface LineItem {
  readonly id: string;
  readonly label: string;
  /** Billed quantity per month at steady state, in the unit of `price`. */
  readonly quantity: number;
  /** Billed quantity in the first month. */
  readonly firstMonthQuantity: number;
  /** The unit of the quantity, matching the price's unit. */
  readonly unit: string;
  readonly price: PriceName;
  readonly unitPrice: number;
  readonly monthlyUsd: number;
  readonly firstMonthUsd: number;
  /** How the quantity was computed, in words and numbers. */
  readonly basis: string;
}

export interface CostTotals {
  readonly monthlyUsd: number;
  readonly firstMonthUsd: number;
}

export interface CostEstimate {
  readonly inputs: CostInputs;
  readonly prices: Prices;
  /** The deployed design: member buckets, replication, central bucket, Lambda. */
  readonly design: readonly LineItem[];
  /** The same volume delivered to CloudWatch Logs, kept for the same retention. */
  readonly cloudWatch: readonly LineItem[];
  readonly totals: { readonly design: CostTotals; readonly cloudWatch: CostTotals };
  /** Months until the central bucket holds its full retention (the monthly figure applies from then on). */
  readonly monthsToSteadyState: number;
  /** Derived volumes, for reports. */
  readonly volumes: {
    readonly deliveredGbPerDay: number;
    readonly deliveredGbPerMonth: number;
    readonly objectsPerMonth: number;
    readonly buckets: number;
  };
}

/**
 * Average stored quantity over the first month for data that arrives at a constant rate and is
 * kept `keptDays`: in days of daily volume. At steady state it is `keptDays`.
 */
export function firstMonthStoredDays(keptDays: number): number {
  if (keptDays >= DAYS_PER_MONTH) return DAYS_PER_MONTH / 2;
  // Grows for keptDays, then stays at keptDays: (1/30) * (kept²/2 + kept * (30 - kept)).
  return (keptDays * keptDays / 2 + keptDays * (DAYS_PER_MONTH - keptDays)) / DAYS_PER_MONTH;
}

/** Days an object stays billed in a bucket whose lifecycle expires it after `days`. */
export function billedDays(days: number): number {
  return days + LIFECYCLE_ROUNDING_DAYS + NONCURRENT_DAYS;
}

function item(
  prices: Prices,
  id: string,
  label: string,
  price: PriceName,
  unit: string,
  quantity: number,
  firstMonthQuantity: number,
  basis: string,
): LineItem {
  const unitPrice = prices[price];
  return {
    id, label, quantity, firstMonthQuantity, unit, price, unitPrice, basis,
    monthlyUsd: quantity * unitPrice,
    firstMonthUsd: firstMonthQuantity * unitPrice,
  };
}

function total(items: readonly LineItem[]): CostTotals {
  return {
    monthlyUsd: items.reduce((sum, i) => sum + i.monthlyUsd, 0),
    firstMonthUsd: items.reduce((sum, i) => sum + i.firstMonthUsd, 0),
  };
}

function n(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/**
 * The estimate. Assumes valid inputs (see `checkInputs`) and a price for every name.
 */
export function estimateCost(inputs: CostInputs, prices: Prices): CostEstimate {
  for (const name of PRICE_NAMES) {
    if (typeof prices[name] !== 'number') throw new Error(`estimateCost: no price for ${name}`);
  }
  const { accounts, regions, gbPerDay, objectKb, compression } = inputs;
  const deliveredGbPerDay = gbPerDay * compression;
  const deliveredGbPerMonth = deliveredGbPerDay * DAYS_PER_MONTH;
  const objectsPerMonth = (deliveredGbPerMonth * KB_PER_GB) / objectKb;
  const buckets = accounts * regions;
  const memberDays = billedDays(inputs.memberExpirationDays);
  const centralDays = billedDays(inputs.centralRetentionDays);
  const thousandObjects = objectsPerMonth / 1000;
  const stackOperations = buckets * inputs.deploymentsPerMonth;
  const invocations = stackOperations * LAMBDA_INVOCATIONS_PER_STACK_OPERATION;
  const gbSeconds = invocations * LAMBDA_MEMORY_GB * LAMBDA_SECONDS_PER_INVOCATION;
  const transferGb = deliveredGbPerMonth * inputs.crossRegionShare;

  const design: LineItem[] = [
    item(prices, 'member-storage', 'Member buckets: storage', 's3StorageGbMonth', 'GB-month',
      deliveredGbPerDay * memberDays, deliveredGbPerDay * firstMonthStoredDays(memberDays),
      `${n(deliveredGbPerDay)} GB/day delivered x ${n(memberDays)} days (${inputs.memberExpirationDays} + ${LIFECYCLE_ROUNDING_DAYS} rounding to midnight + ${NONCURRENT_DAYS} noncurrent)`),
    item(prices, 'bedrock-puts', 'Member buckets: PUTs by Bedrock', 's3PutPerThousand', '1,000 requests',
      thousandObjects, thousandObjects,
      `${n(deliveredGbPerMonth)} GB/month / ${n(objectKb)} KB per object = ${n(objectsPerMonth)} objects`),
    item(prices, 'replication-puts', 'Replication: PUTs in the central bucket', 's3PutPerThousand', '1,000 requests',
      thousandObjects, thousandObjects, `one replication PUT per object: ${n(objectsPerMonth)}`),
    item(prices, 'inter-region-transfer', 'Replication: inter-region transfer', 'interRegionTransferGb', 'GB',
      transferGb, transferGb, `${n(deliveredGbPerMonth)} GB/month x ${n(inputs.crossRegionShare)} produced outside the central region`),
  ];
  if (inputs.rtc) {
    const metrics = buckets * REPLICATION_METRICS_PER_RULE;
    design.push(
      item(prices, 'rtc-transfer', 'Replication Time Control: data transfer', 'rtcTransferGb', 'GB',
        deliveredGbPerMonth, deliveredGbPerMonth, `every replicated GB: ${n(deliveredGbPerMonth)} GB/month`),
      item(prices, 'rtc-metrics', 'Replication Time Control: replication metrics', 'cloudwatchMetricMonth', 'metric-month',
        metrics, metrics, `${buckets} member buckets x ${REPLICATION_METRICS_PER_RULE} metrics`),
    );
  }
  design.push(
    item(prices, 'central-storage', 'Central bucket: storage', 's3StorageGbMonth', 'GB-month',
      deliveredGbPerDay * centralDays, deliveredGbPerDay * firstMonthStoredDays(centralDays),
      `${n(deliveredGbPerDay)} GB/day delivered x ${n(centralDays)} days (${inputs.centralRetentionDays} + ${LIFECYCLE_ROUNDING_DAYS} rounding + ${NONCURRENT_DAYS} noncurrent)`),
    item(prices, 'lambda-requests', 'Lambda: custom-resource invocations', 'lambdaPerMillionRequests', '1M requests',
      invocations / 1e6, invocations / 1e6,
      `${buckets} stack instances x ${LAMBDA_INVOCATIONS_PER_STACK_OPERATION} functions x ${n(inputs.deploymentsPerMonth)} deployments = ${n(invocations)} invocations`),
    item(prices, 'lambda-duration', 'Lambda: custom-resource duration', 'lambdaGbSecond', 'GB-second',
      gbSeconds, gbSeconds, `${n(invocations)} invocations x ${LAMBDA_MEMORY_GB} GB x ${LAMBDA_SECONDS_PER_INVOCATION} s`),
  );

  const ingestedGb = gbPerDay * DAYS_PER_MONTH;
  if (inputs.kms) {
    const keys = buckets + 1;
    const requests = objectsPerMonth * inputs.kmsRequestsPerObject;
    design.push(
      item(prices, 'kms-keys', 'KMS: customer managed keys', 'kmsKeyMonth', 'key-month',
        keys * inputs.kmsKeyVersions, keys * inputs.kmsKeyVersions,
        `${buckets} member keys + 1 central key, x ${n(inputs.kmsKeyVersions)} backing-key version(s)`),
      item(prices, 'kms-requests', 'KMS: requests (S3 Bucket Keys on)', 'kmsPerTenThousandRequests', '10,000 requests',
        requests / 10_000, requests / 10_000, `${n(objectsPerMonth)} objects x ${n(inputs.kmsRequestsPerObject)} requests per object`),
    );
  }
  if (inputs.cloudWatch) {
    const kept = inputs.cloudWatchRetentionDays;
    design.push(
      item(prices, 'cloudwatch-delivery-ingestion', 'CloudWatch Logs delivery: ingestion', 'cloudwatchLogsIngestionGb', 'GB',
        ingestedGb, ingestedGb, `${n(gbPerDay)} GB/day uncompressed x ${DAYS_PER_MONTH} days`),
      item(prices, 'cloudwatch-delivery-storage', 'CloudWatch Logs delivery: storage', 'cloudwatchLogsStorageGbMonth', 'GB-month',
        deliveredGbPerDay * kept, deliveredGbPerDay * firstMonthStoredDays(kept), `${n(deliveredGbPerDay)} GB/day compressed x ${kept} days retention`),
    );
  }
  const retention = inputs.centralRetentionDays;
  const cloudWatch: LineItem[] = [
    item(prices, 'cloudwatch-ingestion', 'CloudWatch Logs: ingestion', 'cloudwatchLogsIngestionGb', 'GB',
      ingestedGb, ingestedGb, `${n(gbPerDay)} GB/day uncompressed x ${DAYS_PER_MONTH} days`),
    item(prices, 'cloudwatch-storage', 'CloudWatch Logs: storage', 'cloudwatchLogsStorageGbMonth', 'GB-month',
      deliveredGbPerDay * retention, deliveredGbPerDay * firstMonthStoredDays(retention),
      `${n(deliveredGbPerDay)} GB/day compressed x ${retention} days retention`),
  ];

  return {
    inputs,
    prices,
    design,
    cloudWatch,
    totals: { design: total(design), cloudWatch: total(cloudWatch) },
    monthsToSteadyState: Math.ceil(centralDays / DAYS_PER_MONTH),
    volumes: { deliveredGbPerDay, deliveredGbPerMonth, objectsPerMonth, buckets },
  };
}

/** The assumptions behind the numbers, one sentence each, for every report. */
export function assumptions(inputs: CostInputs): string[] {
  return [
    `A month is ${DAYS_PER_MONTH} days; "monthly" is the steady state, reached after ${inputs.centralRetentionDays} days of retention; the first month is shown next to it.`,
    `Log volume ${inputs.gbPerDay} GB/day uncompressed for the whole organization, spread evenly over ${inputs.accounts} accounts x ${inputs.regions} regions.`,
    `Bedrock's .json.gz objects are ${inputs.compression} of the uncompressed size (default ${DEFAULT_COMPRESSION}: JSON usually gzips to 10-25 %; CloudWatch Logs storage is charged on the compressed size too).`,
    `Average delivered object: ${inputs.objectKb} KB (default ${DEFAULT_OBJECT_KB} KB; Bedrock does not document its batching: measure total size / object count in a member bucket).`,
    `Objects stay billed lifecycle days + ${LIFECYCLE_ROUNDING_DAYS} (expiration rounds to the next midnight UTC) + ${NONCURRENT_DAYS} (noncurrent version); expiration, delete markers and deletes are free.`,
    `${inputs.crossRegionShare} of the volume is produced outside the central bucket's region (default (R-1)/R) and pays the us-east-1 inter-region rate; some source regions charge more.`,
    inputs.rtc
      ? `Replication Time Control on: its per-GB charge on every replicated GB, and ${REPLICATION_METRICS_PER_RULE} replication metrics per member bucket at the custom-metric rate.`
      : 'Replication Time Control off.',
    `Lambda runs only on stack create/update/delete: ${inputs.deploymentsPerMonth} deployment(s) a month touching every stack instance, ${LAMBDA_INVOCATIONS_PER_STACK_OPERATION} functions each, ${LAMBDA_MEMORY_GB * 1024} MB, ${LAMBDA_SECONDS_PER_INVOCATION} s per invocation; the functions' own log lines are negligible.`,
    inputs.kms
      ? `KMS on: ${inputs.accounts * inputs.regions + 1} keys at ${inputs.kmsKeyVersions} backing-key version(s) each (1 in the first year; rotation adds one a year up to 3), and ${inputs.kmsRequestsPerObject} KMS requests per object (S3 Bucket Keys on; ${KMS_REQUESTS_PER_OBJECT_WITHOUT_BUCKET_KEYS} without them).`
      : 'KMS off (SSE-S3: no key or request charges).',
    inputs.cloudWatch
      ? `CloudWatch Logs delivery on: every record also ingested uncompressed into a log group per account and region, kept ${inputs.cloudWatchRetentionDays} days.`
      : 'CloudWatch Logs delivery off.',
    'All prices are us-east-1 on-demand list prices without free tiers, tier discounts or taxes; reading the logs (GET, Athena, Logs Insights) is not included.',
    'The CloudWatch Logs column is a lower bound for that route: it keeps each account\'s logs in its own log group and region and does not collect them centrally.',
  ];
}
