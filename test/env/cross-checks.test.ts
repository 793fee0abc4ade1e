/**
 * The semantic pass (cdk/env/cross-checks.ts): cross-field errors, one issue each with field, value
 * and fix, and warnings that tell the consequence and never refuse the build.
 */
import { BEDROCK_REGIONS, DEFAULT_ENABLED_REGIONS, isOptInRegion, KNOWN_REGIONS } from '../../cdk/env/regions';
import { checkEnvironment } from '../../cdk/env/validate';
import { formatIssue } from '../../cdk/errors';
import { rawExample } from '../helpers/example';

type Env = Record<string, any>;

function checked(mutate: (e: Env) => void): { errors: string[]; warnings: string[] } {
  const env = rawExample();
  mutate(env);
  const { errors, warnings } = checkEnvironment('example', env);
  return { errors: errors.map(formatIssue), warnings: warnings.map(formatIssue) };
}

test('the committed example has no error and no warning', () => {
  expect(checked(() => undefined)).toEqual({ errors: [], warnings: [] });
});

const ERRORS: [string, (e: Env) => void, string[]][] = [
  ['the aggregation account is listed as a member', (e) => { e.members.accounts.push('222222222222'); },
    ['- members.accounts[1]: is the aggregation account (got "222222222222"); remove it from members.accounts and set aggregation.deployMemberStack to true']],
  ['the management account is listed as a member', (e) => { e.members.accounts = ['333333333333']; },
    ['- members.accounts[0]: is the management account, which SCPs never bind', '(got "333333333333")', 'remove it']],
  ['the aggregation account is the management account', (e) => { e.managementAccountId = '222222222222'; },
    ['- aggregation.accountId: is the management account, which SCPs never bind', 'Log Archive']],
  ['central retention is shorter than member expiration', (e) => { e.memberBucket.expirationDays = 30; e.centralBucket.retentionDays = 7; },
    ['- centralBucket.retentionDays: is shorter than memberBucket.expirationDays (30)', '(got 7)', 'set centralBucket.retentionDays to 30 or more']],
  ['the listed accounts make more stack instances than a StackSet holds', (e) => {
    e.members.accounts = Array.from({ length: 50_001 }, (_, i) => String(100_000_000_000 + i));
    e.members.regions = ['us-east-1', 'us-west-2'];
  }, ['- members.accounts: with 2 regions makes at least 100,004 stack instances, over CloudFormation\'s 100,000 per StackSet', '(got "50002 accounts")']],
];

describe.each(ERRORS)('fails if %s', (_title, mutate, expected) => {
  test('with one error naming the field, the value and the fix, and no warning', () => {
    const { errors } = checked(mutate);
    expect(errors).toHaveLength(1);
    for (const part of expected) expect(errors[0]).toContain(part);
  });
});

const WARNINGS: [string, (e: Env) => void, string[]][] = [
  ['a member region has no Bedrock', (e) => { e.members.regions.push('ap-east-1'); },
    ['- members.regions[3]: is a region where AWS does not list Amazon Bedrock', '(got "ap-east-1")', 'remove it']],
  ['a member region is opt-in', (e) => { e.members.regions.push('eu-south-1'); },
    ['- members.regions[3]: is an opt-in region', 'cross-region inference profiles may still route requests there', '(got "eu-south-1")', 'enable the region in every member account']],
  ['the aggregation region is opt-in', (e) => { e.aggregation.region = 'eu-central-2'; },
    ['- aggregation.region: is an opt-in region', '(got "eu-central-2")']],
  ['Bedrock is allowed outside the member regions', (e) => { e.policies.denyBedrockOutsideMemberRegions = false; },
    ['- policies.denyBedrockOutsideMemberRegions: is false: Bedrock stays usable in every region outside members.regions (us-east-1, us-west-2, eu-west-1)', '(got false)']],
  ['the unlogged inference APIs are allowed', (e) => { e.policies.denyUnloggedInference = false; },
    ['- policies.denyUnloggedInference: is false', 'bedrock-mantle', 'docs/security.md']],
  ['a member OU has no ID', (e) => { delete e.members.organizationalUnitIds.Sandbox; },
    ['- members.organizationalUnitIds: has no ID for Sandbox', 'every account of the organization, including the management account', "'Sandbox': 'ou-…'"]],
];

describe.each(WARNINGS)('warns if %s', (_title, mutate, expected) => {
  test('with one warning naming the field, the value and the consequence, and no error', () => {
    const { errors, warnings } = checked(mutate);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    for (const part of expected) expect(warnings[0]).toContain(part);
  });
});

test('the semantic pass runs only on a structurally valid environment', () => {
  const { errors, warnings } = checked((e) => { e.organizationId = 'x'; e.members.accounts.push('222222222222'); });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('- organizationId:');
  expect(warnings).toEqual([]);
});

describe('the region lists', () => {
  test('are regions the validator knows, listed once', () => {
    for (const list of [DEFAULT_ENABLED_REGIONS, BEDROCK_REGIONS]) {
      expect(list.filter((r) => !KNOWN_REGIONS.includes(r))).toEqual([]);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  test('opt-in regions are the known regions not enabled by default', () => {
    expect(isOptInRegion('us-east-1')).toBe(false);
    expect(isOptInRegion('af-south-1')).toBe(true);
    expect(KNOWN_REGIONS.filter(isOptInRegion)).toHaveLength(KNOWN_REGIONS.length - DEFAULT_ENABLED_REGIONS.length);
  });
});
