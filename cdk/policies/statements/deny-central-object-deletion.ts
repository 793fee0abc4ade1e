import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { OBJECT_DELETE_ACTIONS } from './deny-log-object-deletion';

export const DENY_CENTRAL_OBJECT_DELETION_SID = 'DenyCentralObjectDeletion';

/** Only the exempt roles may delete objects of the central bucket: the emptier's exemption ends at the member buckets. */
export function denyCentralObjectDeletion(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_OBJECT_DELETION_SID,
    action: OBJECT_DELETE_ACTIONS,
    resource: scope.centralObjects,
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
