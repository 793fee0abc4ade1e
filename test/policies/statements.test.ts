import { runSimulation } from '@cloud-copilot/iam-simulate';
import { AUDIT_TAG_KEY } from '../../cdk/constants';
import { Names } from '../../cdk/names';
import {
  buildPolicies,
  DENY_BUCKET_CHANGES_SID,
  DENY_CENTRAL_BUCKET_FOREIGN_REPLICATION_SID,
  DENY_CENTRAL_BUCKET_TAMPERING_SID,
  DENY_FUNCTION_LOG_CHANGES_SID,
  DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID,
  DENY_LOG_OBJECT_DELETION_SID,
  DENY_LOG_REPLICATION_SID,
  DENY_LOGGING_CONFIG_CHANGES_SID,
  DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID,
  KEYS,
  permissionSetRolePattern,
  type PolicyStatement,
  rcpStatements,
  RCP_STATEMENTS,
  scpStatements,
  SCP_STATEMENTS,
} from '../../cdk/policies';
import { policyScenarioConfig } from './scenario';

const config = policyScenarioConfig();
const scps = scpStatements(config);
const rcps = rcpStatements(config);
const names = new Names(config.prefix);
const role = (name: string) => `arn:aws:iam::*:role/${name}`;
/** The statements that bind the custom-resource roles (they name those roles instead of exempting anyone). */
const ROLE_BINDINGS: readonly string[] = [DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID, DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID];
/** Every option on: every builder yields a statement. */
const everything = policyScenarioConfig({ encryption: { kms: true }, cloudWatchLogs: { enabled: true } });

/** Every (operator, key, values) triple of a statement's conditions. */
function conditions(statement: PolicyStatement): { op: string; key: string; values: string[] }[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([op, block]) =>
    Object.entries(block).map(([key, value]) => ({ op, key, values: typeof value === 'string' ? [value] : value })),
  );
}

function principalExemptions(statement: PolicyStatement): string[] {
  return conditions(statement)
    .filter((c) => c.op === 'ArnNotLike' && c.key === KEYS.principalArn)
    .flatMap((c) => c.values);
}

