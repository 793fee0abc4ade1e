import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_LOGGING_CONFIG_CHANGES_SID = 'DenyLoggingConfigChanges';

/** The Bedrock API calls that change or remove the account's (per-region) logging configuration. */
export const LOGGING_CONFIG_WRITE_ACTIONS = [
  'bedrock:PutModelInvocationLoggingConfiguration',
  'bedrock:DeleteModelInvocationLoggingConfiguration',
] as const;

/**
 * Nobody may put or delete the Bedrock model invocation logging configuration, in any region,
 * except the exempt roles and the logging-configuration role (which
 * `deny-function-roles-outside-functions` further binds to its own function). Reading stays open.
 */
export function denyLoggingConfigChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_LOGGING_CONFIG_CHANGES_SID,
    action: LOGGING_CONFIG_WRITE_ACTIONS,
    resource: '*',
    condition: principalNotLike([...scope.exemptPrincipals, scope.loggingConfigRole]),
  });
}
