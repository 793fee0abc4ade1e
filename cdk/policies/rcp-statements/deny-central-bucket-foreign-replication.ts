import { REPLICATION_WRITE_ACTIONS } from '../../constants';
import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_CENTRAL_BUCKET_FOREIGN_REPLICATION_SID = 'DenyCentralBucketForeignReplication';

/**
 * RCP: only the member accounts' replication roles (and the aggregation account's exempt
 * principals) may replicate objects into the central bucket, whoever they are and whatever the
 * bucket policy says: a replicated object with an existing key overwrites the log.
 */
export function denyCentralBucketForeignReplication(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_BUCKET_FOREIGN_REPLICATION_SID,
    principal: '*',
    action: REPLICATION_WRITE_ACTIONS,
    resource: scope.centralObjects,
    condition: principalNotLike([...scope.exemptPrincipalsInAggregationAccount, scope.replicationRole]),
  });
}
