import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_ORGANIZATION_POLICY_CHANGES_SID = 'DenyOrganizationPolicyChanges';

/**
 * A member account can be a delegated administrator for Organizations policies (commonly the
 * Security or Audit account); its principals can then attach, detach, update and delete SCPs and
 * RCPs, the guardrails included, unless an SCP on their own account denies it. The guardrails'
 * policy IDs exist only once CfCT has created them, so this covers every SCP and RCP of the
 * organization: managing them is for the management account and the exempt principals. Attaching
 * is included because a new SCP can deny the execution role and so keep the member stack out.
 */
export function denyOrganizationPolicyChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_ORGANIZATION_POLICY_CHANGES_SID,
    action: ['organizations:AttachPolicy', 'organizations:DetachPolicy', 'organizations:UpdatePolicy', 'organizations:DeletePolicy'],
    resource: scope.organizationGuardrailPolicies,
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
