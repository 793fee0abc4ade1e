import { Aws, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../constants';
import { acknowledgeControlTower, acknowledgeLogBucket } from '../lint/acknowledge';
import { type Names, SUB_ACCOUNT, SUB_REGION } from '../names';
import { NAMED_QUERIES } from '../query/named-queries';
import type { QueryContext } from '../query/sql';
import { tableDefinition, INPUT_FORMAT, JSON_SERDE, OUTPUT_FORMAT, SERDE_PARAMETERS } from '../query/table';
import { denyAccessPointRequests, logBucketEncryption, logLifecycleRules, SECURE_LOG_BUCKET } from './log-bucket-defaults';

/** Athena engine the saved queries are written for (Trino functions such as `count_if`). */
const ATHENA_ENGINE_VERSION = 'Athena engine version 3';
/** Bytes in a GB, as Athena counts the scan cutoff (decimal). */
const BYTES_PER_GB = 1_000_000_000;

export interface InvocationLogQueryProps {
  readonly names: Names;
  /** The central bucket the table reads. */
  readonly logBucket: s3.IBucket;
  /** Key prefix Bedrock writes under, with its trailing `/` (empty for none). */
  readonly keyPrefix: string;
  /** Member regions: the values of the region partition. */
  readonly regions: readonly string[];
  /** Days the central bucket keeps logs: how far back the day partitions reach. */
  readonly logRetentionDays: number;
  /** Accounts the saved queries name. */
  readonly accounts: readonly string[];
  /** Days after which query results expire. */
  readonly resultsExpirationDays: number;
  /** Most data one query may scan, in GB. */
  readonly bytesScannedCutoffGb: number;
}

/**
 * The query layer over the central bucket, in the aggregation account: a Glue database and a
 * partition-projected table of the invocation logs, a results bucket, an Athena workgroup whose
 * settings every query runs with (results location and encryption, engine, scan cutoff, metrics),
 * and the saved queries. Nothing here runs or costs while nobody queries.
 */
export class InvocationLogQuery extends Construct {
  public readonly resultsBucket: s3.Bucket;
  public readonly workgroup: athena.CfnWorkGroup;
  public readonly database: glue.CfnDatabase;
  public readonly table: glue.CfnTable;

  constructor(scope: Construct, id: string, props: InvocationLogQueryProps) {
    super(scope, id);
    const { names } = props;

    this.resultsBucket = new s3.Bucket(this, 'ResultsBucket', {
      ...SECURE_LOG_BUCKET,
      ...logBucketEncryption(),
      bucketName: Fn.sub(names.queryResultsBucket(SUB_ACCOUNT, SUB_REGION)),
      // Retained like the central bucket: deleting the stack must not fail on results still in it.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: logLifecycleRules('ExpireQueryResults', props.resultsExpirationDays),
    });
    denyAccessPointRequests(this.resultsBucket);

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: names.queryDatabase, description: 'Bedrock model invocation logs of the organization (central bucket)' },
    });

    const definition = tableDefinition(names.queryTable, {
      bucketName: props.logBucket.bucketName,
      keyPrefix: props.keyPrefix,
      regions: props.regions,
      retentionDays: props.logRetentionDays,
    });
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: names.queryDatabase,
      tableInput: {
        name: definition.name,
        description: definition.description,
        tableType: 'EXTERNAL_TABLE',
        parameters: definition.parameters,
        partitionKeys: definition.partitionKeys,
        storageDescriptor: {
          columns: definition.columns,
          location: definition.location,
          inputFormat: INPUT_FORMAT,
          outputFormat: OUTPUT_FORMAT,
          serdeInfo: { serializationLibrary: JSON_SERDE, parameters: { ...SERDE_PARAMETERS } },
        },
      },
    });
    this.table.addResourceDependency(this.database);

    this.workgroup = new athena.CfnWorkGroup(this, 'Workgroup', {
      name: names.queryWorkgroup,
      description: 'Queries of the Bedrock invocation logs: results, encryption and scan limit are enforced',
      state: 'ENABLED',
      // Query history must not keep CloudFormation from deleting the workgroup.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffGb * BYTES_PER_GB,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Aws.ACCOUNT_ID,
        },
      },
    });

    const context: QueryContext = { database: names.queryDatabase, table: names.queryTable, accounts: props.accounts };
    for (const query of NAMED_QUERIES) {
      const named = new athena.CfnNamedQuery(this, `Query-${query.id}`, {
        name: names.namedQuery(query.id),
        description: query.question.slice(0, 1024),
        database: names.queryDatabase,
        workGroup: this.workgroup.ref,
        queryString: query.sql(context),
      });
      named.addResourceDependency(this.table);
    }

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

    acknowledgeLogBucket(this.resultsBucket, 'Athena, with the credentials of whoever runs a query in the workgroup,');
    acknowledgeControlTower(this.resultsBucket, {
      id: 's3_bucket_object_lock_enabled_check',
      reason: 'Query results are derived, short-lived copies that expire after query.resultsExpirationDays; a lock would keep prompt bodies longer than intended.',
    });
    acknowledgeControlTower(this.workgroup, {
      id: 'athena_workgroup_results_encrypted_at_rest_kms_check',
      reason:
        'Results are encrypted at rest with SSE-S3, enforced by the workgroup. A customer-managed KMS key would cost a monthly fee while nobody queries ' +
        '(the query layer is on by default because it costs nothing when idle) and every analyst would need key grants; the bucket is private and TLS-only.',
    });
  }
}
