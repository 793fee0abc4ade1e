/**
 * Turns the environment into the package's Organizations policies: the guardrail SCPs (split into
 * numbered policies when they do not fit one) and, if enabled, the RCP of the central bucket.
 */
import { LIMITS } from '../constants';
import type { ResolvedConfig } from '../env/resolve';
import { Names } from '../names';
import { cfctRewrite, cfctSize, policyText } from './cfct-size';
import { formatCount, issue, type Issue } from '../errors';
import { PolicyBuildError } from './errors';
import { rcpStatements, scpStatements } from './guardrails';
import { unique } from './scope';
import type { GeneratedPolicy, PolicyDocument, PolicyStatement } from './types';

/** Organizations' limit on a policy description. */
export const DESCRIPTION_MAX_CHARS = 512;

const POLICY_VERSION = '2012-10-17';

/** The OUs the guardrail SCPs are attached to: member OUs, the aggregation OU, the extra OUs; deduplicated. */
export function scpTargets(config: ResolvedConfig): string[] {
  return unique([
    ...config.members.organizationalUnits,
    config.aggregation.organizationalUnit,
    ...config.policies.additionalOrganizationalUnits,
  ]);
}

/** The OU the RCP is attached to: the aggregation account's. */
export function rcpTargets(config: ResolvedConfig): string[] {
  return [config.aggregation.organizationalUnit];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: POLICY_VERSION, Statement: [...statements] };
}

/** Size after CfCT's rewrite of a policy holding exactly `statements`. */
export function documentSize(statements: readonly PolicyStatement[]): number {
  return cfctSize(policyText(policyDocument(statements)));
}

/**
 * Splits statements, in order, into as few consecutive groups as fit `budget` each (greedy: a
 * statement goes into the current policy if it still fits, else it opens the next). The result
 * depends only on the statements and the budget. A statement too big to fit even alone is reported
 * in `oversized` and left out.
 */
export function packStatements(
  statements: readonly PolicyStatement[],
  budget: number,
): { groups: PolicyStatement[][]; oversized: { sid: string; size: number }[] } {
  const groups: PolicyStatement[][] = [];
  const oversized: { sid: string; size: number }[] = [];
  let current: PolicyStatement[] = [];
  for (const statement of statements) {
    const alone = documentSize([statement]);
    if (alone > budget) {
      oversized.push({ sid: statement.Sid, size: alone });
      continue;
    }
    if (current.length > 0 && documentSize([...current, statement]) > budget) {
      groups.push(current);
      current = [];
    }
    current.push(statement);
  }
  if (current.length > 0) groups.push(current);
  return { groups, oversized };
}

function scpDescription(config: ResolvedConfig, index: number, count: number): string {
  const part = count > 1 ? `, part ${index} of ${count}` : '';
  return (
    `Bedrock model invocation logging guardrails (${config.prefix}${part}): only ${config.executionRoleName}, ` +
    `the exempt roles and, for their own task, the project's roles may change the logging configuration ` +
    `or the project's functions, roles, buckets, stacks, query layer and audit tag.`
  );
}

function rcpDescription(config: ResolvedConfig): string {
  return (
    `Central Bedrock log bucket (${config.prefix}): principals outside ${config.organizationId} are kept out, ` +
    `and only ${config.executionRoleName} and the exempt roles may delete objects or change the bucket's ` +
    `policy, lifecycle, versioning or lock settings.`
  );
}

function generated(
  kind: 'scp' | 'rcp',
  name: string,
  description: string,
  organizationalUnits: readonly string[],
  statements: readonly PolicyStatement[],
  budget: number,
): GeneratedPolicy {
  const document = policyDocument(statements);
  const text = policyText(document);
  return { kind, name, description, organizationalUnits, document, text, cfctSize: cfctSize(text), budget };
}

