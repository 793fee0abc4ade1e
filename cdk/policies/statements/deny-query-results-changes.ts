import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope, KEYS, SERVICE_PRINCIPALS } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';
import { S3_READ_ACTIONS } from './deny-bucket-changes';

export const DENY_QUERY_RESULTS_CHANGES_SID = 'DenyQueryResultsChanges';

/**
 * The query-results buckets (`athena-<prefix>-<account>-<region>`; one pattern that also covers their
 * objects). They are named outside `<prefix>-*` because `deny-bucket-changes` would stop Athena
 * writing results there. Athena reads and writes results with the caller's own credentials, and every
 * request it makes so carries `aws:CalledVia` `athena.amazonaws.com` (sources at `SERVICE_PRINCIPALS`).
 * So reading (`s3:Get*`, `s3:List*`) stays an IAM decision of the account, and every other S3 action
 * on the buckets or their objects is denied to all but the exempt principals unless Athena makes it.
 * That keeps what Athena needs for results (`s3:PutObject`, `s3:AbortMultipartUpload` and the reads:
 * the `BaseQueryResultsPermissions` of the AWS managed policy AmazonAthenaFullAccess,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonAthenaFullAccess.html, whose
 * `CreateBucket` and `PutBucketPublicAccessBlock` only serve the console's default results bucket)
 * and denies, with `NotAction` so that S3 actions added later are covered too, creating the bucket
 * name (squatting), deleting the bucket, every configuration call (policy, public access block,
 * ownership, versioning, ACL, tags, lifecycle, encryption, replication, Object Lock, ...) and
 * writing, overwriting, tagging or deleting objects directly: nobody can forge or remove the result
 * of someone else's query. `ForAllValues:StringNotEquals` is true when no service of the chain is
 * Athena, and when there is no chain at all (a direct call). Athena makes no configuration calls.
 * `aws:CalledVia` "is not compatible with the trusted identity propagation feature" (Athena CalledVia
 * page) of IAM Identity Center workgroups; this workgroup uses IAM authentication, and
 * `deny-query-layer-changes` keeps it so. Off with `query.enabled: false` (no query layer).
 */
export function denyQueryResultsChanges(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.query.enabled) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_QUERY_RESULTS_CHANGES_SID,
    notAction: S3_READ_ACTIONS,
    resource: scope.queryResultsBuckets,
    condition: {
      'ForAllValues:StringNotEquals': { [KEYS.calledVia]: SERVICE_PRINCIPALS.athena },
      ...principalNotLike(scope.exemptPrincipals),
    },
  });
}
