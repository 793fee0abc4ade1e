import { validateEnvironment } from '../../cdk/env/validate';
import { formatIssue } from '../../cdk/errors';
import { KNOWN_REGIONS } from '../../cdk/env/regions';
import { Names } from '../../cdk/names';
import { environmentMap } from '../../cdk/env/map.example';
import { CLOUDWATCH_RETENTION_DAYS, KEY_DELETION_WINDOW_DAYS } from '../../cdk/env/types';
import { ALL_OPTIONS_ENVIRONMENT, rawExample } from '../helpers/example';

type Mutation = (env: Record<string, any>) => void;

/** Replaces the member OUs (and drops the example's OU IDs, which name the old ones). */
function memberOus(env: Record<string, any>, ous: unknown): void {
  env.members.organizationalUnits = ous;
  delete env.members.organizationalUnitIds;
}

/** Validates the example after `mutate` and returns the issue lines. */
function issuesAfter(mutate: Mutation, name = 'example'): string[] {
  const env = rawExample();
  mutate(env);
  return validateEnvironment(name, env).map(formatIssue);
}

test('the committed example is valid', () => {
  expect(validateEnvironment('example', rawExample())).toEqual([]);
});

test("the example map's all-options environment is valid", () => {
  expect(validateEnvironment(ALL_OPTIONS_ENVIRONMENT, environmentMap.environments[ALL_OPTIONS_ENVIRONMENT])).toEqual([]);
});

test('every CloudWatch Logs retention and both ends of the key deletion window are accepted', () => {
  for (const days of CLOUDWATCH_RETENTION_DAYS) expect(issuesAfter((e) => { e.cloudWatchLogs = { enabled: true, retentionDays: days }; })).toEqual([]);
  for (const days of [KEY_DELETION_WINDOW_DAYS.min, KEY_DELETION_WINDOW_DAYS.max]) {
    expect(issuesAfter((e) => { e.encryption = { kms: true, keyDeletionWindowDays: days }; })).toEqual([]);
  }
});

test('a minimal environment is valid: every other field has a default', () => {
  // The aggregation OU is a member OU, so the member stack reaches every account the SCPs bind.
  const minimal = {
    homeRegion: 'eu-west-1',
    organizationId: 'o-abcdefghij',
    aggregation: { accountId: '222222222222', organizationalUnit: 'Security' },
    members: { organizationalUnits: ['Workloads', 'Security'], regions: ['eu-west-1'] },
  };
  expect(validateEnvironment('minimal', minimal)).toEqual([]);
});

/**
 * Each rule: a mutation of the valid example and what the single resulting issue must say
 * (the field path, the bad value as written, and the fix).
 */
