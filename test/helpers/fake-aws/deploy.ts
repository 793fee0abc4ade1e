/**
 * What the package deploys, put into a fake organization by hand: the aggregation stack's central
 * bucket, and per member account and region what the member stack instance creates (the logging
 * configuration, the versioned member bucket replicating to the central bucket, the StackSet
 * instance stack) plus delivered log objects in the central bucket. Tests then break pieces of it.
 */
import type { ResolvedConfig } from '../../../cdk/env/resolve';
import { invocationLogPrefix, Names } from '../../../cdk/names';
import { bucketArn, roleArn, stackInstanceName } from '../../../cdk/policies/scope';
import type { FakeOrganization, LoggingConfigJson } from './model';

/** The central bucket's name for `config`. */
export function centralBucketName(config: ResolvedConfig): string {
  return new Names(config.prefix).centralBucket(config.aggregation.accountId, config.aggregation.region);
}

/** The central bucket in the aggregation account; returns its name. */
export function deployAggregation(model: FakeOrganization, config: ResolvedConfig): string {
  const name = centralBucketName(config);
  model.createBucket(name, config.aggregation.accountId, config.aggregation.region).versioning = 'Enabled';
  return name;
}

/** The logging configuration the member stack puts. */
export function expectedLogging(config: ResolvedConfig, account: string, region: string): LoggingConfigJson {
  const logging: LoggingConfigJson = {
    s3Config: { bucketName: new Names(config.prefix).memberBucket(account, region), ...(config.logging.keyPrefix ? { keyPrefix: config.logging.keyPrefix } : {}) },
  };
  for (const type of config.logging.dataTypes) logging[`${type}DataDeliveryEnabled`] = true;
  return logging;
}

/** A delivered log object's key, in Bedrock's date hierarchy. */
export function logObjectKey(config: ResolvedConfig, account: string, region: string, at: Date): string {
  const iso = at.toISOString();
  const [date, time] = [iso.slice(0, 10).split('-'), iso.slice(11, 19).replace(/:/g, '')];
  return `${invocationLogPrefix(config.logging.keyPrefix, account, region)}${date.join('/')}/${time.slice(0, 2)}/${date.join('')}T${time}Z_${account}${region.length}.json.gz`;
}

/** Puts a delivered log object for `account` and `region` into the central bucket. */
export function deliver(model: FakeOrganization, config: ResolvedConfig, account: string, region: string, at: Date): void {
  model.putObject(centralBucketName(config), logObjectKey(config, account, region, at), at);
}

/** Everything the member stack instance creates in `account` and `region`, with deliveries at `deliveries`. */
export function deployMember(model: FakeOrganization, config: ResolvedConfig, account: string, region: string, deliveries: readonly Date[] = []): void {
  const names = new Names(config.prefix);
  const state = model.region(account, region);
  state.logging = expectedLogging(config, account, region);
  const bucket = model.createBucket(names.memberBucket(account, region), account, region);
  bucket.versioning = 'Enabled';
  bucket.replication = {
    role: roleArn(account, names.replicationRole(region)),
    rules: [{ id: 'ReplicateLogsToCentralBucket', status: 'Enabled', prefix: `${config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : ''}AWSLogs/${account}/`,
      destinationBucket: bucketArn(centralBucketName(config)), destinationAccount: config.aggregation.accountId }],
  };
  const stackName = `${stackInstanceName(names.stackSet('member'))}-${uuidFor(account, region)}`;
  state.stacks.push({ name: stackName, id: model.stackId(account, region, stackName), status: 'CREATE_COMPLETE', createdAt: new Date(Date.UTC(2026, 5, 1)) });
  for (const at of deliveries) deliver(model, config, account, region, at);
}

/** A stable UUID-shaped suffix for a stack instance. */
function uuidFor(account: string, region: string): string {
  const hex = Buffer.from(`${account}${region}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
