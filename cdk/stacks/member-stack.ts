import { CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { MEMBER_PARAMETERS } from '../constants';
import { BucketEmptier } from '../constructs/bucket-emptier';
import { InvocationLoggingConfiguration } from '../constructs/invocation-logging-configuration';
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

    const keyPrefix = config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '';
    const logBucket = new MemberLogBucket(this, 'LogBucket', {
      names,
      keyPrefix,
      expirationDays: config.memberBucket.expirationDays,
      centralBucketName: centralBucketName.valueAsString,
      centralAccountId: centralAccountId.valueAsString,
      replicationTimeControl: config.centralBucket.replicationTimeControl,
    });

    const emptier = new BucketEmptier(this, 'BucketEmptier', {
      names,
      code: props.handlers['empty-log-bucket'],
      runtime: config.lambdaRuntime,
      trustScope: config.lambdaTrustScope,
      bucket: logBucket.bucket,
    });

    const logging = new InvocationLoggingConfiguration(this, 'InvocationLogging', {
      names,
      code: props.handlers['configure-invocation-logging'],
      runtime: config.lambdaRuntime,
      trustScope: config.lambdaTrustScope,
      bucket: logBucket.bucket,
      keyPrefix: config.logging.keyPrefix,
      dataTypes: config.logging.dataTypes,
      existingConfiguration: config.logging.existingConfiguration,
      requireAllDataTypes: config.logging.requireAllDataTypes,
    });
    // Bedrock checks the bucket policy when the configuration is put.
    logging.resource.node.addDependency(logBucket.policy);
    // The emptier may wait for pending objects to replicate: the replication role must outlive it.
    emptier.resource.node.addDependency(logBucket.replicationRole);
    // Deleted first: logging is off before the emptier runs, so nothing lands after it.
    logging.resource.node.addDependency(emptier.resource);
  }
}
