/**
 * `usage` end to end: the compiled CLI as a process, the real AWS SDK clients, and the fake AWS
 * (one endpoint on 127.0.0.1): its Athena runs the queries on DuckDB over the sample logs, and its
 * S3 lists the same samples for the account discovery. Expected numbers are summed from the sample
 * records here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { ACCOUNTS, FIXTURE_OBJECTS, fixtureRecords, UNLISTED_REGION } from '../../fixtures/invocation-logs';
import { cli, cliProcessAsync, envWithoutAws } from '../../helpers/cli';
import { FakeOrganization, startFakeAws, type FakeAws } from '../../helpers/fake-aws';
import { athenaService, type FakeAthenaOptions } from '../../helpers/fake-aws/athena';
import { duckDbEngine } from '../../helpers/fake-aws/athena-duckdb-engine';
import { SAMPLE_BUCKET, useSampleAthena } from '../../helpers/query/local-athena';
import { makeFifo } from '../../helpers/tree';
import { tempDir } from '../git-sandbox';

/**
 * Every run names the example map: without `--map` the CLI reads an operator's `cdk/env/map.ts`
 * when one exists, and this suite must pass in an operator's fork too.
 */
const USAGE = ['usage', '--map', EXAMPLE_MAP_FILE];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const WORKGROUP = 'bedrock-logs-invocation-logs';
/** The example's aggregation account and region, where the central bucket (SAMPLE_BUCKET) is. */
const AGGREGATION = { account: '222222222222', region: 'us-east-1' };
/** The operator's access key: a role session in the aggregation account. */
const ACCESS_KEY = 'AKIAFAKEAGGREGATION1';

const sample = useSampleAthena(REGIONS);
let aws: FakeAws;

/** The fake AWS with an Athena of `options`, the sample logs in the central bucket, listed two keys per page. */
async function startAws(options: FakeAthenaOptions): Promise<FakeAws> {
  const model = new FakeOrganization('o-a1b2c3d4e5', '111111111111');
  model.issueCredentials({ account: AGGREGATION.account, arn: `arn:aws:sts::${AGGREGATION.account}:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/operator` }, ACCESS_KEY);
  model.createBucket(SAMPLE_BUCKET, AGGREGATION.account, AGGREGATION.region);
  for (const object of FIXTURE_OBJECTS) model.putObject(SAMPLE_BUCKET, object.key, new Date(Date.UTC(2026, 0, 1)));
  return startFakeAws({ model, services: [athenaService(options).service], s3: { pageSize: 2 }, recordRequests: true });
}

beforeAll(async () => {
  aws = await startAws({ engine: duckDbEngine(sample.athena), workgroups: [WORKGROUP], states: ['QUEUED', 'RUNNING', 'RUNNING'], pageSize: 3 });
}, 60_000);

afterAll(() => aws.close());

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...envWithoutAws(),
  AWS_ENDPOINT_URL_ATHENA: aws.endpoint,
  AWS_ENDPOINT_URL_S3: aws.endpoint,
  AWS_ACCESS_KEY_ID: ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: 'fake-secret',
  ...extra,
});

/** January's samples per account and model, summed from the records. */
function expectedJanuary(accounts: string[]): Record<string, number | string>[] {
  const totals = new Map<string, Record<string, number | string>>();
  for (const { key, record } of fixtureRecords()) {
    const [, account, , region, y, m] = key.split('/');
    if (region === UNLISTED_REGION || `${y}/${m}` !== '2026/01' || !accounts.includes(account)) continue;
    const id = `${account}|${record.modelId}`;
    const t = totals.get(id) ?? { account, modelId: record.modelId as string, invocations: 0, inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, failedInvocations: 0 };
    const input = (record.input ?? {}) as Record<string, number>;
    const output = (record.output ?? {}) as Record<string, number>;
    t.invocations = Number(t.invocations) + 1;
    t.inputTokens = Number(t.inputTokens) + (input.inputTokenCount ?? 0);
    t.outputTokens = Number(t.outputTokens) + (output.outputTokenCount ?? 0);
    t.cacheReadInputTokens = Number(t.cacheReadInputTokens) + (input.cacheReadInputTokenCount ?? 0);
    t.cacheWriteInputTokens = Number(t.cacheWriteInputTokens) + (input.cacheWriteInputTokenCount ?? 0);
    t.failedInvocations = Number(t.failedInvocations) + (record.errorCode === undefined ? 0 : 1);
    totals.set(id, t);
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t);
}

