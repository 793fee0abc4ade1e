import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { LOGS_READ_ACTIONS } from './deny-function-log-changes';

export const DENY_INVOCATION_LOG_GROUP_CHANGES_SID = 'DenyInvocationLogGroupChanges';

/**
 * Metric filters turn matching events into CloudWatch metrics, which is how teams alarm on a log
 * group; a filter neither changes, hides nor copies the events. `DeleteMetricFilter` goes with it:
 * `PutMetricFilter` replaces a filter of the same name anyway.
 */
export const LOGS_ALERTING_ACTIONS = ['logs:PutMetricFilter', 'logs:DeleteMetricFilter'] as const;

/**
 * The invocation log group (`/aws/bedrock/<prefix>-invocations`, and any `/aws/bedrock/<prefix>-*`)
 * mirrors `deny-function-log-changes`: nobody but the exempt principals and Bedrock's CloudWatch
 * roles (which create Bedrock's stream and put its events) may do anything to it or its streams
 * but read it and manage metric filters. So nobody can delete the group or a stream, shorten or
 * remove its retention, associate or disassociate a KMS key, add a subscription filter (a copy
 * elsewhere, or a redirection), a data protection policy (masking), a transformer, deletion
 * protection changes, tags, an export or an S3 Tables integration, nor pre-create the group before
 * the stack (squatting) or write forged events into it. `NotAction` covers actions added later.
 * Built only with `cloudWatchLogs.enabled`.
 */
export function denyInvocationLogGroupChanges(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.cloudWatchLogs.enabled) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_INVOCATION_LOG_GROUP_CHANGES_SID,
    notAction: [...LOGS_READ_ACTIONS, ...LOGS_ALERTING_ACTIONS],
    resource: scope.invocationLogGroups,
    condition: principalNotLike([...scope.exemptPrincipals, scope.cloudWatchRoles]),
  });
}
