/**
 * The organization the matrix models for a scenario: root → OUs → accounts, `FullAWSAccess` at every
 * level, the guardrail SCPs attached to the OUs CfCT targets and the RCP to the aggregation OU,
 * exactly as the manifest names them. Accounts sit where the scenario puts them; `aws:PrincipalOrgPaths`
 * follows from the OU IDs the map gives (placeholders for the others).
 */
import type { SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { MATRIX_ACCOUNTS, memberAccountOf, type Scenario } from './scenario';

export const ROOT_ID = 'r-a1b2';
export const OUTSIDE_ORGANIZATION = 'o-zzzzzzzzzz';
/** An OU no policy of the package targets. */
export const UNMANAGED_OU = 'Unmanaged';
/** A child OU of the first member OU that the map does not name. */
export const UNNAMED_CHILD_OU = 'Legacy';

/** FNV-1a, 32 bits, as 8 hex digits: a stable stand-in for an OU ID's random part. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

export const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** Where an account sits: its OU path as CfCT writes it (`A:B`), or none (the management account). */
export interface Placement {
  readonly account: string;
  readonly ou?: string;
}

export class World {
  readonly member: Placement;
  readonly aggregation: Placement;
  readonly management: Placement;
  readonly unmanaged: Placement;
  readonly childOu: Placement;

  constructor(private readonly scenario: Scenario) {
    const { config } = scenario;
    const memberOu = config.members.organizationalUnits[0] ?? config.policies.additionalOrganizationalUnits[0] ?? config.aggregation.organizationalUnit;
    this.member = { account: memberAccountOf(config), ou: memberOu };
    this.aggregation = { account: config.aggregation.accountId, ou: config.aggregation.organizationalUnit };
    this.management = { account: config.managementAccountId ?? MATRIX_ACCOUNTS.management };
    this.unmanaged = { account: MATRIX_ACCOUNTS.unmanaged, ou: UNMANAGED_OU };
    this.childOu = { account: MATRIX_ACCOUNTS.childOu, ou: `${memberOu}:${UNNAMED_CHILD_OU}` };
  }

  get organizationId(): string {
    return this.scenario.config.organizationId;
  }

  /** `A:B:C` → `['A', 'A:B', 'A:B:C']`: the OUs from the root down. */
  private chain(ou: string | undefined): string[] {
    if (ou === undefined) return [];
    const parts = ou.split(':');
    return parts.map((_, i) => parts.slice(0, i + 1).join(':'));
  }

  /** The OU's ID: the map's, else a placeholder derived from its path (the same in every run and instance). */
  ouId(ou: string): string {
    return this.scenario.config.members.organizationalUnitIds[ou] ?? `ou-a1b2-${fnv1a(ou)}`;
  }

  /** `aws:PrincipalOrgPaths` of an account: `<org>/<root>/<ou id>/…/`. */
  orgPath(placement: Placement): string {
    return `${this.organizationId}/${ROOT_ID}/${this.chain(placement.ou).map((ou) => `${this.ouId(ou)}/`).join('')}`;
  }

  private attached(kind: 'scp' | 'rcp', ou: string): { name: string; policy: unknown }[] {
    return this.scenario.policies
      .filter((p) => p.kind === kind && p.organizationalUnits.includes(ou))
      .map((p) => ({ name: p.name, policy: p.document }));
  }

  /** The SCPs binding a principal of this account (none for the management account). */
  scps(placement: Placement | undefined): SimulationOrgPolicies[] {
    if (placement?.ou === undefined) return [];
    const full = { name: 'FullAWSAccess', policy: FULL_ACCESS };
    return [
      { orgIdentifier: ROOT_ID, policies: [full] },
      ...this.chain(placement.ou).map((ou) => ({ orgIdentifier: ou, policies: [full, ...this.attached('scp', ou)] })),
      { orgIdentifier: placement.account, policies: [full] },
    ];
  }

  /** The RCPs on resources of this account (RCPFullAWSAccess is implicit). */
  rcps(placement: Placement | undefined): SimulationOrgPolicies[] {
    if (placement?.ou === undefined) return [];
    return [
      { orgIdentifier: ROOT_ID, policies: [] },
      ...this.chain(placement.ou).map((ou) => ({ orgIdentifier: ou, policies: this.attached('rcp', ou) })),
      { orgIdentifier: placement.account, policies: [] },
    ];
  }

  /** The placement of an account the scenario knows. */
  placementOf(account: string): Placement | undefined {
    return [this.member, this.aggregation, this.unmanaged, this.childOu].find((p) => p.account === account);
  }
}
