/**
 * What `cdk/env/validate.ts` (and the loader) enforce beyond the TypeScript types, by field path,
 * for the configuration reference. Hand-kept: a test fails when a path here no longer exists in
 * the types, and when a numeric range here disagrees with the validator.
 */
import { LIMITS } from '../../cdk/constants';
import { CLOUDWATCH_RETENTION_DAYS, KEY_DELETION_WINDOW_DAYS } from '../../cdk/env/types';
import { MAX_FREE_SCP_SLOTS, MIN_REASON_CHARS, MIN_SCP_BUDGET } from '../../cdk/env/validate-policies';
import { formatCount } from '../../cdk/errors';

/** A whole-number range the validator enforces (tested against `validateEnvironment` at its bounds). */
export interface WholeNumberRange {
  readonly min: number;
  readonly max: number;
}

/** Numeric ranges, by field path. */
export const RANGES: Readonly<Record<string, WholeNumberRange>> = {
  'memberBucket.expirationDays': { min: 1, max: 3650 },
  'centralBucket.retentionDays': { min: 1, max: 36_500 },
  'centralBucket.objectLock.days': { min: 1, max: 36_500 },
  'policies.scpSizeBudget': { min: MIN_SCP_BUDGET, max: LIMITS.scpMaxChars },
  'policies.freeScpSlots': { min: 1, max: MAX_FREE_SCP_SLOTS },
  'query.resultsExpirationDays': { min: 1, max: 36_500 },
  'query.bytesScannedCutoffGb': { min: 1, max: 1_000_000 },
  'encryption.keyDeletionWindowDays': { min: KEY_DELETION_WINDOW_DAYS.min, max: KEY_DELETION_WINDOW_DAYS.max },
};

function range(path: string): string {
  const r = RANGES[path];
  return `whole number, ${formatCount(r.min)} to ${formatCount(r.max)}`;
}

const ACCOUNT_ID = '12 digits as a quoted string (a number loses leading zeros)';
const OU = 'an OU name or a `Parent:Child` path as CfCT names it: no `Root:` prefix, not an `ou-`/`r-` ID, no `/`, parts of 1 to 128 characters without surrounding spaces, case-sensitive';
const REGION = 'a region of the commercial `aws` partition (`cdk/env/regions.ts`)';
const UNIQUE = 'no value twice';

/** The extra rules, by field path, as one Markdown line each. */
export const CONSTRAINTS: Readonly<Record<string, string>> = {
  defaultEnvironment: 'must name an environment of the map; may be left out only when the map has exactly one',
  environments: 'names of 1 to 64 letters, digits, `-` or `_`',
  homeRegion: REGION,
  organizationId: '`o-` then 10 to 32 lower-case letters or digits',
  managementAccountId: ACCOUNT_ID,
  resourcePrefix:
    'lower-case letters, digits and single hyphens; starts with a letter, does not end with a hyphen; not `xn--`, `sthree-` or `amzn-s3-demo-` at the start; '
    + `every derived name must fit AWS's limits in every configured region (bucket ${LIMITS.bucketNameChars}, role ${LIMITS.roleNameChars}, function ${LIMITS.functionNameChars}, StackSet ${LIMITS.stackSetNameChars} characters)`,
  'aggregation.accountId': ACCOUNT_ID,
  'aggregation.region': REGION,
  'aggregation.organizationalUnit': OU,
  members: 'at least one OU in `organizationalUnits` or one account in `accounts`',
  'members.organizationalUnits': `each ${OU}; ${UNIQUE}`,
  'members.accounts': `each ${ACCOUNT_ID}; ${UNIQUE}`,
  'members.regions': `at least one; each ${REGION}; ${UNIQUE}`,
  'logging.dataTypes': UNIQUE,
  'logging.keyPrefix': "up to 256 characters of letters, digits and `!_.*'()-` in `/`-separated parts; no leading or trailing `/`",
  'memberBucket.expirationDays': range('memberBucket.expirationDays'),
  'centralBucket.retentionDays': range('centralBucket.retentionDays'),
  'centralBucket.objectLock.days': `${range('centralBucket.objectLock.days')}; at most \`centralBucket.retentionDays\``,
  'query.resultsExpirationDays': range('query.resultsExpirationDays'),
  'query.bytesScannedCutoffGb': range('query.bytesScannedCutoffGb'),
  'query.accounts': `each ${ACCOUNT_ID}; ${UNIQUE}`,
  'encryption.keyDeletionWindowDays': range('encryption.keyDeletionWindowDays'),
  'cloudWatchLogs.retentionDays': `one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (the values CloudWatch Logs accepts)`,
  'policies.scpSizeBudget': range('policies.scpSizeBudget'),
  'policies.freeScpSlots': range('policies.freeScpSlots'),
  'policies.exemptRolePatterns': 'each 1 to 64 IAM role-name characters and the wildcards `*` `?`, not starting with a wildcard, no path, not an `AWSReservedSSO_` name; no value twice',
  'policies.exemptPermissionSets': 'each a permission set name: 1 to 32 letters, digits and `_+=,.@-`, no wildcards; no value twice',
  'members.organizationalUnitIds': 'keys: OUs of `members.organizationalUnits`, as written there; values: OU IDs (`ou-` then 4 to 32 and 8 to 32 lower-case letters or digits), no ID twice',
  'policies.acknowledgedCoverageGaps': 'keys: an OU the guardrails bind and the member stack does not reach (aggregation OU, additional OU, a child of a bound OU) or the aggregation account ID; each must name a real gap, and every gap needs one',
  'policies.acknowledgedCoverageGaps.<name>.reason': `at least ${MIN_REASON_CHARS} characters`,
  'policies.additionalOrganizationalUnits': `each ${OU}; ${UNIQUE}`,
  executionRoleName: 'an IAM role name: 1 to 64 of letters, digits and `_+=,.@-`',
};
