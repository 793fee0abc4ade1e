import { NAMED_QUERIES } from '../../cdk/query/named-queries';
import { projectionParameters } from '../../cdk/query/projection';
import { tableColumns } from '../../cdk/query/table';
import { exampleConfig } from '../helpers/example';
import { exampleWith, only, synthesize } from '../helpers/synth';

const config = exampleConfig();
const { aggregationJson } = synthesize(config);
const resources = Object.entries(aggregationJson.Resources as Record<string, any>);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
const [centralId] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('CentralBucket')) as [string, any];
const [resultsId, results] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('QueryResultsBucket')) as [string, any];
const [, workgroup] = only(aggregationJson, 'AWS::Athena::WorkGroup');
const [, table] = only(aggregationJson, 'AWS::Glue::Table');
const [databaseId, database] = only(aggregationJson, 'AWS::Glue::Database');

describe('the query layer of the aggregation stack', () => {
  test('the results bucket is named outside the <prefix>-* pattern, encrypted, private, TLS-only and expires results', () => {
    expect(results.Properties.BucketName).toEqual({ 'Fn::Sub': 'athena-bedrock-logs-${AWS::AccountId}-${AWS::Region}' });
    expect(results.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(Object.values(results.Properties.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    const rules = results.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules.find((r) => r.Id === 'ExpireQueryResults')).toMatchObject({ ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === resultsId)?.[1];
    const tlsOnly = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).find((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    expect(tlsOnly?.Effect).toBe('Deny');
  });

  test('the workgroup enforces the results location, SSE-S3, engine 3 and the scan cutoff', () => {
    expect(workgroup.Properties.Name).toBe('bedrock-logs-invocation-logs');
    expect(workgroup.Properties.WorkGroupConfiguration).toEqual({
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
    });
  });

  test('the table is the derived definition, over the central bucket, with projection and no crawler', () => {
    expect(database.Properties.DatabaseInput.Name).toBe('bedrock_logs');
    expect(table.DependsOn).toContain(databaseId);
    const input = table.Properties.TableInput;
    expect(input.Name).toBe('invocations');
    expect(input.StorageDescriptor.Columns).toEqual(tableColumns().map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })));
    expect(input.StorageDescriptor.Location).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: centralId }, '/AWSLogs/']] });
    expect(input.StorageDescriptor.SerdeInfo).toEqual({ SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' } });
    const expected = projectionParameters({ bucketName: '#', keyPrefix: '', regions: config.members.regions, retentionDays: config.centralBucket.retentionDays });
    for (const [key, value] of Object.entries(expected)) {
      if (key === 'storage.location.template') {
        expect(input.Parameters[key]).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: centralId }, value.slice('s3://#'.length)]] });
      } else expect(input.Parameters[key]).toBe(value);
    }
    expect(ofType('AWS::Glue::Crawler')).toEqual([]);
  });

  test('every saved query is in the workgroup, reads the database, and names the configured accounts', () => {
    const named = ofType('AWS::Athena::NamedQuery').map(([, q]) => q.Properties);
    expect(named.map((q) => q.Name)).toEqual(NAMED_QUERIES.map((q) => `bedrock-logs-${q.id}`));
    const context = { database: 'bedrock_logs', table: 'invocations', accounts: ['111111111111', '222222222222'] };
    for (const [i, q] of named.entries()) {
      expect(q.QueryString).toBe(NAMED_QUERIES[i].sql(context));
      expect(q.Database).toBe('bedrock_logs');
      expect(q.WorkGroup).toEqual({ Ref: expect.stringMatching(/^QueryWorkgroup/) });
      expect(q.QueryString).toContain("log_account IN ('111111111111', '222222222222')");
    }
  });

  test('outputs name the workgroup, database and results bucket', () => {
    expect(Object.keys(aggregationJson.Outputs)).toEqual(expect.arrayContaining(['QueryWorkgroup', 'QueryDatabase', 'QueryResultsBucketName']));
  });

  test('takes the key prefix, retention, cutoff, expiry and accounts from the configuration', () => {
    const custom = synthesize(exampleWith((c) => {
      c.logging.keyPrefix = 'genai/bedrock';
      c.centralBucket.retentionDays = 90;
      c.query = { enabled: true, resultsExpirationDays: 2, bytesScannedCutoffGb: 5, accounts: ['999999999999'] };
    })).aggregationJson;
    const input = only(custom, 'AWS::Glue::Table')[1].Properties.TableInput;
    expect(input.Parameters['projection.log_day.range']).toBe('NOW-91DAYS,NOW');
    expect(JSON.stringify(input.Parameters['storage.location.template'])).toContain('/genai/bedrock/AWSLogs/${log_account}/');
    expect(only(custom, 'AWS::Athena::WorkGroup')[1].Properties.WorkGroupConfiguration.BytesScannedCutoffPerQuery).toBe(5_000_000_000);
    const rules = Object.values(custom.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::S3::Bucket').flatMap((b) => b.Properties.LifecycleConfiguration.Rules);
    expect(rules.find((r: any) => r.Id === 'ExpireQueryResults').ExpirationInDays).toBe(2);
    const queries = Object.values(custom.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::Athena::NamedQuery');
    expect(queries.every((q) => q.Properties.QueryString.includes("log_account IN ('999999999999')"))).toBe(true);
  });

  test('query.enabled false leaves only the central bucket', () => {
    const off = synthesize(exampleWith((c) => { c.query.enabled = false; })).aggregationJson;
    const types = new Set(Object.values(off.Resources as Record<string, any>).map((r) => r.Type));
    expect([...types].sort()).toEqual(['AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    expect(Object.keys(off.Resources).filter((id) => id.startsWith('Query'))).toEqual([]);
  });
});
