/**
 * The guardrails of the KMS and CloudWatch Logs options: what they add to the statements, when, and
 * (with the real simulator) exactly who may pass Bedrock's CloudWatch role, and what is left on a
 * project key and the invocation log group.
 */
import { AUDIT_TAG_VALUE } from '../../cdk/constants';
import { Names } from '../../cdk/names';
import {
  DENY_AUDIT_TAG_CHANGES_SID,
  DENY_AUDIT_TAGGED_CHANGES_SID,
  DENY_AUDIT_TAGGED_ROLE_PASSING_SID,
  DENY_CENTRAL_KEY_OUTSIDE_ORG_SID,
  DENY_FUNCTION_AND_ROLE_CHANGES_SID,
  DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID,
  DENY_INVOCATION_LOG_GROUP_CHANGES_SID,
  DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID,
  DENY_PROJECT_ROLE_PASSING_SID,
  KEYS,
  type PolicyStatement,
  rcpStatements,
  scpStatements,
} from '../../cdk/policies';
// KMS honours IAM policies only where the key policy lets it (the simulator models that): the
// matrix's worst-case key policy, which grants everyone everything, leaves the decision to the guardrails.
import { OPEN_KEY_POLICY } from '../../scripts/matrix/rows/keys';
import { policyScenarioConfig } from './scenario';
import { decideUnderGuardrails } from './simulate';

const off = policyScenarioConfig();
const cloudWatch = policyScenarioConfig({ cloudWatchLogs: { enabled: true } });
const kms = policyScenarioConfig({ encryption: { kms: true } });
const names = new Names(off.prefix);
const find = (statements: PolicyStatement[], sid: string) => statements.find((s) => s.Sid === sid);
const sids = (statements: PolicyStatement[]) => statements.map((s) => s.Sid);

describe('which statements each option builds', () => {
  test('the logging role passes roles to Bedrock only whatever the options, and only from its function with cloudWatchLogs', () => {
    for (const config of [off, cloudWatch, kms]) expect(sids(scpStatements(config))).toContain(DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID);
    expect(find(scpStatements(cloudWatch), DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID)?.Action).toContain('iam:PassRole');
    expect(find(scpStatements(off), DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID)?.Action).not.toContain('iam:PassRole');
  });

  test('without cloudWatchLogs the two broad statements deny iam:PassRole themselves and no passing statement is built', () => {
    const scps = scpStatements(off);
    for (const sid of [DENY_FUNCTION_AND_ROLE_CHANGES_SID, DENY_AUDIT_TAGGED_CHANGES_SID]) expect(find(scps, sid)?.NotAction).not.toContain('iam:PassRole');
    for (const sid of [DENY_PROJECT_ROLE_PASSING_SID, DENY_AUDIT_TAGGED_ROLE_PASSING_SID, DENY_INVOCATION_LOG_GROUP_CHANGES_SID]) expect(sids(scps)).not.toContain(sid);
  });

  test('with cloudWatchLogs iam:PassRole moves from the broad statements to the passing statements', () => {
    const scps = scpStatements(cloudWatch);
    for (const sid of [DENY_FUNCTION_AND_ROLE_CHANGES_SID, DENY_AUDIT_TAGGED_CHANGES_SID]) expect(find(scps, sid)?.NotAction).toContain('iam:PassRole');
    expect(find(scps, DENY_PROJECT_ROLE_PASSING_SID)).toMatchObject({ Action: ['iam:PassRole'], Resource: expect.arrayContaining([`arn:aws:iam::*:role/${names.any}`]) });
    expect(find(scps, DENY_AUDIT_TAGGED_ROLE_PASSING_SID)?.NotResource).toBe(`arn:aws:iam::*:role/${names.cloudWatchRole('*')}`);
    expect(find(scps, DENY_INVOCATION_LOG_GROUP_CHANGES_SID)?.Resource).toBe(`arn:aws:logs:*:*:log-group:/aws/bedrock/${names.any}`);
  });

  test('without encryption.kms no statement names KMS', () => {
    expect(JSON.stringify([...scpStatements(off), ...rcpStatements(off)])).not.toContain('kms:');
    expect(JSON.stringify(scpStatements(cloudWatch))).not.toContain('kms:');
  });

  test('with encryption.kms the ABAC statement covers tagged keys, the RBAC statement the aliases, the tag statement KMS calls, the RCP the central key', () => {
    const scps = scpStatements(kms);
    expect(find(scps, DENY_AUDIT_TAGGED_CHANGES_SID)?.Resource).toContain('arn:aws:kms:*:*:key/*');
    expect(find(scps, DENY_FUNCTION_AND_ROLE_CHANGES_SID)?.Resource).toContain(`arn:aws:kms:*:*:alias/${names.any}`);
    expect(find(scps, DENY_AUDIT_TAG_CHANGES_SID)).toMatchObject({ Action: ['lambda:*', 'iam:*', 'kms:*'], Resource: '*' });
    expect(find(rcpStatements(kms), DENY_CENTRAL_KEY_OUTSIDE_ORG_SID)).toMatchObject({
      Resource: 'arn:aws:kms:us-east-1:222222222222:key/*',
      Condition: { 'ForAnyValue:StringEquals': { [KEYS.resourceAliases]: names.centralKeyAlias } },
    });
    expect(sids(rcpStatements(off))).not.toContain(DENY_CENTRAL_KEY_OUTSIDE_ORG_SID);
  });
});

