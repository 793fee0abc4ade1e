import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { conditionValues, deny } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_BEDROCK_OUTSIDE_MEMBER_REGIONS_SID = 'DenyBedrockOutsideMemberRegions';

/**
 * Bedrock outside `members.regions` runs without a logging configuration. This denies every
 * Bedrock and `bedrock-mantle` action requested in another region, except the destination half of
 * cross-region inference: Bedrock authorizes a request it routes from the source region again in
 * the destination region, with `aws:RequestedRegion` the destination (`unspecified` for global
 * profiles) and `bedrock:InferenceProfileArn` the profile in the source region, and logs it in the
 * source region. So a request through an inference profile of a member region passes; a direct call
 * in another region does not. Off with `policies.denyBedrockOutsideMemberRegions: false`.
 */
export function denyBedrockOutsideMemberRegions(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.policies.denyBedrockOutsideMemberRegions) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_BEDROCK_OUTSIDE_MEMBER_REGIONS_SID,
    action: ['bedrock:*', 'bedrock-mantle:*'],
    resource: '*',
    condition: {
      StringNotEquals: { [KEYS.requestedRegion]: conditionValues(config.members.regions) },
      ArnNotLike: {
        [KEYS.inferenceProfileArn]: conditionValues(scope.memberRegionInferenceProfiles),
        [KEYS.principalArn]: conditionValues(scope.exemptPrincipals),
      },
    },
  });
}
