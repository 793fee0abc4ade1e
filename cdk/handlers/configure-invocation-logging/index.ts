/**
 * Custom::BedrockInvocationLogging: points Amazon Bedrock model invocation logging of this account
 * and region at the member log bucket (and at the organization's CloudWatch Logs destination when
 * one is set), and takes it away again on Delete. Behaviour, merge semantics, region feature gaps
 * and failure modes: ../README.md.
 *
 * The Bedrock client is bundled at the lockfile's version, not taken from the Lambda runtime: an
 * SDK older than a field would silently drop it from the request and the response.
 */
import {
  BedrockClient,
  type CloudWatchConfig,
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  type LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { EXISTING_CONFIGURATION_POLICIES, type ExistingConfigurationPolicy } from '../../env/types';
import {
  type CfnCreateEvent,
  type CfnDeleteEvent,
  type CfnEvent,
  type CfnUpdateEvent,
  customResource,
  type Outcome,
  type Properties,
} from '../shared/custom-resource';
import { describeError, errorMessage, errorName } from '../shared/errors';
import { isTransient, retry } from '../shared/retry';
import {
  ALL_DATA_TYPES,
  dataTypeProperty,
  deliveryFlag,
  LOGGING_ATTRIBUTES,
  LOGGING_PHYSICAL_ID,
  LOGGING_PROPERTIES as PROPS,
  type LoggedDataType,
} from './properties';

/** How long the permission `ValidationException` Bedrock raises right after IAM changes is retried. */
const IAM_PROPAGATION_MS = 90_000;

/** Lambda passes the function's credentials in environment variables: no other provider is bundled. */
const bedrock = new BedrockClient({ credentials: fromEnv() });

/** What the resource's properties ask for, validated. */
interface LoggingRequest {
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

/** Data types the region does not offer, each with how that showed. */
type NotOffered = Map<LoggedDataType, string>;

/** One helper per Bedrock call, each retried within the time budget. */
class InvocationLoggingApi {
  /** Until when Bedrock's permission check is retried: new IAM roles and bucket policies propagate. */
  private readonly permissionRetryUntil = Date.now() + IAM_PROPAGATION_MS;

  constructor(private readonly deadline: number) {}

  async get(): Promise<LoggingConfig | undefined> {
    const output = await this.call(() => bedrock.send(new GetModelInvocationLoggingConfigurationCommand({})));
    return output.loggingConfig;
  }

  async put(loggingConfig: LoggingConfig): Promise<void> {
    await this.call(() => bedrock.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig })));
  }

  async delete(): Promise<void> {
    await this.call(() => bedrock.send(new DeleteModelInvocationLoggingConfigurationCommand({})));
  }

  private call<T>(send: () => Promise<T>): Promise<T> {
    return retry(send, this.deadline, (error) => isTransient(error) || this.isPropagating(error));
  }

  /**
   * Bedrock checks its access to the destinations at Put and fails until new roles or bucket
   * policies have propagated: "ValidationException: Failed to validate permissions for log group:
   * ..., with role: ...". The Terraform AWS provider retries that message too.
   */
  private isPropagating(error: unknown): boolean {
    return (
      errorName(error) === 'ValidationException' &&
      /permission|access/i.test(errorMessage(error) ?? '') &&
      Date.now() < this.permissionRetryUntil
    );
  }
}

async function work(event: CfnEvent, deadline: number): Promise<Outcome> {
  const api = new InvocationLoggingApi(deadline);
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      return configure(event, api);
    case 'Delete':
      return remove(event, api);
  }
}

export const handler = customResource(() => LOGGING_PHYSICAL_ID, work);

/**
 * Create and Update: applies the organization's configuration next to, or instead of, what is
 * there; puts it, reads it back and checks it. A failed Create leaves the configuration as it found
 * it, so the rollback Delete has nothing to undo.
 */
