/**
 * The Bedrock model invocation log record, field by field: the one place its shape is written down.
 * The Glue table's columns (`table.ts`), the local DuckDB view the tests and `docs/queries.md` use
 * (`scripts/query/duckdb.ts`) and the fixture check are all derived from `RECORD_FIELDS`.
 *
 * Each field says where it is known from. AWS documents the record's core in the user guide
 * ("Log entry format"); the rest is taken from records others have published, and a wrong guess
 * here costs little: the JSON SerDe ignores keys the table does not name, returns NULL for a named
 * key a record lacks, and bodies are kept as JSON text, so no model-specific shape is baked in.
 */

/**
 * How sure we are that Bedrock writes a field, and under this name: `documented` by AWS,
 * `third-party` (a published schema or delivered records quoted by others), or `inferred` (AWS
 * documents the information but not the key; the key is the one seen in third-party records).
 */
export type Provenance = 'documented' | 'third-party' | 'inferred';

export interface FieldSource {
  readonly provenance: Provenance;
  /** Where it is written down (URL, or repository and file). */
  readonly reference: string;
}

/**
 * A field's type. `json` is a nested value (object or array) the table keeps as its JSON text: the
 * request and response bodies, whose shape differs per model and API. `string-map` is an object of
 * string values (caller-chosen tags).
 */
export type FieldType = 'string' | 'bigint' | 'double' | 'json' | 'string-map' | { readonly struct: readonly RecordField[] };

export interface RecordField {
  /** The key as Bedrock writes it (camelCase); Athena's column or struct field is its lower-case form. */
  readonly key: string;
  readonly type: FieldType;
  readonly description: string;
  readonly source: FieldSource;
}

/** AWS's user guide page with the record format ("Log entry format", example and field table). */
export const LOG_FORMAT_DOC = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html#model-invocation-log-format';
/** AWS's page on the caller-supplied `requestMetadata` tags. */
export const REQUEST_METADATA_DOC = 'https://docs.aws.amazon.com/bedrock/latest/userguide/cost-mgmt-request-metadata.html';
/** AWS Machine Learning Blog, "Getting started with cross-region inference in Amazon Bedrock": `inferenceRegion` in the log. */
export const CROSS_REGION_BLOG = 'https://aws.amazon.com/blogs/machine-learning/getting-started-with-cross-region-inference-in-amazon-bedrock/';
/** Panther's published schema of the record (`AWS.BedrockModelInvocation`), built from delivered logs. */
export const PANTHER_SCHEMA = 'https://docs.panther.com/data-onboarding/supported-logs/aws/bedrock-model-invocation';
/** A delivered record quoted in full, with the prompt-cache counts (github.com/dheerajoruganty/aws-bedrock-logs-mcp-server, setup.md). */
export const PUBLISHED_RECORD = 'github.com/dheerajoruganty/aws-bedrock-logs-mcp-server (setup.md, "Example invocation")';
/**
 * The user guide says only that "the log entry contains a reference to the Amazon S3 location" of a
 * body stored apart; the keys `inputBodyS3Path`/`outputBodyS3Path` are those of delivered records
 * quoted in third-party code. Verify against one delivered record before relying on them.
 */
export const BODY_REFERENCE_NOTE = `${LOG_FORMAT_DOC} documents the reference, not its key; key as in delivered records quoted by third parties`;

const documented = (reference = LOG_FORMAT_DOC): FieldSource => ({ provenance: 'documented', reference });
const thirdParty = (reference = PANTHER_SCHEMA): FieldSource => ({ provenance: 'third-party', reference });
const inferred = (reference: string): FieldSource => ({ provenance: 'inferred', reference });

