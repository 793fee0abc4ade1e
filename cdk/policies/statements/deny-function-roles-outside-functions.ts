import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';
import { LOGGING_CONFIG_WRITE_ACTIONS } from './deny-logging-config-changes';
import { OBJECT_DELETE_ACTIONS } from './deny-log-object-deletion';

export const DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID = 'DenyFunctionRolesOutsideFunctions';

/**
 * The custom-resource roles may use their exemptions only from inside the project's functions:
 * Lambda stamps `lambda:SourceFunctionArn` on every call made with a function's execution-role
 * credentials, so the logging-configuration role's and the emptier role's credentials are useless
 * anywhere else (a leaked session, another function the role was somehow given to).
 */
export function denyFunctionRolesOutsideFunctions(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_FUNCTION_ROLES_OUTSIDE_FUNCTIONS_SID,
    action: [...LOGGING_CONFIG_WRITE_ACTIONS, ...OBJECT_DELETE_ACTIONS],
    resource: '*',
    condition: {
      ArnLike: { [KEYS.principalArn]: [scope.loggingConfigRole, scope.bucketEmptierRole] },
      ArnNotLikeIfExists: { [KEYS.sourceFunctionArn]: [scope.loggingConfigFunction, scope.bucketEmptierFunction] },
    },
  });
}
