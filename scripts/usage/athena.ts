/**
 * Runs one query through Athena and reads every result row: StartQueryExecution in the workgroup,
 * GetQueryExecution with back-off until it ends, GetQueryResults page by page. Expected failures
 * (no credentials, access denied, a failed or cancelled query, a timeout) are `UserError`s.
 */
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { plainUserError, type UserError } from '../../cdk/errors';

export interface QueryRequest {
  readonly sql: string;
  readonly workgroup: string;
  readonly database: string;
  /** Execution parameters: SQL literals, one per `?`. */
  readonly parameters: readonly string[];
  /** Give up (and stop the query) after this long. */
  readonly timeoutMs: number;
  /** First wait between polls; it doubles up to `maxPollMs`. */
  readonly pollMs?: number;
  readonly maxPollMs?: number;
  /** Rows per GetQueryResults page (Athena allows up to 1,000). */
  readonly pageSize?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface QueryOutcome {
  readonly queryExecutionId: string;
  readonly columns: { readonly name: string; readonly type: string }[];
  /** Rows as the column names, values as Athena returns them (text, or null). */
  readonly rows: Record<string, string | null>[];
  readonly dataScannedBytes?: number;
  /** How many GetQueryExecution and GetQueryResults calls it took. */
  readonly polls: number;
  readonly pages: number;
}

const SUBJECT = 'usage';
const DONE = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export async function runAthenaQuery(client: AthenaClient, request: QueryRequest): Promise<QueryOutcome> {
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  const start = await guard(() => client.send(new StartQueryExecutionCommand({
    QueryString: request.sql,
    WorkGroup: request.workgroup,
    QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: request.database },
    ExecutionParameters: request.parameters.length > 0 ? [...request.parameters] : undefined,
  })), request);
  const id = start.QueryExecutionId;
  if (!id) throw plainUserError(SUBJECT, 'athena', 'StartQueryExecution returned no query execution ID', 'retry; if it persists, check the endpoint');

  let wait = request.pollMs ?? 250;
  let polls = 0;
  let execution: QueryExecution | undefined;
  for (;;) {
    polls++;
    execution = (await guard(() => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })), request)).QueryExecution;
    const state = execution?.Status?.State;
    if (state !== undefined && DONE.has(state)) break;
    if (Date.now() - started + wait > request.timeoutMs) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      throw plainUserError(SUBJECT, 'athena', `query ${id} did not finish within ${Math.round(request.timeoutMs / 1000)} s (state ${state ?? 'unknown'}); it was stopped`,
        'run it again with a longer --timeout, or a shorter period');
    }
    await sleep(wait);
    wait = Math.min(wait * 2, request.maxPollMs ?? 5_000);
  }
  const status = execution?.Status;
  if (status?.State !== 'SUCCEEDED') {
    const reason = status?.AthenaError?.ErrorMessage ?? status?.StateChangeReason ?? 'no reason given';
    throw plainUserError(SUBJECT, 'athena', `query ${id} ${status?.State === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${reason}`,
      /bytes scanned|BytesScannedCutoff/i.test(reason)
        ? 'the workgroup\'s scan cutoff stopped it: pick a shorter period or fewer accounts, or raise query.bytesScannedCutoffGb'
        : 'check the workgroup, the database and your permissions (athena:*, glue:GetTable, s3:GetObject on the central bucket, s3:PutObject on the results bucket)');
  }

  const rows: Record<string, string | null>[] = [];
  let columns: { name: string; type: string }[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await guard(() => client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: request.pageSize ?? 1000 })), request);
    pages++;
    if (pages === 1) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
    let data = page.ResultSet?.Rows ?? [];
    // Athena returns the column names as the first row of the first page of a SELECT.
    if (pages === 1 && data.length > 0 && data[0].Data?.every((d, i) => d.VarCharValue === columns[i]?.name)) data = data.slice(1);
    for (const row of data) rows.push(Object.fromEntries(columns.map((c, i) => [c.name, row.Data?.[i]?.VarCharValue ?? null])));
    token = page.NextToken;
  } while (token);
  return { queryExecutionId: id, columns, rows, dataScannedBytes: execution?.Statistics?.DataScannedInBytes, polls, pages };
}

async function guard<T>(send: () => Promise<T>, request: QueryRequest): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw explainAthenaError(err, request);
  }
}

/** An SDK error as the user error it is, with what to do. */
export function explainAthenaError(err: unknown, request: Pick<QueryRequest, 'workgroup' | 'database'>): UserError | unknown {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const detail = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    return plainUserError(SUBJECT, 'credentials', `no AWS credentials found (${detail})`, 'sign in to the aggregation account: pass --profile <name> (and run `aws sso login`), or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN');
  }
  if (e.$metadata?.httpStatusCode === 403 || e.name === 'AccessDeniedException' || e.name === 'UnrecognizedClientException') {
    return plainUserError(SUBJECT, 'athena', `access denied (${detail})`, `use credentials of the aggregation account that may run queries in workgroup ${request.workgroup}`);
  }
  if (e.name === 'InvalidRequestException') {
    return plainUserError(SUBJECT, 'athena', `Athena refused the query (${detail})`, `check that the aggregation stack is deployed with query.enabled (workgroup ${request.workgroup}, database ${request.database}) and --region is the aggregation region`);
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(`${e.message ?? ''} ${String((err as { code?: string }).code ?? '')}`)) {
    return plainUserError(SUBJECT, 'athena', `cannot reach Athena (${detail})`, 'check the network, --region and any AWS_ENDPOINT_URL_ATHENA / AWS_ENDPOINT_URL override');
  }
  return err;
}
