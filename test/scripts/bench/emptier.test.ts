import { benchEmptier, formatEmptierBench } from '../../../scripts/bench/emptier';

// The emptier's retries wait 1 ms instead of 0.5 s and more: the figures stay right, the test fast.
process.env.BACKOFF_MS = '1';

describe('the emptier benchmark', () => {
  let bench: Awaited<ReturnType<typeof benchEmptier>>;
  beforeAll(async () => {
    bench = await benchEmptier(3_000, 3_000);
  });

  test('runs every scenario twice, emptying the bucket without losing a log', () => {
    expect(bench.scenarios.map((s) => s.name)).toEqual(['mixed', 'expired', 'throttled-mixed', 'throttled-expired']);
    for (const s of bench.scenarios) {
      expect([s.concurrent.deletesInFlight, s.oneInFlight.deletesInFlight]).toEqual([4, 1]);
      for (const run of [s.concurrent, s.oneInFlight]) expect(run.lostLogs).toBe(0);
    }
  });

  test('makes the fewest calls when S3 behaves', () => {
    for (const s of bench.scenarios.filter((x) => !x.name.startsWith('throttled'))) {
      for (const run of [s.concurrent, s.oneInFlight]) {
        expect(run.calls).toEqual({ list: s.minListCalls, delete: s.minDeleteCalls, head: s.minHeadCalls });
        expect(run.slowDowns).toEqual({ list: 0, head: 0, delete: 0 });
      }
    }
  });

  test('retries every 503 SlowDown when S3 is throttled: the calls beyond the minimum are the retries', () => {
    const throttled = bench.scenarios.filter((x) => x.name.startsWith('throttled'));
    const slowDowns = throttled.flatMap((s) => [s.concurrent, s.oneInFlight]).reduce((sum, r) => sum + r.slowDowns.list + r.slowDowns.head + r.slowDowns.delete, 0);
    expect(slowDowns).toBeGreaterThan(0);
    for (const s of throttled) {
      for (const run of [s.concurrent, s.oneInFlight]) {
        expect(run.calls.list - run.slowDowns.list).toBe(s.minListCalls);
        expect(run.calls.delete - run.slowDowns.delete).toBe(s.minDeleteCalls);
        expect(run.calls.head - run.slowDowns.head).toBe(s.minHeadCalls);
      }
    }
  });

  test('prints the SlowDown answers beside the call counts', () => {
    const text = formatEmptierBench(bench);
    expect(text).toContain('throttled-mixed (the mixed bucket, S3 under load');
    expect(text).toMatch(/\(\+\d+ 503\)/);
    expect(text).toContain('lost');
  });
});
