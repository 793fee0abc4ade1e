/**
 * A fake Athena (JSON 1.1, `X-Amz-Target: AmazonAthena.<Op>`, signing name `athena`), a service of
 * the fake AWS server: StartQueryExecution, GetQueryExecution, GetQueryResults, StopQueryExecution,
 * with the shapes of the API reference. Each query goes
 * QUEUED -> RUNNING -> SUCCEEDED (or FAILED) over successive GetQueryExecution calls; results are
 * paged with NextToken, the first page starting with the header row as Athena's does. What a query
 * returns comes from a pluggable engine (the tests run the SQL on DuckDB over sample logs).
 */
import { jsonProtocol } from './json-protocol';
import type { FakeOrganization } from './model';
import { AwsError, type ServiceHandler } from './protocol';

export interface EngineResult {
  readonly columns: { readonly name: string; readonly type: string }[];
  /** Values as text (null for NULL), in column order. */
  readonly rows: (string | null)[][];
  readonly dataScannedBytes?: number;
}

/** Runs a query; a thrown `Error`'s message becomes the FAILED state's reason. */
export type Engine = (sql: string, parameters: readonly string[], context: { database?: string; workgroup?: string }) => Promise<EngineResult>;

export interface FakeAthenaOptions {
  readonly engine: Engine;
  /** Workgroups that exist (others are an InvalidRequestException, as Athena answers). */
  readonly workgroups: readonly string[];
  /** States a query shows before it ends, one per GetQueryExecution call. */
  readonly states?: readonly string[];
  /** Rows per page at most (the request's MaxResults may lower it). */
  readonly pageSize?: number;
}

export interface Execution {
  readonly id: string;
  readonly sql: string;
  readonly workgroup: string;
  readonly database?: string;
  readonly parameters: readonly string[];
  polls: number;
  result?: EngineResult;
  error?: string;
  stopped?: boolean;
}

/** An operation's handler: its JSON input to its output. */
type Operation = (input: any) => unknown;

export function athenaService(options: FakeAthenaOptions): { service: ServiceHandler<FakeOrganization>; executions: Execution[] } {
  const executions: Execution[] = [];
  const states = options.states ?? ['QUEUED', 'RUNNING'];
  const find = (id: unknown): Execution => {
    const execution = executions.find((e) => e.id === id);
    if (!execution) throw new AwsError('InvalidRequestException', `QueryExecution ${String(id)} was not found`);
    return execution;
  };
  const state = (e: Execution): string => (e.stopped ? 'CANCELLED' : e.polls <= states.length ? states[e.polls - 1] : e.error ? 'FAILED' : 'SUCCEEDED');
  const operations: Readonly<Record<string, Operation>> = {
    async StartQueryExecution(input) {
      if (typeof input.QueryString !== 'string' || input.QueryString.length === 0) throw new AwsError('InvalidRequestException', 'QueryString is required');
      const workgroup = input.WorkGroup ?? 'primary';
      if (!options.workgroups.includes(workgroup)) throw new AwsError('InvalidRequestException', `WorkGroup ${workgroup} is not found.`);
      const execution: Execution = {
        id: `00000000-0000-4000-8000-${String(executions.length + 1).padStart(12, '0')}`,
        sql: input.QueryString, workgroup, database: input.QueryExecutionContext?.Database, parameters: input.ExecutionParameters ?? [], polls: 0,
      };
      executions.push(execution);
      try {
        execution.result = await options.engine(execution.sql, execution.parameters, { database: execution.database, workgroup });
      } catch (err) {
        execution.error = (err as Error).message;
      }
      return { QueryExecutionId: execution.id };
    },
    GetQueryExecution(input) {
      const e = find(input.QueryExecutionId);
      e.polls++;
      const current = state(e);
      return {
        QueryExecution: {
          QueryExecutionId: e.id, Query: e.sql, WorkGroup: e.workgroup, ExecutionParameters: e.parameters,
          QueryExecutionContext: { Database: e.database, Catalog: 'AwsDataCatalog' },
          Status: {
            State: current,
            ...(current === 'FAILED' ? { StateChangeReason: e.error, AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: e.error } } : {}),
          },
          Statistics: current === 'SUCCEEDED' ? { DataScannedInBytes: e.result?.dataScannedBytes ?? 0, EngineExecutionTimeInMillis: 42 } : {},
        },
      };
    },
    GetQueryResults(input) {
      const e = find(input.QueryExecutionId);
      if (state(e) !== 'SUCCEEDED' || !e.result) throw new AwsError('InvalidRequestException', `Query has not yet finished. Current state: ${state(e)}`);
      const all = [e.result.columns.map((c) => c.name), ...e.result.rows];
      const size = Math.min(options.pageSize ?? 1000, input.MaxResults ?? 1000);
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      const page = all.slice(start, start + size);
      return {
        UpdateCount: 0,
        ResultSet: {
          Rows: page.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          ResultSetMetadata: { ColumnInfo: e.result.columns.map((c) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: c.name, Label: c.name, Type: c.type, Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: false })) },
        },
        ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
      };
    },
    StopQueryExecution(input) {
      find(input.QueryExecutionId).stopped = true;
      return {};
    },
  };
  const { answer, ...protocol } = jsonProtocol('athena', 'AmazonAthena', { code: 'TooManyRequestsException', status: 400 });
  const service: ServiceHandler<FakeOrganization> = {
    ...protocol,
    async handle(operation, request) {
      const handler = operations[operation];
      if (handler === undefined) throw new AwsError('UnknownOperationException', `the fake does not implement ${operation}`);
      return answer(await handler(JSON.parse(request.body || '{}')));
    },
  };
  return { service, executions };
}
