import { mappedPaths, RECORD_FIELDS, unmappedPaths, type RecordField } from '../../cdk/query/record-fields';
import { tableColumns } from '../../cdk/query/table';
import { fixtureRecords } from '../fixtures/invocation-logs';
import { useSampleAthena } from '../helpers/query/local-athena';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

describe('the record fields', () => {
  test('every field of every sample record is mapped to a column (none is ignored today)', () => {
    for (const { record } of fixtureRecords()) expect({ requestId: record.requestId, unmapped: unmappedPaths(record) }).toEqual({ requestId: record.requestId, unmapped: [] });
  });

  test('fails if a record carries a key the table does not name', () => {
    const record = { ...fixtureRecords()[0].record, serviceTier: 'priority', input: { inputTokenCount: 1, newCount: 2 } };
    expect(unmappedPaths(record).sort()).toEqual(['input.newCount', 'serviceTier']);
  });

  test('every documented field occurs in the samples', () => {
    const seen = new Set(fixtureRecords().flatMap(({ record }) => leafPaths(record)));
    const documented = (fields: readonly RecordField[], parent = ''): string[] =>
      fields.flatMap((f) => {
        const path = parent ? `${parent}.${f.key}` : f.key;
        if (f.source.provenance !== 'documented') return [];
        return typeof f.type === 'string' ? [path] : documented(f.type.struct, path);
      });
    for (const path of documented(RECORD_FIELDS)) expect([...seen].some((s) => s === path || s.startsWith(`${path}.`))).toBe(true);
  });

  test('columns: lower-case names, bodies as strings, structs and the tag map as Hive types', () => {
    const types = Object.fromEntries(tableColumns().map((c) => [c.name, c.type]));
    expect(types.identity).toBe('struct<arn:string>');
    expect(types.requestmetadata).toBe('map<string,string>');
    expect(types.input).toBe(
      'struct<inputcontenttype:string,inputbodyjson:string,inputbodys3path:string,inputtokencount:bigint,cachereadinputtokencount:bigint,cachewriteinputtokencount:bigint>',
    );
    expect(types.timestamp).toBe('string');
    expect(Object.keys(types)).toEqual(RECORD_FIELDS.map((f) => f.key.toLowerCase()));
  });
});

/** A DuckDB MAP as JSON rows render it (a list of key/value pairs), as a plain object. */
function mapObject(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries((value as { key: string; value: unknown }[]).map((e) => [e.key, e.value]));
}

/** Leaf paths of a value (arrays are leaves). */
function leafPaths(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, path ? `${path}.${k}` : k));
  return [path];
}

describe('the table reads every mapped field of the samples as written (DuckDB view derived from the same fields)', () => {
  const sample = useSampleAthena(REGIONS);

  const scalarPaths = mappedPaths().filter((m) => !RECORD_FIELDS.some((f) => f.key === m.path && typeof f.type !== 'string'));
  const column = (path: string): string => path.split('.').map((p, i) => (i === 0 ? `"${p.toLowerCase()}"` : p.toLowerCase())).join('.');

  test.each(fixtureRecords().filter(({ key }) => !key.includes('ap-southeast-2')).map(({ record }) => [record.requestId as string, record]))('record %s', async (requestId, record) => {
    const sql = `SELECT ${scalarPaths.map((m) => `${column(m.path)} AS "${m.path}"`).join(', ')} FROM "bedrock_logs"."invocations" WHERE requestid = '${requestId}'`;
    const { rows } = await sample.athena.query(sql);
    expect(rows).toHaveLength(1);
    for (const { path } of scalarPaths) {
      const expected = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record);
      const actual = rows[0][path];
      if (expected === undefined) expect([path, actual]).toEqual([path, null]);
      else if (typeof expected === 'object') expect([path, typeof actual === 'string' ? JSON.parse(actual) : mapObject(actual)]).toEqual([path, expected]);
      else expect([path, String(actual)]).toEqual([path, String(expected)]);
    }
  });
});
