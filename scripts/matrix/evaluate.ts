/**
 * Runs the rows through the IAM policy simulator (`@cloud-copilot/iam-simulate`, a dev dependency
 * under AGPL: this is tooling, never part of the package, the build or the shipped CLI).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { MatrixResult, MatrixRow } from './rows';

/** Sids of the statements that explicitly denied the request: SCPs, RCPs, the resource policy. */
function deniedBy(analysis: unknown): string[] {
  type Denials = { denyStatements: { statement: { sid(): string | undefined } }[] };
  const a = analysis as {
    scpAnalysis?: { ouAnalysis?: Denials[] };
    rcpAnalysis?: { ouAnalysis?: Denials[] };
    resourceAnalysis?: Denials;
  } | undefined;
  const sids = [
    ...(a?.scpAnalysis?.ouAnalysis ?? []).flatMap((ou) => ou.denyStatements),
    ...(a?.rcpAnalysis?.ouAnalysis ?? []).flatMap((ou) => ou.denyStatements),
    ...(a?.resourceAnalysis?.denyStatements ?? []),
  ].map((s) => s.statement.sid() ?? '?');
  return [...new Set(sids)];
}

/** Runs one row; `pass` says whether the result is the expected one, for the right reason. */
async function evaluateRow(row: MatrixRow): Promise<MatrixResult> {
  const response = await runSimulation(row.simulation, {});
  if (response.resultType === 'error') {
    return { ...row, result: 'Error', decidedBy: [], ignoredContextKeys: [], error: JSON.stringify(response.errors), pass: false };
  }
  const results = response.resultType === 'single' ? [response.result] : response.results;
  const decidedBy = [...new Set(results.flatMap((r) => deniedBy(r.analysis)))];
  const ignoredContextKeys = [...new Set(results.flatMap((r) => r.ignoredContextKeys ?? []))];
  const result = response.overallResult;
  const denied = result === 'ExplicitlyDenied' ? decidedBy.length > 0 : result === 'ImplicitlyDenied' && row.implicitDenyCounts === true;
  const pass = ignoredContextKeys.length === 0 && (row.expected === 'Allowed' ? result === 'Allowed' && decidedBy.length === 0 : denied);
  return { ...row, result, decidedBy, ignoredContextKeys, pass };
}

/** Evaluates rows one after the other (the simulator is CPU-bound; order keeps output stable). */
export async function evaluateRows(rows: readonly MatrixRow[]): Promise<MatrixResult[]> {
  const results: MatrixResult[] = [];
  for (const row of rows) results.push(await evaluateRow(row));
  return results;
}