const RULES: [string, Mutation, string[]][] = [
  ['the environment name has odd characters', () => undefined, ['environments', '"my env"', 'rename']],
  ['a field is misspelt', (e) => { e.resoucePrefix = 'x'; }, ['- resoucePrefix: is not a known field', 'did you mean `resourcePrefix`?']],
  ['a field is unknown', (e) => { e.colour = 'blue'; }, ['- colour: is not a known field', 'remove it; known fields: homeRegion']],
  ['a nested field is misspelt in letter case', (e) => { e.members.Regions = ['us-east-1']; }, ['members.Regions', 'did you mean `regions`?']],
  ['homeRegion is missing', (e) => { delete e.homeRegion; }, ['- homeRegion: is required', "'us-east-1'"]],
  ['homeRegion is not a region', (e) => { e.homeRegion = 'us-east-7'; }, ['- homeRegion: is not a known region', '"us-east-7"']],
  ['homeRegion is written in capitals', (e) => { e.homeRegion = 'US-EAST-1'; }, ['homeRegion', "write 'us-east-1'"]],
  ['organizationId has the wrong form', (e) => { e.organizationId = 'org-123'; }, ['- organizationId: is not an AWS Organizations ID', '"org-123"', "'o-'"]],
  ['organizationId is missing', (e) => { delete e.organizationId; }, ['- organizationId: is required']],
  ['an account ID is a number', (e) => { e.aggregation.accountId = 222222222222; }, ['aggregation.accountId', 'must be a quoted string, not a number', '(got 222222222222)', 'leading zeros']],
  ['an account ID has 11 digits', (e) => { e.members.accounts = ['11111111111']; }, ['members.accounts[0]', 'is not a 12-digit AWS account ID', '"11111111111"']],
  ['the management account ID is malformed', (e) => { e.managementAccountId = '3333-3333-3333'; }, ['managementAccountId', '"3333-3333-3333"']],
  ['the aggregation account ID is missing', (e) => { delete e.aggregation.accountId; }, ['- aggregation.accountId: is required']],
  ['the aggregation block is missing', (e) => { delete e.aggregation; }, ['- aggregation: is required']],
  ['the aggregation region is unknown', (e) => { e.aggregation.region = 'mars-1'; }, ['aggregation.region', '"mars-1"']],
  ['an OU path starts with Root:', (e) => memberOus(e, ['Root:Workloads']), ['members.organizationalUnits[0]', '"Root:Workloads"', "write 'Workloads'"]],
  ['the aggregation OU starts with root: in lower case', (e) => { e.aggregation.organizationalUnit = 'root:Security'; }, ['aggregation.organizationalUnit', "write 'Security'"]],
  ['an OU path has an empty part', (e) => memberOus(e, ['Workloads::Prod']), ['members.organizationalUnits[0]', 'is not an OU name', '"Workloads::Prod"']],
  ['an OU name has surrounding spaces', (e) => memberOus(e, ['Workloads ']), ['members.organizationalUnits[0]', '"Workloads "']],
  ['an OU is listed twice', (e) => memberOus(e, ['Workloads', 'Workloads']), ['members.organizationalUnits[1]', 'repeats members.organizationalUnits[0]', 'list each value once']],
  ['an account is listed twice', (e) => { e.members.accounts = ['111111111111', '111111111111']; }, ['members.accounts[1]', 'repeats']],
  ['members target nothing', (e) => { memberOus(e, []); e.members.accounts = []; }, ['- members: targets no OU and no account']],
  ['member regions are missing', (e) => { delete e.members.regions; }, ['- members.regions: is required']],
  ['member regions are empty', (e) => { e.members.regions = []; }, ['- members.regions: is empty']],
  ['a member region is repeated', (e) => { e.members.regions = ['us-east-1', 'us-east-1']; }, ['members.regions[1]', 'repeats']],
  ['member regions are not a list', (e) => { e.members.regions = 'us-east-1'; }, ['- members.regions: must be a list', '"us-east-1"']],
  ['the prefix has upper-case letters', (e) => { e.resourcePrefix = 'Bedrock-Logs'; }, ['- resourcePrefix:', 'lower-case', '"Bedrock-Logs"']],
  ['the prefix starts with a digit', (e) => { e.resourcePrefix = '1logs'; }, ['- resourcePrefix:', '"1logs"']],
  ['the prefix ends with a hyphen', (e) => { e.resourcePrefix = 'logs-'; }, ['- resourcePrefix:', '"logs-"']],
  ['the prefix has a double hyphen', (e) => { e.resourcePrefix = 'bedrock--logs'; }, ['- resourcePrefix:', '"bedrock--logs"']],
  ['the prefix starts with an S3-reserved prefix', (e) => { e.resourcePrefix = 'sthree-logs'; }, ['- resourcePrefix: starts with "sthree-", which S3 reserves']],
  [
    'the prefix makes a bucket name too long in the longest configured region',
    (e) => { e.resourcePrefix = 'a'.repeat(40); e.members.regions = ['us-east-1', 'ap-southeast-2']; e.aggregation.region = 'us-east-1'; },
    // Worst: the central bucket in us-east-1 (40 + 9 + 12 + 1 + 9 = 71 > 63); the member bucket in
    // ap-southeast-2 (68) and the emptier role (70 > 64) are fixed by the same cut.
    ['- resourcePrefix: makes the S3 bucket name', '71 characters long', 'over AWS\'s limit of 63', 'shorten the prefix by at least 8 characters'],
  ],
  ['a data type is unknown', (e) => { e.logging.dataTypes = ['text', 'smell']; }, ['logging.dataTypes[1]', "'text', 'image'", '"smell"']],
  ['a data type is repeated', (e) => { e.logging.dataTypes = ['text', 'text']; }, ['logging.dataTypes[1]', 'repeats']],
  ['the key prefix has a leading slash', (e) => { e.logging.keyPrefix = '/bedrock'; }, ['- logging.keyPrefix:', '"/bedrock"', 'leading or trailing']],
  ['the key prefix has a space', (e) => { e.logging.keyPrefix = 'bed rock'; }, ['- logging.keyPrefix:', '"bed rock"']],
  ['the existing-configuration policy is unknown', (e) => { e.logging.existingConfiguration = 'replace'; }, ['- logging.existingConfiguration:', "'merge', 'overwrite', 'fail'", '"replace"']],
  ['requireAllDataTypes is a string', (e) => { e.logging.requireAllDataTypes = 'true'; }, ['- logging.requireAllDataTypes: must be true or false', '"true"']],
  ['member expiry is zero days', (e) => { e.memberBucket.expirationDays = 0; }, ['- memberBucket.expirationDays: must be a whole number of days from 1', '(got 0)']],
  ['member expiry is fractional', (e) => { e.memberBucket.expirationDays = 1.5; }, ['memberBucket.expirationDays', '(got 1.5)']],
  ['central retention is negative', (e) => { e.centralBucket.retentionDays = -5; }, ['- centralBucket.retentionDays:', '(got -5)']],
  ['the Object Lock period is longer than retention', (e) => { e.centralBucket.objectLock = { days: 400 }; }, ['- centralBucket.objectLock.days: is longer than centralBucket.retentionDays (365)', '(got 400)']],
  ['the Object Lock period is missing', (e) => { e.centralBucket.objectLock = { mode: 'COMPLIANCE' }; }, ['- centralBucket.objectLock.days: is required']],
  ['the Object Lock mode is unknown', (e) => { e.centralBucket.objectLock = { mode: 'STRICT', days: 30 }; }, ['centralBucket.objectLock.mode', '"STRICT"']],
  ['replication time control is a string', (e) => { e.centralBucket.replicationTimeControl = 'yes'; }, ['- centralBucket.replicationTimeControl: must be true or false', '"yes"']],
  ['the SCP budget is over 10,240', (e) => { e.policies.scpSizeBudget = 20000; }, ['- policies.scpSizeBudget:', 'from 1000 to 10240', '(got 20000)']],
  ['no SCP slot is free', (e) => { e.policies.freeScpSlots = 0; }, ['- policies.freeScpSlots:', '(got 0)']],
  ['an exempt role pattern matches every role', (e) => { e.policies.exemptRolePatterns = ['*']; }, ['policies.exemptRolePatterns[0]', 'would switch the guardrails off', '"*"']],
  ['an exempt role pattern is not a role name', (e) => { e.policies.exemptRolePatterns = ['Break Glass']; }, ['policies.exemptRolePatterns[0]', 'is not an IAM role-name pattern']],
  ['an exempt role pattern starts with a wildcard', (e) => { e.policies.exemptRolePatterns = ['*BreakGlass*']; }, ['policies.exemptRolePatterns[0]', 'starts with a wildcard', 'IAM Identity Center', "'BreakGlass*'"]],
  ['an exempt role pattern starts with a single-character wildcard', (e) => { e.policies.exemptRolePatterns = ['?reakGlass']; }, ['policies.exemptRolePatterns[0]', 'starts with a wildcard', '"?reakGlass"']],
  ['an exempt role pattern is a path', (e) => { e.policies.exemptRolePatterns = ['aws-reserved/sso.amazonaws.com/*']; }, ['policies.exemptRolePatterns[0]', 'is a path', 'policies.exemptPermissionSets']],
  ['an exempt role pattern names Identity Center roles', (e) => { e.policies.exemptRolePatterns = ['AWSReservedSSO_PlatformAdmin_*']; }, ['policies.exemptRolePatterns[0]', 'aws-reserved/sso.amazonaws.com/', 'policies.exemptPermissionSets']],
  ['an exempt permission set has a wildcard', (e) => { e.policies.exemptPermissionSets = ['Platform*']; }, ['policies.exemptPermissionSets[0]', 'is not a permission set name', '"Platform*"']],
  ['an exempt permission set is longer than 32 characters', (e) => { e.policies.exemptPermissionSets = ['P'.repeat(33)]; }, ['policies.exemptPermissionSets[0]', '1 to 32']],
  ['an exempt permission set is given as its role name', (e) => { e.policies.exemptPermissionSets = ['AWSReservedSSO_PlatformAdmin_0123456789abcdef']; }, ['policies.exemptPermissionSets[0]', 'is a role name', "'PlatformAdmin'"]],
  ['an OU is given by its ID', (e) => { e.policies.additionalOrganizationalUnits = ['ou-a1b2-44444444']; }, ['policies.additionalOrganizationalUnits[0]', 'is an Organizations ID', 'members.organizationalUnitIds']],
  ['the aggregation OU is given by the root ID', (e) => { e.aggregation.organizationalUnit = 'r-a1b2'; }, ['aggregation.organizationalUnit', 'is an Organizations ID']],
  ['an OU path uses slashes', (e) => { e.policies.additionalOrganizationalUnits = ['Infrastructure/Shared']; }, ['policies.additionalOrganizationalUnits[0]', 'CfCT paths use ":"', "write 'Infrastructure:Shared'"]],
  ['a member OU ID names no member OU', (e) => { e.members.organizationalUnitIds.Workload = 'ou-a1b2-44444444'; }, ['members.organizationalUnitIds.Workload', 'names no OU of members.organizationalUnits', 'did you mean `Workloads`?']],
  ['a member OU ID is not an OU ID', (e) => { e.members.organizationalUnitIds.Sandbox = 'Sandbox'; }, ['members.organizationalUnitIds.Sandbox', 'is not an OU ID', '"Sandbox"']],
  ['two member OUs share an ID', (e) => { e.members.organizationalUnitIds.Sandbox = 'ou-a1b2-11111111'; }, ['members.organizationalUnitIds.Sandbox', 'repeats the ID of Workloads']],
  ['the member OU IDs are a list', (e) => { e.members.organizationalUnitIds = ['ou-a1b2-11111111']; }, ['- members.organizationalUnitIds: must be an object']],
  ['deployMemberStack is a string', (e) => { e.aggregation.deployMemberStack = 'yes'; }, ['- aggregation.deployMemberStack: must be true or false']],
  ['the region restriction switch is a string', (e) => { e.policies.denyBedrockOutsideMemberRegions = 'on'; }, ['- policies.denyBedrockOutsideMemberRegions: must be true or false']],
  ['the unlogged-inference switch is a number', (e) => { e.policies.denyUnloggedInference = 1; }, ['- policies.denyUnloggedInference: must be true or false']],
  ['an acknowledgement names an OU by its ID', (e) => { e.policies.acknowledgedCoverageGaps['ou-a1b2-55555555'] = { reason: 'a suspended OU' }; }, ['policies.acknowledgedCoverageGaps.ou-a1b2-55555555', 'is an Organizations ID']],
  ['an acknowledgement has a token reason', (e) => { e.policies.acknowledgedCoverageGaps.Security.reason = 'ok'; }, ['- policies.acknowledgedCoverageGaps.Security.reason: is shorter than 10 characters', '(got "ok")']],
  ['an acknowledgement has no reason', (e) => { e.policies.acknowledgedCoverageGaps.Infrastructure = {}; }, ['- policies.acknowledgedCoverageGaps.Infrastructure.reason: is required']],
  ['an acknowledgement is just a string', (e) => { e.policies.acknowledgedCoverageGaps.Infrastructure = 'no Bedrock there'; }, ['- policies.acknowledgedCoverageGaps.Infrastructure: must be an object']],
  ['an acknowledgement has an unknown field', (e) => { e.policies.acknowledgedCoverageGaps.Security.why = 'x'; }, ['policies.acknowledgedCoverageGaps.Security.why: is not a known field', 'remove it; known fields: reason']],
  ['the acknowledgements are a list', (e) => { e.policies.acknowledgedCoverageGaps = [{ organizationalUnit: 'Security', reason: 'Audit and Log Archive' }]; }, ['- policies.acknowledgedCoverageGaps: must be an object of OU or account to { reason }']],
  ['an additional policy OU starts with Root:', (e) => { e.policies.additionalOrganizationalUnits = ['Root:Infra']; }, ['policies.additionalOrganizationalUnits[0]', "write 'Infra'"]],
  ['the RCP switch is a string', (e) => { e.policies.resourceControlPolicy = 'true'; }, ['- policies.resourceControlPolicy: must be true or false']],
  ['the execution role name has a slash', (e) => { e.executionRoleName = 'path/Role'; }, ['- executionRoleName: is not an IAM role name', '"path/Role"']],
  ['the runtime is not supported', (e) => { e.lambdaRuntime = 'nodejs20.x'; }, ['- lambdaRuntime:', "'nodejs22.x', 'nodejs24.x'", '"nodejs20.x"']],
  ['the trust scope is unknown', (e) => { e.lambdaTrustScope = 'none'; }, ['- lambdaTrustScope:', '"none"']],
  ['enableStackSetDeletion is a string', (e) => { e.enableStackSetDeletion = 'false'; }, ['- enableStackSetDeletion: must be true or false', '"false"']],
  ['a nested block is not an object', (e) => { e.logging = 'text'; }, ['- logging: must be an object', '"text"']],
  ['query.enabled is a string', (e) => { e.query.enabled = 'yes'; }, ['- query.enabled: must be true or false', '"yes"']],
  ['query results are kept 0 days', (e) => { e.query.resultsExpirationDays = 0; }, ['- query.resultsExpirationDays: must be a whole number of days from 1 to 36500 (got 0)']],
  ['the scan cutoff is a fraction of a GB', (e) => { e.query.bytesScannedCutoffGb = 0.5; }, ['- query.bytesScannedCutoffGb: must be a whole number of GB from 1 to 1000000 (got 0.5)']],
  ['a query account is a number', (e) => { e.query.accounts = [111111111111]; }, ['- query.accounts[0]: must be a quoted string, not a number']],
  ['a query account is listed twice', (e) => { e.query.accounts = ['111111111111', '111111111111']; }, ['- query.accounts[1]: repeats query.accounts[0]']],
  ['a query field is misspelt', (e) => { e.query.resultExpirationDays = 3; }, ['- query.resultExpirationDays: is not a known field', 'did you mean `resultsExpirationDays`?']],
  ['the KMS switch is a string', (e) => { e.encryption = { kms: 'yes' }; }, ['- encryption.kms: must be true or false', '"yes"']],
  ['the key deletion window is under 7 days', (e) => { e.encryption = { kms: true, keyDeletionWindowDays: 3 }; }, ['- encryption.keyDeletionWindowDays: must be a whole number of days from 7 to 30', '(got 3)']],
  ['the key deletion window is over 30 days', (e) => { e.encryption = { keyDeletionWindowDays: 45 }; }, ['- encryption.keyDeletionWindowDays:', '(got 45)', 'between 7 and 30']],
  ['an encryption field is misspelt', (e) => { e.encryption = { KMS: true }; }, ['- encryption.KMS: is not a known field', 'did you mean `kms`?']],
  ['the CloudWatch switch is a string', (e) => { e.cloudWatchLogs = { enabled: 'true' }; }, ['- cloudWatchLogs.enabled: must be true or false', '"true"']],
  ['the CloudWatch retention is not one CloudWatch Logs accepts', (e) => { e.cloudWatchLogs = { enabled: true, retentionDays: 31 }; }, ['- cloudWatchLogs.retentionDays: is not a retention CloudWatch Logs accepts', '(got 31)', 'use 30, or one of 1, 3, 5']],
  ['the CloudWatch retention is a string', (e) => { e.cloudWatchLogs = { retentionDays: '90' }; }, ['- cloudWatchLogs.retentionDays:', '(got "90")', 'one of 1, 3, 5']],
  ['a CloudWatch field is misspelt', (e) => { e.cloudWatchLogs = { retentionDay: 30 }; }, ['- cloudWatchLogs.retentionDay: is not a known field', 'did you mean `retentionDays`?']],
];

