/**
 * Coverage gaps: OUs and accounts that the guardrail SCPs bind but the member StackSet never reaches,
 * from what the map knows. There Bedrock is usable and the guardrails even stop anyone from
 * switching logging on, so nothing is logged. Every gap must be covered (a member OU,
 * `aggregation.deployMemberStack`) or acknowledged with a reason in `policies.acknowledgedCoverageGaps`.
 *
 * What decides a gap (CfCT semantics, see docs/security.md): an SCP attached to an OU binds every
 * account in it and in all its child OUs; a StackSet targeting an OU reaches only the accounts
 * directly in it. So:
 * - the aggregation OU and each of `policies.additionalOrganizationalUnits` that is not a member OU
 *   is a gap (its accounts are bound, none gets the stack, except accounts listed by ID);
 * - the aggregation account is a gap unless its OU is a member OU or it runs the member stack;
 * - an OU named in the map as `A:B` whose ancestor `A` is bound, and that is not itself a member OU,
 *   is a gap (named, for example, in an acknowledgement).
 * Child OUs the map never names cannot be seen here: that residual gap is documented, and the
 * `coverage` command finds it in the live organization.
 */
import { issue, type Issue } from '../errors';
import type { ResolvedConfig } from './resolve';

/** One OU or account the guardrails bind and the member stack does not reach. */
export interface CoverageGap {
  readonly kind: 'organizationalUnit' | 'account';
  /** The OU as written in the map, or the account ID. */
  readonly name: string;
  /** The field that makes it a gap (where the error points). */
  readonly path: string;
  /** Why it is bound. */
  readonly boundBy: string;
}

/** The OUs the guardrail SCPs are attached to, with the field that names each (first one wins). */
function boundOrganizationalUnits(config: ResolvedConfig): Map<string, string> {
  const bound = new Map<string, string>();
  config.members.organizationalUnits.forEach((ou, i) => bound.set(ou, `members.organizationalUnits[${i}]`));
  if (!bound.has(config.aggregation.organizationalUnit)) bound.set(config.aggregation.organizationalUnit, 'aggregation.organizationalUnit');
  config.policies.additionalOrganizationalUnits.forEach((ou, i) => {
    if (!bound.has(ou)) bound.set(ou, `policies.additionalOrganizationalUnits[${i}]`);
  });
  return bound;
}

/** `A:B:C` → `['A', 'A:B']`. */
function ancestors(ou: string): string[] {
  const parts = ou.split(':');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(':'));
}

/** Every coverage gap the map shows, in the order of the fields that name them. */
export function coverageGaps(config: ResolvedConfig): CoverageGap[] {
  const members = new Set(config.members.organizationalUnits);
  const bound = boundOrganizationalUnits(config);
  const gaps: CoverageGap[] = [];
  for (const [ou, path] of bound) {
    if (!members.has(ou)) gaps.push({ kind: 'organizationalUnit', name: ou, path, boundBy: 'the guardrail SCPs are attached to it' });
  }
  const named = new Set([
    ...bound.keys(),
    ...config.policies.acknowledgedCoverageGaps.flatMap((gap) => (gap.organizationalUnit === undefined ? [] : [gap.organizationalUnit])),
  ]);
  for (const ou of named) {
    if (members.has(ou) || gaps.some((g) => g.name === ou)) continue;
    const parent = ancestors(ou).find((a) => bound.has(a));
    if (parent !== undefined) {
      const at = config.policies.acknowledgedCoverageGaps.findIndex((g) => g.organizationalUnit === ou);
      gaps.push({
        kind: 'organizationalUnit',
        name: ou,
        path: bound.get(ou) ?? `policies.acknowledgedCoverageGaps[${at}].organizationalUnit`,
        boundBy: `it inherits the guardrail SCPs of ${parent}`,
      });
    }
  }
  const aggregation = config.aggregation;
  if (!aggregation.deployMemberStack && !members.has(aggregation.organizationalUnit) && !config.members.accounts.includes(aggregation.accountId)) {
    gaps.push({ kind: 'account', name: aggregation.accountId, path: 'aggregation.accountId', boundBy: `its OU ${aggregation.organizationalUnit} is bound by the guardrail SCPs` });
  }
  return gaps;
}

function acknowledged(config: ResolvedConfig, gap: CoverageGap): boolean {
  return config.policies.acknowledgedCoverageGaps.some((a) => (gap.kind === 'account' ? a.account === gap.name : a.organizationalUnit === gap.name));
}

/**
 * The errors coverage gaps make: one per gap not acknowledged, one per acknowledgement that names
 * no gap (stale: the OU became a member OU, or the guardrails never bound it).
 */
export function coverageIssues(config: ResolvedConfig): Issue[] {
  const gaps = coverageGaps(config);
  const issues: Issue[] = [];
  for (const gap of gaps.filter((g) => !acknowledged(config, g))) {
    if (gap.kind === 'account') {
      issues.push(issue(gap.path, `is bound by the guardrails (${gap.boundBy}) but gets no member stack, so Bedrock can be used there without logging`, gap.name,
        `set aggregation.deployMemberStack to true, or acknowledge it in policies.acknowledgedCoverageGaps with { account: '${gap.name}', reason: '...' }`));
    } else {
      issues.push(issue(gap.path, `names an OU whose accounts are bound by the guardrails (${gap.boundBy}) but get no member stack (it reaches only members.organizationalUnits and the listed accounts), so Bedrock can be used there without logging`, gap.name,
        `add '${gap.name}' to members.organizationalUnits, or acknowledge it in policies.acknowledgedCoverageGaps with { organizationalUnit: '${gap.name}', reason: '...' }`));
    }
  }
  config.policies.acknowledgedCoverageGaps.forEach((ack, i) => {
    const isGap = gaps.some((g) => (ack.account === undefined ? g.kind === 'organizationalUnit' && g.name === ack.organizationalUnit : g.kind === 'account' && g.name === ack.account));
    if (isGap) return;
    const field = ack.account === undefined ? 'organizationalUnit' : 'account';
    const value = ack.account ?? ack.organizationalUnit;
    const why = ack.account === undefined
      ? (config.members.organizationalUnits.includes(value ?? '') ? 'it is a member OU, so the member stack reaches it' : 'the guardrails do not bind it (neither it nor a parent is a member, aggregation or additional OU)')
      : (value === config.aggregation.accountId ? 'the aggregation account gets the member stack' : 'only the aggregation account can be acknowledged by ID');
    issues.push(issue(`policies.acknowledgedCoverageGaps[${i}].${field}`, `acknowledges no coverage gap: ${why}`, value, 'remove this acknowledgement'));
  });
  return issues;
}
