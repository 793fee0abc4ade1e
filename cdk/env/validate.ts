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
import { issue, type Issue } from '../errors';
import { closest, didYouMean } from '../suggest';
import { Names, STACK_SET_ORDER, type NameKind } from '../names';
import { KNOWN_REGIONS } from './regions';
import {
  ALL_DATA_TYPES,
  CLOUDWATCH_RETENTION_DAYS,
  EXISTING_CONFIGURATION_POLICIES,
  KEY_DELETION_WINDOW_DAYS,
  LAMBDA_TRUST_SCOPES,
  OBJECT_LOCK_MODES,
  SUPPORTED_RUNTIMES,
} from './types';
import { DEFAULTS } from './resolve';

/** Allowed keys of every object in the configuration: unknown keys (typos) are errors. */
const SHAPE = {
  root: [
    'homeRegion', 'organizationId', 'managementAccountId', 'resourcePrefix', 'aggregation', 'members', 'logging',
    'memberBucket', 'centralBucket', 'encryption', 'cloudWatchLogs', 'policies', 'executionRoleName', 'lambdaRuntime', 'lambdaTrustScope',
    'enableStackSetDeletion',
  ],
  aggregation: ['accountId', 'region', 'organizationalUnit'],
  members: ['organizationalUnits', 'accounts', 'regions'],
  logging: ['dataTypes', 'keyPrefix', 'existingConfiguration', 'requireAllDataTypes'],
  memberBucket: ['expirationDays'],
  centralBucket: ['retentionDays', 'objectLock', 'replicationTimeControl'],
  objectLock: ['mode', 'days'],
  encryption: ['kms', 'keyDeletionWindowDays'],
  cloudWatchLogs: ['enabled', 'retentionDays'],
  policies: ['scpSizeBudget', 'freeScpSlots', 'exemptRolePatterns', 'additionalOrganizationalUnits', 'resourceControlPolicy'],
} as const;

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const PREFIX = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATTERN = /^[\w+=,.@*?-]{1,64}$/;
/** S3 key characters AWS calls safe, in `/`-separated segments. */
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
const KEY_PREFIX_MAX = 256;
const MAX_DAYS = 36_500;
const MIN_SCP_BUDGET = 1_000;
const MAX_FREE_SCP_SLOTS = 10;
/** A placeholder account used to measure derived names: account IDs always have 12 digits. */
const ANY_ACCOUNT = '000000000000';

/** Collects issues under dot paths. */
class Issues {
  readonly lines: Issue[] = [];
  add(path: string, problem: string, value: unknown, fix: string): void {
    this.lines.push(issue(path, problem, value, fix));
  }
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `value` is an object with only known keys; returns it (or an empty object). */
function checkObject(issues: Issues, path: string, value: unknown, keys: readonly string[], required: boolean): Obj | undefined {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `add the \`${path.split('.').pop()}\` object`);
    return undefined;
  }
  if (!isObject(value)) {
    issues.add(path, 'must be an object', value, 'write it as `{ ... }`');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      issues.add(
        path ? `${path}.${key}` : key,
        'is not a known field',
        value[key],
        didYouMean(key, keys, `remove it; known fields: ${keys.join(', ')}`),
      );
    }
  }
  return value;
}

function checkString(issues: Issues, path: string, value: unknown, required: boolean, example: string): value is string {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `set it, for example ${example}`);
    return false;
  }
  if (typeof value !== 'string') {
    issues.add(path, 'must be a string', value, `quote it, for example ${example}`);
    return false;
  }
  return true;
}

function checkAccountId(issues: Issues, path: string, value: unknown, required: boolean): void {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, "set the 12-digit account ID as a quoted string, for example '111111111111'");
    return;
  }
  if (typeof value === 'number') {
    issues.add(
      path,
      'must be a quoted string, not a number',
      value,
      "quote it ('012345678901'): a number loses leading zeros and YAML reads some as octal",
    );
    return;
  }
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value)) {
    issues.add(path, 'is not a 12-digit AWS account ID', value, "write exactly 12 digits as a quoted string, for example '111111111111'");
  }
}

function checkRegion(issues: Issues, path: string, value: unknown, required: boolean): value is string {
  if (!checkString(issues, path, value, required, "'us-east-1'")) return false;
  if (!KNOWN_REGIONS.includes(value)) {
    const near = closest(value.trim(), KNOWN_REGIONS);
    issues.add(
      path,
      'is not a known region of the aws partition',
      value,
      near ? `write '${near}'` : 'use a region name such as us-east-1 (see cdk/env/regions.ts)',
    );
    return false;
  }
  return true;
}

/** An OU as CfCT names it: `Name` or `Parent:Child`, never `Root:...`. */
function checkOrganizationalUnit(issues: Issues, path: string, value: unknown): void {
  if (!checkString(issues, path, value, true, "'Workloads' or 'Workloads:Prod'")) return;
  if (/^root:/i.test(value)) {
    issues.add(
      path,
      'starts with "Root:", which CfCT does not resolve',
      value,
      `drop the prefix: write '${value.replace(/^root:/i, '')}'`,
    );
    return;
  }
  const segments = value.split(':');
  if (segments.some((s) => s.length === 0 || s.length > 128 || s.trim() !== s)) {
    issues.add(
      path,
      'is not an OU name or a `Parent:Child` path',
      value,
      'write each OU name exactly as in AWS Organizations (case-sensitive, no empty parts or surrounding spaces), joined by ":"',
    );
  }
}

