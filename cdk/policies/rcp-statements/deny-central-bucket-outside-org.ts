import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_CENTRAL_BUCKET_OUTSIDE_ORG_SID = 'DenyCentralBucketOutsideOrg';

/**
 * RCP: principals outside the organization (and anonymous requests) get nothing from the central
 * bucket, whatever its bucket policy says. AWS service principals are let through here (they have no
 * organization) and checked by `deny-central-bucket-confused-deputy` instead.
 */
export function denyCentralBucketOutsideOrg(config: ResolvedConfig): PolicyStatement {
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_BUCKET_OUTSIDE_ORG_SID,
    principal: '*',
    action: ['s3:*'],
    resource: [scope.centralBuckets, scope.centralObjects],
    condition: {
      StringNotEqualsIfExists: { [KEYS.principalOrgId]: config.organizationId },
      BoolIfExists: { [KEYS.principalIsAwsService]: 'false' },
    },
  });
}
