import {
  billedDays,
  estimateCost,
  firstMonthStoredDays,
  withDefaults,
  type CostEstimate,
  type CostInputs,
} from '../../../scripts/cost/model';
import { DEFAULT_PRICES, PRICE_NAMES, defaultPrices, type PriceName } from '../../../scripts/cost/prices';

/**
 * The hand-computed case: 2 accounts x 2 regions, 10 GB/day uncompressed, gzip to 0.2, objects of
 * 1,024 KB (1 MB), 1-day member expiration, 30-day central retention, RTC on, default share
 * (2-1)/2 = 0.5, one deployment a month, default prices.
 */
const SMALL: CostInputs = withDefaults({
  accounts: 2,
  regions: 2,
  gbPerDay: 10,
  objectKb: 1024,
  compression: 0.2,
  centralRetentionDays: 30,
  rtc: true,
});

function line(estimate: CostEstimate, id: string) {
  const found = [...estimate.design, ...estimate.cloudWatch].find((i) => i.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
}

describe('the hand-computed small case', () => {
  const estimate = estimateCost(SMALL, defaultPrices());

  test('delivered volume and object count', () => {
    // 10 GB/day x 0.2 = 2 GB/day delivered; x 30 days = 60 GB/month.
    expect(estimate.volumes.deliveredGbPerDay).toBeCloseTo(2, 10);
    expect(estimate.volumes.deliveredGbPerMonth).toBeCloseTo(60, 10);
    // 60 GB x 1,048,576 KB/GB / 1,024 KB per object = 61,440 objects.
    expect(estimate.volumes.objectsPerMonth).toBeCloseTo(61_440, 6);
    expect(estimate.volumes.buckets).toBe(4);
  });

  test('every line item', () => {
    // Member storage: 2 GB/day x (1 + 0.5 rounding + 1 noncurrent) = 5 GB-month x $0.023 = $0.115.
    expect(line(estimate, 'member-storage').quantity).toBeCloseTo(5, 10);
    expect(line(estimate, 'member-storage').monthlyUsd).toBeCloseTo(0.115, 10);
    // Bedrock PUTs: 61.44 thousand x $0.005 = $0.3072; replication PUTs the same.
    expect(line(estimate, 'bedrock-puts').monthlyUsd).toBeCloseTo(0.3072, 10);
    expect(line(estimate, 'replication-puts').monthlyUsd).toBeCloseTo(0.3072, 10);
    // Inter-region transfer: 60 GB x 0.5 = 30 GB x $0.02 = $0.60.
    expect(line(estimate, 'inter-region-transfer').quantity).toBeCloseTo(30, 10);
    expect(line(estimate, 'inter-region-transfer').monthlyUsd).toBeCloseTo(0.6, 10);
    // RTC: 60 GB x $0.015 = $0.90; metrics: 4 buckets x 4 metrics = 16 x $0.30 = $4.80.
    expect(line(estimate, 'rtc-transfer').monthlyUsd).toBeCloseTo(0.9, 10);
    expect(line(estimate, 'rtc-metrics').quantity).toBe(16);
    expect(line(estimate, 'rtc-metrics').monthlyUsd).toBeCloseTo(4.8, 10);
    // Central storage: 2 GB/day x (30 + 0.5 + 1) = 63 GB-month x $0.023 = $1.449.
    expect(line(estimate, 'central-storage').quantity).toBeCloseTo(63, 10);
    expect(line(estimate, 'central-storage').monthlyUsd).toBeCloseTo(1.449, 10);
    // Lambda: 4 stack instances x 2 functions x 1 deployment = 8 invocations x $0.20/1M = $0.0000016;
    // 8 x 0.25 GB x 5 s = 10 GB-s x $0.0000166667 = $0.000166667.
    expect(line(estimate, 'lambda-requests').monthlyUsd).toBeCloseTo(0.0000016, 12);
    expect(line(estimate, 'lambda-duration').quantity).toBeCloseTo(10, 10);
    expect(line(estimate, 'lambda-duration').monthlyUsd).toBeCloseTo(0.000166667, 12);
  });

  test('totals, steady state and first month', () => {
    // 0.115 + 0.3072 + 0.3072 + 0.6 + 0.9 + 4.8 + 1.449 + 0.0000016 + 0.000166667 = 8.478568267.
    expect(estimate.totals.design.monthlyUsd).toBeCloseTo(8.478568267, 8);
    // First month: central storage ramps up (kept 31.5 days >= 30: 15 days on average) = 30 GB-month = $0.69;
    // member storage (2.5 days): (2.5²/2 + 2.5 x 27.5) / 30 = 2.3958 days x 2 GB = 4.7917 GB-month = $0.110208.
    expect(line(estimate, 'central-storage').firstMonthUsd).toBeCloseTo(0.69, 10);
    expect(line(estimate, 'member-storage').firstMonthUsd).toBeCloseTo(0.1102083, 6);
    expect(estimate.totals.design.firstMonthUsd).toBeCloseTo(8.478568267 - 1.449 + 0.69 - 0.115 + 0.1102083, 6);
    // 31.5 days of retention: steady state in the second month.
    expect(estimate.monthsToSteadyState).toBe(2);
  });

  test('CloudWatch Logs: uncompressed ingestion, compressed storage for the same retention', () => {
    // Ingestion: 10 GB/day x 30 = 300 GB x $0.50 = $150; storage: 2 GB/day x 30 days = 60 GB-month x $0.03 = $1.80.
    expect(line(estimate, 'cloudwatch-ingestion').monthlyUsd).toBeCloseTo(150, 10);
    expect(line(estimate, 'cloudwatch-storage').monthlyUsd).toBeCloseTo(1.8, 10);
    expect(estimate.totals.cloudWatch.monthlyUsd).toBeCloseTo(151.8, 10);
    // First month: storage ramps up to 30 days: 15 days on average = 30 GB-month = $0.90.
    expect(estimate.totals.cloudWatch.firstMonthUsd).toBeCloseTo(150.9, 10);
  });
});

test('stored days: lifecycle rounding and the noncurrent day; the first-month ramp', () => {
  expect(billedDays(1)).toBe(2.5);
  expect(billedDays(365)).toBe(366.5);
  expect(firstMonthStoredDays(366.5)).toBe(15);
  expect(firstMonthStoredDays(30)).toBe(15);
  expect(firstMonthStoredDays(10)).toBeCloseTo((50 + 200) / 30, 10);
});

describe('every price override applies to its lines and nothing else', () => {
  const everything = { ...SMALL, kms: true, cloudWatch: true };
  const base = estimateCost(everything, defaultPrices());
  test.each(PRICE_NAMES)('%s', (name: PriceName) => {
    const prices = { ...defaultPrices(), [name]: DEFAULT_PRICES[name].usd * 3 };
    const changed = estimateCost(everything, prices);
    const all = (e: CostEstimate) => [...e.design, ...e.cloudWatch];
    const using = all(changed).filter((i) => i.price === name);
    expect(using.length).toBeGreaterThan(0);
    for (const item of all(changed)) {
      const before = all(base).find((i) => i.id === item.id)!;
      expect(item.unitPrice).toBe(prices[item.price]);
      expect(item.monthlyUsd).toBeCloseTo(item.price === name ? before.monthlyUsd * 3 : before.monthlyUsd, 12);
    }
  });
});

test('a cross-region share of 0 removes the transfer cost', () => {
  const estimate = estimateCost({ ...SMALL, crossRegionShare: 0 }, defaultPrices());
  expect(line(estimate, 'inter-region-transfer').monthlyUsd).toBe(0);
  expect(estimateCost(withDefaults({ accounts: 5, regions: 1, gbPerDay: 3 }), defaultPrices()).inputs.crossRegionShare).toBe(0);
});

test('the default cross-region share is (regions-1)/regions', () => {
  expect(withDefaults({ accounts: 1, regions: 4, gbPerDay: 1 }).crossRegionShare).toBe(0.75);
});

test('Replication Time Control adds its two lines, and nothing else changes', () => {
  const off = estimateCost({ ...SMALL, rtc: false }, defaultPrices());
  const on = estimateCost(SMALL, defaultPrices());
  expect(off.design.map((i) => i.id)).not.toContain('rtc-transfer');
  expect(on.design.map((i) => i.id)).toEqual(expect.arrayContaining(['rtc-transfer', 'rtc-metrics']));
  expect(on.totals.design.monthlyUsd - off.totals.design.monthlyUsd).toBeCloseTo(0.9 + 4.8, 10);
});

test('the defaults: 32 KB objects, 0.15 compression, 1-day expiration, 365-day retention, RTC off', () => {
  expect(withDefaults({ accounts: 1, regions: 1, gbPerDay: 1 })).toEqual({
    accounts: 1, regions: 1, gbPerDay: 1, objectKb: 32, compression: 0.15, memberExpirationDays: 1,
    centralRetentionDays: 365, rtc: false, crossRegionShare: 0, deploymentsPerMonth: 1,
    kms: false, kmsKeyVersions: 1, kmsRequestsPerObject: 0.03, cloudWatch: false, cloudWatchRetentionDays: 30,
  });
});

describe('the KMS and CloudWatch Logs options', () => {
  test('KMS: one key per member bucket and one central key, and the requests of every object', () => {
    const estimate = estimateCost({ ...SMALL, kms: true, kmsKeyVersions: 2 }, defaultPrices());
    // 2 accounts x 2 regions + 1 central = 5 keys, 2 versions each, $1 a key-month.
    expect(line(estimate, 'kms-keys').quantity).toBe(10);
    expect(line(estimate, 'kms-keys').monthlyUsd).toBeCloseTo(10, 10);
    // 10 GB/day x 0.2 x 30 days = 60 GB = 61,440 objects of 1 MB; x 0.03 requests; $0.03 per 10,000.
    expect(line(estimate, 'kms-requests').quantity).toBeCloseTo((61_440 * 0.03) / 10_000, 10);
    expect(line(estimate, 'kms-requests').monthlyUsd).toBeCloseTo(((61_440 * 0.03) / 10_000) * 0.03, 10);
  });

  test('CloudWatch Logs delivery: ingestion of the uncompressed records and storage for the log groups\' retention', () => {
    const estimate = estimateCost({ ...SMALL, cloudWatch: true, cloudWatchRetentionDays: 14 }, defaultPrices());
    expect(line(estimate, 'cloudwatch-delivery-ingestion').quantity).toBe(300); // 10 GB/day x 30
    expect(line(estimate, 'cloudwatch-delivery-storage').quantity).toBeCloseTo(2 * 14, 10); // 2 GB/day compressed x 14 days
    expect(line(estimate, 'cloudwatch-delivery-ingestion').monthlyUsd).toBeCloseTo(150, 10);
  });

  test('neither option adds a line when off', () => {
    const ids = estimateCost(SMALL, defaultPrices()).design.map((i) => i.id);
    expect(ids.filter((id) => id.startsWith('kms') || id.startsWith('cloudwatch-delivery'))).toEqual([]);
  });
});

test('fails if a price is missing', () => {
  const prices = { ...defaultPrices() } as Record<string, number>;
  delete prices.rtcTransferGb;
  expect(() => estimateCost(SMALL, prices as never)).toThrow('no price for rtcTransferGb');
});