async function configure(event: CfnCreateEvent | CfnUpdateEvent, api: InvocationLoggingApi): Promise<Outcome> {
  const request = parseRequest(event.ResourceProperties);
  const previous = event.RequestType === 'Update' ? event.OldResourceProperties : undefined;
  const found = await api.get();
  const foundIsTeams = hasDestination(found) && !isThisStacks(found, [request.bucketName, previous?.[PROPS.bucketName]]);
  if (foundIsTeams && request.existingConfiguration === 'fail') {
    throw new Error(`already configured: ${describe(found)}, and ExistingConfiguration is fail: remove it, or use merge or overwrite`);
  }

  const notOffered: NotOffered = new Map();
  const required = request.requireAllDataTypes ? request.dataTypes : new Set<LoggedDataType>();
  // Throws only when no Put went through: nothing to undo.
  const sent = await putOfferedDataTypes(api, targetConfiguration(found, request, previous), required, notOffered);
  try {
    const got = await api.get();
    const differ = mismatches(sent, got);
    if (differ.length > 0) {
      throw new Error(`${differ.join(',')} did not stick: Bedrock returned ${describe(got)} after the Put`);
    }
    for (const type of absentAfterPut(sent, got)) notOffered.set(type, 'absent from the configuration Bedrock returned');
    const missing = [...notOffered].filter(([type]) => required.has(type));
    if (missing.length > 0) throw notOfferedError(new Map(missing));
    return configuredOutcome(got, notOffered, foundIsTeams ? found : undefined);
  } catch (error) {
    if (event.RequestType === 'Create') await restore(api, found, error);
    throw error;
  }
}

/**
 * Delete: removes the configuration when it is this stack's. A team's CloudWatch Logs delivery
 * merged into it is put back on its own; the organization's CloudWatch delivery goes with it.
 */
async function remove(event: CfnDeleteEvent, api: InvocationLoggingApi): Promise<Outcome> {
  const found = await api.get();
  if (!hasDestination(found)) return { reason: 'no configuration' };
  if (!isThisStacks(found, [event.ResourceProperties[PROPS.bucketName]])) {
    return { reason: `left alone: ${describe(found)} is not this stack's` };
  }
  const team = found.cloudWatchConfig;
  if (team !== undefined && !sameDestination(team, readCloudWatch(event.ResourceProperties))) {
    await api.put({ ...found, s3Config: undefined });
    return { reason: 'restored the CloudWatch-only configuration' };
  }
  await api.delete();
  return { reason: 'deleted' };
}