test('reports January per account and model: discovers the accounts, polls QUEUED/RUNNING, reads every page', async () => {
  const before = aws.requests().length;
  const result = await cliProcessAsync([...USAGE, '--month', '2026-01', '--format', 'json'], { env: env() });
  expect(result.stderr).not.toMatch(/ issues?:|Unexpected error/);
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout);
  const all = Object.values(ACCOUNTS).sort();
  expect(report.accounts).toEqual(all);
  // Discovered page by page from the AWSLogs/<account>/ folders (two per page).
  const requests = aws.requests().slice(before);
  expect(requests.filter(({ call, request }) => call === 's3:ListObjectsV2' && request.query.get('delimiter') === '/' && request.query.get('prefix') === 'AWSLogs/')).toHaveLength(2);
  expect(report.period).toEqual({ firstDay: '2026/01/01', lastDay: '2026/01/31' });
  expect(report.rows).toEqual(expectedJanuary(all));
  expect(report.totals.invocations).toBe(expectedJanuary(all).reduce((t, r) => t + Number(r.invocations), 0));
  expect(report.dataScannedBytes).toBe(123_456_789);

  const calls = requests.map(({ call }) => call);
  expect(calls.filter((c) => c === 'athena:GetQueryExecution')).toHaveLength(4);
  expect(calls.filter((c) => c === 'athena:GetQueryResults').length).toBeGreaterThan(2);
  const started = requests.find(({ call }) => call === 'athena:StartQueryExecution');
  const start = JSON.parse(started?.request.body ?? '{}');
  expect(start.WorkGroup).toBe(WORKGROUP);
  expect(start.QueryExecutionContext).toEqual({ Catalog: 'AwsDataCatalog', Database: 'bedrock_logs' });
  expect(start.ExecutionParameters).toEqual(["'2026/01/01'", "'2026/01/31'"]);
  expect(start.QueryString).toContain(`log_account IN ('${all.join("', '")}')`);
});

