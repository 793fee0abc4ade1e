import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_CENTRAL_BUCKET_CONFUSED_DEPUTY_SID = 'DenyCentralBucketConfusedDeputy';

/**
 * RCP: an AWS service may deliver to (or read from) the central bucket only on behalf of the
 * organization's own resources: when a service principal acts for a source account, that account
 * must belong to the organization (the confused-deputy pattern of AWS's data-perimeter examples).
 */
export function denyCentralBucketConfusedDeputy(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_BUCKET_CONFUSED_DEPUTY_SID,
    principal: '*',
    action: ['s3:*'],
    resource: [scope.centralBuckets, scope.centralObjects],
    condition: {
      StringNotEqualsIfExists: { [KEYS.sourceOrgId]: config.organizationId },
      Null: { [KEYS.sourceAccount]: 'false' },
      Bool: { [KEYS.principalIsAwsService]: 'true' },
    },
  });
}
