import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_ACCOUNT_LEVEL_CHANGES_SID = 'DenyAccountLevelChanges';

/**
 * Account-wide settings that undo the guardrails or the logging without touching a project
 * resource, all on resource `*`:
 * - leaving the organization leaves every SCP behind (`organizations:LeaveOrganization`); disabling
 *   a policy type at the root detaches every SCP or RCP (`organizations:DisablePolicyType`, callable
 *   by a delegated administrator for Organizations policies);
 * - CloudFormation Hooks run on every stack operation of the account and region: a hook that fails
 *   the member stack keeps logging off in a new account or region (`ActivateType`, `RegisterType`,
 *   `SetTypeConfiguration`, `SetTypeDefaultVersion`; CloudFormation's own hook resources call the
 *   same APIs). Control Tower deploys its proactive controls as hooks through the exempt execution role;
 * - Bedrock's account-wide data retention mode (`PutAccountDataRetention` of `bedrock` and of the
 *   `bedrock-mantle` endpoint), a setting about the account's inference data that only the platform
 *   team should choose.
 */
export const ACCOUNT_LEVEL_ACTIONS = [
  'organizations:LeaveOrganization',
  'organizations:DisablePolicyType',
  'cloudformation:ActivateType',
  'cloudformation:RegisterType',
  'cloudformation:SetType*',
  'bedrock:PutAccountDataRetention',
  'bedrock-mantle:PutAccountDataRetention',
] as const;

/** Nobody but the exempt principals may change these account-level settings. */
export function denyAccountLevelChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_ACCOUNT_LEVEL_CHANGES_SID,
    action: ACCOUNT_LEVEL_ACTIONS,
    resource: '*',
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
