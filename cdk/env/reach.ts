/**
 * What the member StackSet reaches, from what the map knows: CfCT deploys a StackSet to the
 * accounts directly in each named OU (not in its child OUs) and to each named account.
 */
import type { ResolvedConfig } from './resolve';

/** The accounts the member StackSet targets by ID: the listed members, then the aggregation account when it runs the member stack. */
export function memberStackAccounts(config: ResolvedConfig): string[] {
  const accounts = [...config.members.accounts];
  if (config.aggregation.deployMemberStack && !accounts.includes(config.aggregation.accountId)) {
    accounts.push(config.aggregation.accountId);
  }
  return accounts;
}

/** Whether every member OU has its ID in the map (only then can policies name exactly the OUs the member stack reaches). */
export function memberOrganizationalUnitIdsComplete(config: ResolvedConfig): boolean {
  return memberOrganizationalUnitsWithoutIds(config).length === 0;
}

/** The member OUs that have no ID in the map. */
export function memberOrganizationalUnitsWithoutIds(config: ResolvedConfig): string[] {
  return config.members.organizationalUnits.filter((ou) => config.members.organizationalUnitIds[ou] === undefined);
}