/** The decision on one same-account request of an administrator-like principal under `statements` as an SCP. */
function decide(statements: PolicyStatement[], principal: string, action: string, resource: string, context: Record<string, string | string[]> = {}): Promise<string> {
  return decideUnderGuardrails(statements, {
    principal, action, resource, account: '111111111111', context, ...(action.startsWith('kms:') ? { resourcePolicy: OPEN_KEY_POLICY } : {}),
  });
}

describe('who may pass Bedrock\'s CloudWatch role (simulated)', () => {
  const region = 'us-east-1';
  const roleOf = (name: string) => `arn:aws:iam::111111111111:role/${name}`;
  const loggingRole = roleOf(names.loggingConfigRole(region));
  const loggingFunction = `arn:aws:lambda:${region}:111111111111:function:${names.loggingConfigFunction}`;
  const cloudWatchRole = roleOf(names.cloudWatchRole(region));
  const tagged = { [KEYS.resourceTag]: AUDIT_TAG_VALUE };
  /** Passing to service `to`, from inside function `inFunction` (null: from outside any function). */
  const pass = (to: string, inFunction: string | null = loggingFunction) => ({
    ...tagged,
    [KEYS.passedToService]: to,
    ...(inFunction === null ? {} : { [KEYS.sourceFunctionArn]: inFunction }),
  });
  const cases: [string, string, string, Record<string, string>, string, string][] = [
    ['the logging role, in its function, to Bedrock', loggingRole, cloudWatchRole, pass('bedrock.amazonaws.com'), 'Allowed', 'ExplicitlyDenied'],
    ['the logging role, in its function, to Lambda', loggingRole, cloudWatchRole, pass('lambda.amazonaws.com'), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ['the logging role, outside any function', loggingRole, cloudWatchRole, pass('bedrock.amazonaws.com', null), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ['the logging role, in another function', loggingRole, cloudWatchRole, pass('bedrock.amazonaws.com', `arn:aws:lambda:${region}:111111111111:function:team-app`), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ['the logging role, in its function, the replication role', loggingRole, roleOf(names.replicationRole(region)), pass('bedrock.amazonaws.com'), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ["the logging role, in its function, a team's untagged role (merge)", loggingRole, roleOf('team-bedrock-cloudwatch'), { [KEYS.passedToService]: 'bedrock.amazonaws.com', [KEYS.sourceFunctionArn]: loggingFunction }, 'Allowed', 'Allowed'],
    ["the logging role, outside any function, a team's untagged role", loggingRole, roleOf('team-bedrock-cloudwatch'), { [KEYS.passedToService]: 'bedrock.amazonaws.com' }, 'ExplicitlyDenied', 'Allowed'],
    ['an administrator', roleOf('Admin'), cloudWatchRole, pass('bedrock.amazonaws.com', null), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ['the emptier role, in its function', roleOf(names.bucketEmptierRole(region)), cloudWatchRole, pass('bedrock.amazonaws.com', `arn:aws:lambda:${region}:111111111111:function:${names.bucketEmptierFunction}`), 'ExplicitlyDenied', 'ExplicitlyDenied'],
    ['the execution role', roleOf('AWSControlTowerExecution'), cloudWatchRole, pass('bedrock.amazonaws.com', null), 'Allowed', 'Allowed'],
    ['a break-glass role', roleOf('BreakGlassAdmin'), cloudWatchRole, pass('bedrock.amazonaws.com', null), 'Allowed', 'Allowed'],
  ];

  test.each(cases)('%s: as designed with cloudWatchLogs and without it', async (_title, principal, role, context, withOption, without) => {
    expect(await decide(scpStatements(cloudWatch), principal, 'iam:PassRole', role, context)).toBe(withOption);
    expect(await decide(scpStatements(off), principal, 'iam:PassRole', role, context)).toBe(without);
  });

  test('the carve-out covers passing only: the logging role still cannot change the CloudWatch role', async () => {
    const context = { ...tagged, [KEYS.sourceFunctionArn]: loggingFunction };
    for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRole', 'sts:AssumeRole']) {
      expect(await decide(scpStatements(cloudWatch), loggingRole, action, cloudWatchRole, context)).toBe('ExplicitlyDenied');
    }
  });
});

describe('what is left on a project key and the invocation log group (simulated)', () => {
  const admin = 'arn:aws:iam::111111111111:role/Admin';
  const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const tagged = { [KEYS.resourceTag]: AUDIT_TAG_VALUE };

  test.each(['kms:PutKeyPolicy', 'kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:DisableKeyRotation', 'kms:CreateGrant', 'kms:EnableKey'])('a tagged key: %s is denied', async (action) => {
    expect(await decide(scpStatements(kms), admin, action, key, tagged)).toBe('ExplicitlyDenied');
  });

  test.each(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'])('a tagged key: %s is left to the key policy', async (action) => {
    expect(await decide(scpStatements(kms), admin, action, key, tagged)).toBe('Allowed');
  });

  test('a key without the audit tag is the account\'s own', async () => {
    expect(await decide(scpStatements(kms), admin, 'kms:ScheduleKeyDeletion', key)).toBe('Allowed');
  });

  const group = `arn:aws:logs:us-east-1:111111111111:log-group:${names.invocationLogGroup}`;
  test.each([
    ['logs:DeleteLogGroup', 'ExplicitlyDenied'],
    ['logs:PutSubscriptionFilter', 'ExplicitlyDenied'],
    ['logs:PutTransformer', 'ExplicitlyDenied'],
    ['logs:PutMetricFilter', 'Allowed'],
    ['logs:FilterLogEvents', 'Allowed'],
  ])('the invocation log group: %s is %s', async (action, expected) => {
    expect(await decide(scpStatements(cloudWatch), admin, action, group)).toBe(expected);
  });
});
