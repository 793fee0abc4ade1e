import { LIMITS } from '../../cdk/constants';
import { formatIssue } from '../../cdk/errors';
import { Names } from '../../cdk/names';
import {
  buildPolicies,
  cfctRewrite,
  cfctSize,
  DESCRIPTION_MAX_CHARS,
  documentSize,
  PolicyBuildError,
  rcpTargets,
  scpStatements,
  scpTargets,
} from '../../cdk/policies';
import { policyScenarioConfig } from './scenario';

/** Runs `fn`, expecting a PolicyBuildError, and returns it. */
function buildError(fn: () => unknown): { message: string; issues: string[] } {
  try {
    fn();
  } catch (err) {
    if (err instanceof PolicyBuildError) return { message: err.message, issues: err.issues.map(formatIssue) };
    throw err;
  }
  throw new Error('expected a PolicyBuildError');
}

/** The house format: `- <dot.path>: <what is wrong> (got <value>); <what to do>`. */
const ISSUE_LINE = /^- [A-Za-z][A-Za-z.[\]0-9]*: .+ \(got .+\); .+$/;

describe('buildPolicies on the example environment', () => {
  const config = policyScenarioConfig();
  const policies = buildPolicies(config);
  const names = new Names(config.prefix);

  test('writes two guardrail SCPs at the 5,120 budget, then the RCP', () => {
    expect(policies.map((p) => [p.kind, p.name])).toEqual([
      ['scp', names.scp(1)],
      ['scp', names.scp(2)],
      ['rcp', names.rcp],
    ]);
  });

  test('targets the member OUs, the aggregation OU and the additional OUs, each once, in first-seen order', () => {
    expect(policies[0].organizationalUnits).toEqual(['Workloads', 'Workloads:Prod', 'Security']);
    const more = policyScenarioConfig(
      { members: { organizationalUnits: ['Workloads', 'Security', 'Workloads:Prod'], regions: ['us-east-1'] } },
      { additionalOrganizationalUnits: ['Infrastructure', 'Workloads'] },
    );
    expect(scpTargets(more)).toEqual(['Workloads', 'Security', 'Workloads:Prod', 'Infrastructure']);
    expect(buildPolicies(more)[0].organizationalUnits).toEqual(['Workloads', 'Security', 'Workloads:Prod', 'Infrastructure']);
  });

  test('attaches the RCP to the aggregation OU only', () => {
    expect(policies[2].organizationalUnits).toEqual(['Security']);
    expect(rcpTargets(config)).toEqual(['Security']);
  });

  test('writes minified one-line JSON with no trailing newline that CfCT leaves unchanged', () => {
    for (const policy of policies) {
      expect(policy.text).toBe(JSON.stringify(policy.document));
      expect(policy.text).not.toMatch(/\n|\r/);
      expect(policy.text).not.toContain('  ');
      expect(policy.text.endsWith('}')).toBe(true);
      expect(cfctRewrite(policy.text)).toBe(policy.text);
      expect(JSON.parse(policy.text)).toEqual(policy.document);
    }
  });

  test('measures each policy after the CfCT rewrite and keeps it within its budget', () => {
    expect(policies[0].budget).toBe(5120);
    expect(policies[2].budget).toBe(LIMITS.rcpMaxChars);
    for (const policy of policies) {
      expect(policy.cfctSize).toBe(cfctSize(policy.text));
      expect(policy.cfctSize).toBeLessThanOrEqual(policy.budget);
    }
  });

  test('gives every policy a plain-ASCII description of at most 512 characters', () => {
    for (const policy of policies) {
      expect(policy.description.length).toBeGreaterThan(0);
      expect(policy.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX_CHARS);
      expect(policy.description).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  test('is deterministic', () => {
    expect(JSON.stringify(buildPolicies(policyScenarioConfig()))).toBe(JSON.stringify(policies));
  });

  test('omits the RCP unless enabled', () => {
    const withoutRcp = buildPolicies(policyScenarioConfig({}, { resourceControlPolicy: false }));
    expect(withoutRcp.map((p) => p.kind)).toEqual(['scp', 'scp']);
  });

  test('fits the defaults (5,120 characters, two free slots, no exempt patterns, both Bedrock guardrails on) into two SCPs', () => {
    const defaults = policyScenarioConfig({}, { exemptRolePatterns: [], resourceControlPolicy: undefined });
    expect(defaults.policies.freeScpSlots).toBe(2);
    expect(defaults.policies.denyBedrockOutsideMemberRegions && defaults.policies.denyUnloggedInference).toBe(true);
    const scps = buildPolicies(defaults);
    expect(scps).toHaveLength(2);
    for (const scp of scps) expect(scp.cfctSize).toBeLessThanOrEqual(5120);
  });

  test('uses a configured execution role name instead of AWSControlTowerExecution', () => {
    const custom = buildPolicies(policyScenarioConfig({ executionRoleName: 'OrgStackSetExecution' }));
    for (const policy of custom) {
      expect(policy.text).toContain('role/OrgStackSetExecution"');
      expect(policy.text).not.toContain('AWSControlTowerExecution');
    }
  });
});

describe('splitting into numbered policies', () => {
  test('splits into numbered policies under a tiny budget, each within it, statements in order', () => {
    const config = policyScenarioConfig({}, { scpSizeBudget: 1400, freeScpSlots: 10 });
    const scps = buildPolicies(config).filter((p) => p.kind === 'scp');
    const names = new Names(config.prefix);
    expect(scps.length).toBeGreaterThan(2);
    expect(scps.map((p) => p.name)).toEqual(scps.map((_, i) => names.scp(i + 1)));
    expect(scps[0].name).toBe('bedrock-logs-guardrails');
    expect(scps[1].name).toBe('bedrock-logs-guardrails-2');
    for (const scp of scps) {
      expect(scp.cfctSize).toBeLessThanOrEqual(1400);
      expect(scp.budget).toBe(1400);
      expect(scp.organizationalUnits).toEqual(['Workloads', 'Workloads:Prod', 'Security']);
    }
    expect(scps.flatMap((p) => p.document.Statement)).toEqual(scpStatements(config));
    expect(scps.map((p) => p.description)).toEqual(scps.map((_, i) => expect.stringContaining(`part ${i + 1} of ${scps.length}`)));
  });

  test('splits deterministically: the same budget always yields the same policies', () => {
    const build = () => buildPolicies(policyScenarioConfig({}, { scpSizeBudget: 1400, freeScpSlots: 10 })).map((p) => p.text);
    expect(build()).toEqual(build());
  });

  test('packs greedily: no policy could have taken the first statement of the next', () => {
    const scps = buildPolicies(policyScenarioConfig({}, { scpSizeBudget: 2000, freeScpSlots: 10 })).filter((p) => p.kind === 'scp');
    for (let i = 0; i + 1 < scps.length; i++) {
      expect(documentSize([...scps[i].document.Statement, scps[i + 1].document.Statement[0]])).toBeGreaterThan(2000);
    }
  });

  test('fits everything into one SCP at the 10,240 budget, even with several exempt patterns', () => {
    const config = policyScenarioConfig({}, { scpSizeBudget: 10240, exemptRolePatterns: ['BreakGlass*', 'SecurityIncidentResponse', 'OrgPipeline-*'] });
    const scps = buildPolicies(config).filter((p) => p.kind === 'scp');
    expect(scps).toHaveLength(1);
    expect(scps[0].budget).toBe(10240);
    expect(scps[0].cfctSize).toBeLessThanOrEqual(10240);
  });
});

describe('failures', () => {
  test('fails if the guardrails need more SCPs than policies.freeScpSlots', () => {
    const config = policyScenarioConfig({}, { scpSizeBudget: 1400, freeScpSlots: 2 });
    const needed = buildPolicies(policyScenarioConfig({}, { scpSizeBudget: 1400, freeScpSlots: 10 })).filter((p) => p.kind === 'scp').length;
    const err = buildError(() => buildPolicies(config));
    expect(err.issues).toEqual([
      `- policies.freeScpSlots: the guardrails need ${needed} SCPs of at most 1,400 characters each, but only 2 slots are free on every target OU (got 2); ` +
        `free ${needed - 2} more SCP slots on Workloads, Workloads:Prod, Security and set policies.freeScpSlots to ${needed}, ` +
        `or raise policies.scpSizeBudget (up to 10240 where the organization has the new limit) so fewer policies are needed`,
    ]);
    expect(err.message).toBe(`environment "example" (guardrail policies) has 1 issue:\n${err.issues[0]}`);
    expect(err.issues[0]).toMatch(ISSUE_LINE);
  });

  test('fails if a single slot cannot hold the guardrails', () => {
    const err = buildError(() => buildPolicies(policyScenarioConfig({}, { freeScpSlots: 1 })));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatch(/^- policies\.freeScpSlots: the guardrails need 2 SCPs of at most 5,120 characters each, but only 1 slot is free on every target OU \(got 1\); free 1 more SCP slot on /);
  });

  test('fails if one statement alone is over the budget, naming it', () => {
    const err = buildError(() => buildPolicies(policyScenarioConfig({}, { scpSizeBudget: 500, freeScpSlots: 20 })));
    const oversized = err.issues.filter((i) => i.startsWith('- policies.scpSizeBudget: statement '));
    expect(oversized.length).toBeGreaterThan(0);
    expect(oversized).toContainEqual(
      expect.stringMatching(
        /^- policies\.scpSizeBudget: statement DenyFunctionRolesOutsideFunctions alone takes [\d,]+ characters after CfCT's whitespace rewrite, more than one SCP may hold \(got 500\); raise policies\.scpSizeBudget to at least \d+ \(Organizations allows up to 10240\) or list fewer policies\.exemptRolePatterns$/,
      ),
    );
    for (const issue of err.issues) expect(issue).toMatch(ISSUE_LINE);
  });

  test('fails if policies.scpSizeBudget is above what Organizations allows', () => {
    const err = buildError(() => buildPolicies(policyScenarioConfig({}, { scpSizeBudget: 20000 })));
    expect(err.issues).toEqual([
      '- policies.scpSizeBudget: is more than Organizations allows for one SCP (10,240 characters) (got 20000); set it to at most 10240 (or 5120 where the organization still has the old limit)',
    ]);
  });

  test('fails if an exempt pattern holds two spaces in a row, which CfCT would remove', () => {
    const err = buildError(() => buildPolicies(policyScenarioConfig({}, { exemptRolePatterns: ['Break  Glass'] })));
    expect(err.issues[0]).toMatch(/^- policies\.exemptRolePatterns: policy bedrock-logs-guardrails contains a line break or two spaces in a row, which CfCT's whitespace rewrite would corrupt \(got \["Break {2}Glass"\]\); /);
  });

  test('fails if the RCP is over 5,120 characters, and reports every issue at once', () => {
    const patterns = Array.from({ length: 150 }, (_, i) => `BreakGlassRoleNumber${i}`);
    const err = buildError(() => buildPolicies(policyScenarioConfig({}, { exemptRolePatterns: patterns, scpSizeBudget: 10240, freeScpSlots: 1 })));
    expect(err.issues.some((i) => i.startsWith('- policies.resourceControlPolicy: the RCP takes '))).toBe(true);
    expect(err.issues.some((i) => i.startsWith('- policies.scpSizeBudget: statement '))).toBe(true);
    for (const issue of err.issues) expect(issue).toMatch(ISSUE_LINE);
  });
});
