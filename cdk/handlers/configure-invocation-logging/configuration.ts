/**
 * The logging configuration as data: the resource's properties read and checked, the configuration
 * to put (merge semantics), and the comparisons after a Put. Pure functions, no AWS calls: the
 * handler (index.ts) makes the calls and decides what to do with the answers.
 */
import type { CloudWatchConfig, LoggingConfig } from '@aws-sdk/client-bedrock';
import { EXISTING_CONFIGURATION_POLICIES, type ExistingConfigurationPolicy } from '../../env/types';
import type { Properties } from '../shared/custom-resource';
import { errorMessage, errorName } from '../shared/errors';
import { ALL_DATA_TYPES, dataTypeProperty, deliveryFlag, LOGGING_PROPERTIES as PROPS, type LoggedDataType } from './properties';

/** What the resource's properties ask for, validated. */
export interface LoggingRequest {
  readonly bucketName: string;
  /** `''` for none. */
  readonly keyPrefix: string;
  /** The data types to deliver. */
  readonly dataTypes: ReadonlySet<LoggedDataType>;
  readonly existingConfiguration: ExistingConfigurationPolicy;
  /** Fail, rather than report, when the region does not offer a requested data type. */
  readonly requireAllDataTypes: boolean;
  /** The organization's CloudWatch Logs destination. */
  readonly cloudWatch?: CloudWatchConfig;
}

/** Validates the properties of a Create or Update; throws naming every problem. */
export function parseRequest(properties: Properties): LoggingRequest {
  const problems: string[] = [];
  const bucketName = properties[PROPS.bucketName] ?? '';
  if (bucketName === '') problems.push(`${PROPS.bucketName} is empty`);

  const dataTypes = new Set<LoggedDataType>();
  for (const type of ALL_DATA_TYPES) {
    const enabled = parseBoolean(properties[dataTypeProperty(type)]);
    if (enabled === undefined) problems.push(`${dataTypeProperty(type)} must be 'true' or 'false'`);
    if (enabled === true) dataTypes.add(type);
  }

  const policy = EXISTING_CONFIGURATION_POLICIES.find((p) => p === properties[PROPS.existingConfiguration]);
  if (policy === undefined) problems.push(`${PROPS.existingConfiguration} must be one of ${EXISTING_CONFIGURATION_POLICIES.join(', ')}`);

  const strict = parseBoolean(properties[PROPS.requireAllDataTypes] ?? 'false');
  if (strict === undefined) problems.push(`${PROPS.requireAllDataTypes} must be 'true' or 'false'`);

  const cloudWatch = readCloudWatch(properties);
  const set = (name: string) => (properties[name] ?? '') !== '';
  if (set(PROPS.cloudWatchLogGroupName) !== set(PROPS.cloudWatchRoleArn)) {
    problems.push(`${PROPS.cloudWatchLogGroupName} and ${PROPS.cloudWatchRoleArn} go together`);
  }
  if (set(PROPS.largeDataBucketName) && !set(PROPS.cloudWatchLogGroupName)) {
    problems.push(`${PROPS.largeDataBucketName} needs ${PROPS.cloudWatchLogGroupName}`);
  }
  if (set(PROPS.largeDataKeyPrefix) && !set(PROPS.largeDataBucketName)) {
    problems.push(`${PROPS.largeDataKeyPrefix} needs ${PROPS.largeDataBucketName}`);
  }

  if (problems.length > 0 || policy === undefined || strict === undefined) {
    throw new Error(`invalid properties ${JSON.stringify(properties)}: ${problems.join('; ')}`);
  }
  return {
    bucketName,
    keyPrefix: properties[PROPS.keyPrefix] ?? '',
    dataTypes,
    existingConfiguration: policy,
    requireAllDataTypes: strict,
    cloudWatch,
  };
}

function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** The organization's CloudWatch Logs destination, when the properties name one. */
export function readCloudWatch(properties: Properties): CloudWatchConfig | undefined {
  const logGroupName = properties[PROPS.cloudWatchLogGroupName] ?? '';
  const roleArn = properties[PROPS.cloudWatchRoleArn] ?? '';
  if (logGroupName === '' || roleArn === '') return undefined;
  const largeDataBucket = properties[PROPS.largeDataBucketName] ?? '';
  const largeDataPrefix = properties[PROPS.largeDataKeyPrefix] ?? '';
  return {
    logGroupName,
    roleArn,
    ...(largeDataBucket !== '' && {
      largeDataDeliveryS3Config: { bucketName: largeDataBucket, ...(largeDataPrefix !== '' && { keyPrefix: largeDataPrefix }) },
    }),
  };
}

/** True when the configuration delivers anywhere (Get returns one without destinations as "none"). */
export function hasDestination(config: LoggingConfig | undefined): config is LoggingConfig {
  return config?.s3Config !== undefined || config?.cloudWatchConfig !== undefined;
}

/** This stack's configuration delivers to S3 in its bucket (or, during an Update, its previous bucket). */
export function isThisStacks(config: LoggingConfig, bucketNames: readonly (string | undefined)[]): boolean {
  const bucket = config.s3Config?.bucketName;
  return bucket !== undefined && bucketNames.includes(bucket);
}

