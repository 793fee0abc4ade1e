/**
 * One test per substitution of the Athena -> DuckDB adapter: the rewrite itself, DuckDB's answer
 * with it, and proof that DuckDB answers wrongly (or not at all) without it.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SUBSTITUTIONS, tokenize, toDuckDb } from '../../../scripts/query/duckdb-dialect';

const OPTIONS = { database: 'bedrock_logs', table: 'invocations', view: 'invocations' };
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run(`CREATE VIEW invocations AS SELECT * FROM (VALUES
    ('{"stopReason":"end_turn","amazon-bedrock-guardrailAction":"INTERVENED"}', '2025-12-31T23:59:58Z', MAP {'team': 'search'}, 's3://b/AWSLogs/1/x.json.gz', NULL),
    ('[{"chunk":1}]', '2026-01-01T00:00:31Z', MAP {'app': 'x'}, 's3://b/AWSLogs/1/y.json.gz', NULL)
  ) t(body, "timestamp", requestmetadata, filename, errorcode)`);
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

const value = async (sql: string): Promise<unknown> => Object.values((await db.runAndReadAll(sql)).getRowObjectsJson()[0])[0];
const fails = async (sql: string): Promise<string> => {
  try {
    await db.runAndReadAll(sql);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};
const tested = new Set<string>();
const substitution = (id: string): string => {
  tested.add(id);
  return id;
};

test(`${substitution('execution-parameters')}: each ? becomes its literal, in order`, async () => {
  const athena = "SELECT count(*) FROM invocations WHERE \"timestamp\" >= ? AND body NOT LIKE '%?%' AND ? = 'x'";
  const duck = toDuckDb(athena, { ...OPTIONS, parameters: ["'2026-01-01'", "'x'"] });
  expect(duck).toBe("SELECT count(*) FROM invocations WHERE \"timestamp\" >= '2026-01-01' AND body NOT LIKE '%?%' AND 'x' = 'x'");
  expect(await value(duck)).toBe('1');
  expect(await fails(athena)).toMatch(/parameter|prepared/i);
});

test('fails if the parameters do not match the ?s', () => {
  expect(() => toDuckDb('SELECT ?, ?', { ...OPTIONS, parameters: ["'a'"] })).toThrow('the query has 2 execution parameter(s) (?) but 1 value(s) were given');
});

test(`${substitution('table-reference')}: the Glue table becomes the local view`, async () => {
  const athena = 'SELECT count(*) FROM "bedrock_logs"."invocations"';
  expect(toDuckDb(athena, OPTIONS)).toBe('SELECT count(*) FROM "invocations"');
  expect(toDuckDb('SELECT 1 FROM bedrock_logs.invocations', OPTIONS)).toBe('SELECT 1 FROM "invocations"');
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('2');
  expect(await fails(athena)).toMatch(/bedrock_logs/);
});

test(`${substitution('path-pseudo-column')}: "$path" is the file a row came from`, async () => {
  const athena = 'SELECT min("$path") FROM invocations';
  expect(toDuckDb(athena, OPTIONS)).toBe('SELECT min(filename) FROM invocations');
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('s3://b/AWSLogs/1/x.json.gz');
  expect(await fails(athena)).toMatch(/\$path/);
});

test(`${substitution('json-extract-scalar')}: the scalar at a JSONPath, NULL for arrays`, async () => {
  const athena = "SELECT max(json_extract_scalar(body, '$.stopReason')) FROM invocations";
  expect(toDuckDb(athena, OPTIONS)).toBe("SELECT max(json_extract_string(body, '$.stopReason')) FROM invocations");
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('end_turn');
  expect(await fails(athena)).toMatch(/json_extract_scalar/);
});

test(`${substitution('json-path-brackets')}: a key with dashes`, async () => {
  const athena = `SELECT max(json_extract_scalar(body, '$["amazon-bedrock-guardrailAction"]')) FROM invocations`;
  expect(toDuckDb(athena, OPTIONS)).toBe(`SELECT max(json_extract_string(body, '$."amazon-bedrock-guardrailAction"')) FROM invocations`);
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('INTERVENED');
  expect(await fails(`SELECT max(json_extract_string(body, '$["amazon-bedrock-guardrailAction"]')) FROM invocations`)).toMatch(/JSON path error/);
});

test(`${substitution('from-iso8601-timestamp')}: ISO 8601 UTC text as an instant`, async () => {
  const athena = `SELECT count(*) FROM invocations WHERE from_iso8601_timestamp("timestamp") BETWEEN from_iso8601_timestamp('2025-12-31T23:59:00Z') AND from_iso8601_timestamp(?)`;
  const duck = toDuckDb(athena, { ...OPTIONS, parameters: ["'2026-01-01T00:00:00Z'"] });
  expect(duck).toBe(`SELECT count(*) FROM invocations WHERE CAST("timestamp" AS TIMESTAMPTZ) BETWEEN CAST('2025-12-31T23:59:00Z' AS TIMESTAMPTZ) AND CAST('2026-01-01T00:00:00Z' AS TIMESTAMPTZ)`);
  expect(await value(duck)).toBe('1');
  expect(await fails(athena.replace('?', "'2026-01-01T00:00:00Z'"))).toMatch(/from_iso8601_timestamp/);
});

test(`${substitution('count-if')}: 0, not NULL, when no condition is true`, async () => {
  const athena = "SELECT count_if(errorcode = 'ThrottlingException') FROM invocations";
  expect(toDuckDb(athena, OPTIONS)).toBe("SELECT count(CASE WHEN (errorcode = 'ThrottlingException') THEN 1 END) FROM invocations");
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('0');
  expect(await value(athena)).toBeNull();
});

test(`${substitution('element-at')}: a map's value, NULL when the key is missing`, async () => {
  const athena = "SELECT string_agg(coalesce(element_at(requestmetadata, 'team'), '-'), ',' ORDER BY \"timestamp\") FROM invocations";
  expect(toDuckDb(athena, OPTIONS)).toBe("SELECT string_agg(coalesce(map_extract_value(requestmetadata, 'team'), '-'), ',' ORDER BY \"timestamp\") FROM invocations");
  expect(await value(toDuckDb(athena, OPTIONS))).toBe('search,-');
  // DuckDB's own element_at returns a list (['search'], []): a different answer.
  expect(await value(athena)).not.toBe('search,-');
});

test('string literals and quoted names are left alone', () => {
  const sql = `SELECT 'json_extract_scalar(x)', "element_at", '"bedrock_logs"."invocations"' FROM t -- count_if(x)`;
  expect(toDuckDb(sql, OPTIONS)).toBe(sql);
  expect(tokenize("SELECT 'it''s', \"a\"\"b\"").map((t) => t.text)).toEqual(['SELECT', ' ', "'it''s'", ',', ' ', '"a""b"']);
});

test('every listed substitution has a test above', () => {
  expect([...tested].sort()).toEqual(SUBSTITUTIONS.map((s) => s.id).sort());
});