/** Validates the properties of a Create or Update; throws naming every problem. */
function parseRequest(properties: Properties): LoggingRequest {
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
function readCloudWatch(properties: Properties): CloudWatchConfig | undefined {
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
function hasDestination(config: LoggingConfig | undefined): config is LoggingConfig {
  return config?.s3Config !== undefined || config?.cloudWatchConfig !== undefined;
}

/** This stack's configuration delivers to S3 in its bucket (or, during an Update, its previous bucket). */
function isThisStacks(config: LoggingConfig, bucketNames: readonly (string | undefined)[]): boolean {
  const bucket = config.s3Config?.bucketName;
  return bucket !== undefined && bucketNames.includes(bucket);
}

function sameDestination(a: CloudWatchConfig | undefined, b: CloudWatchConfig | undefined): boolean {
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
function targetConfiguration(found: LoggingConfig | undefined, request: LoggingRequest, previous: Properties | undefined): LoggingConfig {
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
 * Puts `target`. When Bedrock rejects data-type flags (a region that does not offer a type),
 * records them in `notOffered` and puts the configuration again without them, unless a rejected
 * type is `required`. Returns the configuration that went through; throws when none did.
 */
async function putOfferedDataTypes(
  api: InvocationLoggingApi,
  target: LoggingConfig,
  required: ReadonlySet<LoggedDataType>,
  notOffered: NotOffered,
): Promise<LoggingConfig> {
  let config = target;
  for (;;) {
    try {
      await api.put(config);
      return config;
    } catch (error) {
      const rejected = rejectedDataTypes(error, config);
      if (rejected.length === 0) throw error;
      const how = `Bedrock rejected ${rejected.map(deliveryFlag).join(',')}: ${describeError(error)}`;
      const missing = rejected.filter((type) => required.has(type));
      if (missing.length > 0) throw notOfferedError(new Map(missing.map((type) => [type, how])));
      for (const type of rejected) notOffered.set(type, how);
      config = withoutFlags(config, rejected);
    }
  }
}

/**
 * Data types whose flags a `ValidationException` names (the API field, or "<type> data"), among
 * the flags that were sent; none when the error is about something else.
 */
function rejectedDataTypes(error: unknown, sent: LoggingConfig): LoggedDataType[] {
  if (errorName(error) !== 'ValidationException') return [];
  const message = errorMessage(error) ?? '';
  return ALL_DATA_TYPES.filter(
    (type) => sent[deliveryFlag(type)] !== undefined && new RegExp(`\\b(${deliveryFlag(type)}|${type} data)\\b`, 'i').test(message),
  );
}

function withoutFlags(config: LoggingConfig, types: readonly LoggedDataType[]): LoggingConfig {
  const copy: LoggingConfig = { ...config };
  for (const type of types) delete copy[deliveryFlag(type)];
  return copy;
}

/** Fields that read back different from what was put (a missing flag is not one: see `absentAfterPut`). */
function mismatches(sent: LoggingConfig, got: LoggingConfig | undefined): string[] {
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
function absentAfterPut(sent: LoggingConfig, got: LoggingConfig | undefined): LoggedDataType[] {
  return ALL_DATA_TYPES.filter((type) => sent[deliveryFlag(type)] === true && got?.[deliveryFlag(type)] === undefined);
}

function notOfferedError(missing: NotOffered): Error {
  const types = [...missing.keys()].join(',');
  return new Error(
    `${types} not offered in this region (${describeNotOffered(missing)}), and RequireAllDataTypes is true: ` +
      `deploy only to regions that offer every requested data type, or drop ${types} from logging.dataTypes, ` +
      'or set logging.requireAllDataTypes to false',
  );
}

function describeNotOffered(notOffered: NotOffered): string {
  return [...notOffered].map(([type, how]) => `${type}: ${how}`).join('; ');
}

/** The answer of a Create or Update that went through, also logged as one JSON line. */
function configuredOutcome(got: LoggingConfig | undefined, notOffered: NotOffered, teams: LoggingConfig | undefined): Outcome {
  const active = ALL_DATA_TYPES.filter((type) => got?.[deliveryFlag(type)] === true);
  const missing = [...notOffered.keys()];
  console.log(JSON.stringify({ activeDataTypes: active, notOfferedDataTypes: Object.fromEntries(notOffered) }));
  const gaps = missing.length > 0 ? `; not offered in this region: ${describeNotOffered(notOffered)}; active: ${active.join(',') || 'none'}` : '';
  const was = teams !== undefined ? ` (was ${describe(teams)})` : '';
  return {
    reason: `configured${gaps}${was}`,
    data: { [LOGGING_ATTRIBUTES.activeDataTypes]: active.join(','), [LOGGING_ATTRIBUTES.notOfferedDataTypes]: missing.join(',') },
  };
}

/** After a failed Create: puts back the configuration found before, or deletes this stack's. */
async function restore(api: InvocationLoggingApi, found: LoggingConfig | undefined, cause: unknown): Promise<void> {
  try {
    if (hasDestination(found)) await api.put(found);
    else await api.delete();
  } catch (error) {
    throw new Error(`${describeError(cause)}; undoing the Put failed: ${describeError(error)}`, { cause: error });
  }
}

/** The whole configuration, as reasons quote it. */
function describe(config: LoggingConfig | undefined): string {
  return JSON.stringify(config ?? {});
}