function checkList(
  issues: Issues,
  path: string,
  value: unknown,
  required: boolean,
  each: (item: unknown, itemPath: string) => void,
  what: string,
): unknown[] {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `list at least one ${what}`);
    return [];
  }
  if (!Array.isArray(value)) {
    issues.add(path, 'must be a list', value, `write it as [ ... ] of ${what}s`);
    return [];
  }
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    each(item, `${path}[${i}]`);
    const key = JSON.stringify(item);
    if (seen.has(key)) {
      issues.add(`${path}[${i}]`, `repeats ${path}[${seen.get(key)}]`, item, 'list each value once');
    } else {
      seen.set(key, i);
    }
  });
  return value;
}

function checkInteger(issues: Issues, path: string, value: unknown, min: number, max: number, unit: string): value is number {
  if (value === undefined) return false;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.add(path, `must be a whole number of ${unit} from ${min} to ${max}`, value, `set a whole number between ${min} and ${max}`);
    return false;
  }
  return true;
}

function checkBoolean(issues: Issues, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    issues.add(path, 'must be true or false', value, 'write true or false without quotes');
  }
}

function checkEnum(issues: Issues, path: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    issues.add(path, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value, `pick one of ${allowed.join(', ')}`);
  }
}

const NAME_RULES: Record<NameKind, { max: number; pattern: RegExp; what: string }> = {
  bucket: { max: LIMITS.bucketNameChars, pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/, what: 'S3 bucket name' },
  role: { max: LIMITS.roleNameChars, pattern: /^[\w+=,.@-]+$/, what: 'IAM role name' },
  function: { max: LIMITS.functionNameChars, pattern: /^[A-Za-z0-9_-]+$/, what: 'Lambda function name' },
};

/** Every name derived from the prefix must fit AWS's rules in every configured region. */
function checkDerivedNames(issues: Issues, prefix: string, memberRegions: string[], aggregationRegion: string | undefined): void {
  const names = new Names(prefix);
  const derived: { kind: NameKind; name: string }[] = [];
  for (const region of memberRegions) derived.push(...names.concreteNames(ANY_ACCOUNT, region));
  if (aggregationRegion) derived.push({ kind: 'bucket', name: names.centralBucket(ANY_ACCOUNT, aggregationRegion) });
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

/**
 * Validates one environment. Returns every issue (empty when valid), each rendered by `formatIssue`
 * as `- <dot.path>: <what is wrong> (got "<value>"); <what to do>`.
 */
export function validateEnvironment(name: string, config: unknown): Issue[] {
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
  }
  if (prefix) checkDerivedNames(issues, prefix, memberRegions, aggregationRegion);

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

  // Policies.
  const policies = checkObject(issues, 'policies', root.policies, SHAPE.policies, false);
  if (policies) {
    checkInteger(issues, 'policies.scpSizeBudget', policies.scpSizeBudget, MIN_SCP_BUDGET, LIMITS.scpMaxChars, 'characters');
    checkInteger(issues, 'policies.freeScpSlots', policies.freeScpSlots, 1, MAX_FREE_SCP_SLOTS, 'policies');
    checkList(issues, 'policies.exemptRolePatterns', policies.exemptRolePatterns, false, (item, p) => {
      if (!checkString(issues, p, item, true, "'BreakGlass*'")) return;
      if (!ROLE_PATTERN.test(item)) {
        issues.add(p, 'is not an IAM role-name pattern', item, "use role-name characters and the wildcards * and ?, for example 'BreakGlass*'");
      } else if (/^[*?]+$/.test(item)) {
        issues.add(p, 'matches every role, which would switch the guardrails off', item, 'name the break-glass role, for example \'BreakGlassAdmin\'');
      }
    }, 'role pattern');
    checkList(issues, 'policies.additionalOrganizationalUnits', policies.additionalOrganizationalUnits, false,
      (item, p) => checkOrganizationalUnit(issues, p, item), 'OU');
    checkBoolean(issues, 'policies.resourceControlPolicy', policies.resourceControlPolicy);
  }

  if (root.executionRoleName !== undefined && checkString(issues, 'executionRoleName', root.executionRoleName, false, "'AWSControlTowerExecution'") && !ROLE_NAME.test(root.executionRoleName)) {
    issues.add('executionRoleName', 'is not an IAM role name', root.executionRoleName, "use the role CfCT deploys through, normally 'AWSControlTowerExecution'");
  }
  checkEnum(issues, 'lambdaRuntime', root.lambdaRuntime, SUPPORTED_RUNTIMES);
  checkEnum(issues, 'lambdaTrustScope', root.lambdaTrustScope, LAMBDA_TRUST_SCOPES);
  checkBoolean(issues, 'enableStackSetDeletion', root.enableStackSetDeletion);
  return issues.lines;
}
