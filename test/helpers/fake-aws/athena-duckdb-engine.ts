/**
 * The fake Athena's engine for the `usage` tests: the SQL runs on DuckDB over sample logs (see
 * `test/helpers/query/local-athena.ts`), with Athena's injected-partition rule enforced.
 */
import { PARTITION_COLUMNS } from '../../../cdk/query/projection';
import type { LocalAthena } from '../query/local-athena';
import type { Engine } from './athena';

const ATHENA_TYPES: Readonly<Record<string, string>> = { BIGINT: 'bigint', HUGEINT: 'bigint', INTEGER: 'integer', DOUBLE: 'double', VARCHAR: 'varchar' };

export function duckDbEngine(local: LocalAthena): Engine {
  return async (sql, parameters) => {
    const account = PARTITION_COLUMNS.account;
    if (!new RegExp(`\\b${account}\\s*(IN\\s*\\(|=)`).test(sql)) {
      throw new Error(`CONSTRAINT_VIOLATION: For the injected projected partition column ${account}, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.`);
    }
    const result = await local.query(sql, parameters);
    return {
      columns: result.columns.map((c) => ({ name: c.name, type: ATHENA_TYPES[c.type] ?? 'varchar' })),
      rows: result.rows.map((row) => result.columns.map((c) => (row[c.name] === null ? null : String(row[c.name])))),
      dataScannedBytes: 123_456_789,
    };
  };
}
