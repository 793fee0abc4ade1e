import { REPLICATION_WRITE_ACTIONS } from '../../constants';
import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { OBJECT_DELETE_ACTIONS } from './deny-log-object-deletion';

export const DENY_BUCKET_CHANGES_SID = 'DenyBucketChanges';

/** Reading: every S3 action that only reads or lists. */
export const S3_READ_ACTIONS = ['s3:Get*', 's3:List*'] as const;

/**
 * RBAC on the bucket name (S3 has no resource-tag conditions for most bucket actions): on a bucket
 * named with the project's prefix, or an object in one, nobody but the exempt roles may do anything
 * except read, and the deletes and replication writes the two statements above govern. `NotAction`
 * makes the list future-proof: creating the bucket (in any region: bucket names are global),
 * deleting it, and every `PutBucket*`/`Delete*` configuration call (policy, lifecycle, replication,
 * versioning, encryption, ownership, public access block, Object Lock, ACL, tags, ABAC, ...) as well
 * as writing, restoring, re-encrypting, tagging or locking objects, `s3:BypassGovernanceRetention`,
 * `s3:ReplicateDelete`, `s3:PauseReplication`, `s3:InitiateReplication` and any S3 action added later.
 */
export function denyBucketChanges(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_BUCKET_CHANGES_SID,
    notAction: [...S3_READ_ACTIONS, ...OBJECT_DELETE_ACTIONS, ...REPLICATION_WRITE_ACTIONS],
    resource: scope.projectBuckets,
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
