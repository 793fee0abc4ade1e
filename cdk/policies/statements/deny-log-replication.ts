import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_LOG_REPLICATION_SID = 'DenyLogReplication';

/**
 * What S3 replication does on the destination with the replication role's credentials. `s3:ReplicateDelete`
 * is deliberately not here: `deny-bucket-changes` denies it to everyone but the exempt roles (the
 * member buckets do not replicate delete markers).
 */
export const REPLICATION_WRITE_ACTIONS = ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'] as const;

/**
 * Only the replication roles (and the exempt roles) may replicate objects into the project's buckets:
 * nobody can forge log objects by pointing a replication rule of their own at the central bucket.
 */
export function denyLogReplication(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_LOG_REPLICATION_SID,
    action: REPLICATION_WRITE_ACTIONS,
    resource: scope.projectObjects,
    condition: principalNotLike([...scope.exemptPrincipals, scope.replicationRole]),
  });
}
