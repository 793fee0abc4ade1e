import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { CentralLogBucket } from '../constructs/central-log-bucket';
import { LogBucketKey } from '../constructs/log-bucket-key';
import type { ResolvedConfig } from '../env/resolve';
import { Names } from '../names';

export interface AggregationStackProps extends StackProps {
  readonly config: ResolvedConfig;
}

/**
 * Deployed by the aggregation StackSet to the aggregation account, in its region: the central
 * bucket every member bucket replicates into. It must exist before the member StackSet runs.
 */
export class AggregationStack extends Stack {
  constructor(scope: Construct, id: string, props: AggregationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = new Names(config.prefix);
    // Retained with the central bucket: its replicas stay encrypted with it for their whole retention.
    const key = config.encryption.kms
      ? new LogBucketKey(this, 'CentralKey', {
          aliasName: names.centralKeyAlias,
          description: "Encrypts the organization's Bedrock invocation logs in the central bucket",
          administratorRoleNames: [config.executionRoleName, ...config.policies.exemptRolePatterns],
          retain: true,
          pendingWindow: Duration.days(config.encryption.keyDeletionWindowDays),
        })
      : undefined;
    const central = new CentralLogBucket(this, 'CentralBucket', {
      names,
      organizationId: config.organizationId,
      keyPrefix: config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '',
      retentionDays: config.centralBucket.retentionDays,
      objectLock: config.centralBucket.objectLock,
      encryptionKey: key,
    });
    new CfnOutput(this, 'CentralBucketName', {
      description: 'Central bucket of Bedrock invocation logs',
      value: central.bucket.bucketName,
    });
    new CfnOutput(this, 'CentralBucketArn', { value: central.bucket.bucketArn });
    if (key) new CfnOutput(this, 'CentralKeyArn', { description: 'KMS key of the central bucket (retained with it)', value: key.key.keyArn });
  }
}