export function sameDestination(a: CloudWatchConfig | undefined, b: CloudWatchConfig | undefined): boolean {
  return a?.logGroupName === b?.logGroupName && a?.roleArn === b?.roleArn;
}

function sameLargeDataDelivery(a: CloudWatchConfig | undefined, b: CloudWatchConfig | undefined): boolean {
  const [left, right] = [a?.largeDataDeliveryS3Config, b?.largeDataDeliveryS3Config];
  return left?.bucketName === right?.bucketName && (left?.keyPrefix ?? '') === (right?.keyPrefix ?? '');
}

/**
 * The configuration to put.
 *
 * - S3 delivery: always the organization's bucket (there is only one S3 destination).
 * - CloudWatch Logs delivery: the organization's when it sets one (there is only one CloudWatch
 *   destination, so it replaces a team's under every policy). Otherwise a team's is kept under
 *   `merge` and `fail` (under `fail` only a merge from an earlier policy can be there) and dropped
 *   under `overwrite`; a destination the previous properties set is the organization's own,
 *   withdrawn now, and goes.
 * - Data types: every type the organization requests is on. While a team's CloudWatch delivery
 *   is kept, a type the team had on stays on (switching it off would silently cut the team's
 *   logging), unless this stack's previous properties requested it: then it was on because of
 *   this stack.
 */
export function targetConfiguration(found: LoggingConfig | undefined, request: LoggingRequest, previous: Properties | undefined): LoggingConfig {
  const teamCloudWatch =
    request.cloudWatch === undefined &&
    request.existingConfiguration !== 'overwrite' &&
    found?.cloudWatchConfig !== undefined &&
    !(previous !== undefined && sameDestination(found.cloudWatchConfig, readCloudWatch(previous)))
      ? found.cloudWatchConfig
      : undefined;
  const config: LoggingConfig = {
    s3Config: { bucketName: request.bucketName, ...(request.keyPrefix !== '' && { keyPrefix: request.keyPrefix }) },
    ...((request.cloudWatch ?? teamCloudWatch) !== undefined && { cloudWatchConfig: request.cloudWatch ?? teamCloudWatch }),
  };
  for (const type of ALL_DATA_TYPES) {
    const flag = deliveryFlag(type);
    const teamHadIt = teamCloudWatch !== undefined && found?.[flag] === true;
    const stackHadIt = previous?.[dataTypeProperty(type)] === 'true';
    config[flag] = request.dataTypes.has(type) || (teamHadIt && !stackHadIt);
  }
  return config;
}

/**
 * Data types whose flags a `ValidationException` names (the API field, or "<type> data"), among
 * the flags that were sent; none when the error is about something else.
 */
export function rejectedDataTypes(error: unknown, sent: LoggingConfig): LoggedDataType[] {
  if (errorName(error) !== 'ValidationException') return [];
  const message = errorMessage(error) ?? '';
  return ALL_DATA_TYPES.filter(
    (type) => sent[deliveryFlag(type)] !== undefined && new RegExp(`\\b(${deliveryFlag(type)}|${type} data)\\b`, 'i').test(message),
  );
}

export function withoutFlags(config: LoggingConfig, types: readonly LoggedDataType[]): LoggingConfig {
  const copy: LoggingConfig = { ...config };
  for (const type of types) delete copy[deliveryFlag(type)];
  return copy;
}

/** Fields that read back different from what was put (a missing flag is not one: see `absentAfterPut`). */
export function mismatches(sent: LoggingConfig, got: LoggingConfig | undefined): string[] {
  const differ: string[] = ALL_DATA_TYPES.map(deliveryFlag).filter((flag) => {
    const [wanted, actual] = [sent[flag], got?.[flag]];
    return wanted !== undefined && actual !== undefined && actual !== wanted;
  });
  const [s3Sent, s3Got] = [sent.s3Config, got?.s3Config];
  if (s3Got?.bucketName !== s3Sent?.bucketName || (s3Got?.keyPrefix ?? '') !== (s3Sent?.keyPrefix ?? '')) differ.push('s3Config');
  const [cloudWatchSent, cloudWatchGot] = [sent.cloudWatchConfig, got?.cloudWatchConfig];
  if (!sameDestination(cloudWatchSent, cloudWatchGot) || !sameLargeDataDelivery(cloudWatchSent, cloudWatchGot)) {
    differ.push('cloudWatchConfig');
  }
  return differ;
}

/** Requested data types the configuration read back does not mention at all: the region does not offer them. */
export function absentAfterPut(sent: LoggingConfig, got: LoggingConfig | undefined): LoggedDataType[] {
  return ALL_DATA_TYPES.filter((type) => sent[deliveryFlag(type)] === true && got?.[deliveryFlag(type)] === undefined);
}

/** The whole configuration, as reasons quote it. */
export function describe(config: LoggingConfig | undefined): string {
  return JSON.stringify(config ?? {});
}