describe.each(RULES)('fails if %s', (_title, mutate, expected) => {
  test('with one issue naming the path, the value and the fix', () => {
    const name = _title.startsWith('the environment name') ? 'my env' : 'example';
    const issues = issuesAfter(mutate, name);
    expect(issues).toHaveLength(1);
    for (const part of expected) expect(issues[0]).toContain(part);
    expect(issues[0]).toMatch(/^- \S.*: .+ \(got .+\); .+/);
  });
});

test('fails if several fields are wrong, reporting every problem at once', () => {
  const issues = issuesAfter((e) => {
    e.homeRegion = 'nowhere';
    e.organizationId = 'x';
    e.members.regions = ['us-east-1', 'moon-1'];
    e.lambdaRuntime = 'python3.13';
  });
  expect(issues).toHaveLength(4);
  expect(issues.map((i) => i.split(':')[0])).toEqual(['- homeRegion', '- organizationId', '- members.regions[1]', '- lambdaRuntime']);
});

test('fails if the environment is not an object', () => {
  expect(validateEnvironment('example', 'us-east-1').map(formatIssue)).toEqual([
    '- environments.example: must be an object (got "us-east-1"); write the environment as `{ homeRegion: ..., ... }`',
  ]);
});

test('the query-results bucket adds no prefix-length limit: its name is always shorter than the central bucket\'s', () => {
  const names = new Names('a'.repeat(27));
  for (const region of KNOWN_REGIONS) {
    expect(names.queryResultsBucket('000000000000', region).length).toBeLessThan(names.centralBucket('000000000000', region).length);
  }
  expect(issuesAfter((e) => { e.resourcePrefix = 'a'.repeat(27); e.aggregation.region = 'ap-southeast-2'; e.members.regions = ['us-east-1']; })).toEqual([]);
});

test('the prefix length rule uses the longest configured region, not a fixed worst case', () => {
  // 27 characters fit with us-east-1 (central bucket name 27 + 9 + 13 + 9 = 58 <= 63)...
  const ok = issuesAfter((e) => { e.resourcePrefix = 'a'.repeat(27); e.members.regions = ['us-east-1']; e.aggregation.region = 'us-east-1'; });
  expect(ok).toEqual([]);
  // ...but not with ap-southeast-2 as the aggregation region (27 + 9 + 13 + 14 = 63 fits; 28 does not).
  const tooLong = issuesAfter((e) => { e.resourcePrefix = 'a'.repeat(28); e.members.regions = ['us-east-1']; e.aggregation.region = 'ap-southeast-2'; });
  expect(tooLong).toHaveLength(1);
  expect(tooLong[0]).toContain('"' + 'a'.repeat(28) + '-central-000000000000-ap-southeast-2" 64 characters long');
});
