import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_CENTRAL_BUCKET_TAMPERING_SID = 'DenyCentralBucketTampering';

/**
 * Deleting or overwriting log objects and changing the bucket's policy, lifecycle, versioning,
 * replication, encryption or lock settings (RCPs accept no `NotAction`, so the list is explicit;
 * `s3:PutBucket*` and `s3:DeleteBucket*` cover the bucket-level calls, Object Lock configuration
 * included). On a versioned bucket an overwrite turns the log into a noncurrent version, which the
 * lifecycle removes later: `s3:PutObject*` (writes, ACLs, tags, retention, legal holds),
 * `s3:RestoreObject` and `s3:InitiateReplication` (S3 Batch Replication) count as tampering too.
 * Replication writes are governed by `deny-central-bucket-foreign-replication`.
 */
export const CENTRAL_BUCKET_TAMPER_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:ReplicateDelete',
  's3:BypassGovernanceRetention',
  's3:PutObject*',
  's3:RestoreObject',
  's3:InitiateReplication',
  's3:DeleteBucket*',
  's3:PutBucket*',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutEncryptionConfiguration',
] as const;

/**
 * RCP: nobody but the aggregation account's exempt principals may delete or overwrite central log
 * objects or change the bucket's policy, lifecycle, versioning or lock settings. Unlike the SCPs this also binds
 * principals of the management account and of accounts outside the targeted OUs.
 */
export function denyCentralBucketTampering(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_BUCKET_TAMPERING_SID,
    principal: '*',
    action: CENTRAL_BUCKET_TAMPER_ACTIONS,
    resource: [scope.centralBuckets, scope.centralObjects],
    condition: principalNotLike(scope.exemptPrincipalsInAggregationAccount),
  });
}
