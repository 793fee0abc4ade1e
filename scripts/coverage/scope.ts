/**
 * Which accounts the environment covers, resolved against the organization exactly as CfCT
 * resolves a manifest's deployment targets (aws-solutions/aws-control-tower-customizations v2.8.4,
 * source/src/cfct/manifest/manifest_parser.py: `get_accounts_in_ou`, `get_ou_id`,
 * `get_final_account_list`):
 *
 * - a top-level OU is named by its name, a nested OU by its path `A:B` (walked name by name from
 *   the root, case-sensitive); `Root` alone is the root;
 * - a StackSet reaches the ACTIVE accounts directly in a named OU, not those of its sub-OUs;
 * - for `Root`, CfCT deploys to the accounts of Control Tower's baseline StackSet (the enrolled
 *   accounts), which this command cannot list: it counts every ACTIVE account except the
 *   management account as covered;
 * - a listed account is kept only when it is an ACTIVE account of the organization.
 *
 * The guardrail SCPs are attached to the member OUs, the aggregation OU and
 * `policies.additionalOrganizationalUnits` (`scpTargets`), and SCPs apply to every account below
 * an OU they are attached to (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html).
 */
import type { ResolvedConfig } from '../../cdk/env/resolve';
import { scpTargets } from '../../cdk/policies/build';
import type { OrganizationTree, OrgAccount } from './organization';
import type { ScopeIssue } from './report';
import type { AccountClass } from './states';

/** CfCT's name of the organization root in deployment targets. */
export const ROOT_TARGET = 'Root';
const ACTIVE = 'ACTIVE';

/** An account with its classification. */
export interface ScopedAccount {
  readonly account: OrgAccount;
  /** The OU holding it, as CfCT writes it (`Root` for the root). */
  readonly ouPath: string;
  readonly classification: AccountClass;
  readonly reason: string;
}

export interface Scope {
  /** Every account of the organization: covered ones first, then by classification, OU path and ID. */
  readonly accounts: readonly ScopedAccount[];
  readonly issues: readonly ScopeIssue[];
}

/** The ID of the OU a CfCT target names, or undefined when nothing in the organization has that path. */
export function resolveTarget(tree: OrganizationTree, target: string): string | undefined {
  if (target === ROOT_TARGET) return tree.rootId;
  for (const unit of tree.units.values()) if (unit.path === target) return unit.id;
  return undefined;
}

/** The path of an OU (or `Root`). */
function pathOf(tree: OrganizationTree, parentId: string): string {
  return tree.units.get(parentId)?.path ?? ROOT_TARGET;
}

/** The account's parent, its parent's parent, ... up to and including the root. */
function ancestors(tree: OrganizationTree, parentId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = parentId; id !== undefined; id = tree.units.get(id)?.parentId) chain.push(id);
  return chain;
}

/** Resolves a list of map targets; unresolved ones become issues. */
function resolveAll(tree: OrganizationTree, targets: readonly { path: string; target: string }[], issues: ScopeIssue[], why: string): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const { path, target } of targets) {
    const id = resolveTarget(tree, target);
    if (id === undefined) issues.push({ path, value: target, message: `names no OU of the organization ${tree.id}: ${why}` });
    else resolved.set(id, target);
  }
  return resolved;
}

const CLASS_ORDER: readonly AccountClass[] = ['covered', 'guardrails-only', 'outside', 'management', 'suspended'];

/** Classifies every account of `tree` for `config`. */
export function resolveScope(tree: OrganizationTree, config: ResolvedConfig): Scope {
  const issues: ScopeIssue[] = [];
  const memberOus = resolveAll(tree, config.members.organizationalUnits.map((target, i) => ({ path: `members.organizationalUnits[${i}]`, target })), issues,
    'CfCT fails the member StackSet for an unresolved nested path and deploys nowhere for an unknown top-level name');
  const guardrailTargets = [
    { path: 'aggregation.organizationalUnit', target: config.aggregation.organizationalUnit },
    ...config.policies.additionalOrganizationalUnits.map((target, i) => ({ path: `policies.additionalOrganizationalUnits[${i}]`, target })),
  ];
  resolveAll(tree, guardrailTargets, issues, 'CfCT cannot attach the guardrail SCP to it');
  const guarded = new Map(scpTargets(config).flatMap((target): [string, string][] => {
    const id = resolveTarget(tree, target);
    return id === undefined ? [] : [[id, target]];
  }));

  const byId = new Map(tree.accounts.map((account) => [account.id, account]));
  const listed = new Set<string>();
  config.members.accounts.forEach((id, i) => {
    if (byId.has(id)) listed.add(id);
    else issues.push({ path: `members.accounts[${i}]`, value: id, message: `is not an account of the organization ${tree.id}: CfCT drops it silently` });
  });
  if (!byId.has(config.aggregation.accountId)) {
    issues.push({ path: 'aggregation.accountId', value: config.aggregation.accountId, message: `is not an account of the organization ${tree.id}: the central bucket cannot be there` });
  }
  const rootCovered = memberOus.has(tree.rootId);

  const classify = (account: OrgAccount): { classification: AccountClass; reason: string } => {
    if (account.state !== ACTIVE) return { classification: 'suspended', reason: `its state is ${account.state}; CfCT deploys only to ACTIVE accounts` };
    const isManagement = account.id === tree.managementAccountId;
    // `Root` is not "the accounts directly under the root" for CfCT but every enrolled account (below).
    const direct = account.parentId === tree.rootId ? undefined : memberOus.get(account.parentId);
    if (direct !== undefined) return { classification: 'covered', reason: `directly in member OU ${direct}` };
    if (listed.has(account.id)) return { classification: 'covered', reason: 'listed in members.accounts' };
    if (rootCovered && !isManagement) return { classification: 'covered', reason: 'Root is a member target: every enrolled account' };
    if (isManagement) return { classification: 'management', reason: 'the management account: SCPs do not apply to it and no member OU holds it directly' };
    const bound = ancestors(tree, account.parentId).find((id) => guarded.has(id));
    if (bound !== undefined) {
      const target = guarded.get(bound) as string;
      const how = bound === account.parentId ? `in guardrail target ${target}` : `below guardrail target ${target} (SCPs inherit)`;
      const gap = memberOus.has(bound) ? '; StackSets reach only accounts directly in a named OU' : '';
      return { classification: 'guardrails-only', reason: `${how}, not a member target${gap}` };
    }
    return { classification: 'outside', reason: 'no member OU, listed account or guardrail target holds it' };
  };

  const accounts = tree.accounts.map((account): ScopedAccount => ({ account, ouPath: pathOf(tree, account.parentId), ...classify(account) }));
  accounts.sort((a, b) =>
    CLASS_ORDER.indexOf(a.classification) - CLASS_ORDER.indexOf(b.classification) || a.ouPath.localeCompare(b.ouPath) || a.account.id.localeCompare(b.account.id));
  return { accounts, issues };
}
