import * as fs from 'fs';
import { projectFile } from '../../../cdk/paths';
import { budgetLines, formatReport, HOOK_ENV, machineLine, measure, MEASUREMENTS, RATIOS, summarize } from '../../../scripts/bench/main';

describe('bench', () => {
  test('summarizes samples as min / median / max', () => {
    expect(summarize([5, 1, 3])).toEqual({ runs: 3, min: 1, median: 3, max: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ runs: 4, min: 1, median: 2.5, max: 4 });
  });

  test('prints a table and the ratios of medians with their targets, skipping pairs that did not run', () => {
    const report = formatReport(
      [
        { name: 'node-startup', samples: [40, 50, 45] },
        { name: 'validate', samples: [300, 320, 310] },
        { name: 'cfct-check', samples: [400, 420, 410] },
      ],
      [
        { numerator: 'validate', denominator: 'node-startup' },
        { numerator: 'validate', denominator: 'cfct-check', target: { max: 0.7 } },
        { numerator: 'cfct-check', denominator: 'node-startup', target: { min: 4 } },
        { numerator: 'build', denominator: 'synth' },
      ],
    );
    expect(report).toBe(
      [
        'measurement   runs  min ms  median ms  max ms',
        'node-startup     3    40.0       45.0    50.0',
        'validate         3     300        310     320',
        'cfct-check       3     400        410     420',
        '',
        'ratios of medians:',
        '  validate / node-startup: 6.89x',
        '  validate / cfct-check: 0.76x (target <= 0.7: NOT met)',
        '  cfct-check / node-startup: 9.11x (target >= 4: met)',
      ].join('\n'),
    );
  });

  test("shows where the 4x budget of `npm run build` goes, when all four measurements ran", () => {
    const medians = new Map([
      ['cdk-synth-no-validation', 3200],
      ['npm-noop', 420],
      ['node-startup', 120],
      ['build-bin', 760],
    ]);
    expect(budgetLines(medians)).toEqual([
      '',
      'budget of `npm run build` at 4x (medians):',
      '  cdk-synth-no-validation / 4:                         800 ms',
      '  npm and node start-up (npm-noop):                    420 ms',
      "  left for the build's own work:                       380 ms",
      "  the build's own work (build-bin - node-startup):     640 ms",
    ]);
    medians.delete('npm-noop');
    expect(budgetLines(medians)).toEqual([]);
  });

  test('states the machine and its load', () => {
    expect(machineLine()).toMatch(/^\d+ CPU\(s\) .*, node v\d+\.\d+\.\d+, load average \(1\/5\/15 min\) \d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  });

  test('measures commands and in-process functions, one sample per run after a warm-up', () => {
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

  test('runs the measurements of a group interleaved, run by run, after one warm-up each', () => {
    const order: string[] = [];
    const m = (name: string, group?: string) => ({ name, description: name, group, run: () => void order.push(name) });
    measure([m('a', 'g'), m('b', 'g'), m('lone')], 2);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'lone', 'lone', 'lone']);
  });

  test('fails if a measured command exits non-zero', () => {
    expect(() => measure([{ name: 'bad', description: 'exits 3', command: [process.execPath, '-e', 'process.exit(3)'] }], 1)).toThrow(/bad: .* exited 3/);
  });

  test('measures the hook\'s command in the environment the hook gives it', () => {
    const hook = fs.readFileSync(projectFile('.githooks/pre-commit'), 'utf8');
    expect(hook).toContain('\nNODE_EXTRA_CA_CERTS= node "$@"');
    expect(HOOK_ENV.NODE_EXTRA_CA_CERTS).toBe('');
    for (const name of ['validate-hook', 'validate-installed']) expect(MEASUREMENTS.find((m) => m.name === name)?.env).toBe(HOOK_ENV);
  });

  test('names measurements uniquely, and ratios name measurements that exist', () => {
    const names = MEASUREMENTS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const ratio of RATIOS) expect(names).toEqual(expect.arrayContaining([ratio.numerator, ratio.denominator]));
    expect(names).toEqual(expect.arrayContaining(['build-fork', 'build-bin', 'build-first', 'build-npx', 'build-npm', 'npm-noop', 'cdk-synth-no-validation', 'validate-hook', 'validate-installed', 'validate-cli', 'cfct-check']));
  });
});
