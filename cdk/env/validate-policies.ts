/**
 * Structural checks of the `policies` block of an environment: budgets, exemptions, switches and
 * the shape of the coverage-gap acknowledgements (whether each one names a real gap is a semantic
 * check, in `coverage.ts`).
 */
import { LIMITS } from '../constants';
import {
  checkBoolean,
  checkInteger,
  checkList,
  checkObject,
  checkOrganizationalUnit,
  checkString,
  isAccountId,
  isObject,
  type Issues,
} from './field-checks';

/** Allowed keys of the `policies` block and of one coverage-gap acknowledgement. */
const POLICIES_SHAPE = [
  'scpSizeBudget', 'freeScpSlots', 'exemptRolePatterns', 'exemptPermissionSets', 'additionalOrganizationalUnits',
  'resourceControlPolicy', 'denyBedrockOutsideMemberRegions', 'denyUnloggedInference', 'acknowledgedCoverageGaps',
] as const;
const GAP_SHAPE = ['reason'] as const;

export const MIN_SCP_BUDGET = 1_000;
export const MAX_FREE_SCP_SLOTS = 10;
/** A reason reviewers can read: at least this many characters. */
export const MIN_REASON_CHARS = 10;

const ROLE_PATTERN = /^[\w+=,.@*?-]{1,64}$/;
/**
 * A permission set name (IAM Identity Center `CreatePermissionSet`: 1 to 32 of `[\w+=,.@-]`,
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html).
 */
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
/** The role-name prefix IAM Identity Center gives the roles of permission sets. */
const IDENTITY_CENTER_ROLE_PREFIX = 'AWSReservedSSO_';

function checkExemptRolePattern(issues: Issues, path: string, item: unknown): void {
  if (!checkString(issues, path, item, true, "'BreakGlass*'")) return;
  if (item.includes('/')) {
    issues.add(path, 'is a path, but exempt role patterns match role names at the default path `/` only', item,
      'for IAM Identity Center roles list the permission set in policies.exemptPermissionSets; otherwise name the role, for example \'BreakGlassAdmin\'');
  } else if (!ROLE_PATTERN.test(item)) {
    issues.add(path, 'is not an IAM role-name pattern', item, "use role-name characters and the wildcards * and ?, for example 'BreakGlass*'");
  } else if (/^[*?]+$/.test(item)) {
    issues.add(path, 'matches every role, which would switch the guardrails off', item, 'name the break-glass role, for example \'BreakGlassAdmin\'');
  } else if (/^[*?]/.test(item)) {
    issues.add(path, 'starts with a wildcard, so it also matches roles others can have created (IAM Identity Center creates one for any permission set whose name ends like it)', item,
      `start with the role name's fixed part, for example '${item.replace(/^[*?]+/, '')}'`);
  } else if (item.startsWith(IDENTITY_CENTER_ROLE_PREFIX)) {
    issues.add(path, 'names an IAM Identity Center role, which lives under the path aws-reserved/sso.amazonaws.com/ that role-name patterns never match', item,
      'list the permission set by name in policies.exemptPermissionSets instead');
  }
}

function checkPermissionSet(issues: Issues, path: string, item: unknown): void {
  if (!checkString(issues, path, item, true, "'PlatformAdmin'")) return;
  if (item.startsWith(IDENTITY_CENTER_ROLE_PREFIX)) {
    issues.add(path, 'is a role name, not a permission set name', item, `write the permission set's name as IAM Identity Center shows it, for example '${item.slice(IDENTITY_CENTER_ROLE_PREFIX.length).replace(/_[0-9a-f]{16}$/, '')}'`);
  } else if (!PERMISSION_SET_NAME.test(item)) {
    issues.add(path, 'is not a permission set name (1 to 32 letters, digits and _+=,.@-, no wildcards)', item,
      "write the permission set's exact name, for example 'PlatformAdmin'");
  }
}

/** `{ <OU or aggregation account ID>: { reason } }`: keys an OU name or path or an account ID, each with a reason. */
function checkGaps(issues: Issues, path: string, value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    issues.add(path, 'must be an object of OU or account to { reason }', value, "write it as { Security: { reason: '...' } }");
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!isAccountId(key)) checkOrganizationalUnit(issues, at, key);
    const gap = checkObject(issues, at, item, GAP_SHAPE, true);
    if (gap && checkString(issues, `${at}.reason`, gap.reason, true, "'Bedrock is denied in this OU by the platform SCP'")
      && gap.reason.trim().length < MIN_REASON_CHARS) {
      issues.add(`${at}.reason`, `is shorter than ${MIN_REASON_CHARS} characters`, gap.reason,
        'say why Bedrock use there may go unlogged, for reviewers (for example: Bedrock is denied in this OU by another SCP)');
    }
  }
}

/** Checks the `policies` block (if present). */
export function checkPolicies(issues: Issues, value: unknown): void {
  const policies = checkObject(issues, 'policies', value, POLICIES_SHAPE, false);
  if (!policies) return;
  checkInteger(issues, 'policies.scpSizeBudget', policies.scpSizeBudget, MIN_SCP_BUDGET, LIMITS.scpMaxChars, 'characters');
  checkInteger(issues, 'policies.freeScpSlots', policies.freeScpSlots, 1, MAX_FREE_SCP_SLOTS, 'policies');
  checkList(issues, 'policies.exemptRolePatterns', policies.exemptRolePatterns, false,
    (item, p) => checkExemptRolePattern(issues, p, item), 'role pattern');
  checkList(issues, 'policies.exemptPermissionSets', policies.exemptPermissionSets, false,
    (item, p) => checkPermissionSet(issues, p, item), 'permission set name');
  checkList(issues, 'policies.additionalOrganizationalUnits', policies.additionalOrganizationalUnits, false,
    (item, p) => checkOrganizationalUnit(issues, p, item), 'OU');
  checkBoolean(issues, 'policies.resourceControlPolicy', policies.resourceControlPolicy);
  checkBoolean(issues, 'policies.denyBedrockOutsideMemberRegions', policies.denyBedrockOutsideMemberRegions);
  checkBoolean(issues, 'policies.denyUnloggedInference', policies.denyUnloggedInference);
  checkGaps(issues, 'policies.acknowledgedCoverageGaps', policies.acknowledgedCoverageGaps);
}
