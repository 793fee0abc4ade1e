/**
 * The Glue table over the central bucket, derived from `RECORD_FIELDS` (columns) and
 * `projection.ts` (partitions and their locations). Plain data, so the construct, the tests and the
 * docs read the same definition.
 */
import { PARTITION_COLUMNS, logsRoot, projectionParameters, type ProjectionSettings } from './projection';
import { columnName, hiveType, RECORD_FIELDS } from './record-fields';

/**
 * The OpenX JSON SerDe: case-insensitive keys (`inputTokenCount` fills `inputtokencount`), a nested
 * value in a `string` column returned as its JSON text, and `ignore.malformed.json` so a line that
 * is not JSON (or a binary body object under `data/`) reads as a row of NULLs instead of failing the
 * query (https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html). The queries keep only
 * rows whose `schematype` is `ModelInvocationLog`.
 */
export const JSON_SERDE = 'org.openx.data.jsonserde.JsonSerDe';
export const SERDE_PARAMETERS: Readonly<Record<string, string>> = { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' };

/** Text input (gzip is read by the `.gz` extension) and Hive's text output format. */
export const INPUT_FORMAT = 'org.apache.hadoop.mapred.TextInputFormat';
export const OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';

/** The record's `schemaType`: the queries keep only rows that carry it. */
export const RECORD_SCHEMA_TYPE = 'ModelInvocationLog';

export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment: string;
}

/** The table's data columns: one per top-level record field. */
export function tableColumns(): GlueColumn[] {
  return RECORD_FIELDS.map((field) => ({ name: columnName(field.key), type: hiveType(field.type), comment: field.description.slice(0, 255) }));
}

/** The partition columns (all strings; values come from the object key). */
export function partitionColumns(): GlueColumn[] {
  return [
    { name: PARTITION_COLUMNS.account, type: 'string', comment: 'Account of the log object key (injected: every query names its accounts).' },
    { name: PARTITION_COLUMNS.region, type: 'string', comment: 'Region of the log object key (the member regions).' },
    { name: PARTITION_COLUMNS.day, type: 'string', comment: 'UTC day Bedrock delivered the log object, yyyy/MM/dd.' },
  ];
}

export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  readonly columns: GlueColumn[];
  readonly partitionKeys: GlueColumn[];
  readonly location: string;
  readonly parameters: Record<string, string>;
}

/** The whole table, for a bucket name (a token in the template) and the projection settings. */
export function tableDefinition(name: string, settings: ProjectionSettings): TableDefinition {
  return {
    name,
    description: 'Bedrock model invocation logs of every member account, replicated into the central bucket',
    columns: tableColumns(),
    partitionKeys: partitionColumns(),
    location: logsRoot(settings.bucketName, settings.keyPrefix),
    parameters: { EXTERNAL: 'TRUE', classification: 'json', ...projectionParameters(settings) },
  };
}