test('--account narrows the report and needs no bucket listing; prices give a cost column and name the unpriced models', async () => {
  const prices = path.join(tempDir('usage-prices-'), 'prices.json');
  fs.writeFileSync(prices, JSON.stringify({
    'us.anthropic.claude-sonnet-4-*': { inputPer1k: 0.003, outputPer1k: 0.015, cacheReadPer1k: 0.0003, cacheWritePer1k: 0.00375 },
    'anthropic.claude-3-haiku-20240307-v1:0': { inputPer1k: 0.00025, outputPer1k: 0.00125 },
  }));
  const result = await cliProcessAsync([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.claims, '--prices', prices, '--format', 'json'], { env: env({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' }) });
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout);
  expect(report.accounts).toEqual([ACCOUNTS.claims]);
  expect(report.rows.map((r: any) => r.account)).toEqual(expectedJanuary([ACCOUNTS.claims]).map((r) => r.account));
  const sonnet = report.rows.find((r: any) => r.modelId.startsWith('us.anthropic.claude-sonnet-4'));
  expect(sonnet.costUsd).toBeCloseTo((3000 * 0.003 + 8000 * 0.015 + 2048 * 0.0003) / 1000, 10);
  const haiku = report.rows.find((r: any) => r.modelId.startsWith('anthropic.claude-3-haiku'));
  expect(haiku.costUsd).toBeCloseTo((60 * 0.00025 + 12 * 0.00125) / 1000, 10);
  expect(report.totals.costUsd).toBeCloseTo(sonnet.costUsd + haiku.costUsd, 10);
  expect(report.unpriced.map((u: any) => u.modelId).sort()).toEqual(['amazon.nova-lite-v1:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'meta.llama3-70b-instruct-v1:0']);
});

test('prints a table, Markdown and CSV', async () => {
  const args = [...USAGE, '--from', '2026-01-15', '--to', '2026-01-15', '--account', ACCOUNTS.legal];
  const table = await cliProcessAsync(args, { env: env() });
  expect(table.status).toBe(0);
  expect(table.stdout).toContain('period: 2026/01/15 to 2026/01/15 (UTC days the logs were delivered)');
  expect(table.stdout).toMatch(/^555555555555 +amazon\.nova-pro-v1:0 +2 +900 +150 +600 +0 +1$/m);
  expect(table.stdout).toMatch(/^total +3 +900 +150 +600 +0 +1$/m);
  const markdown = await cliProcessAsync([...args, '--format', 'markdown'], { env: env() });
  expect(markdown.stdout).toContain('| account | model | invocations | input tokens | output tokens | cache read | cache write | failed |');
  expect(markdown.stdout).toContain('| 555555555555 | amazon.nova-canvas-v1:0 | 1 | 0 | 0 | 0 | 0 | 0 |');
  const csv = await cliProcessAsync([...args, '--format', 'csv'], { env: env() });
  expect(csv.stdout).toBe([
    'account,model_id,invocations,input_tokens,output_tokens,cache_read_input_tokens,cache_write_input_tokens,failed_invocations',
    '555555555555,amazon.nova-canvas-v1:0,1,0,0,0,0,0',
    '555555555555,amazon.nova-pro-v1:0,2,900,150,600,0,1',
    '',
  ].join('\n'));
});

describe('fails with exit 1 and the fix', () => {
  test('fails if the query fails: the StateChangeReason is the message', async () => {
    const server = await startAws({ engine: async () => { throw new Error('Query exhausted resources at this scale factor'); }, workgroups: [WORKGROUP] });
    try {
      const result = await cliProcessAsync([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.data], { env: env({ AWS_ENDPOINT_URL_ATHENA: server.endpoint }) });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/- athena: query 0{8}-0000-4000-8000-0{11}1 failed: Query exhausted resources at this scale factor; check the workgroup/);
    } finally {
      await server.close();
    }
  });

  test('fails if the workgroup does not exist (the stack is not deployed with query.enabled)', async () => {
    const server = await startAws({ engine: duckDbEngine(sample.athena), workgroups: ['primary'] });
    try {
      const result = await cliProcessAsync([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.data], { env: env({ AWS_ENDPOINT_URL_ATHENA: server.endpoint }) });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Athena refused the query (InvalidRequestException: WorkGroup ${WORKGROUP} is not found.)`);
      expect(result.stderr).toContain('check that the aggregation stack is deployed with query.enabled');
    } finally {
      await server.close();
    }
  });

  test('fails if there are no credentials', async () => {
    const result = await cliProcessAsync([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.data], { env: { ...envWithoutAws(), AWS_ENDPOINT_URL_ATHENA: aws.endpoint } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- credentials: no AWS credentials found');
    expect(result.stderr).toContain('pass --profile <name>');
  });

  test.each([
    [['--format', 'xml'], '- --format: must be one of table, markdown, csv, json (got "xml"); pass --format table'],
    [['--month', '2026-13'], '- --month: is not a month (got "2026-13"); write it as YYYY-MM'],
    [['--from', '2026-02-30'], '- --from: is not a day (got "2026-02-30")'],
    [['--from', '2026-02-01', '--to', '2026-01-01'], '- --to: is before --from (2026-02-01) (got "2026-01-01"); swap them'],
    [['--month', '2026-01', '--from', '2026-01-01'], '- --month: and --from/--to exclude each other'],
    [['--account', '12345'], '- --account: is not a 12-digit account ID (got "12345")'],
    [['--timeout', 'soon'], '- --timeout: must be a whole number of at least 1 (got "soon")'],
    [['--timeout', '0'], '- --timeout: must be a whole number of at least 1 (got "0"); pass for example --timeout 600'],
    [['--timeout', '99999999999999999999'], '- --timeout: must be a whole number of at least 1 (got "99999999999999999999")'],
  ])('fails if the arguments are %j', async (args, message) => {
    const result = await cli([...USAGE, ...args], { env: envWithoutAws() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });

  test('fails if the prices file is wrong, naming every bad entry', async () => {
    const prices = path.join(tempDir('usage-prices-'), 'prices.json');
    fs.writeFileSync(prices, JSON.stringify({ 'amazon.nova-pro-v1:0': { inputPer1k: -1 }, 'a*b*': { inputPer1k: 1, outputPer1k: 1, perImage: 2 } }));
    const result = await cli([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.data, '--prices', prices], { env: envWithoutAws() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${prices} has 4 issues:`);
    expect(result.stderr).toContain('- "amazon.nova-pro-v1:0".inputPer1k: must be a number of USD, 0 or more (got -1)');
    expect(result.stderr).toContain('- "amazon.nova-pro-v1:0".outputPer1k: is required (got nothing)');
    expect(result.stderr).toContain('- "a*b*".perImage: is not a known price (got 2)');
    expect(result.stderr).toContain('- "a*b*": may have one * only, at the end');
  });

  test('fails if --prices names nothing, a folder or a pipe, without reading it (a pipe would wait forever)', async () => {
    const dir = tempDir('usage-prices-');
    const pipe = makeFifo(path.join(dir, 'pipe.json'));
    const stderr = async (prices: string) => (await cli([...USAGE, '--month', '2026-01', '--account', ACCOUNTS.data, '--prices', prices], { env: envWithoutAws(), cwd: dir })).stderr;
    expect(await stderr('missing.json')).toBe(`missing.json has 1 issue:\n- file: does not exist (got "${path.join(dir, 'missing.json')}"); pass the path of your prices file to --prices\n`);
    expect(await stderr('.')).toBe(`. has 1 issue:\n- file: is a folder, not a file (got "${dir}"); pass the file itself, not its folder; pass the path of your prices file to --prices\n`);
    expect(await stderr('pipe.json')).toBe(`pipe.json has 1 issue:\n- file: is not a regular file (a device, pipe or socket) (got "${pipe}"); pass the path of your prices file to --prices\n`);
  });
});
