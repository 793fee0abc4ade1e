import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_EVENT_SOURCE_MAPPINGS_SID = 'DenyEventSourceMappings';

/**
 * Nobody but the exempt roles may point an event source mapping at a project function: Lambda's
 * poller invokes the function as the service (no SCP applies), so a mapping from a queue or stream
 * the caller controls would deliver forged events. The mapping is its own resource; the function is
 * only visible in `lambda:FunctionArn`.
 */
export function denyEventSourceMappings(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_EVENT_SOURCE_MAPPINGS_SID,
    action: ['lambda:CreateEventSourceMapping', 'lambda:UpdateEventSourceMapping'],
    resource: '*',
    condition: {
      ArnLike: { [KEYS.functionArn]: scope.projectFunctions },
      ...principalNotLike(scope.exemptPrincipals),
    },
  });
}
