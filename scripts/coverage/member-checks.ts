/**
 * The reads of one member account × region, with the assumed role's clients: Bedrock's logging
 * configuration, the member bucket's versioning and replication, and the member StackSet instance
 * stack. Each read ends in a `CheckStatus` and, when something is wrong, lines that say what was
 * found and what was expected. Nothing here reads a log object.
 */
import { GetModelInvocationLoggingConfigurationCommand, type LoggingConfig } from '@aws-sdk/client-bedrock';
import { ListStacksCommand, StackStatus } from '@aws-sdk/client-cloudformation';
import { GetBucketReplicationCommand, GetBucketVersioningCommand, type ReplicationRule } from '@aws-sdk/client-s3';
import type { LoggedDataType } from '../../cdk/env/types';
import type { RegionClients } from './clients';
import { errorName, failure } from './failures';
import type { CallGate } from './gate';
import type { StackFound } from './report';
import type { CheckStatus } from './states';

/** What the member stack puts in place in one account and region. */
export interface Expected {
  readonly bucket: string;
  /** Bedrock's `s3Config.keyPrefix` (empty for none). */
  readonly keyPrefix: string;
  readonly dataTypes: readonly LoggedDataType[];
  /** ARN of the central bucket the replication rule must point at. */
  readonly centralBucketArn: string;
  /** Where this account's logs of this region land: the replication rule's filter must cover it. */
  readonly logPrefix: string;
  /** `StackSet-CustomControlTower-<prefix>-member`; the stack's name is this, `-` and a UUID. */
  readonly stackNamePrefix: string;
}

export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly problems: readonly string[];
}

const ok: CheckOutcome = { status: 'ok', problems: [] };
const outcome = (status: CheckStatus, problem: string): CheckOutcome => ({ status, problems: [problem] });
const caught = (err: unknown, what: string): CheckOutcome => {
  const { status, problem } = failure(err, what);
  return outcome(status, problem);
};

/** Bedrock's API field of a data type (`video` → `videoDataDeliveryEnabled`). */
const flagOf = (type: LoggedDataType) => `${type}DataDeliveryEnabled` as const;

/** Compares a logging configuration with what the member stack puts. */
export function compareLogging(config: LoggingConfig | undefined, expected: Expected): CheckOutcome {
  const what = 'logging configuration';
  if (config === undefined || (config.s3Config === undefined && config.cloudWatchConfig === undefined)) {
    return outcome('missing', `${what}: none in this region (Bedrock logs nothing here)`);
  }
  const problems: string[] = [];
  const bucket = config.s3Config?.bucketName;
  if (bucket === undefined) problems.push(`${what}: no S3 delivery (s3Config is not set), expected bucket ${expected.bucket}`);
  else if (bucket !== expected.bucket) problems.push(`${what}: s3Config.bucketName is ${bucket}, expected ${expected.bucket}`);
  const prefix = config.s3Config?.keyPrefix ?? '';
  if (bucket !== undefined && prefix !== expected.keyPrefix) {
    problems.push(`${what}: s3Config.keyPrefix is ${JSON.stringify(prefix)}, expected ${JSON.stringify(expected.keyPrefix)}`);
  }
  for (const type of expected.dataTypes) {
    if (config[flagOf(type)] !== true) problems.push(`${what}: ${flagOf(type)} is ${String(config[flagOf(type)] ?? false)}, expected true`);
  }
  return problems.length === 0 ? ok : { status: 'differs', problems };
}

export async function checkLogging(clients: RegionClients, expected: Expected, gate: CallGate): Promise<CheckOutcome> {
  try {
    const answer = await gate.run('bedrock', (abortSignal) => clients.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}), { abortSignal }));
    return compareLogging(answer.loggingConfig, expected);
  } catch (err) {
    return caught(err, 'logging configuration');
  }
}