describe('statement Sids', () => {
  test('are unique across the SCPs and the RCP', () => {
    const sids = [...scps, ...rcps].map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });

  test('are alphanumeric, as Organizations requires', () => {
    for (const s of [...scps, ...rcps]) expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  test('come from one builder each', () => {
    expect(scpStatements(everything)).toHaveLength(SCP_STATEMENTS.length);
    expect(rcpStatements(everything)).toHaveLength(RCP_STATEMENTS.length);
  });

  test('are unique with every option on too', () => {
    const sids = [...scpStatements(everything), ...rcpStatements(everything)].map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('grammar', () => {
  test('every SCP statement denies, names no principal, and has exactly one of Action and NotAction and of Resource and NotResource', () => {
    for (const s of scpStatements(everything)) {
      expect(s.Effect).toBe('Deny');
      expect(s).not.toHaveProperty('Principal');
      expect(s).not.toHaveProperty('NotPrincipal');
      expect(Number('Action' in s) + Number('NotAction' in s)).toBe(1);
      expect(Number('Resource' in s) + Number('NotResource' in s)).toBe(1);
    }
  });

  test('every RCP statement denies to Principal "*", with Action and Resource only, S3 and KMS actions only, never a bare "*"', () => {
    for (const s of rcpStatements(everything)) {
      expect(s.Effect).toBe('Deny');
      expect(s.Principal).toBe('*');
      expect(s).not.toHaveProperty('NotAction');
      expect(s).not.toHaveProperty('NotPrincipal');
      expect(s).not.toHaveProperty('NotResource');
      for (const action of s.Action ?? []) {
        expect(action).not.toBe('*');
        expect(action).toMatch(/^(s3|kms):/);
      }
    }
  });

  test('every action is service:name with wildcards only', () => {
    for (const s of [...scpStatements(everything), ...rcpStatements(everything)]) {
      for (const action of [...(s.Action ?? []), ...(s.NotAction ?? [])]) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/);
    }
  });

  test('the simulator validates every generated policy as an SCP or an RCP without errors', async () => {
    const all = policyScenarioConfig({ encryption: { kms: true }, cloudWatchLogs: { enabled: true } }, { scpSizeBudget: 1400, freeScpSlots: 20 });
    for (const policy of buildPolicies(all)) {
      const isRcp = policy.kind === 'rcp';
      const response = await runSimulation(
        {
          request: { principal: 'arn:aws:iam::111111111111:role/Admin', action: 's3:GetObject', resource: { resource: 'arn:aws:s3:::x/y', accountId: '111111111111' }, contextVariables: {} },
          identityPolicies: [],
          serviceControlPolicies: isRcp ? [] : [{ orgIdentifier: 'ou', policies: [{ name: policy.name, policy: JSON.parse(policy.text) }] }],
          resourceControlPolicies: isRcp ? [{ orgIdentifier: 'ou', policies: [{ name: policy.name, policy: JSON.parse(policy.text) }] }] : [],
        },
        {},
      );
      expect(response.resultType === 'error' ? response.errors : undefined).toBeUndefined();
    }
  });

  test('the simulator check is live: it rejects an RCP statement with NotAction', async () => {
    const bad = { Version: '2012-10-17', Statement: [{ Sid: 'Bad', Effect: 'Deny', Principal: '*', NotAction: 's3:Get*', Resource: '*' }] };
    const response = await runSimulation(
      {
        request: { principal: 'arn:aws:iam::111111111111:role/Admin', action: 's3:GetObject', resource: { resource: 'arn:aws:s3:::x/y', accountId: '111111111111' }, contextVariables: {} },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [{ orgIdentifier: 'ou', policies: [{ name: 'bad', policy: bad }] }],
      },
      {},
    );
    expect(response.resultType).toBe('error');
  });
});

describe('exemptions', () => {
  test('every SCP statement but the role bindings exempts the execution role and every exempt pattern, with every option on', () => {
    for (const s of scpStatements(everything).filter((x) => !ROLE_BINDINGS.includes(x.Sid))) {
      expect(principalExemptions(s)).toEqual(expect.arrayContaining([role('AWSControlTowerExecution'), role('BreakGlass*')]));
    }
  });

  test('the function binding applies to the custom-resource roles only, outside their own functions', () => {
    const binding = scps.find((s) => s.Sid === DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID)!;
    expect(binding.Condition).toEqual({
      ArnLike: { [KEYS.principalArn]: [role(names.loggingConfigRole('*')), role(names.bucketEmptierRole('*'))] },
      ArnNotLikeIfExists: {
        [KEYS.sourceFunctionArn]: [
          `arn:aws:lambda:*:*:function:${names.loggingConfigFunction}*`,
          `arn:aws:lambda:*:*:function:${names.bucketEmptierFunction}*`,
        ],
      },
    });
  });

  test("exempts each of the project's roles only in the statements of its own tasks", () => {
    const exemptedIn = (arn: string) => scps.filter((s) => principalExemptions(s).includes(arn)).map((s) => s.Sid);
    expect(exemptedIn(role(names.loggingConfigRole('*')))).toEqual([DENY_LOGGING_CONFIG_CHANGES_SID, DENY_FUNCTION_LOG_CHANGES_SID]);
    expect(exemptedIn(role(names.bucketEmptierRole('*')))).toEqual([DENY_LOG_OBJECT_DELETION_SID, DENY_FUNCTION_LOG_CHANGES_SID]);
    expect(exemptedIn(role(names.replicationRolePattern))).toEqual([DENY_LOG_REPLICATION_SID]);
  });

  test('lists every configured exempt pattern, and the configured execution role', () => {
    const custom = policyScenarioConfig({ executionRoleName: 'OrgDeployer' }, { exemptRolePatterns: ['BreakGlass*', 'IncidentResponder'] });
    for (const s of scpStatements(custom).filter((x) => !ROLE_BINDINGS.includes(x.Sid))) {
      expect(principalExemptions(s)).toEqual(expect.arrayContaining([role('OrgDeployer'), role('BreakGlass*'), role('IncidentResponder')]));
    }
  });

  test('lists an exempt pattern once even when it repeats the execution role', () => {
    const custom = policyScenarioConfig({}, { exemptRolePatterns: ['AWSControlTowerExecution', 'BreakGlass*'] });
    const first = scpStatements(custom)[0];
    expect(principalExemptions(first).filter((a) => a === role('AWSControlTowerExecution'))).toHaveLength(1);
  });

  test('the RCP exempts the execution role and exempt patterns of the aggregation account only, and the replication roles from its replication statement', () => {
    const exempt = ['arn:aws:iam::222222222222:role/AWSControlTowerExecution', 'arn:aws:iam::222222222222:role/BreakGlass*'];
    expect(rcps.filter((s) => principalExemptions(s).length > 0).map((s) => [s.Sid, principalExemptions(s)])).toEqual([
      [DENY_CENTRAL_BUCKET_TAMPERING_SID, exempt],
      [DENY_CENTRAL_BUCKET_FOREIGN_REPLICATION_SID, [...exempt, role(names.replicationRolePattern)]],
    ]);
  });

  test('the exempt roles themselves are protected from take-over', () => {
    const roleStatement = scps.find((s) => Array.isArray(s.Resource) && s.Resource.includes(role('BreakGlass*')));
    expect(roleStatement?.NotAction).toContain('sts:*'); // break-glass roles can still be assumed
    expect(roleStatement?.Resource).toEqual(expect.arrayContaining([role('AWSControlTowerExecution'), role(names.any)]));
  });
});

describe('tag conditions', () => {
  test('compare aws:TagKeys ignoring case (Audit, audit, AUDIT)', () => {
    const tagKeyConditions = scpStatements(everything).flatMap(conditions).filter((c) => c.key === KEYS.tagKeys);
    expect(tagKeyConditions.length).toBeGreaterThan(0);
    for (const c of tagKeyConditions) {
      expect(c.op).toBe('ForAnyValue:StringEqualsIgnoreCase');
      expect(c.values).toEqual([AUDIT_TAG_KEY]);
    }
  });

  test('compare the audit tag value ignoring case', () => {
    const resourceTagConditions = scpStatements(everything).flatMap(conditions).filter((c) => c.key.toLowerCase().startsWith('aws:resourcetag/'));
    expect(resourceTagConditions.length).toBeGreaterThan(0);
    for (const c of resourceTagConditions) expect(c.op).toBe('StringEqualsIgnoreCase');
  });

  test('use no case-sensitive string operator anywhere near a tag', () => {
    for (const c of [...scpStatements(everything), ...rcpStatements(everything)].flatMap(conditions)) {
      if (/tag/i.test(c.key)) expect(c.op).toMatch(/IgnoreCase$/);
    }
  });
});

describe('resources', () => {
  test('protect buckets by the name prefix, not by tag (S3 has no resource-tag keys for bucket actions)', () => {
    const buckets = scps.find((s) => s.Sid === DENY_BUCKET_CHANGES_SID)!;
    expect(buckets.Resource).toBe(`arn:aws:s3:::${names.any}`);
    expect(buckets.Condition).not.toHaveProperty('StringEqualsIgnoreCase');
  });

  test('name resources through the registry: changing the prefix changes every pattern', () => {
    const other = JSON.stringify(scpStatements(policyScenarioConfig({ resourcePrefix: 'org-llm-audit' })));
    expect(other).not.toContain('bedrock-logs');
    expect(other).toContain('role/org-llm-audit-logging-config-*');
    expect(other).toContain('function:org-llm-audit-bucket-emptier*');
    expect(other).toContain('arn:aws:s3:::org-llm-audit-central-*-*/*');
    expect(other).toContain('stack/StackSet-CustomControlTower-org-llm-audit-member-*');
  });
});

describe('the statements that close the review\'s findings', () => {
  const find = (statements: PolicyStatement[], sid: string) => statements.find((s) => s.Sid === sid);

  test('protect the exempt role names under any path, so nobody can squat them', () => {
    const resources = find(scps, 'DenyFunctionAndRoleChanges')?.Resource;
    expect(resources).toEqual(expect.arrayContaining([role('*/AWSControlTowerExecution'), role('*/BreakGlass*')]));
  });

  test('exempt a permission set by the exact role ARNs IAM Identity Center creates for it, and protect those ARNs', () => {
    const config = policyScenarioConfig({}, { exemptPermissionSets: ['PlatformAdmin'] });
    const pattern = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_PlatformAdmin_????????????????';
    expect(permissionSetRolePattern('*', 'PlatformAdmin')).toBe(pattern);
    const statements = scpStatements(config);
    expect(principalExemptions(statements[0])).toContain(pattern);
    expect(find(statements, 'DenyFunctionAndRoleChanges')?.Resource).toContain(pattern);
    expect(rcpStatements(config).flatMap(principalExemptions)).toContain(pattern.replace('::*:', '::222222222222:'));
  });

  test('protect every SCP and RCP of this organization (their IDs are known only after CfCT creates them)', () => {
    expect(find(scps, 'DenyOrganizationPolicyChanges')?.Resource).toBe('arn:aws:organizations::*:policy/o-a1b2c3d4e5/*_control_policy/*');
  });

  test('deny Bedrock outside the member regions unless through an inference profile of a member region, and only when switched on', () => {
    expect(find(scps, 'DenyBedrockOutsideMemberRegions')?.Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2', 'eu-west-1'] },
      ArnNotLike: {
        'bedrock:InferenceProfileArn': ['us-east-1', 'us-west-2', 'eu-west-1'].map((r) => `arn:aws:bedrock:${r}:*:*inference-profile/*`),
        'aws:PrincipalArn': [role('AWSControlTowerExecution'), role('BreakGlass*')],
      },
    });
    expect(find(scpStatements(policyScenarioConfig({}, { denyBedrockOutsideMemberRegions: false })), 'DenyBedrockOutsideMemberRegions')).toBeUndefined();
  });

  test('deny the unlogged inference APIs only when switched on', () => {
    expect(find(scps, 'DenyUnloggedInference')?.Action).toContain('bedrock-mantle:CreateInference');
    expect(find(scpStatements(policyScenarioConfig({}, { denyUnloggedInference: false })), 'DenyUnloggedInference')).toBeUndefined();
  });

  test('deny overwrites of central objects in the RCP, and replication by any role but the replication roles', () => {
    expect(find(rcps, DENY_CENTRAL_BUCKET_TAMPERING_SID)?.Action).toEqual(expect.arrayContaining(['s3:PutObject*', 's3:RestoreObject', 's3:InitiateReplication']));
    expect(find(rcps, DENY_CENTRAL_BUCKET_FOREIGN_REPLICATION_SID)?.Action).toEqual(['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']);
  });
});
