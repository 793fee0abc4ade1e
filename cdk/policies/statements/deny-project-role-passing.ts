import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_PROJECT_ROLE_PASSING_SID = 'DenyProjectRolePassing';

export const PASS_ROLE_ACTION = 'iam:PassRole';

/**
 * With `cloudWatchLogs`, the logging-configuration function must pass Bedrock's CloudWatch role
 * (`<prefix>-cloudwatch-<region>`): Bedrock refuses a Put whose role the caller may not pass
 * (alphagov/govuk-infrastructure#2439). `iam:PassRole` then leaves the two broad statements
 * (`deny-function-and-role-changes`, `deny-audit-tagged-changes`) for this one and
 * `deny-audit-tagged-role-passing`, which let exactly that pass through, and joins the actions
 * `deny-function-roles-outside-functions` binds to the functions; without the option the broad
 * statements deny it as before. The action list to add in those three places.
 */
export function passRoleGovernedSeparately(config: ResolvedConfig): string[] {
  return config.cloudWatchLogs.enabled ? [PASS_ROLE_ACTION] : [];
}

/**
 * Nobody but the exempt principals and the logging-configuration role may pass a role named like the
 * project's (`role/<prefix>-*`, under any path) or an exempt role: passing Bedrock's CloudWatch role to
 * an agent, a knowledge base or a job of one's own would let Bedrock write forged events into the
 * invocation log group with it (its trust admits any Bedrock resource of the account and region).
 * The logging-configuration role is bound further: only from inside its function
 * (`deny-function-roles-outside-functions`), only to Bedrock (`deny-logging-role-passing-elsewhere`),
 * and no tagged project role but the CloudWatch roles (`deny-audit-tagged-role-passing`). Built only
 * with `cloudWatchLogs.enabled`.
 */
export function denyProjectRolePassing(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.cloudWatchLogs.enabled) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_PROJECT_ROLE_PASSING_SID,
    action: [PASS_ROLE_ACTION],
    resource: scope.protectedRoles,
    condition: principalNotLike([...scope.exemptPrincipals, scope.loggingConfigRole]),
  });
}
