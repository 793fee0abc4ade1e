/** The Markdown rendering (for a pull request, a wiki, an audit folder): the same content as the table. */
import type { CoverageReport } from '../report';
import { STATES } from '../states';
import { accountCounts, cellCounts, coveredAccounts, legendEntries, otherAccounts, problemLines, runLine, title, verdict } from './common';

/** Escapes what would break a table cell or start Markdown markup. */
export function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>])/g, '\\$1').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(md).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(md).join(' | ')} |`)];
}

export function renderMarkdown(report: CoverageReport): string {
  const out: string[] = [`# ${md(title(report))}`, '', `**${md(verdict(report))}**`, '', `- Accounts: ${md(accountCounts(report))}`,
    `- Cells in scope: ${md(cellCounts(report))}`, `- ${md(runLine(report))}`, ''];
  if (report.scopeIssues.length > 0) {
    out.push('## Scope issues', '', ...report.scopeIssues.map((i) => `- \`${i.path}\`: ${md(i.message)} (got ${md(JSON.stringify(i.value))})`), '');
  }
  if (report.deliveryEvidence.status !== 'ok') out.push(`> Delivery evidence: ${report.deliveryEvidence.status}: ${md(report.deliveryEvidence.message ?? '')}`, '');
  const covered = coveredAccounts(report);
  out.push(`## Covered accounts × member regions (${covered.length})`, '');
  if (covered.length > 0) {
    out.push(...table(['Account', 'Name', 'OU', ...report.environment.regions], covered.map((a) => [a.id, a.name, a.ouPath, ...a.cells.map((c) => STATES[c.state].label)])), '');
  }
  const problems = problemLines(report);
  if (problems.length > 0) {
    out.push('## Cells not logging', '', ...table(['Account', 'Region', 'State', 'Why'], problems.map((p) => [p.account.id, p.cell.region, p.cell.state, p.text])), '');
  }
  const others = otherAccounts(report);
  if (others.length > 0) {
    out.push('## Accounts not covered', '', ...table(['Account', 'Name', 'OU', 'Class', 'Why'], others.map((a) => [a.id, a.name, a.ouPath, a.classification, a.reason])), '');
  }
  out.push('## Legend', '', ...table(['State', 'Short', 'Meaning'], legendEntries().map((e) => [e.label, e.short, e.description])));
  return `${out.join('\n')}\n`;
}
