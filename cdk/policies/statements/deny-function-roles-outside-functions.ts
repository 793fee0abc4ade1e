import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';
import { LOGGING_CONFIG_WRITE_ACTIONS } from './deny-logging-config-changes';
import { OBJECT_DELETE_ACTIONS } from './deny-log-object-deletion';
import { passRoleGovernedSeparately } from './deny-project-role-passing';

export const DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID = 'DenyFunctionRolesOutsideFunctions';

/**
 * The custom-resource roles may use their exemptions only from inside the project's functions:
 * Lambda injects `lambda:SourceFunctionArn` into the credentials context of every request made from
 * the function's execution environment ("Using source function ARN to control function access
 * behavior", https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html), so
 * the logging-configuration role's and the emptier role's credentials are useless anywhere else (a
 * leaked session, another function the role was somehow given to).
 *
 * With `cloudWatchLogs`, passing a role too (`iam:PassRole`): the logging-configuration role may pass
 * Bedrock's CloudWatch role (`deny-project-role-passing`), and only its function may. IAM authorizes
 * the pass within the Put, with the same credentials and so, by inference, the same context (the page
 * does not list `iam:PassRole`); were the key missing there, the Put would fail visibly (an `iam:PassRole`
 * AccessDenied, reported as an explicit deny in an SCP) and open nothing. Without the option the function
 * passes only a team's role (`merge`, `fail`), which this statement leaves alone.
 */
export function denyFunctionRolesOutsideFunctions(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID,
    action: [...LOGGING_CONFIG_WRITE_ACTIONS, ...OBJECT_DELETE_ACTIONS, ...passRoleGovernedSeparately(config)],
    resource: '*',
    condition: {
      ArnLike: { [KEYS.principalArn]: [scope.loggingConfigRole, scope.bucketEmptierRole] },
      ArnNotLikeIfExists: { [KEYS.sourceFunctionArn]: [scope.loggingConfigFunction, scope.bucketEmptierFunction] },
    },
  });
}
