/**
 * Runtime validation of one environment of the map, before anything is synthesized.
 *
 * TypeScript types cannot be trusted at run time (`tsx` strips them without checking, and a map
 * may be plain JavaScript), so this checks shapes first, then meaning, and returns every problem
 * at once, each naming the field path, the bad value and the fix. One file over 300 lines: every
 * section uses the same collector, shape table and small checkers, read top to bottom like the
 * environment map itself.
 */
import { LIMITS, STACK_SET_NAME_PREFIX } from '../constants';
import type { Issue } from '../errors';
import { Names, STACK_SET_ORDER, type NameKind } from '../names';
import {
  checkAccountId,
  checkBoolean,
  checkEnum,
  checkInteger,
  checkList,
  checkObject,
  checkOrganizationalUnit,
  checkOrganizationalUnitIds,
  checkRegion,
  checkString,
  isObject,
  Issues,
  type Obj,
} from './field-checks';
import { crossCheckEnvironment } from './cross-checks';
import { KNOWN_REGIONS } from './regions';
import { DEFAULTS, resolveConfig, type ResolvedConfig } from './resolve';
import { checkPolicies } from './validate-policies';
import {
  ALL_DATA_TYPES,
  CLOUDWATCH_RETENTION_DAYS,
  type EnvironmentConfig,
  EXISTING_CONFIGURATION_POLICIES,
  KEY_DELETION_WINDOW_DAYS,
  LAMBDA_TRUST_SCOPES,
  OBJECT_LOCK_MODES,
  SUPPORTED_RUNTIMES,
} from './types';

/** Allowed keys of every object in the configuration: unknown keys (typos) are errors. */
const SHAPE = {
  root: [
    'homeRegion', 'organizationId', 'managementAccountId', 'resourcePrefix', 'aggregation', 'members', 'logging',
    'memberBucket', 'centralBucket', 'query', 'encryption', 'cloudWatchLogs', 'policies', 'executionRoleName', 'lambdaRuntime', 'lambdaTrustScope',
    'enableStackSetDeletion',
  ],
  aggregation: ['accountId', 'region', 'organizationalUnit', 'deployMemberStack'],
  members: ['organizationalUnits', 'accounts', 'regions', 'organizationalUnitIds'],
  logging: ['dataTypes', 'keyPrefix', 'existingConfiguration', 'requireAllDataTypes'],
  memberBucket: ['expirationDays'],
  centralBucket: ['retentionDays', 'objectLock', 'replicationTimeControl'],
  objectLock: ['mode', 'days'],
  query: ['enabled', 'resultsExpirationDays', 'bytesScannedCutoffGb', 'accounts'],
  encryption: ['kms', 'keyDeletionWindowDays'],
  cloudWatchLogs: ['enabled', 'retentionDays'],
} as const;

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const PREFIX = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** S3 key characters AWS calls safe, in `/`-separated segments. */
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
const KEY_PREFIX_MAX = 256;
const MAX_DAYS = 36_500;
/** Athena's smallest bytes-scanned cutoff is 10 MB; a petabyte is far past any useful cap. */
const MAX_SCAN_CUTOFF_GB = 1_000_000;
/** A placeholder account used to measure derived names: account IDs always have 12 digits. */
const ANY_ACCOUNT = '000000000000';

const NAME_RULES: Record<NameKind, { max: number; pattern: RegExp; what: string }> = {
  bucket: { max: LIMITS.bucketNameChars, pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/, what: 'S3 bucket name' },
  role: { max: LIMITS.roleNameChars, pattern: /^[\w+=,.@-]+$/, what: 'IAM role name' },
  function: { max: LIMITS.functionNameChars, pattern: /^[A-Za-z0-9_-]+$/, what: 'Lambda function name' },
};

