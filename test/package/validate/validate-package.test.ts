import * as fs from 'fs';
import * as path from 'path';
import { formatIssues, UserError } from '../../../cdk/errors';
import { PackageValidationError, RULES, validatePackage } from '../../../cdk/package/validate';
import { FIXTURES_DIR, VALID_FIXTURE } from './fixture';

describe('validatePackage', () => {
  test('accepts the valid fixture package', () => {
    expect(validatePackage(VALID_FIXTURE)).toEqual([]);
  });

  test('reports every problem at once, grouped by file, in the house format', () => {
    const issues = validatePackage(path.join(FIXTURES_DIR, 'many-problems'));
    expect(issues.map((i) => `${i.file}:${i.line} ${i.ruleId}`)).toEqual([
      'customizations/bedrock-logs-aggregation.template.json:79 template-cdk-leftovers',
      'manifest.yaml:4 manifest-version-date',
      'manifest.yaml:8 manifest-policy-resources',
      'manifest.yaml:14 manifest-ou-paths',
      'manifest.yaml:22 manifest-account-ids',
      'policies/bedrock-logs-guardrails.json:1 policy-unique-sids',
    ]);
    const text = formatIssues(issues);
    expect(text.split('\n').filter((l) => !l.startsWith('- '))).toEqual([
      'customizations/bedrock-logs-aggregation.template.json has 1 issue:',
      'manifest.yaml has 4 issues:',
      'policies/bedrock-logs-guardrails.json has 1 issue:',
    ]);
    expect(text).toContain(
      '- manifest.yaml:22 resources[1].deployment_targets.accounts[0]: unquoted: PyYAML (YAML 1.1) reads it as the number 222222222222 ' +
        '(got "222222222222"); quote it: "222222222222" [manifest-account-ids]',
    );
    expect(new PackageValidationError(issues).message.split('\n').pop()).toBe('validate: 6 issues in 3 files');
  });

  test.each([0, 10_241, 5120.5])('fails if the SCP budget is %p', (scpBudget) => {
    expect(() => validatePackage(VALID_FIXTURE, { scpBudget })).toThrow(UserError);
    expect(() => validatePackage(VALID_FIXTURE, { scpBudget })).toThrow(/--scp-budget: must be a whole number from 1 to 10240 .*; Organizations allows/);
  });

  test('a package folder without manifest.yaml is one issue, not a crash', () => {
    const issues = validatePackage(path.join(FIXTURES_DIR, 'does-not-exist'));
    expect(issues.map((i) => i.ruleId)).toEqual(['manifest-yaml']);
  });
});

describe('the rules', () => {
  const rulesDir = path.resolve(__dirname, '../../../cdk/package/validate/rules');

  test('each rule has a stable id equal to its file name, and says what and why', () => {
    const files = fs.readdirSync(rulesDir).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(RULES.map((r) => r.id).sort()).toEqual(files.sort());
    for (const rule of RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.why.length).toBeGreaterThan(20);
    }
  });

  test('every rule has a describe block of `fails if …` tests', () => {
    const tests = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
      .join('\n');
    for (const rule of RULES) {
      const block = tests.split(`describe('${rule.id}`)[1];
      expect({ rule: rule.id, hasFailsIfTest: block !== undefined && /test(?:\.each\([^)]*\))?\(['`]fails if /.test(block.split(/\ndescribe\(/)[0]) }).toEqual({
        rule: rule.id,
        hasFailsIfTest: true,
      });
    }
  });
});
