/** The terminal rendering: summary, the account × region grid in short codes, what is wrong, the legend. */
import type { CoverageReport } from '../report';
import { STATES } from '../states';
import { accountCounts, cellCounts, coveredAccounts, legendEntries, otherAccounts, problemLines, runLine, title, verdict } from './common';

/** Left-aligned columns separated by two spaces. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((text, i) => (i === row.length - 1 ? text : text.padEnd(widths[i]))).join('  ').trimEnd());
}

export function renderTable(report: CoverageReport): string {
  const out: string[] = [title(report), verdict(report), `Accounts: ${accountCounts(report)}`, `Cells in scope: ${cellCounts(report)}`, runLine(report), ''];
  if (report.scopeIssues.length > 0) {
    out.push('Scope issues (the map does not match the organization):');
    for (const i of report.scopeIssues) out.push(`- ${i.path}: ${i.message} (got ${JSON.stringify(i.value)})`);
    out.push('');
  }
  if (report.deliveryEvidence.status !== 'ok') out.push(`Delivery evidence: ${report.deliveryEvidence.status}: ${report.deliveryEvidence.message ?? ''}`, '');

  const covered = coveredAccounts(report);
  out.push(`Covered accounts × member regions (${covered.length} accounts):`);
  if (covered.length > 0) {
    out.push(...columns([
      ['account', 'name', 'OU', ...report.environment.regions],
      ...covered.map((a) => [a.id, a.name, a.ouPath, ...a.cells.map((c) => STATES[c.state].short)]),
    ]));
  }
  out.push('');

  const problems = problemLines(report);
  if (problems.length > 0) {
    out.push('Cells not logging:');
    for (const p of problems) out.push(`- ${p.account.id} ${p.cell.region} ${p.cell.state}: ${p.text}`);
    out.push('');
  }
  const others = otherAccounts(report);
  if (others.length > 0) {
    out.push('Accounts not covered:');
    out.push(...columns([['account', 'name', 'OU', 'class', 'why'], ...others.map((a) => [a.id, a.name, a.ouPath, a.classification, a.reason])]));
    out.push('');
  }
  out.push('Legend:');
  out.push(...columns(legendEntries().map((e) => [`  ${e.short}`, e.label, e.description])));
  return `${out.join('\n')}\n`;
}
