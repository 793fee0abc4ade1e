import { formatIssue, formatIssues, type Issue } from '../../../cdk/package/validate';

const issue = (over: Partial<Issue>): Issue => ({ ruleId: 'r', file: 'f', path: 'a.b', message: 'is wrong', fix: 'do this', ...over });

describe('formatIssue', () => {
  test('writes `- <file>:<line> <dot.path>: <what> (got "<value>"); <fix> [<rule>]`', () => {
    expect(formatIssue(issue({ line: 3, value: 'x' }))).toBe('- f:3 a.b: is wrong (got "x"); do this [r]');
  });

  test('leaves out what it does not know, and marks whole-file issues', () => {
    expect(formatIssue(issue({ path: '' }))).toBe('- f (file): is wrong; do this [r]');
  });

  test('keeps a value on one line and bounded', () => {
    expect(formatIssue(issue({ value: `a\nb${'c'.repeat(200)}` }))).toMatch(/\(got "a\\nbc{75}…"\)/);
  });
});

describe('formatIssues', () => {
  test('groups by file with a count header, ordered by file and line', () => {
    const text = formatIssues([issue({ file: 'b', line: 2 }), issue({ file: 'a', line: 9 }), issue({ file: 'b', line: 1 })]);
    expect(text).toBe(['a has 1 issue:', '- a:9 a.b: is wrong; do this [r]', 'b has 2 issues:', '- b:1 a.b: is wrong; do this [r]', '- b:2 a.b: is wrong; do this [r]'].join('\n'));
  });
});
