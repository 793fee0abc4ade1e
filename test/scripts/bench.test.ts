import { formatReport, measure, MEASUREMENTS, RATIOS, summarize } from '../../scripts/bench';

describe('bench', () => {
  test('summarizes samples as min / median / max', () => {
    expect(summarize([5, 1, 3])).toEqual({ runs: 3, min: 1, median: 3, max: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ runs: 4, min: 1, median: 2.5, max: 4 });
  });

  test('prints a table and the ratios of medians, skipping pairs that did not run', () => {
    const report = formatReport(
      [
        { name: 'node-startup', samples: [40, 50, 45] },
        { name: 'validate', samples: [300, 320, 310] },
      ],
      [
        { numerator: 'validate', denominator: 'node-startup' },
        { numerator: 'build', denominator: 'synth' },
      ],
    );
    expect(report).toBe(
      [
        'measurement   runs  min ms  median ms  max ms',
        'node-startup     3    40.0       45.0    50.0',
        'validate         3     300        310     320',
        '',
        'ratios of medians:',
        '  validate / node-startup: 6.89x',
      ].join('\n'),
    );
  });

  test('measures commands and in-process functions, one sample per run', () => {
    let calls = 0;
    const results = measure(
      [
        { name: 'fn', description: 'counts', run: () => void calls++ },
        { name: 'node', description: 'node -e ""', command: [process.execPath, '-e', ''] },
      ],
      3,
    );
    expect(results.map((r) => [r.name, r.samples.length])).toEqual([
      ['fn', 3],
      ['node', 3],
    ]);
    expect(calls).toBe(4); // one warm-up, three timed
    expect(results.every((r) => r.samples.every((ms) => ms >= 0))).toBe(true);
  });

  test('fails if a measured command exits non-zero', () => {
    expect(() => measure([{ name: 'bad', description: 'exits 3', command: [process.execPath, '-e', 'process.exit(3)'] }], 1)).toThrow(/bad: .* exited 3/);
  });

  test('names measurements uniquely, and ratios name measurements that exist', () => {
    const names = MEASUREMENTS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const ratio of RATIOS) expect(names).toEqual(expect.arrayContaining([ratio.numerator, ratio.denominator]));
    expect(names).toContain('validate');
  });
});
