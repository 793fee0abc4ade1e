import { REPLICATION_WRITE_ACTIONS } from '../../constants';
import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_LOG_REPLICATION_SID = 'DenyLogReplication';

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
