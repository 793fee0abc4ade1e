/** The guardrail statements, in the order they are written (and split) into policies. */
import type { ResolvedConfig } from '../env/resolve';
import {
  denyCentralBucketConfusedDeputy,
  denyCentralBucketOutsideOrg,
  denyCentralBucketTampering,
} from './rcp-statements';
import {
  denyAuditTagChanges,
  denyAuditTaggedChanges,
  denyBucketChanges,
  denyCentralObjectDeletion,
  denyEventSourceMappings,
  denyFunctionAndRoleChanges,
  denyFunctionRolesOutsideFunctions,
  denyLeaveOrganization,
  denyLogObjectDeletion,
  denyLogReplication,
  denyLoggingConfigChanges,
  denyStackInstanceChanges,
} from './statements';
import type { PolicyStatement } from './types';

export type StatementBuilder = (config: ResolvedConfig) => PolicyStatement;

/** SCP statements, most important first: when they are split, the first policy holds the core. */
export const SCP_STATEMENTS: readonly StatementBuilder[] = [
  denyLoggingConfigChanges,
  denyFunctionRolesOutsideFunctions,
  denyFunctionAndRoleChanges,
  denyAuditTaggedChanges,
  denyAuditTagChanges,
  denyEventSourceMappings,
  denyBucketChanges,
  denyLogObjectDeletion,
  denyCentralObjectDeletion,
  denyLogReplication,
  denyStackInstanceChanges,
  denyLeaveOrganization,
];

/** RCP statements protecting the central bucket. */
export const RCP_STATEMENTS: readonly StatementBuilder[] = [
  denyCentralBucketOutsideOrg,
  denyCentralBucketConfusedDeputy,
  denyCentralBucketTampering,
];

export function scpStatements(config: ResolvedConfig): PolicyStatement[] {
  return SCP_STATEMENTS.map((build) => build(config));
}

export function rcpStatements(config: ResolvedConfig): PolicyStatement[] {
  return RCP_STATEMENTS.map((build) => build(config));
}
