/** Counts of a coverage report and its verdict. */
import type { AccountReport, CoverageSummary, ScopeIssue } from './report';
import { ACCOUNT_CLASSES, CELL_STATES, cellPasses, type AccountClass, type CellState } from './states';

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Accounts per class, cells per state, and whether the run passes. */
export function summarize(accounts: readonly AccountReport[], scopeIssues: readonly ScopeIssue[], configurationOnly: boolean): CoverageSummary {
  const byClass: Record<AccountClass, number> = zeros(ACCOUNT_CLASSES);
  const byState: Record<CellState, number> = zeros(CELL_STATES);
  let cellsInScope = 0;
  let cellsPassing = 0;
  for (const account of accounts) {
    byClass[account.classification] += 1;
    for (const cell of account.cells) {
      byState[cell.state] += 1;
      if (cell.state === 'not-in-scope') continue;
      cellsInScope += 1;
      if (cellPasses(cell.state, configurationOnly)) cellsPassing += 1;
    }
  }
  return { accounts: byClass, cells: byState, cellsInScope, cellsPassing, ok: scopeIssues.length === 0 && cellsPassing === cellsInScope };
}
