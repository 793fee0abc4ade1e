/**
 * The local stand-in for the Glue table: a DuckDB view over a folder laid out like the central
 * bucket, with the same columns (from `RECORD_FIELDS`) and the same partitions (parsed from the
 * object key by the table's own `storage.location.template`, limited to the projected regions and
 * days). Only the tests and the docs use it; nothing here is deployed.
 */
import { PARTITION_COLUMNS, projectedDays } from '../../cdk/query/projection';
import { columnName, RECORD_FIELDS, type FieldType } from '../../cdk/query/record-fields';

/** The view's name: what the dialect adapter puts in place of the Glue table. */
export const LOCAL_VIEW = 'invocations';

/** DuckDB type that `read_json` reads a field as: the record's own keys, bodies as JSON. */
export function duckDbReadType(type: FieldType): string {
  if (typeof type !== 'string') return `STRUCT(${type.struct.map((f) => `"${f.key}" ${duckDbReadType(f.type)}`).join(', ')})`;
  return { string: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', json: 'JSON', 'string-map': 'MAP(VARCHAR, VARCHAR)' }[type];
}

/** DuckDB type of the view's column: Athena's lower-case names, bodies as JSON text. */
export function duckDbViewType(type: FieldType): string {
  if (typeof type !== 'string') return `STRUCT(${type.struct.map((f) => `${columnName(f.key)} ${duckDbViewType(f.type)}`).join(', ')})`;
  return { string: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', json: 'VARCHAR', 'string-map': 'MAP(VARCHAR, VARCHAR)' }[type];
}

const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const regexEscape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export interface LocalTable {
  /** The folder that stands for the bucket: object keys are paths under it. */
  readonly root: string;
  /** The bucket's name, for `"$path"` (`s3://<bucket>/<key>`). */
  readonly bucketName: string;
  /** The table properties (`projectionParameters`) built for `bucketName`. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The instant NOW stands for in the day range. */
  readonly now: Date;
}

/** `CREATE VIEW` of the invocation logs under `table.root`. */
export function logsViewSql(table: LocalTable): string {
  const template = table.parameters['storage.location.template'];
  const bucketRoot = `s3://${table.bucketName}/`;
  if (!template.startsWith(bucketRoot)) throw new Error(`the location template does not start with ${bucketRoot}`);
  // The template with its placeholders as capture groups: `${log_day}` is a yyyy/MM/dd day.
  const order: string[] = [];
  const pattern = template.split(/(\$\{[a-z_]+\})/).map((part) => {
    const column = /^\$\{([a-z_]+)\}$/.exec(part)?.[1];
    if (column === undefined) return regexEscape(part);
    order.push(column);
    return column === PARTITION_COLUMNS.day ? '([0-9]{4}/[0-9]{2}/[0-9]{2})' : '([^/]+)';
  }).join('');
  const glob = `${table.root}/${template.slice(bucketRoot.length).replace(/\$\{[a-z_]+\}/g, (p) => (p === `\${${PARTITION_COLUMNS.day}}` ? '*/*/*' : '*'))}**`;
  const columns = RECORD_FIELDS.map((f) => `${sqlString(f.key)}: ${sqlString(duckDbReadType(f.type))}`).join(', ');
  const selected = RECORD_FIELDS.map((f) => `CAST("${f.key}" AS ${duckDbViewType(f.type)}) AS "${columnName(f.key)}"`);
  const path = `${sqlString(bucketRoot)} || substr(filename, ${table.root.length + 2})`;
  const partitions = order.map((column, i) => `regexp_extract(${path}, ${sqlString(`^${pattern}`)}, ${i + 1}) AS ${column}`);
  const days = projectedDays(table.parameters, { now: table.now });
  const regions = table.parameters[`projection.${PARTITION_COLUMNS.region}.values`].split(',');
  return [
    `CREATE OR REPLACE VIEW "${LOCAL_VIEW}" AS`,
    'SELECT * FROM (',
    `  SELECT ${[...selected, `${path} AS filename`, ...partitions].join(',\n    ')}`,
    `  FROM read_json(${sqlString(glob)}, format = 'newline_delimited', ignore_errors = true, filename = true, columns = {${columns}})`,
    ')',
    `WHERE ${PARTITION_COLUMNS.region} IN (${regions.map(sqlString).join(', ')})`,
    `  AND ${PARTITION_COLUMNS.day} BETWEEN ${sqlString(days[0] ?? '')} AND ${sqlString(days[days.length - 1] ?? '')}`,
  ].join('\n');
}
