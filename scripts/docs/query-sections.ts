/**
 * Generated sections of docs/queries.md: the saved queries (with their SQL for the example
 * environment), the table's columns and where each is known from, the partition projection, and
 * the Athena-to-DuckDB substitutions the query tests use. All from the code that deploys or tests
 * them, so the page cannot drift.
 */
import { resolveConfig } from '../../cdk/env/resolve';
import { environmentMap } from '../../cdk/env/map.example';
import { Names } from '../../cdk/names';
import { NAMED_QUERIES } from '../../cdk/query/named-queries';
import { projectionParameters } from '../../cdk/query/projection';
import { columnName, hiveType, RECORD_FIELDS, type FieldType, type RecordField } from '../../cdk/query/record-fields';
import { partitionColumns } from '../../cdk/query/table';
import { inlineCell } from '../lib/markdown';
import { SUBSTITUTIONS } from '../query/duckdb-dialect';
import type { GeneratedSection } from './markers';

const example = resolveConfig('example', environmentMap.environments.example);
const names = new Names(example.prefix);

function catalogue(): string {
  const context = { database: names.queryDatabase, table: names.queryTable, accounts: example.query.accounts };
  return NAMED_QUERIES.map((q) => [
    `#### \`${names.namedQuery(q.id)}\`: ${q.title}`,
    '',
    `*${q.audience}.* ${q.question}`,
    '',
    'Parameters, in order: ' + q.parameters.map((p) => `\`${p.name}\` (${p.description}; e.g. \`${p.example}\`)`).join(', ') + '.',
    '',
    '```sql',
    q.sql(context),
    '```',
  ].join('\n')).join('\n\n');
}

function typeText(type: FieldType): string {
  return typeof type === 'string' ? (type === 'json' ? 'string (JSON text)' : hiveType(type)) : 'struct';
}

function columns(): string {
  const rows: string[] = [];
  const walk = (fields: readonly RecordField[], parent: string): void => {
    for (const f of fields) {
      const name = parent ? `${parent}.${columnName(f.key)}` : columnName(f.key);
      rows.push(`| \`${name}\` | \`${f.key}\` | ${typeText(f.type)} | ${inlineCell(f.description)} | ${f.source.provenance} | ${inlineCell(f.source.reference)} |`);
      if (typeof f.type !== 'string') walk(f.type.struct, name);
    }
  };
  walk(RECORD_FIELDS, '');
  for (const p of partitionColumns()) rows.push(`| \`${p.name}\` | (object key) | string, partition | ${inlineCell(p.comment)} | from the key | projection below |`);
  return ['| column | record key | type | meaning | known from | source |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function projection(): string {
  const parameters = projectionParameters({
    bucketName: names.centralBucket(example.aggregation.accountId, example.aggregation.region),
    keyPrefix: example.logging.keyPrefix ? `${example.logging.keyPrefix}/` : '',
    regions: example.members.regions,
    retentionDays: example.centralBucket.retentionDays,
  });
  return ['| table property (example environment) | value |', '| --- | --- |', ...Object.entries(parameters).map(([k, v]) => `| \`${k}\` | \`${v}\` |`)].join('\n');
}

function dialect(): string {
  return ['| substitution | Athena (Trino) | DuckDB | why |', '| --- | --- | --- | --- |', ...SUBSTITUTIONS.map((s) => `| \`${s.id}\` | ${inlineCell(s.athena)} | ${inlineCell(s.duckdb)} | ${inlineCell(s.why)} |`)].join('\n');
}

export const QUERY_SECTIONS: readonly GeneratedSection[] = [
  { name: 'saved-queries', source: 'cdk/query/named-queries/ (SQL for the example environment)', generate: catalogue },
  { name: 'table-columns', source: 'cdk/query/record-fields.ts, cdk/query/table.ts', generate: columns },
  { name: 'partition-projection', source: 'cdk/query/projection.ts (example environment)', generate: projection },
  { name: 'duckdb-dialect', source: 'scripts/query/duckdb-dialect.ts', generate: dialect },
];
