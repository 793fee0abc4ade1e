import { Capture, Match } from 'aws-cdk-lib/assertions';
import { NAMED_QUERIES } from '../../cdk/query/named-queries';
import { projectionParameters } from '../../cdk/query/projection';
import { tableColumns } from '../../cdk/query/table';
import { exampleConfig } from '../helpers/example';
import { exampleWith, logicalIdOf, stringContaining, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { aggregation } = synthesize(config);
const centralId = logicalIdOf(aggregation, 'AWS::S3::Bucket', 'CentralBucket');
const resultsId = logicalIdOf(aggregation, 'AWS::S3::Bucket', 'QueryResultsBucket');
const workgroupId = logicalIdOf(aggregation, 'AWS::Athena::WorkGroup', 'QueryWorkgroup');
const ACCOUNTS_FILTER = "log_account IN ('111111111111', '222222222222')";

/** Every value a capture took, in template order (Capture.next() steps through them). */
function allValues(capture: Capture): unknown[] {
  const values: unknown[] = [];
  do values.push(capture.asString()); while (capture.next());
  return values;
}

describe('the query layer of the aggregation stack', () => {
  test('the results bucket is named outside the <prefix>-* pattern, encrypted, private, TLS-only and expires results', () => {
    aggregation.templateMatches({
      Resources: {
        [resultsId]: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketName: Match.objectEquals({ 'Fn::Sub': 'athena-bedrock-logs-${AWS::AccountId}-${AWS::Region}' }),
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
            PublicAccessBlockConfiguration: Match.objectEquals({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }),
            LifecycleConfiguration: {
              Rules: Match.arrayWith([Match.objectLike({ Id: 'ExpireQueryResults', ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })]),
            },
          },
        },
      },
    });
    aggregation.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: resultsId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('the workgroup enforces the results location, SSE-S3, engine 3 and the scan cutoff', () => {
    aggregation.resourceCountIs('AWS::Athena::WorkGroup', 1);
    aggregation.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'bedrock-logs-invocation-logs',
      WorkGroupConfiguration: Match.objectEquals({
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        RequesterPaysEnabled: false,
        BytesScannedCutoffPerQuery: 100_000_000_000,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsId }, '/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          ExpectedBucketOwner: { Ref: 'AWS::AccountId' },
        },
      }),
    });
  });

  test('the table is the derived definition, over the central bucket, with projection and no crawler', () => {
    const databaseId = aggregation.getResourceId('AWS::Glue::Database', { Properties: { DatabaseInput: { Name: 'bedrock_logs' } } });
    aggregation.resourceCountIs('AWS::Glue::Database', 1);
    aggregation.resourceCountIs('AWS::Glue::Table', 1);
    const expected = projectionParameters({ bucketName: '#', keyPrefix: '', regions: config.members.regions, retentionDays: config.centralBucket.retentionDays });
    // The location template names the bucket by reference: '#' stands for it in the expected value.
    const parameters = Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, key === 'storage.location.template'
      ? Match.objectEquals({ 'Fn::Join': ['', ['s3://', { Ref: centralId }, value.slice('s3://#'.length)]] })
      : value]));
    aggregation.hasResource('AWS::Glue::Table', {
      DependsOn: Match.arrayWith([databaseId]),
      Properties: {
        TableInput: {
          Name: 'invocations',
          StorageDescriptor: {
            Columns: Match.exact(tableColumns().map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment }))),
            Location: Match.objectEquals({ 'Fn::Join': ['', ['s3://', { Ref: centralId }, '/AWSLogs/']] }),
            SerdeInfo: Match.objectEquals({ SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' } }),
          },
          Parameters: parameters,
        },
      },
    });
    aggregation.resourceCountIs('AWS::Glue::Crawler', 0);
  });

  test('every saved query is in the workgroup, reads the database, and names the configured accounts', () => {
    const names = new Capture();
    aggregation.allResourcesProperties('AWS::Athena::NamedQuery', {
      Name: names,
      Database: 'bedrock_logs',
      WorkGroup: Match.objectEquals({ Ref: workgroupId }),
      QueryString: stringContaining(ACCOUNTS_FILTER),
    });
    expect(allValues(names)).toEqual(NAMED_QUERIES.map((q) => `bedrock-logs-${q.id}`));
    const context = { database: 'bedrock_logs', table: 'invocations', accounts: ['111111111111', '222222222222'] };
    for (const q of NAMED_QUERIES) {
      aggregation.hasResourceProperties('AWS::Athena::NamedQuery', { Name: `bedrock-logs-${q.id}`, QueryString: q.sql(context) });
    }
  });

  test('outputs name the workgroup, database and results bucket', () => {
    aggregation.hasOutput('QueryWorkgroup', { Value: { Ref: workgroupId } });
    aggregation.hasOutput('QueryDatabase', { Value: 'bedrock_logs' });
    aggregation.hasOutput('QueryResultsBucketName', { Value: { Ref: resultsId } });
  });

  test('takes the key prefix, retention, cutoff, expiry and accounts from the configuration', () => {
    const custom = synthesize(exampleWith((c) => {
      c.logging.keyPrefix = 'genai/bedrock';
      c.centralBucket.retentionDays = 90;
      c.query = { enabled: true, resultsExpirationDays: 2, bytesScannedCutoffGb: 5, accounts: ['999999999999'] };
    })).aggregation;
    const location = new Capture();
    custom.hasResourceProperties('AWS::Glue::Table', {
      TableInput: { Parameters: { 'projection.log_day.range': 'NOW-91DAYS,NOW', 'storage.location.template': location } },
    });
    expect(JSON.stringify(location.asObject())).toContain('/genai/bedrock/AWSLogs/${log_account}/');
    custom.hasResourceProperties('AWS::Athena::WorkGroup', { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 5_000_000_000 } });
    custom.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'ExpireQueryResults', ExpirationInDays: 2 })]) },
    });
    custom.allResourcesProperties('AWS::Athena::NamedQuery', { QueryString: stringContaining("log_account IN ('999999999999')") });
  });

  test('query.enabled false leaves only the central bucket', () => {
    const off = synthesize(exampleWith((c) => { c.query.enabled = false; })).aggregation;
    // Exactly two resources, both of the central bucket's construct: nothing of the query layer.
    off.templateMatches({
      Resources: Match.objectEquals({
        [logicalIdOf(off, 'AWS::S3::Bucket', 'CentralBucket')]: Match.objectLike({ Type: 'AWS::S3::Bucket' }),
        [logicalIdOf(off, 'AWS::S3::BucketPolicy', 'CentralBucket')]: Match.objectLike({ Type: 'AWS::S3::BucketPolicy' }),
      }),
    });
  });
});
