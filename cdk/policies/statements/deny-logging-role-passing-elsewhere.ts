import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS, SERVICE_PRINCIPALS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';
import { PASS_ROLE_ACTION } from './deny-project-role-passing';

export const DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID = 'DenyLoggingRolePassingElsewhere';

/**
 * The logging-configuration role passes roles for one purpose: the CloudWatch Logs delivery of the
 * logging configuration, whose role Bedrock assumes (the organization's with `cloudWatchLogs`, a
 * team's under `merge` and `fail`). It may pass a role to `bedrock.amazonaws.com` only
 * (`iam:PassedToService`, absent on anything but `iam:PassRole`, so the statement names that action
 * alone), whatever its own IAM policy says.
 */
export function denyLoggingRolePassingElsewhere(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_LOGGING_ROLE_PASSING_ELSEWHERE_SID,
    action: [PASS_ROLE_ACTION],
    resource: '*',
    condition: {
      ArnLike: { [KEYS.principalArn]: scope.loggingConfigRole },
      StringNotEquals: { [KEYS.passedToService]: SERVICE_PRINCIPALS.bedrock },
    },
  });
}
