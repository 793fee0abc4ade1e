/**
 * Each saved query run on DuckDB over the sample logs, against numbers computed here, independently,
 * by walking the sample records in TypeScript.
 */
import { NAMED_QUERIES } from '../../cdk/query/named-queries';
import type { NamedQueryDefinition, QueryContext } from '../../cdk/query/sql';
import { ACCOUNTS, fixtureRecords, UNLISTED_REGION, type LogRecord } from '../fixtures/invocation-logs';
import { useSampleAthena } from '../helpers/query/local-athena';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const CONTEXT: QueryContext = { database: 'bedrock_logs', table: 'invocations', accounts: Object.values(ACCOUNTS) };
const WHOLE = ["'2025/12/01'", "'2026/02/28'"];

const query = (id: string): NamedQueryDefinition => {
  const found = NAMED_QUERIES.find((q) => q.id === id);
  if (!found) throw new Error(id);
  return found;
};

interface Sample {
  account: string;
  region: string;
  day: string;
  record: LogRecord;
}
/** The samples the table holds, with the partition values of their object keys. */
const SAMPLES: Sample[] = fixtureRecords()
  .map(({ key, record }) => {
    const [, account, , region, y, m, dd] = key.split('/');
    return { account, region, day: `${y}/${m}/${dd}`, record };
  })
  .filter((s) => s.region !== UNLISTED_REGION);

const get = (record: LogRecord, path: string): any => path.split('.').reduce<any>((v, k) => v?.[k], record);
const n = (value: unknown): number => Number(value ?? 0);
const inWindow = (first: string, last: string) => (s: Sample): boolean => s.day >= first && s.day <= last;

interface Usage {
  invocations: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_write_input_tokens: number;
  failed_invocations: number;
}

/** Usage totals of some samples, as the queries name them. */
function usage(samples: Sample[]): Usage {
  return {
    invocations: samples.length,
    input_tokens: samples.reduce((t, s) => t + n(get(s.record, 'input.inputTokenCount')), 0),
    output_tokens: samples.reduce((t, s) => t + n(get(s.record, 'output.outputTokenCount')), 0),
    cache_read_input_tokens: samples.reduce((t, s) => t + n(get(s.record, 'input.cacheReadInputTokenCount')), 0),
    cache_write_input_tokens: samples.reduce((t, s) => t + n(get(s.record, 'input.cacheWriteInputTokenCount')), 0),
    failed_invocations: samples.filter((s) => s.record.errorCode !== undefined).length,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Result rows with the values of numeric columns as numbers. */
function numeric(result: { columns: { name: string; type: string }[]; rows: Record<string, unknown>[] }): Record<string, unknown>[] {
  const numbers = new Set(result.columns.filter((c) => /INT|DOUBLE|DECIMAL/.test(c.type)).map((c) => c.name));
  return result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, numbers.has(k) && v !== null ? Number(v) : v])));
}

const sample = useSampleAthena(REGIONS);

const run = async (id: string, parameters: string[], context: QueryContext = CONTEXT) => numeric(await sample.athena.query(query(id).sql(context), parameters));

test('every saved query has one documented parameter per ?, and an id, title and question', () => {
  expect(NAMED_QUERIES.map((q) => q.id)).toEqual([
    'tokens-by-account-model-day', 'tokens-by-account-model', 'tokens-by-team-model', 'top-identities',
    'errors-and-throttles-by-model', 'large-payload-references', 'identity-invocations-in-window',
  ]);
  for (const q of NAMED_QUERIES) {
    expect((q.sql(CONTEXT).match(/\?/g) ?? []).length).toBe(q.parameters.length);
    expect(q.title.length).toBeGreaterThan(10);
    expect(q.question.endsWith('?') || q.question.endsWith('.')).toBe(true);
  }
});

test('tokens by account, model and day', async () => {
  const expected = [...groupBy(SAMPLES, (s) => `${s.day}|${s.account}|${s.record.modelId}`)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, samples]) => {
    const [day, account, model_id] = key.split('|');
    return { day, account, model_id, ...usage(samples) };
  });
  expect(await run('tokens-by-account-model-day', WHOLE)).toEqual(expected);
  // The record made at 23:59:58 on New Year's Eve counts on the day it was delivered.
  expect(expected.find((r) => r.day === '2026/01/01' && r.model_id.includes('sonnet'))?.input_tokens).toBe(800);
});

test('tokens by account and model for January only (what `usage` runs)', async () => {
  const january = SAMPLES.filter(inWindow('2026/01/01', '2026/01/31'));
  const expected = [...groupBy(january, (s) => `${s.account}|${s.record.modelId}`)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, samples]) => {
    const [account, model_id] = key.split('|');
    return { account, model_id, ...usage(samples) };
  });
  expect(await run('tokens-by-account-model', ["'2026/01/01'", "'2026/01/31'"])).toEqual(expected);
  expect(expected.length).toBeLessThan([...groupBy(SAMPLES, (s) => `${s.account}|${s.record.modelId}`)].length);
});

test('only the accounts the query names are read', async () => {
  const rows = await run('tokens-by-account-model', WHOLE, { ...CONTEXT, accounts: [ACCOUNTS.legal] });
  expect(new Set(rows.map((r) => r.account))).toEqual(new Set([ACCOUNTS.legal]));
  expect(rows.reduce((t, r) => t + Number(r.invocations), 0)).toBe(SAMPLES.filter((s) => s.account === ACCOUNTS.legal).length);
});

