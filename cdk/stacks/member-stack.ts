import { CfnParameter, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { MEMBER_PARAMETERS } from '../constants';
import { BucketEmptier } from '../constructs/bucket-emptier';
import { InvocationLogGroup } from '../constructs/invocation-log-group';
import { InvocationLoggingConfiguration } from '../constructs/invocation-logging-configuration';
import { LogBucketKey } from '../constructs/log-bucket-key';
import { MemberLogBucket } from '../constructs/member-log-bucket';
import type { ResolvedConfig } from '../env/resolve';
import { Names } from '../names';
import type { HandlerName } from '../bundle';

export interface MemberStackProps extends StackProps {
  readonly config: ResolvedConfig;
  /** Bundled handler sources, by handler folder name. */
  readonly handlers: Readonly<Record<HandlerName, string>>;
}

/**
 * Deployed by the member StackSet to every target account and region: the log bucket that
 * replicates to the central bucket, Bedrock's logging configuration pointing at it, and the emptier
 * that lets the stack be deleted cleanly.
 *
 * Order on create: bucket and policy, then the (idle) emptier, then the logging configuration. On
 * delete CloudFormation reverses it: logging is switched off, then the bucket is emptied, then deleted.
 *
 * Options: `encryption.kms` adds the member key, which the bucket, the log group and the replication
 * role refer to, so CloudFormation deletes it (schedules its deletion) only after all of them, that
 * is after the bucket was emptied and deleted. `cloudWatchLogs` adds the log group and Bedrock's role,
 * which the logging configuration refers to: they are created before it and deleted after it.
 */
export class MemberStack extends Stack {
  constructor(scope: Construct, id: string, props: MemberStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = new Names(config.prefix);

    const centralBucketName = new CfnParameter(this, MEMBER_PARAMETERS.centralBucketName, {
      type: 'String',
      description: 'Name of the central log bucket in the aggregation account',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      constraintDescription: 'must be an S3 bucket name',
    });
    const centralAccountId = new CfnParameter(this, MEMBER_PARAMETERS.centralAccountId, {
      type: 'String',
      description: 'Account ID of the aggregation account',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'must be a 12-digit account ID',
    });

    const key = config.encryption.kms
      ? new LogBucketKey(this, 'LogKey', {
          aliasName: names.memberKeyAlias,
          description: 'Encrypts the Bedrock invocation logs of this account and region (member bucket, log group)',
          administratorRoleNames: [config.executionRoleName, ...config.policies.exemptRolePatterns],
          pendingWindow: Duration.days(config.encryption.keyDeletionWindowDays),
        })
      : undefined;

    const keyPrefix = config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '';
    const logBucket = new MemberLogBucket(this, 'LogBucket', {
      names,
      keyPrefix,
      expirationDays: config.memberBucket.expirationDays,
      centralBucketName: centralBucketName.valueAsString,
      centralAccountId: centralAccountId.valueAsString,
      replicationTimeControl: config.centralBucket.replicationTimeControl,
      // The central key's region: the aggregation region, from the map (the only region-specific value
      // the member template carries; it names the central key's alias ARN).
      kms: key ? { key, centralRegion: config.aggregation.region } : undefined,
    });

    const logGroup = config.cloudWatchLogs.enabled
      ? new InvocationLogGroup(this, 'InvocationLogs', { names, retentionDays: config.cloudWatchLogs.retentionDays, encryptionKey: key })
      : undefined;

    // What both custom-resource functions share.
    const functions = { names, runtime: config.lambdaRuntime, trustScope: config.lambdaTrustScope, bucket: logBucket.bucket };
    const emptier = new BucketEmptier(this, 'BucketEmptier', { ...functions, code: props.handlers['empty-log-bucket'] });

    const logging = new InvocationLoggingConfiguration(this, 'InvocationLogging', {
      ...functions,
      code: props.handlers['configure-invocation-logging'],
      keyPrefix: config.logging.keyPrefix,
      dataTypes: config.logging.dataTypes,
      existingConfiguration: config.logging.existingConfiguration,
      requireAllDataTypes: config.logging.requireAllDataTypes,
      // Large bodies go where the S3 delivery puts them: under the key prefix, so they replicate too.
      cloudWatch: logGroup?.destination(logBucket.bucket, config.logging.keyPrefix),
    });
    // Bedrock checks the bucket policy when the configuration is put.
    logging.resource.node.addDependency(logBucket.policy);
    // The emptier may wait for pending objects to replicate: the replication role must outlive it.
    emptier.resource.node.addDependency(logBucket.replicationRole);
    // Deleted first: logging is off before the emptier runs, so nothing lands after it.
    logging.resource.node.addDependency(emptier.resource);
  }
}
