import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { CentralLogBucket } from '../constructs/central-log-bucket';
import { InvocationLogQuery } from '../constructs/invocation-log-query';
import { memberOrganizationalUnitIdsComplete, memberStackAccounts } from '../env/reach';
import { LogBucketKey } from '../constructs/log-bucket-key';
import type { ResolvedConfig } from '../env/resolve';
import { Names } from '../names';

export interface AggregationStackProps extends StackProps {
  readonly config: ResolvedConfig;
}

/**
 * Deployed by the aggregation StackSet to the aggregation account, in its region: the central
 * bucket every member bucket replicates into (it must exist before the member StackSet runs), and,
 * unless `query.enabled` is false, the query layer over it.
 */
export class AggregationStack extends Stack {
  constructor(scope: Construct, id: string, props: AggregationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = new Names(config.prefix);
    const keyPrefix = config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : '';
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
      keyPrefix,
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
      encryptionKey: key,
    });
    new CfnOutput(this, 'CentralBucketName', {
      description: 'Central bucket of Bedrock invocation logs',
      value: central.bucket.bucketName,
    });
    new CfnOutput(this, 'CentralBucketArn', { value: central.bucket.bucketArn });

    if (config.query.enabled) {
      const query = new InvocationLogQuery(this, 'Query', {
        names,
        logBucket: central.bucket,
        keyPrefix,
        regions: config.members.regions,
        logRetentionDays: config.centralBucket.retentionDays,
        accounts: config.query.accounts,
        resultsExpirationDays: config.query.resultsExpirationDays,
        bytesScannedCutoffGb: config.query.bytesScannedCutoffGb,
      });
      new CfnOutput(this, 'QueryWorkgroup', { description: 'Athena workgroup of the invocation-log queries', value: query.workgroup.ref });
      new CfnOutput(this, 'QueryDatabase', { description: 'Glue database of the invocation-log table', value: names.queryDatabase });
      new CfnOutput(this, 'QueryResultsBucketName', { value: query.resultsBucket.bucketName });
    }
    if (key) new CfnOutput(this, 'CentralKeyArn', { description: 'KMS key of the central bucket (retained with it)', value: key.key.keyArn });
  }
}
