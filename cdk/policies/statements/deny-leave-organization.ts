import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_LEAVE_ORGANIZATION_SID = 'DenyLeaveOrganization';

/** An account that leaves the organization leaves every SCP behind: nobody but the exempt roles may. */
export function denyLeaveOrganization(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_LEAVE_ORGANIZATION_SID,
    action: ['organizations:LeaveOrganization'],
    resource: '*',
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