export async function checkVersioning(clients: RegionClients, expected: Expected, gate: CallGate): Promise<CheckOutcome> {
  const what = `bucket ${expected.bucket}`;
  try {
    const answer = await gate.run('s3', (abortSignal) => clients.s3.send(new GetBucketVersioningCommand({ Bucket: expected.bucket }), { abortSignal }));
    return answer.Status === 'Enabled' ? ok : outcome('differs', `${what}: versioning is ${answer.Status ?? 'not enabled'}, expected Enabled (replication needs it)`);
  } catch (err) {
    return errorName(err) === 'NoSuchBucket' ? outcome('missing', `${what}: does not exist`) : caught(err, what);
  }
}

/** The prefix a replication rule filters on (`Filter.Prefix`, `Filter.And.Prefix`, or the older `Prefix`). */
function rulePrefix(rule: ReplicationRule): string {
  return rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '';
}

export async function checkReplication(clients: RegionClients, expected: Expected, gate: CallGate): Promise<CheckOutcome> {
  const what = `replication of ${expected.bucket}`;
  try {
    const answer = await gate.run('s3', (abortSignal) => clients.s3.send(new GetBucketReplicationCommand({ Bucket: expected.bucket }), { abortSignal }));
    const rules = answer.ReplicationConfiguration?.Rules ?? [];
    const good = rules.find((rule) => rule.Status === 'Enabled' && rule.Destination?.Bucket === expected.centralBucketArn && expected.logPrefix.startsWith(rulePrefix(rule)));
    if (good) return ok;
    const found = rules.map((rule) => `${rule.ID ?? '(no ID)'} ${rule.Status ?? ''} to ${rule.Destination?.Bucket ?? '?'} for prefix ${JSON.stringify(rulePrefix(rule))}`).join('; ');
    return outcome('differs', `${what}: no enabled rule replicates ${expected.logPrefix} to ${expected.centralBucketArn} (rules: ${found || 'none'})`);
  } catch (err) {
    const name = errorName(err);
    if (name === 'ReplicationConfigurationNotFoundError') return outcome('missing', `${what}: no replication configuration`);
    if (name === 'NoSuchBucket') return outcome('missing', `${what}: the bucket does not exist`);
    return caught(err, what);
  }
}

/** Every stack status except DELETE_COMPLETE (ListStacks returns deleted stacks for 90 days otherwise). */
const EXISTING = Object.values(StackStatus).filter((status) => status !== StackStatus.DELETE_COMPLETE);
/** Statuses of a stack whose resources are in place (an update may be running or rolled back). */
const LIVE = new Set<string>([
  StackStatus.CREATE_COMPLETE, StackStatus.UPDATE_COMPLETE, StackStatus.UPDATE_IN_PROGRESS, StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
  StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, StackStatus.UPDATE_ROLLBACK_COMPLETE,
  StackStatus.UPDATE_ROLLBACK_FAILED, StackStatus.IMPORT_COMPLETE, StackStatus.IMPORT_IN_PROGRESS, StackStatus.IMPORT_ROLLBACK_COMPLETE,
  StackStatus.IMPORT_ROLLBACK_IN_PROGRESS, StackStatus.IMPORT_ROLLBACK_FAILED,
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function checkStack(clients: RegionClients, expected: Expected, gate: CallGate): Promise<CheckOutcome & { stack?: StackFound }> {
  const what = `stack ${expected.stackNamePrefix}-<UUID>`;
  try {
    let token: string | undefined;
    do {
      const NextToken = token;
      const page = await gate.run('cloudformation', (abortSignal) => clients.cloudformation.send(new ListStacksCommand({ NextToken, StackStatusFilter: EXISTING }), { abortSignal }));
      const summary = (page.StackSummaries ?? []).find((s) => s.StackName?.startsWith(`${expected.stackNamePrefix}-`) && UUID.test(s.StackName.slice(expected.stackNamePrefix.length + 1)));
      if (summary?.StackName !== undefined) {
        const stack = { name: summary.StackName, status: summary.StackStatus ?? 'UNKNOWN' };
        return LIVE.has(stack.status) ? { ...ok, stack } : { ...outcome('missing', `stack ${stack.name}: is ${stack.status}, not live`), stack };
      }
      token = page.NextToken;
    } while (token);
    return outcome('missing', `${what}: none in this region`);
  } catch (err) {
    return caught(err, what);
  }
}
