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
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  type LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import {
  type CfnCreateEvent,
  type CfnDeleteEvent,
  type CfnEvent,
  type CfnUpdateEvent,
  customResource,
  type Outcome,
} from '../shared/custom-resource';
import { describeError, errorMessage, errorName } from '../shared/errors';
import { isTransient, retry } from '../shared/retry';
import {
  absentAfterPut,
  describe,
  hasDestination,
  isThisStacks,
  mismatches,
  parseRequest,
  readCloudWatch,
  rejectedDataTypes,
  sameDestination,
  targetConfiguration,
  withoutFlags,
} from './configuration';
import {
  ALL_DATA_TYPES,
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

