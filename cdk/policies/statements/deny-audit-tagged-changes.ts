import type { ResolvedConfig } from '../../env/resolve';
import { AUDIT_TAG, guardrailScope, KEYS } from '../scope';
import { conditionValues, deny } from '../statement';
import type { PolicyStatement } from '../types';
import { LAMBDA_IAM_READ_ACTIONS } from './deny-function-and-role-changes';

export const DENY_AUDIT_TAGGED_CHANGES_SID = 'DenyAuditTaggedChanges';

/**
 * ABAC on the audit tag, where the service supports resource-tag conditions (Lambda functions, IAM
 * roles): nobody but the exempt roles may do anything but read to a function or role tagged
 * `Audit=true`, whatever its name, including `sts:AssumeRole`. Condition key names are
 * case-insensitive, so `aws:ResourceTag/Audit` also matches a tag written `audit`; the value is
 * compared ignoring case.
 */
export function denyAuditTaggedChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_AUDIT_TAGGED_CHANGES_SID,
    notAction: LAMBDA_IAM_READ_ACTIONS,
    resource: [scope.anyFunction, scope.anyRole],
    condition: {
      StringEqualsIgnoreCase: { [KEYS.resourceTag]: AUDIT_TAG.value },
      ArnNotLike: { [KEYS.principalArn]: conditionValues(scope.exemptPrincipals) },
    },
  });
}
