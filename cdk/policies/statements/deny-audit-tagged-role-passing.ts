import type { ResolvedConfig } from '../../env/resolve';
import { AUDIT_TAG, guardrailScope, KEYS } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { PASS_ROLE_ACTION } from './deny-project-role-passing';

export const DENY_AUDIT_TAGGED_ROLE_PASSING_SID = 'DenyAuditTaggedRolePassing';

/**
 * The audit-tag half of passing roles, with `cloudWatchLogs`: nobody but the exempt principals may
 * pass a role tagged `Audit=true`, whatever its name, except Bedrock's CloudWatch roles
 * (`NotResource`), which `deny-project-role-passing` reserves for the logging-configuration role. So
 * that role cannot pass the replication, emptier or its own role either. Built only with
 * `cloudWatchLogs.enabled` (without it `deny-audit-tagged-changes` denies every pass).
 */
export function denyAuditTaggedRolePassing(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.cloudWatchLogs.enabled) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_AUDIT_TAGGED_ROLE_PASSING_SID,
    action: [PASS_ROLE_ACTION],
    notResource: scope.cloudWatchRoles,
    condition: {
      StringEqualsIgnoreCase: { [KEYS.resourceTag]: AUDIT_TAG.value },
      ...principalNotLike(scope.exemptPrincipals),
    },
  });
}
