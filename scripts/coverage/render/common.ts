/** What every renderer says the same way: the title, the verdict, the counts, the problem lines. */
import type { AccountReport, Cell, CoverageReport } from '../report';
import { ACCOUNT_CLASSES, CELL_STATES, STATES } from '../states';

export function title(report: CoverageReport): string {
  return `Bedrock invocation logging coverage: environment "${report.environment.name}", organization ${report.organization.id}`;
}

/** `PASS` or `FAIL`, with the numbers behind it. */
export function verdict(report: CoverageReport): string {
  const { summary } = report;
  const scope = report.scopeIssues.length === 0 ? '' : `; ${report.scopeIssues.length} scope issue${report.scopeIssues.length === 1 ? '' : 's'}`;
  const mode = report.settings.configurationOnly ? ' (configuration only: delivery evidence not required)' : '';
  return `${summary.ok ? 'PASS' : 'FAIL'}: ${summary.cellsPassing} of ${summary.cellsInScope} account × region cells in scope pass${scope}${mode}`;
}

/** `17 covered, 2 guardrails-only, ...` (classes with none left out). */
export function accountCounts(report: CoverageReport): string {
  return ACCOUNT_CLASSES.filter((c) => report.summary.accounts[c] > 0).map((c) => `${report.summary.accounts[c]} ${c}`).join(', ') || 'none';
}

/** `40 logging, 2 stale, ...` over the cells in scope. */
export function cellCounts(report: CoverageReport): string {
  return CELL_STATES.filter((s) => s !== 'not-in-scope' && report.summary.cells[s] > 0).map((s) => `${report.summary.cells[s]} ${s}`).join(', ') || 'none';
}

/** When and how the report was made. */
export function runLine(report: CoverageReport): string {
  const calls = Object.values(report.run.calls).reduce((a, b) => a + b, 0);
  const budget = report.run.budgetExhausted ? `; the time budget of ${report.settings.timeBudgetSeconds} s ran out` : '';
  return `Generated ${report.generatedAt} by ${report.caller.arn} in ${(report.run.durationMs / 1000).toFixed(1)} s with ${calls} AWS calls` +
    ` (role ${report.settings.roleName}, stale after ${report.settings.staleAfterDays} days)${budget}`;
}

/** Covered accounts: the grid's rows. */
export function coveredAccounts(report: CoverageReport): AccountReport[] {
  return report.accounts.filter((a) => a.classification === 'covered');
}

/** Accounts not covered, listed with their reason. */
export function otherAccounts(report: CoverageReport): AccountReport[] {
  return report.accounts.filter((a) => a.classification !== 'covered');
}

/** What a cell's delivery evidence says, in words. */
export function deliveryText(cell: Cell): string {
  const d = cell.delivery;
  switch (d.status) {
    case 'recent':
    case 'stale':
      return `newest log object ${d.newestObjectAt} (${d.ageDays} days old)`;
    case 'none':
      return 'no log object has ever arrived';
    case 'unknown':
      return `delivery unknown: ${d.error ?? 'the central bucket could not be read'}`;
    case 'not-checked':
      return 'delivery not checked';
  }
}

/** One line per cell in scope that does not show `logging`: `<account> <region> <state>: <why>`. */
export function problemLines(report: CoverageReport): { account: AccountReport; cell: Cell; text: string }[] {
  const lines: { account: AccountReport; cell: Cell; text: string }[] = [];
  for (const account of coveredAccounts(report)) {
    for (const cell of account.cells) {
      if (cell.state === 'logging') continue;
      const why = cell.problems.length > 0 ? cell.problems.join('; ') : deliveryText(cell);
      lines.push({ account, cell, text: why });
    }
  }
  return lines;
}

/** `state: description` for each state, in legend order. */
export function legendEntries(): { state: string; label: string; short: string; description: string }[] {
  return CELL_STATES.map((state) => ({ state, ...STATES[state] }));
}
