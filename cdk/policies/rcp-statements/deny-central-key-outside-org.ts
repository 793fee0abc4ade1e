import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS } from '../scope';
import { deny } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_CENTRAL_KEY_OUTSIDE_ORG_SID = 'DenyCentralKeyOutsideOrg';

/**
 * RCP, with `encryption.kms`: the central key (the key of the aggregation account and region that
 * carries the alias `alias/<prefix>-central`, `kms:ResourceAliases`) serves nobody outside the
 * organization, whatever its key policy says: a principal must belong to it (`aws:PrincipalOrgID`),
 * and an AWS service acting as itself must act for one of its accounts (`aws:SourceOrgID`: the
 * confused-deputy check). Both keys are compared in one `StringNotEqualsIfExists` block, so the
 * statement denies only when neither names the organization; no service uses the central key as
 * itself (S3 encrypts and decrypts with the caller's credentials), so a request without either key
 * is denied too. Selected by alias rather than by the audit tag: the aggregation account's member
 * keys (with `aggregation.deployMemberStack`) carry the tag and serve CloudWatch Logs' service
 * principal, which this statement must not judge. RCPs support AWS KMS
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
 */
export function denyCentralKeyOutsideOrg(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.encryption.kms) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_CENTRAL_KEY_OUTSIDE_ORG_SID,
    principal: '*',
    action: ['kms:*'],
    resource: scope.aggregationKeys,
    condition: {
      'ForAnyValue:StringEquals': { [KEYS.resourceAliases]: scope.centralKeyAlias },
      StringNotEqualsIfExists: { [KEYS.principalOrgId]: config.organizationId, [KEYS.sourceOrgId]: config.organizationId },
    },
  });
}
