/** The guardrail statements, in the order they are written (and split) into policies. */
import type { ResolvedConfig } from '../env/resolve';
import {
  denyCentralBucketConfusedDeputy,
  denyCentralBucketForeignReplication,
  denyCentralBucketOutsideOrg,
  denyCentralBucketTampering,
  denyCentralKeyOutsideOrg,
} from './rcp-statements';
import {
  denyAccountLevelChanges,
  denyAuditTagChanges,
  denyAuditTaggedChanges,
  denyAuditTaggedRolePassing,
  denyBedrockOutsideMemberRegions,
  denyBucketChanges,
  denyCentralObjectDeletion,
  denyEventSourceMappings,
  denyFunctionAndRoleChanges,
  denyFunctionLogChanges,
  denyFunctionRolesOutsideFunctions,
  denyInvocationLogGroupChanges,
  denyLogObjectDeletion,
  denyLogReplication,
  denyLoggingConfigChanges,
  denyLoggingRolePassingElsewhere,
  denyOrganizationPolicyChanges,
  denyProjectRolePassing,
  denyQueryLayerChanges,
  denyQueryResultsChanges,
  denyStackInstanceChanges,
  denyUnloggedInference,
} from './statements';
import type { PolicyStatement } from './types';

/** Builds one statement from the configuration; a statement behind a setting that is off builds nothing. */
export type StatementBuilder = (config: ResolvedConfig) => PolicyStatement | undefined;

/** SCP statements, most important first: when they are split, the first policy holds the core. */
export const SCP_STATEMENTS: readonly StatementBuilder[] = [
  denyLoggingConfigChanges,
  denyFunctionRolesOutsideFunctions,
  denyLoggingRolePassingElsewhere,
  denyFunctionAndRoleChanges,
  denyAuditTaggedChanges,
  // With cloudWatchLogs: iam:PassRole, which the two statements above then leave to these.
  denyProjectRolePassing,
  denyAuditTaggedRolePassing,
  denyAuditTagChanges,
  denyEventSourceMappings,
  denyBucketChanges,
  denyLogObjectDeletion,
  denyCentralObjectDeletion,
  denyLogReplication,
  denyStackInstanceChanges,
  denyOrganizationPolicyChanges,
  denyAccountLevelChanges,
  denyFunctionLogChanges,
  denyInvocationLogGroupChanges,
  denyBedrockOutsideMemberRegions,
  denyUnloggedInference,
  // The query layer of the aggregation account: derived from the logs, so after every statement
  // that keeps the logs complete and intact.
  denyQueryLayerChanges,
  denyQueryResultsChanges,
];

/** RCP statements protecting the central bucket (and, with encryption.kms, the central key). */
export const RCP_STATEMENTS: readonly StatementBuilder[] = [
  denyCentralBucketOutsideOrg,
  denyCentralBucketConfusedDeputy,
  denyCentralBucketTampering,
  denyCentralBucketForeignReplication,
  denyCentralKeyOutsideOrg,
];

function built(builders: readonly StatementBuilder[], config: ResolvedConfig): PolicyStatement[] {
  return builders.map((build) => build(config)).filter((s): s is PolicyStatement => s !== undefined);
}

export function scpStatements(config: ResolvedConfig): PolicyStatement[] {
  return built(SCP_STATEMENTS, config);
}

export function rcpStatements(config: ResolvedConfig): PolicyStatement[] {
  return built(RCP_STATEMENTS, config);
}
