import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { CentralLogBucket } from '../constructs/central-log-bucket';
import { memberOrganizationalUnitIdsComplete, memberStackAccounts } from '../env/reach';
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
    const central = new CentralLogBucket(this, 'CentralBucket', {
      names: new Names(config.prefix),
      organizationId: config.organizationId,
      keyPrefix: config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '',
      retentionDays: config.centralBucket.retentionDays,
      objectLock: config.centralBucket.objectLock,
      // Only the accounts that run the member stack, when the map gives every member OU's ID;
      // names cannot be used in policies, so otherwise the whole organization (the build warns).
      replicationSources: memberOrganizationalUnitIdsComplete(config)
        ? {
            organizationPaths: config.members.organizationalUnits.map((ou) => `${config.organizationId}/*/${config.members.organizationalUnitIds[ou]}/`),
            accounts: memberStackAccounts(config),
          }
        : undefined,
    });
    new CfnOutput(this, 'CentralBucketName', {
      description: 'Central bucket of Bedrock invocation logs',
      value: central.bucket.bucketName,
    });
    new CfnOutput(this, 'CentralBucketArn', { value: central.bucket.bucketArn });
  }
}
