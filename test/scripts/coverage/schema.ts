/** The report's JSON schema, compiled with ajv as a consumer of the report would. */
import Ajv from 'ajv';
import schema from '../../../docs/coverage.schema.json';

/** ISO 8601 date-time with a time zone, as `Date.prototype.toISOString` writes it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const coverageSchema = schema;

/** Validates `report`; returns ajv's errors, empty when it is valid. */
export function schemaErrors(report: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: true, formats: { 'date-time': DATE_TIME } });
  const validate = ajv.compile(schema);
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
