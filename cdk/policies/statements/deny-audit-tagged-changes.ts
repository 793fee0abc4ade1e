import type { ResolvedConfig } from '../../env/resolve';
import { AUDIT_TAG, guardrailScope, KEYS } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { LAMBDA_IAM_READ_ACTIONS } from './deny-function-and-role-changes';
import { passRoleGovernedSeparately } from './deny-project-role-passing';

export const DENY_AUDIT_TAGGED_CHANGES_SID = 'DenyAuditTaggedChanges';

/**
 * Using a project key, and reading it. S3 calls KMS with the requester's credentials: to write an
 * SSE-KMS object `kms:GenerateDataKey`, to read one `kms:Decrypt` ("Using server-side encryption with
 * AWS KMS keys", https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html), and
 * replication encrypts replicas with `kms:Encrypt` as the replication role ("Replicating encrypted
 * objects", https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html).
 * Who may use a key is the key policy's decision; the guardrail leaves use to it.
 */
export const KMS_KEY_USE_ACTIONS = ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

/**
 * ABAC on the audit tag, where the service supports resource-tag conditions (Lambda functions, IAM
 * roles, KMS keys): nobody but the exempt roles may do anything but read to a function or role tagged
 * `Audit=true`, whatever its name, including `sts:AssumeRole`. Condition key names are
 * case-insensitive, so `aws:ResourceTag/Audit` also matches a tag written `audit`; the value is
 * compared ignoring case. With `cloudWatchLogs`, `iam:PassRole` moves to `deny-audit-tagged-role-passing`.
 *
 * With `encryption.kms`, every KMS key tagged `Audit=true` (the member and central keys) too, where
 * nothing but reading and using it is left to the key policy: not `PutKeyPolicy`, `DisableKey`,
 * `ScheduleKeyDeletion`, `CancelKeyDeletion`, `EnableKey` (repair is for the exempt roles, the only
 * administrators the key policy names anyway), `DisableKeyRotation`, `RotateKeyOnDemand`, grants
 * (`CreateGrant`, `RetireGrant`, `RevokeGrant`: neither S3 with Bucket Keys nor CloudWatch Logs uses
 * grants, the key policy names them), `UpdateKeyDescription`, `ReplicateKey`, `UpdatePrimaryRegion`,
 * imported key material, tags, `ReEncrypt*`, pointing an alias at the key, and whatever KMS adds later.
 * KMS evaluates `aws:ResourceTag` for operations on existing keys ("Use tags to control access to KMS
 * keys", https://docs.aws.amazon.com/kms/latest/developerguide/tag-authorization.html; tag changes can
 * take up to five minutes to affect authorization); tagging keys `Audit` is for the exempt roles only
 * (`deny-audit-tag-changes`).
 */
export function denyAuditTaggedChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  const kms = config.encryption.kms;
  return deny({
    sid: DENY_AUDIT_TAGGED_CHANGES_SID,
    notAction: [...LAMBDA_IAM_READ_ACTIONS, ...passRoleGovernedSeparately(config), ...(kms ? KMS_KEY_USE_ACTIONS : [])],
    resource: [scope.anyFunction, scope.anyRole, ...(kms ? [scope.anyKey] : [])],
    condition: {
      StringEqualsIgnoreCase: { [KEYS.resourceTag]: AUDIT_TAG.value },
      ...principalNotLike(scope.exemptPrincipals),
    },
  });
}
