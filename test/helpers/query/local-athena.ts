/**
 * Runs Athena SQL of the saved queries on DuckDB over sample logs on disk: the view of
 * `scripts/query/duckdb-view.ts` stands for the Glue table, `scripts/query/duckdb-dialect.ts`
 * rewrites the SQL. A real SQL engine, so the queries' numbers are computed, not string-checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { projectionParameters } from '../../../cdk/query/projection';
import { toDuckDb } from '../../../scripts/query/duckdb-dialect';
import { LOCAL_VIEW, logsViewSql } from '../../../scripts/query/duckdb-view';
import { FIXTURE_NOW, writeFixtureBucket } from '../../fixtures/invocation-logs';

export interface LocalColumn {
  readonly name: string;
  /** DuckDB's type name (`VARCHAR`, `BIGINT`, `HUGEINT`, `DOUBLE`, ...). */
  readonly type: string;
}

export interface LocalResult {
  readonly columns: LocalColumn[];
  /** Values as JSON-friendly text or numbers (big integers as strings), NULL as null. */
  readonly rows: Record<string, unknown>[];
}

export interface LocalTableOptions {
  /** Folder standing for the bucket. */
  readonly root: string;
  readonly bucketName: string;
  readonly keyPrefix: string;
  readonly regions: readonly string[];
  readonly retentionDays: number;
  readonly now: Date;
  readonly database: string;
  readonly table: string;
}

export class LocalAthena {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly options: LocalTableOptions,
  ) {}

  static async open(options: LocalTableOptions): Promise<LocalAthena> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const parameters = projectionParameters({ bucketName: options.bucketName, keyPrefix: options.keyPrefix, regions: options.regions, retentionDays: options.retentionDays });
    await connection.run(logsViewSql({ root: options.root, bucketName: options.bucketName, parameters, now: options.now }));
    return new LocalAthena(instance, connection, options);
  }

  /** Runs Athena SQL with execution parameters (SQL literals, one per `?`). */
  async query(sql: string, parameters: readonly string[] = []): Promise<LocalResult> {
    const duck = toDuckDb(sql, { database: this.options.database, table: this.options.table, view: LOCAL_VIEW, parameters });
    const reader = await this.connection.runAndReadAll(duck);
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.toString());
    return { columns: names.map((name, i) => ({ name, type: types[i] })), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The sample bucket the query tests share: written once per test file into a temporary folder. */
export interface SampleLogs {
  readonly root: string;
  readonly bucketName: string;
  readonly keyPrefix: string;
  remove(): void;
}

export const SAMPLE_BUCKET = 'bedrock-logs-central-222222222222-us-east-1';

export function writeSampleLogs(keyPrefix = ''): SampleLogs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'invocation-logs-'));
  writeFixtureBucket(root, keyPrefix);
  return { root, bucketName: SAMPLE_BUCKET, keyPrefix, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The local table over the samples as the example environment's table sees them. */
export function sampleTable(logs: SampleLogs, regions: readonly string[], overrides: Partial<LocalTableOptions> = {}): LocalTableOptions {
  return {
    root: logs.root,
    bucketName: logs.bucketName,
    keyPrefix: logs.keyPrefix,
    regions,
    retentionDays: 365,
    now: FIXTURE_NOW,
    database: 'bedrock_logs',
    table: 'invocations',
    ...overrides,
  };
}

/**
 * The sample logs and a local table over them, for the tests of the file or `describe` block that
 * calls this: written in a `beforeAll`, closed and removed in an `afterAll`. Read `logs` and `athena`
 * inside tests and later hooks.
 */
export function useSampleAthena(regions: readonly string[]): { readonly logs: SampleLogs; readonly athena: LocalAthena } {
  let logs: SampleLogs | undefined;
  let athena: LocalAthena | undefined;
  beforeAll(async () => {
    logs = writeSampleLogs();
    athena = await LocalAthena.open(sampleTable(logs, regions));
  });
  afterAll(() => {
    athena?.close();
    logs?.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSampleAthena: read logs and athena inside a test or a later hook');
    return value;
  };
  return {
    get logs() {
      return ready(logs);
    },
    get athena() {
      return ready(athena);
    },
  };
}