test('tokens by request-metadata tag and model', async () => {
  const expected = [...groupBy(SAMPLES, (s) => `${(s.record.requestMetadata as Record<string, string> | undefined)?.team ?? '(untagged)'}|${s.record.modelId}`)]
    .map(([key, samples]) => {
      const [tag_value, model_id] = key.split('|');
      return { tag_value, model_id, ...usage(samples) };
    })
    .sort((a, b) => b.input_tokens - a.input_tokens || (a.tag_value < b.tag_value ? -1 : a.tag_value > b.tag_value ? 1 : a.model_id < b.model_id ? -1 : 1));
  expect(await run('tokens-by-team-model', ["'team'", ...WHOLE])).toEqual(expected);
  expect(expected.map((r) => r.tag_value)).toEqual(expect.arrayContaining(['search', 'claims', 'legal', '(untagged)']));
});

test('top identities', async () => {
  const expected = [...groupBy(SAMPLES, (s) => `${get(s.record, 'identity.arn')}|${s.account}`)]
    .map(([key, samples]) => {
      const [identity_arn, account] = key.split('|');
      const u = usage(samples);
      const times = samples.map((s) => s.record.timestamp as string).sort();
      return {
        identity_arn, account, invocations: samples.length, models: new Set(samples.map((s) => s.record.modelId)).size,
        total_tokens: u.input_tokens + u.output_tokens, failed_invocations: u.failed_invocations, first_seen: times[0], last_seen: times[times.length - 1],
      };
    })
    .sort((a, b) => b.total_tokens - a.total_tokens || b.invocations - a.invocations || (a.identity_arn < b.identity_arn ? -1 : 1));
  expect(await run('top-identities', WHOLE)).toEqual(expected);
});

test('errors, throttles and guardrail interventions by model', async () => {
  const intervened = (r: LogRecord): boolean =>
    get(r, 'output.outputBodyJson.stopReason') === 'guardrail_intervened' || get(r, 'output.outputBodyJson')?.['amazon-bedrock-guardrailAction'] === 'INTERVENED';
  const expected = [...groupBy(SAMPLES, (s) => s.record.modelId as string)]
    .map(([model_id, samples]) => {
      const code = (c: string) => samples.filter((s) => s.record.errorCode === c).length;
      const failed = samples.filter((s) => s.record.errorCode !== undefined).length;
      return {
        model_id, invocations: samples.length, failed_invocations: failed, throttled: code('ThrottlingException'), validation_errors: code('ValidationException'),
        other_errors: failed - code('ThrottlingException') - code('ValidationException'), guardrail_interventions: samples.filter((s) => intervened(s.record)).length,
        failed_percent: Math.round((10000 * failed) / samples.length) / 100,
      };
    })
    .sort((a, b) => b.failed_invocations - a.failed_invocations || (a.model_id < b.model_id ? -1 : 1));
  const rows = await run('errors-and-throttles-by-model', WHOLE);
  expect(rows).toEqual(expected);
  expect(expected.reduce((t, r) => t + r.guardrail_interventions, 0)).toBe(2);
  expect(expected.reduce((t, r) => t + r.throttled, 0)).toBe(2);
});

test('large-payload references, with the log object each came in', async () => {
  const expected = fixtureRecords()
    .filter(({ key, record }) => !key.includes(UNLISTED_REGION) && (get(record, 'input.inputBodyS3Path') || get(record, 'output.outputBodyS3Path')))
    .map(({ key, record }) => ({
      timestamp: record.timestamp, account: record.accountId, region: record.region, request_id: record.requestId, operation: record.operation, model_id: record.modelId,
      identity_arn: get(record, 'identity.arn'), input_body_s3_path: get(record, 'input.inputBodyS3Path') ?? null, output_body_s3_path: get(record, 'output.outputBodyS3Path') ?? null,
      output_video_s3_path: null, log_object: `s3://${sample.logs.bucketName}/${key}`,
    }))
    .sort((a, b) => ((a.timestamp as string) < (b.timestamp as string) ? -1 : 1));
  expect(await run('large-payload-references', WHOLE)).toEqual(expected);
  expect(expected).toHaveLength(3);
});

test('what one identity sent in a time window (across midnight of New Year)', async () => {
  const arn = `arn:aws:sts::${ACCOUNTS.data}:assumed-role/DataScience/%`;
  const from = '2025-12-31T23:55:00Z';
  const to = '2026-01-01T00:05:00Z';
  const expected = SAMPLES.filter((s) => (get(s.record, 'identity.arn') as string).startsWith(arn.slice(0, -1)))
    .filter((s) => Date.parse(s.record.timestamp as string) >= Date.parse(from) && Date.parse(s.record.timestamp as string) <= Date.parse(to))
    .map((s) => s.record.requestId);
  const rows = await run('identity-invocations-in-window', ["'2025/12/31'", "'2026/01/01'", `'${arn}'`, `'${from}'`, `'${to}'`]);
  expect(rows.map((r) => r.request_id)).toEqual(expected);
  expect(expected).toHaveLength(2);
  const first = SAMPLES.find((s) => s.record.requestId === expected[0]) as Sample;
  expect(JSON.parse(rows[0].input_body as string)).toEqual(get(first.record, 'input.inputBodyJson'));
  expect(rows[1].error_code).toBe('ThrottlingException');
});

test('the region the map does not list and the data/ body objects never appear', async () => {
  const rows = (await sample.athena.query(`SELECT requestid, log_region FROM "bedrock_logs"."invocations" WHERE log_account IN ('${ACCOUNTS.legal}', '${ACCOUNTS.claims}') AND schematype = 'ModelInvocationLog'`)).rows;
  expect(rows.some((r) => r.log_region === UNLISTED_REGION)).toBe(false);
  expect(rows).toHaveLength(SAMPLES.filter((s) => s.account !== ACCOUNTS.data).length);
});
