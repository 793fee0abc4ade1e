import type { ResolvedConfig } from '../../env/resolve';
import { AUDIT_TAG, guardrailScope, KEYS } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_AUDIT_TAG_CHANGES_SID = 'DenyAuditTagChanges';

/**
 * Nobody but the exempt roles may add, change or remove the audit tag on any Lambda or IAM resource
 * (and, with `encryption.kms`, KMS key), in any letter case: `aws:TagKeys` holds the request's keys
 * as written, so the comparison must ignore case (`Audit`, `audit`, `AUDIT`). Every call that carries
 * tag keys counts (TagResource, UntagResource, TagRole, UntagRole, CreateFunction, CreateRole,
 * CreateKey with tags), so the ABAC marker cannot be stripped from the project's resources nor
 * forged onto others. On every resource (`*`): `kms:CreateKey` names no resource ("Actions, resources,
 * and condition keys for AWS KMS", Service Authorization Reference), and only these services' calls
 * are in `Action`.
 */
export function denyAuditTagChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_AUDIT_TAG_CHANGES_SID,
    action: ['lambda:*', 'iam:*', ...(config.encryption.kms ? ['kms:*'] : [])],
    resource: '*',
    condition: {
      'ForAnyValue:StringEqualsIgnoreCase': { [KEYS.tagKeys]: AUDIT_TAG.key },
      ...principalNotLike(scope.exemptPrincipals),
    },
  });
}
