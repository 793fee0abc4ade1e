/**
 * `coverage` end to end: the CLI in-process with the real SDK v3 clients against the fake AWS
 * (Organizations, STS, Bedrock, S3, CloudFormation on 127.0.0.1 through AWS_ENDPOINT_URL), on a
 * Control Tower organization with the package deployed and broken in every way the report must
 * show, with small pages and throttling on every service.
 */
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import type { CoverageReport } from '../../../scripts/coverage/report';
import { FORMATS } from '../../../scripts/coverage/render';
import { cli, type CliResult } from '../../helpers/cli';
import { exampleConfig } from '../../helpers/example';
import { startFakeAws, type FakeAws } from '../../helpers/fake-aws';
import { ACCOUNTS, exampleOrganization } from './scenario';
import { schemaErrors } from './schema';

const config = exampleConfig();
const REGIONS = config.members.regions;

type Row = { classification: string; cells?: readonly [string, string, string] };
const all = (state: string) => [state, state, state] as const;

/** What an auditor must read for every account of the scenario (regions us-east-1, us-west-2, eu-west-1). */
const EXPECTED: Readonly<Record<string, Row>> = {
  [ACCOUNTS.management]: { classification: 'management' },
  [ACCOUNTS.logArchive]: { classification: 'guardrails-only' },
  [ACCOUNTS.audit]: { classification: 'guardrails-only' },
  [ACCOUNTS.sharedServices]: { classification: 'covered', cells: all('logging') },
  [ACCOUNTS.healthy]: { classification: 'covered', cells: all('logging') },
  [ACCOUNTS.roleMissing]: { classification: 'covered', cells: all('access-denied') },
  [ACCOUNTS.stackMissingWest]: { classification: 'covered', cells: ['logging', 'stack-missing', 'logging'] },
  [ACCOUNTS.pointsElsewhere]: { classification: 'covered', cells: ['logging', 'logging', 'misconfigured'] },
  [ACCOUNTS.deliveryGaps]: { classification: 'covered', cells: ['stale', 'configured-no-delivery', 'logging'] },
  [ACCOUNTS.bedrockDenied]: { classification: 'covered', cells: all('access-denied') },
  [ACCOUNTS.replicationBroken]: { classification: 'covered', cells: ['misconfigured', 'misconfigured', 'logging'] },
  [ACCOUNTS.stackRolledBack]: { classification: 'covered', cells: ['logging', 'logging', 'stack-missing'] },
  [ACCOUNTS.throttledStacks]: { classification: 'covered', cells: ['logging', 'logging', 'error'] },
  [ACCOUNTS.teamA]: { classification: 'guardrails-only' },
  [ACCOUNTS.sandbox]: { classification: 'covered', cells: all('logging') },
  [ACCOUNTS.sandboxSuspended]: { classification: 'suspended' },
  [ACCOUNTS.exception]: { classification: 'outside' },
};

/** Three attempts per request (the SDK's default): the always-throttled cell gives up sooner than with the command's six. */
const ATTEMPTS = { AWS_MAX_ATTEMPTS: '3' };

let fake: FakeAws;
let result: CliResult;
let report: CoverageReport;

const cell = (account: string, region: string) => {
  const found = report.accounts.find((a) => a.id === account)?.cells.find((c) => c.region === region);
  if (!found) throw new Error(`no cell ${account} ${region}`);
  return found;
};

beforeAll(async () => {
  fake = await startFakeAws({
    model: exampleOrganization(config, Date.now()),
    organizations: { pageSize: 2, emptyFirstPage: true },
    s3: { pageSize: 2 },
    cloudformation: { pageSize: 2 },
    // Every service throttles the first attempt of some requests (the SDK's retry gets through),
    // and one account's stacks in one region every attempt (its retries run out).
    throttle: ({ service, operation, nth, attempt, account, region }) =>
      (service === 'cloudformation' && account === ACCOUNTS.throttledStacks && region === 'eu-west-1') ||
      (attempt === 1 && ((service === 'organizations' && nth % 3 === 1) || (service === 'sts' && nth % 5 === 2) || (service === 'bedrock' && nth % 4 === 0) ||
        (operation === 'ListObjectsV2' && nth % 9 === 0) || (operation === 'GetBucketReplication' && nth % 7 === 0))),
  });
  result = await cli(['coverage', '--map', EXAMPLE_MAP_FILE, '--format', 'json'], { env: fake.env(ATTEMPTS) });
  report = JSON.parse(result.stdout) as CoverageReport;
}, 120_000);
afterAll(() => fake.close());

