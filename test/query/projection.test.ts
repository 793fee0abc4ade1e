import { formatDay, projectedDays, projectionParameters, projectLocations, storageLocationTemplate } from '../../cdk/query/projection';
import { ACCOUNTS, FIXTURE_NOW, FIXTURE_OBJECTS, fixtureKey, UNLISTED_REGION } from '../fixtures/invocation-logs';
import { exampleConfig } from '../helpers/example';

const BUCKET = 'bedrock-logs-central-222222222222-us-east-1';
const example = exampleConfig();
const ALL_ACCOUNTS = Object.values(ACCOUNTS);
/** The real key layout of a delivered log object. */
const LOG_KEY = /^(?:.+\/)?AWSLogs\/[0-9]{12}\/BedrockModelInvocationLogs\/[a-z0-9-]+\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[0-9]{2}\/(?:data\/)?[^/]+\.json\.gz$/;

function parameters(keyPrefix = '', retentionDays = example.centralBucket.retentionDays): Record<string, string> {
  return projectionParameters({ bucketName: BUCKET, keyPrefix, regions: example.members.regions, retentionDays });
}

/** The fixture objects (as S3 URIs) that fall under one of the locations. */
function covered(locations: string[], keyPrefix = ''): string[] {
  return FIXTURE_OBJECTS.map((o) => `s3://${BUCKET}/${fixtureKey(o, keyPrefix)}`).filter((uri) => locations.some((l) => uri.startsWith(l)));
}

const objectsOn = (days: string[], keyPrefix = ''): string[] =>
  FIXTURE_OBJECTS.filter((o) => !o.key.includes(`/${UNLISTED_REGION}/`) && days.some((d) => o.key.includes(`/${d}/`))).map((o) => `s3://${BUCKET}/${fixtureKey(o, keyPrefix)}`);

describe('partition projection over the central bucket', () => {
  test('the table properties: injected account, the map\'s member regions, days from the retention to NOW', () => {
    expect(parameters()).toEqual({
      'projection.enabled': 'true',
      'projection.log_account.type': 'injected',
      'projection.log_region.type': 'enum',
      'projection.log_region.values': 'us-east-1,us-west-2,eu-west-1',
      'projection.log_day.type': 'date',
      'projection.log_day.format': 'yyyy/MM/dd',
      'projection.log_day.range': 'NOW-366DAYS,NOW',
      'projection.log_day.interval': '1',
      'projection.log_day.interval.unit': 'DAYS',
      'storage.location.template': `s3://${BUCKET}/AWSLogs/\${log_account}/BedrockModelInvocationLogs/\${log_region}/\${log_day}/`,
    });
  });

  test('the samples follow the real key layout', () => {
    for (const object of FIXTURE_OBJECTS.filter((o) => !o.key.endsWith('permission-check'))) expect(object.key).toMatch(LOG_KEY);
  });

  test.each([[''], ['genai/bedrock/']])('with key prefix %j every sample of a listed region is covered, and nothing else', (keyPrefix) => {
    const locations = projectLocations(parameters(keyPrefix), { injected: { log_account: ALL_ACCOUNTS }, now: FIXTURE_NOW });
    const expected = FIXTURE_OBJECTS.filter((o) => !o.key.includes(`/${UNLISTED_REGION}/`) && !o.key.endsWith('permission-check'));
    expect(covered(locations, keyPrefix)).toEqual(expected.map((o) => `s3://${BUCKET}/${fixtureKey(o, keyPrefix)}`));
    // The region the map does not list and Bedrock's permission-check object are outside every location.
    expect(covered(locations, keyPrefix).some((uri) => uri.includes(UNLISTED_REGION) || uri.endsWith('permission-check'))).toBe(false);
  });

  test('every region of the map and every named account gets a location per day; one location per (account, region, day)', () => {
    const locations = projectLocations(parameters(), { injected: { log_account: ALL_ACCOUNTS }, firstDay: '2026/01/15', lastDay: '2026/01/15', now: FIXTURE_NOW });
    expect(locations).toHaveLength(ALL_ACCOUNTS.length * example.members.regions.length);
    for (const account of ALL_ACCOUNTS) {
      for (const region of example.members.regions) expect(locations).toContain(`s3://${BUCKET}/AWSLogs/${account}/BedrockModelInvocationLogs/${region}/2026/01/15/`);
    }
  });

  test('a window across the year boundary reads exactly the objects of those two days', () => {
    const locations = projectLocations(parameters(), { injected: { log_account: ALL_ACCOUNTS }, firstDay: '2025/12/31', lastDay: '2026/01/01', now: FIXTURE_NOW });
    expect(covered(locations)).toEqual(objectsOn(['2025/12/31', '2026/01/01']));
    expect(covered(locations)).toHaveLength(2);
  });

  test('a window across the month boundary reads exactly the objects of those two days (with their data/ bodies)', () => {
    const locations = projectLocations(parameters(), { injected: { log_account: ALL_ACCOUNTS }, firstDay: '2026/01/31', lastDay: '2026/02/01', now: FIXTURE_NOW });
    expect(covered(locations)).toEqual(objectsOn(['2026/01/31', '2026/02/01']));
    expect(covered(locations).filter((uri) => uri.includes('/data/'))).toHaveLength(1);
  });

  test('only the named accounts are read', () => {
    const locations = projectLocations(parameters(), { injected: { log_account: [ACCOUNTS.claims] }, now: FIXTURE_NOW });
    expect(covered(locations).every((uri) => uri.includes(`/AWSLogs/${ACCOUNTS.claims}/`))).toBe(true);
    expect(covered(locations)).toHaveLength(FIXTURE_OBJECTS.filter((o) => o.key.includes(`/${ACCOUNTS.claims}/`)).length);
  });

  test('days run from the retention (and one day more) before NOW to NOW, formatted across year and month ends', () => {
    const days = projectedDays(parameters('', 40), { now: FIXTURE_NOW });
    expect(days[0]).toBe('2025/12/31');
    expect(days[days.length - 1]).toBe('2026/02/10');
    expect(days).toHaveLength(42);
    expect(days).toEqual(expect.arrayContaining(['2025/12/31', '2026/01/01', '2026/01/31', '2026/02/01']));
    expect(formatDay(new Date('2024-02-29T23:59:59Z'))).toBe('2024/02/29');
  });

  test('days older than the retention are not read (retention 9 days: from 2026/01/31)', () => {
    const locations = projectLocations(parameters('', 9), { injected: { log_account: ALL_ACCOUNTS }, now: FIXTURE_NOW });
    expect(covered(locations)).toEqual(objectsOn(['2026/01/31', '2026/02/01']));
  });

  test('fails if a query names no account: the injected partition needs a value', () => {
    expect(() => projectLocations(parameters(), { injected: {}, now: FIXTURE_NOW })).toThrow(
      'CONSTRAINT_VIOLATION: For the injected projected partition column log_account, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.',
    );
  });

  test('the location template names every partition column once, under the key prefix', () => {
    expect(storageLocationTemplate({ bucketName: 'b', keyPrefix: 'x/y/' })).toBe('s3://b/x/y/AWSLogs/${log_account}/BedrockModelInvocationLogs/${log_region}/${log_day}/');
  });
});
