import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_LOG_OBJECT_DELETION_SID = 'DenyLogObjectDeletion';

/** Deleting an object or one of its versions. */
export const OBJECT_DELETE_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;

/**
 * Nobody may delete log objects or object versions in the project's buckets except the exempt roles
 * and the bucket-emptier role (which empties a member bucket when its stack is deleted;
 * `deny-central-object-deletion` keeps it out of the central bucket).
 */
export function denyLogObjectDeletion(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_LOG_OBJECT_DELETION_SID,
    action: OBJECT_DELETE_ACTIONS,
    resource: scope.projectObjects,
    condition: principalNotLike([...scope.exemptPrincipals, scope.bucketEmptierRole]),
  });
}