describe('coverage of the example environment against the fake organization', () => {
  test('exits 1 (cells are not logging), writes nothing on stderr, and the JSON validates against docs/coverage.schema.json', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.ok).toBe(false);
  });

  test('classifies every account of the organization, and gives every covered account × region its state', () => {
    const actual = Object.fromEntries(report.accounts.map((a) => [a.id, a.classification === 'covered'
      ? { classification: a.classification, cells: a.cells.map((c) => c.state) }
      : { classification: a.classification }]));
    expect(actual).toEqual(EXPECTED);
    for (const account of report.accounts) {
      expect(account.cells.map((c) => c.region)).toEqual(REGIONS);
      if (account.classification !== 'covered') expect(account.cells.every((c) => c.state === 'not-in-scope')).toBe(true);
    }
  });

  test('says why an account is or is not covered, as CfCT resolves OUs (direct children only)', () => {
    const reason = (id: string) => report.accounts.find((a) => a.id === id)?.reason;
    expect(reason(ACCOUNTS.teamA)).toBe('below guardrail target Workloads:Prod (SCPs inherit), not a member target; StackSets reach only accounts directly in a named OU');
    expect(reason(ACCOUNTS.sharedServices)).toBe('listed in members.accounts');
    expect(reason(ACCOUNTS.replicationBroken)).toBe('directly in member OU Workloads:Prod');
    expect(reason(ACCOUNTS.exception)).toBe('no member OU, listed account or guardrail target holds it');
    expect(report.accounts.find((a) => a.id === ACCOUNTS.teamA)?.ouPath).toBe('Workloads:Prod:TeamA');
    expect(report.scopeIssues).toEqual([]);
  });

  test('says what differs, what is missing and what was denied, with the values found', () => {
    expect(cell(ACCOUNTS.pointsElsewhere, 'eu-west-1').problems).toEqual([
      'logging configuration: s3Config.bucketName is team-owned-bedrock-logs, expected bedrock-logs-100000000004-eu-west-1',
    ]);
    expect(cell(ACCOUNTS.replicationBroken, 'us-east-1').problems).toEqual(['replication of bedrock-logs-100000000011-us-east-1: no replication configuration']);
    expect(cell(ACCOUNTS.replicationBroken, 'us-west-2').problems).toEqual(['bucket bedrock-logs-100000000011-us-west-2: versioning is Suspended, expected Enabled (replication needs it)']);
    expect(cell(ACCOUNTS.stackMissingWest, 'us-west-2').problems[0]).toBe('stack StackSet-CustomControlTower-bedrock-logs-member-<UUID>: none in this region');
    expect(cell(ACCOUNTS.stackRolledBack, 'eu-west-1').stack?.status).toBe('ROLLBACK_COMPLETE');
    expect(cell(ACCOUNTS.roleMissing, 'us-east-1').problems[0]).toMatch(/^AssumeRole AWSControlTowerExecution: AccessDenied: User: arn:aws:sts::333333333333:.* is not authorized to perform: sts:AssumeRole/);
    expect(cell(ACCOUNTS.bedrockDenied, 'us-west-2').checks).toEqual({ loggingConfiguration: 'denied', bucket: 'ok', replication: 'ok', stack: 'ok' });
    expect(cell(ACCOUNTS.throttledStacks, 'eu-west-1').problems).toEqual(['stack StackSet-CustomControlTower-bedrock-logs-member-<UUID>: still throttled (Throttling) after 3 attempts']);
  });

  test('reads delivery evidence from the central bucket: stopped ten days ago, never, and recent', () => {
    const stopped = cell(ACCOUNTS.deliveryGaps, 'us-east-1').delivery;
    expect(stopped.status).toBe('stale');
    expect(stopped.ageDays).toBeCloseTo(10, 0);
    expect(stopped.newestObjectKey).toMatch(/^AWSLogs\/100000000005\/BedrockModelInvocationLogs\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/.*\.json\.gz$/);
    expect(cell(ACCOUNTS.deliveryGaps, 'us-west-2').delivery).toEqual({ status: 'none' });
    const recent = cell(ACCOUNTS.healthy, 'us-east-1').delivery;
    expect(recent.status).toBe('recent');
    expect(recent.ageDays).toBeCloseTo(1 / 24, 1);
    // An account whose role cannot be assumed still shows what arrives from it.
    expect(cell(ACCOUNTS.roleMissing, 'eu-west-1').delivery.status).toBe('recent');
  });

  test('counts every request it sent, exactly as the fake received them (throttled retries included), and never reads an object', () => {
    expect(fake.throttled()).toBeGreaterThan(10);
    expect(report.run.calls).toEqual(fake.calls());
    expect(Object.keys(fake.calls())).not.toContain('s3:GetObject');
    expect(report.summary.cellsInScope).toBe(11 * REGIONS.length);
    expect(report.summary.cellsPassing).toBe(report.summary.cells.logging);
  });
});

describe('the renderings of that report', () => {
  test('table: the verdict, the grid in short codes, one line per cell not logging, the accounts not covered', () => {
    const text = FORMATS.table(report);
    expect(text).toContain('FAIL: 19 of 33 account × region cells in scope pass');
    expect(text).toMatch(/^100000000005 +workload-05 +Workloads +STALE +NODLV +OK$/m);
    expect(text).toMatch(/^- 100000000004 eu-west-1 misconfigured: logging configuration: s3Config\.bucketName is team-owned-bedrock-logs/m);
    expect(text).toMatch(/^100000000033 +sandbox-closed +Sandbox +suspended +its state is SUSPENDED/m);
  });

  test('markdown: tables with the state labels, the problems and the legend', () => {
    const text = FORMATS.markdown(report);
    expect(text).toContain('| Account | Name | OU | us-east-1 | us-west-2 | eu-west-1 |');
    expect(text).toContain('| 100000000005 | workload-05 | Workloads | stale | configured, no delivery | logging |');
    expect(text).toContain('| 100000000012 | eu-west-1 | stack-missing | stack StackSet-CustomControlTower-bedrock-logs-member-');
    expect(text).toContain('| stack missing | NOSTACK | no live member StackSet instance stack in this account and region |');
  });
});