/** Every name derived from the prefix must fit AWS's rules in every configured region. */
function checkDerivedNames(issues: Issues, prefix: string, memberRegions: string[], aggregationRegion: string | undefined, query: boolean): void {
  const names = new Names(prefix);
  const derived: { kind: NameKind; name: string }[] = [];
  for (const region of memberRegions) derived.push(...names.concreteNames(ANY_ACCOUNT, region));
  if (aggregationRegion) derived.push({ kind: 'bucket', name: names.centralBucket(ANY_ACCOUNT, aggregationRegion) });
  if (aggregationRegion && query) derived.push({ kind: 'bucket', name: names.queryResultsBucket(ANY_ACCOUNT, aggregationRegion) });
  // One issue, for the name that overflows most: shortening the prefix by that much fixes them all.
  let worst: { kind: NameKind; name: string; over: number } | undefined;
  for (const { kind, name } of derived) {
    const over = name.length - NAME_RULES[kind].max;
    if (over > 0 && (!worst || over > worst.over)) worst = { kind, name, over };
  }
  if (worst) {
    const rule = NAME_RULES[worst.kind];
    issues.add(
      'resourcePrefix',
      `makes the ${rule.what} "${worst.name}" ${worst.name.length} characters long, over AWS's limit of ${rule.max}`,
      prefix,
      `shorten the prefix by at least ${worst.over} character${worst.over === 1 ? '' : 's'}`,
    );
  }
  for (const resource of [names.scp(10), names.rcp, ...STACK_SET_ORDER.map((kind) => names.stackSet(kind))]) {
    if ((STACK_SET_NAME_PREFIX + resource).length > LIMITS.stackSetNameChars) {
      issues.add('resourcePrefix', `makes the CfCT resource name "${resource}" too long`, prefix, 'shorten the prefix');
      break;
    }
  }
}

/** The accepted CloudWatch Logs retention nearest to `days` (the longer one on a tie). */
function nearestRetention(days: number): number {
  return CLOUDWATCH_RETENTION_DAYS.reduce((best, d) => (Math.abs(d - days) <= Math.abs(best - days) ? d : best));
}

function checkPrefix(issues: Issues, value: unknown): string | undefined {
  if (value === undefined) return DEFAULTS.resourcePrefix;
  if (!checkString(issues, 'resourcePrefix', value, false, "'bedrock-logs'")) return undefined;
  const reserved = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((r) => value.startsWith(r));
  if (!PREFIX.test(value) || value.includes('--') || reserved) {
    issues.add(
      'resourcePrefix',
      reserved
        ? `starts with "${reserved}", which S3 reserves`
        : 'must be lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
      value,
      "it names S3 buckets and CfCT resources: use something like 'bedrock-logs'",
    );
    return undefined;
  }
  return value;
}

/** What checking one environment found: errors refuse the build, warnings are printed and never refuse it. */
export interface EnvironmentCheck {
  readonly errors: Issue[];
  readonly warnings: Issue[];
  /** The resolved configuration, when the structural pass found nothing (the cross-checks ran on it). */
  readonly config?: ResolvedConfig;
}

/**
 * Checks one environment: first its shape and every field (structural), then, when that found
 * nothing, the cross-field rules on the resolved configuration (semantic: coverage gaps, accounts
 * in the wrong role, regions; `cross-checks.ts`). Returns every problem at once.
 */
export function checkEnvironment(name: string, config: unknown): EnvironmentCheck {
  const errors = validateStructure(name, config);
  if (errors.length > 0) return { errors, warnings: [] };
  const resolved = resolveConfig(name, config as EnvironmentConfig);
  return { ...crossCheckEnvironment(resolved), config: resolved };
}

/**
 * Validates one environment. Returns every error (empty when valid), each rendered by `formatIssue`
 * as `- <dot.path>: <what is wrong> (got "<value>"); <what to do>`. Warnings: `checkEnvironment`.
 */
export function validateEnvironment(name: string, config: unknown): Issue[] {
  return checkEnvironment(name, config).errors;
}

