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
import { isAccountId } from './field-checks';
import { memberStackAccounts } from './reach';
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
  // OUs named only in acknowledgements may be child OUs of bound OUs (they inherit the SCPs).
  for (const ou of Object.keys(config.policies.acknowledgedCoverageGaps).filter((key) => !isAccountId(key))) {
    if (members.has(ou) || bound.has(ou)) continue;
    const parent = ancestors(ou).find((a) => bound.has(a));
    if (parent !== undefined) {
      gaps.push({ kind: 'organizationalUnit', name: ou, path: `policies.acknowledgedCoverageGaps.${ou}`, boundBy: `it inherits the guardrail SCPs of ${parent}` });
    }
  }
  const aggregation = config.aggregation;
  if (!members.has(aggregation.organizationalUnit) && !memberStackAccounts(config).includes(aggregation.accountId)) {
    gaps.push({ kind: 'account', name: aggregation.accountId, path: 'aggregation.accountId', boundBy: `its OU ${aggregation.organizationalUnit} is bound by the guardrail SCPs` });
  }
  return gaps;
}

/**
 * The errors coverage gaps make: one per gap not acknowledged, one per acknowledgement that names
 * no gap (stale: the OU became a member OU, the guardrails never bound it, the account gets the stack).
 */
export function coverageIssues(config: ResolvedConfig): Issue[] {
  const gaps = coverageGaps(config);
  const acknowledged = config.policies.acknowledgedCoverageGaps;
  const issues: Issue[] = [];
  for (const gap of gaps.filter((g) => acknowledged[g.name] === undefined)) {
    const fix = `, or acknowledge it in policies.acknowledgedCoverageGaps with '${gap.name}': { reason: '...' }`;
    if (gap.kind === 'account') {
      issues.push(issue(gap.path, `is bound by the guardrails (${gap.boundBy}) but gets no member stack, so Bedrock can be used there without logging`, gap.name,
        `set aggregation.deployMemberStack to true${fix}`));
    } else {
      issues.push(issue(gap.path, `names an OU whose accounts are bound by the guardrails (${gap.boundBy}) but get no member stack (it reaches only members.organizationalUnits and the listed accounts), so Bedrock can be used there without logging`, gap.name,
        `add '${gap.name}' to members.organizationalUnits${fix}`));
    }
  }
  for (const key of Object.keys(acknowledged)) {
    if (gaps.some((g) => g.name === key)) continue;
    const why = !isAccountId(key)
      ? (config.members.organizationalUnits.includes(key) ? 'it is a member OU, so the member stack reaches it' : 'the guardrails do not bind it (neither it nor a parent is a member, aggregation or additional OU)')
      : (key === config.aggregation.accountId ? 'the aggregation account gets the member stack' : 'only the aggregation account can be acknowledged by ID');
    issues.push(issue(`policies.acknowledgedCoverageGaps.${key}`, `acknowledges no coverage gap: ${why}`, key, 'remove this acknowledgement'));
  }
  return issues;
}