export const RECORD_FIELDS: readonly RecordField[] = [
  { key: 'schemaType', type: 'string', description: 'Always `ModelInvocationLog`; the queries keep only such rows.', source: documented() },
  { key: 'schemaVersion', type: 'string', description: 'Version of the record schema (`1.0`).', source: documented() },
  { key: 'timestamp', type: 'string', description: 'When the invocation was made, ISO 8601 in UTC (`2026-01-15T12:00:00Z`); parse it with `from_iso8601_timestamp`.', source: documented() },
  { key: 'accountId', type: 'string', description: 'Account that made the invocation.', source: documented() },
  {
    key: 'identity',
    type: { struct: [{ key: 'arn', type: 'string', description: 'IAM or STS ARN of the caller, with the role and session or user name.', source: documented() }] },
    description: 'Who called.',
    source: documented(),
  },
  { key: 'region', type: 'string', description: 'Region the call was made to.', source: documented() },
  { key: 'requestId', type: 'string', description: 'Request ID, as in CloudTrail.', source: documented() },
  { key: 'operation', type: 'string', description: '`Converse`, `ConverseStream`, `InvokeModel` or `InvokeModelWithResponseStream`.', source: documented() },
  { key: 'modelId', type: 'string', description: 'Model ID, inference profile ID or ARN the caller named.', source: documented() },
  { key: 'errorCode', type: 'string', description: 'The exception of a failed call (`ThrottlingException`, `ValidationException`, ...); absent on success.', source: thirdParty() },
  { key: 'inferenceRegion', type: 'string', description: 'Region that served a cross-region inference request.', source: { provenance: 'documented', reference: CROSS_REGION_BLOG } },
  { key: 'requestMetadata', type: 'string-map', description: 'Key-value tags the caller attached (team, application, ...); absent when none.', source: documented(REQUEST_METADATA_DOC) },
  {
    key: 'input',
    type: {
      struct: [
        { key: 'inputContentType', type: 'string', description: 'Content type of the request body.', source: documented() },
        { key: 'inputBodyJson', type: 'json', description: 'The request body (up to 100 KB), as JSON text.', source: documented() },
        { key: 'inputBodyS3Path', type: 'string', description: '`s3://` URI of a request body stored apart (binary data or over 100 KB), under a `data/` prefix.', source: inferred(BODY_REFERENCE_NOTE) },
        { key: 'inputTokenCount', type: 'bigint', description: 'Input tokens billed at the input rate.', source: documented() },
        { key: 'cacheReadInputTokenCount', type: 'bigint', description: 'Input tokens read from the prompt cache.', source: thirdParty(`${PANTHER_SCHEMA}; ${PUBLISHED_RECORD}`) },
        { key: 'cacheWriteInputTokenCount', type: 'bigint', description: 'Input tokens written to the prompt cache.', source: thirdParty(`${PANTHER_SCHEMA}; ${PUBLISHED_RECORD}`) },
      ],
    },
    description: 'The request.',
    source: documented(),
  },
  {
    key: 'output',
    type: {
      struct: [
        { key: 'outputContentType', type: 'string', description: 'Content type of the response body.', source: documented() },
        { key: 'outputBodyJson', type: 'json', description: 'The response body (up to 100 KB), as JSON text; for streaming calls often an array of chunks.', source: documented() },
        { key: 'outputBodyS3Path', type: 'string', description: '`s3://` URI of a response body stored apart (binary data or over 100 KB).', source: inferred(BODY_REFERENCE_NOTE) },
        { key: 'outputTokenCount', type: 'bigint', description: 'Output tokens.', source: documented() },
        { key: 'outputVideoS3Path', type: 'string', description: 'Where a generated video was written.', source: thirdParty() },
        { key: 'outputVideoDurationSeconds', type: 'double', description: 'Length of a generated video.', source: thirdParty() },
        { key: 'outputVideoFramesPerSecond', type: 'bigint', description: 'Frame rate of a generated video.', source: thirdParty() },
        { key: 'outputVideoHeight', type: 'bigint', description: 'Height of a generated video, in pixels.', source: thirdParty() },
        { key: 'outputVideoWidth', type: 'bigint', description: 'Width of a generated video, in pixels.', source: thirdParty() },
      ],
    },
    description: 'The response.',
    source: documented(),
  },
  {
    key: 'performanceConfig',
    type: { struct: [{ key: 'latency', type: 'string', description: 'Latency setting the caller asked for (`standard`, `optimized`).', source: thirdParty() }] },
    description: 'Performance settings of the call.',
    source: thirdParty(),
  },
  { key: 'status', type: 'string', description: 'Status of the invocation where Bedrock reports one (meaning not documented).', source: thirdParty() },
];

/**
 * Keys a record may carry that the table leaves out on purpose, with why. Empty today: every key
 * seen in documented or published records has a column. The fixture test fails on any other key.
 */
export const IGNORED_FIELDS: Readonly<Record<string, string>> = {};

/** Athena's (Glue's) name of a key: column and struct field names are lower case. */
export function columnName(key: string): string {
  return key.toLowerCase();
}

/** The Hive type Glue stores for a field (`struct<arn:string>`, `map<string,string>`, ...). */
export function hiveType(type: FieldType): string {
  if (typeof type !== 'string') return `struct<${type.struct.map((f) => `${columnName(f.key)}:${hiveType(f.type)}`).join(',')}>`;
  return { string: 'string', bigint: 'bigint', double: 'double', json: 'string', 'string-map': 'map<string,string>' }[type];
}

/**
 * Every path a record field maps, dot-separated in the record's own keys (`input.inputTokenCount`).
 * A `json` or `string-map` field covers everything beneath it.
 */
export function mappedPaths(fields: readonly RecordField[] = RECORD_FIELDS, parent = ''): { path: string; coversChildren: boolean }[] {
  return fields.flatMap((field) => {
    const path = parent ? `${parent}.${field.key}` : field.key;
    if (typeof field.type !== 'string') return [{ path, coversChildren: false }, ...mappedPaths(field.type.struct, path)];
    return [{ path, coversChildren: field.type === 'json' || field.type === 'string-map' }];
  });
}

/**
 * Paths of a record (dot-separated, arrays as leaves) that no field maps and `IGNORED_FIELDS` does
 * not list: what the table would silently drop.
 */
export function unmappedPaths(record: Record<string, unknown>): string[] {
  const mapped = mappedPaths();
  const covered = (path: string): boolean =>
    path in IGNORED_FIELDS || mapped.some((m) => m.path === path || (m.coversChildren && path.startsWith(`${m.path}.`)));
  const walk = (value: unknown, path: string): string[] => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !mapped.some((m) => m.coversChildren && m.path === path)) {
      return Object.entries(value).flatMap(([key, child]) => walk(child, path ? `${path}.${key}` : key));
    }
    return covered(path) ? [] : [path];
  };
  return walk(record, '');
}