/** The structural pass: shapes, types, formats, ranges, one field at a time. */
function validateStructure(name: string, config: unknown): Issue[] {
  const issues = new Issues();
  if (!ENVIRONMENT_NAME.test(name)) {
    issues.add('environments', 'has an environment name that is not letters, digits, "-" or "_"', name, 'rename the environment');
  }
  if (!isObject(config)) {
    issues.add(`environments.${name}`, 'must be an object', config, 'write the environment as `{ homeRegion: ..., ... }`');
    return issues.lines;
  }
  const root = checkObject(issues, '', config, SHAPE.root, true) as Obj;

  checkRegion(issues, 'homeRegion', root.homeRegion, true);
  if (checkString(issues, 'organizationId', root.organizationId, true, "'o-a1b2c3d4e5'") && !ORGANIZATION_ID.test(root.organizationId)) {
    issues.add(
      'organizationId',
      'is not an AWS Organizations ID',
      root.organizationId,
      "copy it from the Organizations console: 'o-' then 10 to 32 lower-case letters or digits",
    );
  }
  checkAccountId(issues, 'managementAccountId', root.managementAccountId, false);
  const prefix = checkPrefix(issues, root.resourcePrefix);

  // Aggregation account.
  const aggregation = checkObject(issues, 'aggregation', root.aggregation, SHAPE.aggregation, true);
  let aggregationRegion: string | undefined;
  if (aggregation) {
    checkAccountId(issues, 'aggregation.accountId', aggregation.accountId, true);
    if (aggregation.region === undefined) {
      aggregationRegion = typeof root.homeRegion === 'string' ? root.homeRegion : undefined;
    } else if (checkRegion(issues, 'aggregation.region', aggregation.region, false)) {
      aggregationRegion = aggregation.region;
    }
    checkOrganizationalUnit(issues, 'aggregation.organizationalUnit', aggregation.organizationalUnit);
    checkBoolean(issues, 'aggregation.deployMemberStack', aggregation.deployMemberStack);
  }

  // Members.
  const members = checkObject(issues, 'members', root.members, SHAPE.members, true);
  let memberRegions: string[] = [];
  if (members) {
    const ous = checkList(issues, 'members.organizationalUnits', members.organizationalUnits, false,
      (item, p) => checkOrganizationalUnit(issues, p, item), 'OU');
    const accounts = checkList(issues, 'members.accounts', members.accounts, false,
      (item, p) => checkAccountId(issues, p, item, true), 'account ID');
    if (ous.length === 0 && accounts.length === 0 && Array.isArray(members.organizationalUnits ?? []) && Array.isArray(members.accounts ?? [])) {
      issues.add('members', 'targets no OU and no account', members, 'list at least one OU in members.organizationalUnits or one account in members.accounts');
    }
    const regions = checkList(issues, 'members.regions', members.regions, true,
      (item, p) => checkRegion(issues, p, item, true), 'region');
    if (Array.isArray(members.regions) && regions.length === 0) {
      issues.add('members.regions', 'is empty', members.regions, 'list every region where Bedrock may be used, for example [\'us-east-1\']');
    }
    memberRegions = regions.filter((r): r is string => typeof r === 'string' && KNOWN_REGIONS.includes(r));
    checkOrganizationalUnitIds(issues, 'members.organizationalUnitIds', members.organizationalUnitIds, ous);
  }
  const queryEnabled = isObject(root.query) && typeof root.query.enabled === 'boolean' ? root.query.enabled : DEFAULTS.queryEnabled;
  if (prefix) checkDerivedNames(issues, prefix, memberRegions, aggregationRegion, queryEnabled);

  // Logging.
  const logging = checkObject(issues, 'logging', root.logging, SHAPE.logging, false);
  if (logging) {
    checkList(issues, 'logging.dataTypes', logging.dataTypes, false,
      (item, p) => checkEnum(issues, p, item, ALL_DATA_TYPES), 'data type');
    if (logging.keyPrefix !== undefined && checkString(issues, 'logging.keyPrefix', logging.keyPrefix, false, "'bedrock'")) {
      if (!KEY_PREFIX.test(logging.keyPrefix) || logging.keyPrefix.length > KEY_PREFIX_MAX) {
        issues.add(
          'logging.keyPrefix',
          `must be up to ${KEY_PREFIX_MAX} characters of letters, digits and !_.*'()- in "/"-separated parts, without a leading or trailing "/"`,
          logging.keyPrefix,
          "write something like 'bedrock/invocations', or leave it out for no prefix",
        );
      }
    }
    checkEnum(issues, 'logging.existingConfiguration', logging.existingConfiguration, EXISTING_CONFIGURATION_POLICIES);
    checkBoolean(issues, 'logging.requireAllDataTypes', logging.requireAllDataTypes);
  }

  // Buckets.
  const memberBucket = checkObject(issues, 'memberBucket', root.memberBucket, SHAPE.memberBucket, false);
  if (memberBucket) checkInteger(issues, 'memberBucket.expirationDays', memberBucket.expirationDays, 1, 3650, 'days');

  const central = checkObject(issues, 'centralBucket', root.centralBucket, SHAPE.centralBucket, false);
  if (central) {
    const hasRetention = checkInteger(issues, 'centralBucket.retentionDays', central.retentionDays, 1, MAX_DAYS, 'days');
    const retention = hasRetention ? (central.retentionDays as number) : central.retentionDays === undefined ? DEFAULTS.centralRetentionDays : undefined;
    const lock = checkObject(issues, 'centralBucket.objectLock', central.objectLock, SHAPE.objectLock, false);
    if (lock) {
      checkEnum(issues, 'centralBucket.objectLock.mode', lock.mode, OBJECT_LOCK_MODES);
      if (lock.days === undefined) {
        issues.add('centralBucket.objectLock.days', 'is required', lock.days, 'set the default retention in days, or remove objectLock');
      } else if (checkInteger(issues, 'centralBucket.objectLock.days', lock.days, 1, MAX_DAYS, 'days') && retention !== undefined && (lock.days as number) > retention) {
        issues.add(
          'centralBucket.objectLock.days',
          `is longer than centralBucket.retentionDays (${retention}), so the lifecycle could never remove locked objects on time`,
          lock.days,
          'make the lock no longer than the retention, or raise retentionDays',
        );
      }
    }
    checkBoolean(issues, 'centralBucket.replicationTimeControl', central.replicationTimeControl);
  }

  // Query layer.
  const query = checkObject(issues, 'query', root.query, SHAPE.query, false);
  if (query) {
    checkBoolean(issues, 'query.enabled', query.enabled);
    checkInteger(issues, 'query.resultsExpirationDays', query.resultsExpirationDays, 1, MAX_DAYS, 'days');
    checkInteger(issues, 'query.bytesScannedCutoffGb', query.bytesScannedCutoffGb, 1, MAX_SCAN_CUTOFF_GB, 'GB');
    checkList(issues, 'query.accounts', query.accounts, false, (item, p) => checkAccountId(issues, p, item, true), 'account ID');
  }

  // KMS keys and CloudWatch Logs delivery (docs/kms-and-cloudwatch.md).
  const encryption = checkObject(issues, 'encryption', root.encryption, SHAPE.encryption, false);
  if (encryption) {
    checkBoolean(issues, 'encryption.kms', encryption.kms);
    checkInteger(issues, 'encryption.keyDeletionWindowDays', encryption.keyDeletionWindowDays,
      KEY_DELETION_WINDOW_DAYS.min, KEY_DELETION_WINDOW_DAYS.max, 'days');
  }
  const cloudWatch = checkObject(issues, 'cloudWatchLogs', root.cloudWatchLogs, SHAPE.cloudWatchLogs, false);
  if (cloudWatch) {
    checkBoolean(issues, 'cloudWatchLogs.enabled', cloudWatch.enabled);
    const days = cloudWatch.retentionDays;
    if (days !== undefined && (typeof days !== 'number' || !CLOUDWATCH_RETENTION_DAYS.includes(days))) {
      const near = typeof days === 'number' ? nearestRetention(days) : undefined;
      issues.add('cloudWatchLogs.retentionDays', 'is not a retention CloudWatch Logs accepts', days,
        `${near === undefined ? 'use' : `use ${near}, or`} one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`);
    }
  }

  checkPolicies(issues, root.policies);

  if (root.executionRoleName !== undefined && checkString(issues, 'executionRoleName', root.executionRoleName, false, "'AWSControlTowerExecution'") && !ROLE_NAME.test(root.executionRoleName)) {
    issues.add('executionRoleName', 'is not an IAM role name', root.executionRoleName, "use the role CfCT deploys through, normally 'AWSControlTowerExecution'");
  }
  checkEnum(issues, 'lambdaRuntime', root.lambdaRuntime, SUPPORTED_RUNTIMES);
  checkEnum(issues, 'lambdaTrustScope', root.lambdaTrustScope, LAMBDA_TRUST_SCOPES);
  checkBoolean(issues, 'enableStackSetDeletion', root.enableStackSetDeletion);
  return issues.lines;
}
