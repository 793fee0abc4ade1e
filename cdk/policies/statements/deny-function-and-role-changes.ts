import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { passRoleGovernedSeparately } from './deny-project-role-passing';

export const DENY_FUNCTION_AND_ROLE_CHANGES_SID = 'DenyFunctionAndRoleChanges';

/** Reading functions and roles. */
export const LAMBDA_IAM_READ_ACTIONS = ['lambda:Get*', 'lambda:List*', 'iam:Get*', 'iam:List*'] as const;

/**
 * RBAC on the name prefix for functions, roles and customer-managed policies, which also works
 * before a resource exists (and so before it carries the audit tag): nobody but the exempt roles may
 * do anything to them but read. That covers creating one with the project's name (a pre-created
 * `<prefix>-logging-config-<region>` role would inherit the role's exemption; one under another path
 * would block the stack), invoking (a forged
 * CloudFormation Delete event), changing code or configuration, publishing versions and aliases,
 * function URLs, permissions, concurrency (0 disables), event-invoke configs, deleting; and for
 * roles the trust policy, inline and attached policies, permissions boundaries, `iam:PassRole` (an
 * admin's own function or instance running as a project role), tags, deletion.
 *
 * The exempt roles themselves are protected the same way, so nobody can take one over (change its
 * trust policy, pass it, create a role matching an exempt pattern or an exempt permission set's
 * role ARN), nor squat an exempt name under another path (`role/x/AWSControlTowerExecution` would
 * block the real role: IAM role names are unique per account whatever the path). `sts:*` stays out of this
 * statement so people can still assume a break-glass role; assuming a project role is denied by the
 * audit-tag statement, and their trust policies name services only. With `cloudWatchLogs`,
 * `iam:PassRole` moves to `deny-project-role-passing`.
 *
 * With `encryption.kms`, the project's key aliases too (`alias/<prefix>-*`, RBAC by name: aliases
 * cannot be tagged, and a policy naming an alias ARN applies to the alias, not its key: "ABAC for
 * AWS KMS", https://docs.aws.amazon.com/kms/latest/developerguide/abac.html). Creating, updating or
 * deleting one authorizes on the alias ARN (Service Authorization Reference, AWS KMS:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html),
 * so nobody can re-point `alias/<prefix>-central` (member stacks name the replica key by that
 * alias's ARN) or `alias/<prefix>-member` at a key of their own, delete them, or squat the names
 * before the stacks create them.
 */
export function denyFunctionAndRoleChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_FUNCTION_AND_ROLE_CHANGES_SID,
    notAction: [...LAMBDA_IAM_READ_ACTIONS, 'sts:*', ...passRoleGovernedSeparately(config)],
    resource: [
      scope.projectFunctions,
      scope.projectRoles,
      scope.projectRolesUnderAnyPath,
      scope.projectManagedPolicies,
      ...scope.exemptRoles,
      ...scope.exemptRolesUnderAnyPath,
      ...(config.encryption.kms ? [scope.keyAliases] : []),
    ],
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
