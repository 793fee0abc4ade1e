/**
 * What the report promises: the schema lists exactly the states the code can produce, a cell's
 * state follows from its checks by the documented rules, a logging configuration is compared
 * field by field, and the role session can only read.
 */
import { allChecks, cellState } from '../../../scripts/coverage/cell-state';
import { compareLogging, type Expected } from '../../../scripts/coverage/member-checks';
import { READ_ACTIONS, SESSION_POLICY } from '../../../scripts/coverage/roles';
import { ACCOUNT_CLASSES, CELL_STATES, CHECK_STATUSES, DELIVERY_STATUSES, SCHEMA_VERSION, STATES, cellPasses } from '../../../scripts/coverage/states';
import { allowedActions } from '../../helpers/fake-aws/services/sts';
import { coverageSchema } from './schema';

test('the JSON schema lists exactly the classes, states and statuses of the code', () => {
  const { definitions, properties } = coverageSchema;
  expect(definitions.accountClass.enum).toEqual(ACCOUNT_CLASSES);
  expect(definitions.cellState.enum).toEqual(CELL_STATES);
  expect(definitions.checkStatus.enum).toEqual(CHECK_STATUSES);
  expect(definitions.cell.properties.delivery.properties.status.enum).toEqual(DELIVERY_STATUSES);
  expect(properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  expect(properties.summary.properties.cells.required).toEqual(CELL_STATES);
});

test('which states pass, with and without --configuration-only', () => {
  expect(CELL_STATES.filter((s) => cellPasses(s, false))).toEqual(['logging', 'not-in-scope']);
  expect(CELL_STATES.filter((s) => cellPasses(s, true))).toEqual(['logging', 'configured-no-delivery', 'stale', 'delivery-unknown', 'not-in-scope']);
  for (const state of CELL_STATES) expect(STATES[state].short.length).toBeLessThanOrEqual(7);
});

describe('a cell\'s state from its checks (first rule that applies)', () => {
  const ok = allChecks('ok');
  test('configured as expected: the delivery decides', () => {
    expect(cellState(ok, { status: 'recent' })).toBe('logging');
    expect(cellState(ok, { status: 'stale' })).toBe('stale');
    expect(cellState(ok, { status: 'none' })).toBe('configured-no-delivery');
    expect(cellState(ok, { status: 'unknown' })).toBe('delivery-unknown');
    expect(cellState(ok, { status: 'not-checked' })).toBe('not-checked');
  });
  test('a missing stack explains the rest; then denied, error, not checked, misconfigured', () => {
    expect(cellState({ ...allChecks('missing'), replication: 'denied' }, { status: 'none' })).toBe('stack-missing');
    expect(cellState({ ...ok, bucket: 'error', loggingConfiguration: 'denied' }, { status: 'recent' })).toBe('access-denied');
    expect(cellState({ ...ok, bucket: 'error', replication: 'differs' }, { status: 'recent' })).toBe('error');
    expect(cellState({ ...ok, bucket: 'not-checked', replication: 'differs' }, { status: 'recent' })).toBe('not-checked');
    expect(cellState({ ...ok, replication: 'missing' }, { status: 'recent' })).toBe('misconfigured');
  });
});

describe('comparing a logging configuration with what the member stack puts', () => {
  const expected: Expected = {
    bucket: 'bedrock-logs-100000000001-us-east-1', keyPrefix: 'org', dataTypes: ['text', 'video'],
    centralBucketArn: 'arn:aws:s3:::c', logPrefix: 'org/AWSLogs/100000000001/BedrockModelInvocationLogs/us-east-1/', stackNamePrefix: 'StackSet-CustomControlTower-bedrock-logs-member',
  };
  test('passes the expected configuration, with extra data types and a CloudWatch delivery kept beside it', () => {
    expect(compareLogging({
      s3Config: { bucketName: expected.bucket, keyPrefix: 'org' }, textDataDeliveryEnabled: true, videoDataDeliveryEnabled: true, imageDataDeliveryEnabled: true,
      cloudWatchConfig: { logGroupName: 'team', roleArn: 'arn:aws:iam::100000000001:role/team' },
    }, expected)).toEqual({ status: 'ok', problems: [] });
  });
  test('fails if there is none, or only a CloudWatch delivery', () => {
    expect(compareLogging(undefined, expected)).toEqual({ status: 'missing', problems: ['logging configuration: none in this region (Bedrock logs nothing here)'] });
    expect(compareLogging({ cloudWatchConfig: { logGroupName: 'team', roleArn: 'r' }, textDataDeliveryEnabled: true, videoDataDeliveryEnabled: true }, expected).problems)
      .toEqual(['logging configuration: no S3 delivery (s3Config is not set), expected bucket bedrock-logs-100000000001-us-east-1']);
  });
  test('fails if the prefix differs or a requested data type is off, naming each', () => {
    expect(compareLogging({ s3Config: { bucketName: expected.bucket }, textDataDeliveryEnabled: true, videoDataDeliveryEnabled: false }, expected)).toEqual({
      status: 'differs',
      problems: ['logging configuration: s3Config.keyPrefix is "", expected "org"', 'logging configuration: videoDataDeliveryEnabled is false, expected true'],
    });
  });
});

test('the role session may use exactly the five read actions, and cannot read a log object', () => {
  expect([...allowedActions(SESSION_POLICY)]).toEqual([...READ_ACTIONS]);
  expect(READ_ACTIONS.every((action) => /:(Get|List)/.test(action))).toBe(true);
  expect(allowedActions(SESSION_POLICY).has('s3:GetObject')).toBe(false);
});
