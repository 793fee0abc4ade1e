import { formatCount, formatIssue, formatIssues, issue, showValue, UserError, type Issue } from '../cdk/errors';
import { compareIssues, type Issue as PackageIssue } from '../cdk/package/validate';

const packageIssue = (over: Partial<PackageIssue>): PackageIssue => ({ ruleId: 'r', file: 'f', path: 'a.b', message: 'is wrong', fix: 'do this', ...over });

describe('formatIssue', () => {
  test('writes `- <dot.path>: <what> (got <value>); <fix>` for a field of the subject', () => {
    expect(formatIssue(issue('members.regions[1]', 'is not a known region', 'atlantis-1', "write 'us-east-1'"))).toBe(
      '- members.regions[1]: is not a known region (got "atlantis-1"); write \'us-east-1\'',
    );
  });

  test('says `(got nothing)` for a missing value, and nothing when there is no value to show', () => {
    expect(formatIssue(issue('homeRegion', 'is required', undefined, 'set it'))).toBe('- homeRegion: is required (got nothing); set it');
    expect(formatIssue({ path: 'x', message: 'is odd', fix: 'fix it' })).toBe('- x: is odd; fix it');
  });

  test('writes `- <file>:<line> <dot.path>: <what> (got "<value>"); <fix> [<rule>]` for a finding in a file', () => {
    expect(formatIssue(packageIssue({ line: 3, value: 'x' }))).toBe('- f:3 a.b: is wrong (got "x"); do this [r]');
  });

  test('leaves out what it does not know, and marks whole-file issues', () => {
    expect(formatIssue(packageIssue({ path: '' }))).toBe('- f (file): is wrong; do this [r]');
    expect(formatIssue({ file: 'map.ts', line: 3, column: 7, path: '', message: 'Expected "}"', fix: 'correct the syntax there' })).toBe(
      '- map.ts:3:7: Expected "}"; correct the syntax there',
    );
  });

  test('keeps a value on one line and bounded', () => {
    expect(formatIssue(packageIssue({ value: `a\nb${'c'.repeat(200)}` }))).toMatch(/\(got "a\\nbc{73}…"\)/);
    expect(showValue({ a: 'x'.repeat(100) })).toMatch(/^\{"a":"x+…$/);
    expect(showValue(12)).toBe('12');
    expect(showValue(null)).toBe('null');
  });
});

describe('formatIssues', () => {
  test('groups by file with a count header, in the order given (validate sorts by file and line first)', () => {
    const issues = [packageIssue({ file: 'b', line: 2 }), packageIssue({ file: 'a', line: 9 }), packageIssue({ file: 'b', line: 1 })];
    expect(formatIssues([...issues].sort(compareIssues))).toBe(
      ['a has 1 issue:', '- a:9 a.b: is wrong; do this [r]', 'b has 2 issues:', '- b:1 a.b: is wrong; do this [r]', '- b:2 a.b: is wrong; do this [r]'].join('\n'),
    );
  });

  test('puts issues without a file under the subject', () => {
    const issues: Issue[] = [issue('x', 'is odd', 1, 'fix it'), issue('y', 'is odd', 2, 'fix it')];
    expect(formatIssues(issues, 'map.ts')).toBe('map.ts has 2 issues:\n- x: is odd (got 1); fix it\n- y: is odd (got 2); fix it');
  });
});

test('a UserError carries its issues, and its message is the formatted list and an optional summary', () => {
  const err = new UserError('map.ts', [issue('x', 'is odd', 1, 'fix it')], 'build: 1 issue');
  expect(err.message).toBe('map.ts has 1 issue:\n- x: is odd (got 1); fix it\nbuild: 1 issue');
  expect(err.issues).toHaveLength(1);
});

test.each([
  [0, '0'],
  [999, '999'],
  [1000, '1,000'],
  [10240, '10,240'],
  [-1234567, '-1,234,567'],
  [100000, '100,000'],
  [1.5, '1.5'],
])('formatCount(%d) is %j, as en-US writes it', (n, text) => {
  expect(formatCount(n)).toBe(text);
  if (Number.isInteger(n)) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
});
