import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_FUNCTION_LOG_CHANGES_SID = 'DenyFunctionLogChanges';

/** Reading CloudWatch Logs: describing, getting, listing, filtering, querying and tailing. */
export const LOGS_READ_ACTIONS = [
  'logs:Describe*',
  'logs:Get*',
  'logs:List*',
  'logs:FilterLogEvents',
  'logs:StartQuery',
  'logs:StopQuery',
  'logs:StartLiveTail',
  'logs:StopLiveTail',
] as const;

/**
 * The custom-resource functions' log groups (`/aws/lambda/<prefix>-*`, which Lambda creates on first
 * use) are the evidence of what they did. Nobody but the exempt principals and the functions' own
 * roles (which write their logs) may do anything to them but read: not delete the group or its
 * streams, shorten its retention, add a subscription filter, associate a KMS key, mask data, or
 * pre-create the group before the function does.
 */
export function denyFunctionLogChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_FUNCTION_LOG_CHANGES_SID,
    notAction: LOGS_READ_ACTIONS,
    resource: scope.functionLogGroups,
    condition: principalNotLike([...scope.exemptPrincipals, scope.loggingConfigRole, scope.bucketEmptierRole]),
  });
}
