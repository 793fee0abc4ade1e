import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_STACK_INSTANCE_CHANGES_SID = 'DenyStackInstanceChanges';

/** Reading stacks. */
export const CLOUDFORMATION_READ_ACTIONS = [
  'cloudformation:Describe*',
  'cloudformation:Get*',
  'cloudformation:List*',
  'cloudformation:Detect*',
] as const;

/**
 * Nobody but the exempt roles may touch the package's StackSet-instance stacks in an account other
 * than to read them: deleting or updating the stack, change sets, `ContinueUpdateRollback` with
 * resources to skip, stack policies, termination protection, refactors, or pre-creating a stack
 * with the instance's name. If a stack carries a service role, CloudFormation lets anyone allowed
 * to operate the stack use that role without `iam:PassRole`; this closes that path too.
 */
export function denyStackInstanceChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_STACK_INSTANCE_CHANGES_SID,
    notAction: CLOUDFORMATION_READ_ACTIONS,
    resource: scope.stackInstances,
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
