/**
 * Reads the organization as it is: DescribeOrganization, ListRoots, then the OU tree and its
 * accounts parent by parent (ListOrganizationalUnitsForParent, ListAccountsForParent, both
 * paginated; the API returns at most 20 per page), so that every account is known with the OU
 * that holds it. Needs the management account (or a delegated administrator for Organizations).
 */
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { CallGate } from './gate';

/** Page size of the Organizations list calls (their maximum). */
const PAGE_SIZE = 20;
const SERVICE = 'organizations';

/** An OU, with its path as CfCT writes it (`Workloads:Prod`, never with `Root:`). */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  readonly path: string;
}

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  /** `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION); `Status` where `State` is absent. */
  readonly state: string;
  readonly parentId: string;
}

export interface OrganizationTree {
  readonly id: string;
  readonly managementAccountId: string;
  readonly rootId: string;
  /** Every OU by id. */
  readonly units: ReadonlyMap<string, OrgUnit>;
  /** Every account, in the order listed (parent by parent, breadth first). */
  readonly accounts: readonly OrgAccount[];
}

/** Every page of a NextToken-paginated list call. */
async function allPages<T>(gate: CallGate, page: (token: string | undefined, signal: AbortSignal) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const current = token;
    const answer = await gate.run(SERVICE, (signal) => page(current, signal));
    items.push(...(answer.items ?? []));
    token = answer.next;
  } while (token);
  return items;
}

/**
 * The account's lifecycle state: `Status` is retired from the API since 2026-09-09 in favour of
 * `State` (see the `Account` shape of @aws-sdk/client-organizations); read `State` first.
 */
function accountState(account: Account): string {
  return account.State ?? account.Status ?? 'UNKNOWN';
}

/** Scans the whole organization. Errors (no credentials, access denied) propagate to the caller. */
export async function scanOrganization(client: OrganizationsClient, gate: CallGate): Promise<OrganizationTree> {
  const { Organization: org } = await gate.run(SERVICE, (abortSignal) => client.send(new DescribeOrganizationCommand({}), { abortSignal }));
  const roots = await allPages(gate, async (NextToken, abortSignal) => {
    const answer = await client.send(new ListRootsCommand({ NextToken }), { abortSignal });
    return { items: answer.Roots, next: answer.NextToken };
  });
  const rootId = roots[0]?.Id;
  if (org?.Id === undefined || org.MasterAccountId === undefined || rootId === undefined) {
    throw new Error('Organizations answered without an organization ID, management account or root');
  }

  const units = new Map<string, OrgUnit>();
  const accounts: OrgAccount[] = [];
  let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
  while (level.length > 0) {
    const next: { id: string; path: string }[] = [];
    await Promise.all(level.map(async (parent) => {
      const [children, members] = await Promise.all([
        allPages(gate, async (NextToken, abortSignal) => {
          const answer = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken, MaxResults: PAGE_SIZE }), { abortSignal });
          return { items: answer.OrganizationalUnits, next: answer.NextToken };
        }),
        allPages(gate, async (NextToken, abortSignal) => {
          const answer = await client.send(new ListAccountsForParentCommand({ ParentId: parent.id, NextToken, MaxResults: PAGE_SIZE }), { abortSignal });
          return { items: answer.Accounts, next: answer.NextToken };
        }),
      ]);
      for (const unit of children) {
        if (unit.Id === undefined || unit.Name === undefined) continue;
        const path = parent.path === '' ? unit.Name : `${parent.path}:${unit.Name}`;
        units.set(unit.Id, { id: unit.Id, name: unit.Name, parentId: parent.id, path });
        next.push({ id: unit.Id, path });
      }
      for (const account of members) {
        if (account.Id === undefined) continue;
        accounts.push({ id: account.Id, name: account.Name ?? '', state: accountState(account), parentId: parent.id });
      }
    }));
    level = next;
  }
  return { id: org.Id, managementAccountId: org.MasterAccountId, rootId, units, accounts };
}