/** Checks what every policy must satisfy whatever the budget: text CfCT leaves alone, a valid description. */
function checkPolicy(config: ResolvedConfig, policy: GeneratedPolicy, issues: Issue[]): void {
  if (cfctRewrite(policy.text) !== policy.text) {
    issues.push(
      issue(
        'policies.exemptRolePatterns',
        `policy ${policy.name} contains a line break or two spaces in a row, which CfCT's whitespace rewrite would corrupt`,
        config.policies.exemptRolePatterns,
        'use IAM role name patterns without spaces',
      ),
    );
  }
  if (policy.description.length > DESCRIPTION_MAX_CHARS || !/^[\x20-\x7e]*$/.test(policy.description)) {
    issues.push(
      issue(
        'executionRoleName',
        `makes the description of policy ${policy.name} longer than ${DESCRIPTION_MAX_CHARS} characters or not plain ASCII`,
        config.executionRoleName,
        'use the IAM role name of the execution role (at most 64 ASCII characters)',
      ),
    );
  }
}

function buildScps(config: ResolvedConfig, issues: Issue[]): GeneratedPolicy[] {
  const budget = config.policies.scpSizeBudget;
  const slots = config.policies.freeScpSlots;
  if (budget > LIMITS.scpMaxChars) {
    issues.push(
      issue(
        'policies.scpSizeBudget',
        `is more than Organizations allows for one SCP (${formatCount(LIMITS.scpMaxChars)} characters)`,
        budget,
        `set it to at most ${LIMITS.scpMaxChars} (or 5120 where the organization still has the old limit)`,
      ),
    );
  }
  const { groups, oversized } = packStatements(scpStatements(config), budget);
  for (const { sid, size } of oversized) {
    issues.push(
      issue(
        'policies.scpSizeBudget',
        `statement ${sid} alone takes ${formatCount(size)} characters after CfCT's whitespace rewrite, more than one SCP may hold`,
        budget,
        `raise policies.scpSizeBudget to at least ${size} (Organizations allows up to ${LIMITS.scpMaxChars}) or list fewer policies.exemptRolePatterns`,
      ),
    );
  }
  // With a statement that fits nowhere the count of policies is unknown: report the size first.
  const needed = groups.length;
  if (oversized.length === 0 && needed > slots) {
    issues.push(
      issue(
        'policies.freeScpSlots',
        `the guardrails need ${needed} SCPs of at most ${formatCount(budget)} characters each, but only ${slots} ` +
          `${slots === 1 ? 'slot is' : 'slots are'} free on every target OU`,
        slots,
        `free ${needed - slots} more SCP ${needed - slots === 1 ? 'slot' : 'slots'} on ${scpTargets(config).join(', ')} ` +
          `and set policies.freeScpSlots to ${needed}, or raise policies.scpSizeBudget ` +
          `(up to ${LIMITS.scpMaxChars} where the organization has the new limit) so fewer policies are needed`,
      ),
    );
  }
  const names = new Names(config.prefix);
  const targets = scpTargets(config);
  return groups.map((statements, i) =>
    generated('scp', names.scp(i + 1), scpDescription(config, i + 1, groups.length), targets, statements, budget),
  );
}

function buildRcp(config: ResolvedConfig, issues: Issue[]): GeneratedPolicy {
  const policy = generated(
    'rcp',
    new Names(config.prefix).rcp,
    rcpDescription(config),
    rcpTargets(config),
    rcpStatements(config),
    LIMITS.rcpMaxChars,
  );
  if (policy.cfctSize > policy.budget) {
    issues.push(
      issue(
        'policies.resourceControlPolicy',
        `the RCP takes ${formatCount(policy.cfctSize)} characters after CfCT's whitespace rewrite, more than Organizations allows (${formatCount(policy.budget)})`,
        true,
        'list fewer policies.exemptRolePatterns, or set policies.resourceControlPolicy to false',
      ),
    );
  }
  return policy;
}

/**
 * Every Organizations policy of the package for this environment: the guardrail SCPs first
 * (numbered: `<prefix>-guardrails`, `<prefix>-guardrails-2`, ...), then the RCP when enabled.
 * Deterministic: the same configuration always yields byte-identical texts.
 *
 * @throws PolicyBuildError listing every problem (over budget, more policies than free slots).
 */
export function buildPolicies(config: ResolvedConfig): GeneratedPolicy[] {
  const issues: Issue[] = [];
  const policies = buildScps(config, issues);
  if (config.policies.resourceControlPolicy) policies.push(buildRcp(config, issues));
  for (const policy of policies) checkPolicy(config, policy, issues);
  if (issues.length > 0) throw new PolicyBuildError(config.name, issues);
  return policies;
}
