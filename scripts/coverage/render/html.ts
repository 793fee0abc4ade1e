/**
 * The HTML rendering: one self-contained page (inline CSS, no script, no external asset, so it
 * works offline and can be archived as audit evidence) with the summary, a legend, the
 * account × region grid coloured by state (a real table: column and row headers, a caption, each
 * cell's state also in text for screen readers and in print), what is wrong and the accounts
 * outside the scope.
 */
import type { CoverageReport } from '../report';
import { CELL_STATES, STATES } from '../states';
import { accountCounts, cellCounts, coveredAccounts, deliveryText, legendEntries, otherAccounts, problemLines, runLine, title, verdict } from './common';

/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #ffffff; }
body { margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.verdict { font-weight: 700; padding: .4rem .6rem; display: inline-block; border-radius: 4px; color: #ffffff; }
.verdict.pass { background: #1a7f37; } .verdict.fail { background: #cf222e; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: .8rem 0; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
table { border-collapse: collapse; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
td.cell { text-align: center; font-weight: 600; min-width: 5.5rem; white-space: nowrap; }
table.problems td:nth-child(2) { white-space: nowrap; }
ul.legend { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: .35rem; }
ul.legend li { display: flex; gap: .5rem; align-items: baseline; }
.swatch { display: inline-block; min-width: 5.5rem; text-align: center; font-weight: 600; padding: .1rem .3rem; border-radius: 3px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.issues li { margin: .2rem 0; }
@media print { thead th { position: static; } }
${CELL_STATES.map((s) => `.state-${s} { background: ${STATES[s].colour}; color: ${STATES[s].text}; }`).join('\n')}
`;

function row(cells: readonly string[], header = false): string {
  return `<tr>${cells.map((c, i) => (header ? `<th scope="col">${c}</th>` : i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`;
}

function simpleTable(caption: string, header: readonly string[], rows: readonly (readonly string[])[], cls: string): string {
  return [`<table class="${cls}"><caption>${esc(caption)}</caption>`, `<thead>${row(header.map(esc), true)}</thead>`,
    `<tbody>${rows.map((r) => row(r.map(esc))).join('\n')}</tbody></table>`].join('\n');
}

function grid(report: CoverageReport): string {
  const covered = coveredAccounts(report);
  if (covered.length === 0) return '<p>No account is covered.</p>';
  const head = row(['Account', 'Name', 'OU', ...report.environment.regions].map(esc), true);
  const body = covered.map((a) => {
    const cells = a.cells.map((c) => {
      const info = STATES[c.state];
      const detail = [info.label, ...c.problems, ...(c.problems.length === 0 ? [deliveryText(c)] : [])].join('\n');
      return `<td class="cell state-${c.state}" data-state="${c.state}" data-region="${esc(c.region)}" title="${esc(detail)}">` +
        `<span aria-hidden="true">${esc(info.short)}</span><span class="sr-only">${esc(info.label)}</span></td>`;
    });
    return `<tr data-account="${a.id}"><th scope="row">${a.id}</th><td>${esc(a.name)}</td><td>${esc(a.ouPath)}</td>${cells.join('')}</tr>`;
  });
  return [`<table class="grid" id="grid"><caption>Covered accounts × member regions (${covered.length} accounts, ${report.environment.regions.length} regions)</caption>`,
    `<thead>${head}</thead>`, `<tbody>\n${body.join('\n')}\n</tbody></table>`].join('\n');
}

export function renderHtml(report: CoverageReport): string {
  const legend = legendEntries().map((e) =>
    `<li data-state="${e.state}"><span class="swatch state-${e.state}">${esc(e.short)}</span><span><strong>${esc(e.label)}</strong>: ${esc(e.description)}</span></li>`);
  const problems = problemLines(report);
  const others = otherAccounts(report);
  const parts = [
    '<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title(report))}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>', '<main>',
    `<h1>${esc(title(report))}</h1>`,
    `<p class="verdict ${report.summary.ok ? 'pass' : 'fail'}" id="verdict">${esc(verdict(report))}</p>`,
    '<dl class="summary" id="summary">',
    `<dt>Accounts</dt><dd>${esc(accountCounts(report))}</dd>`,
    `<dt>Cells in scope</dt><dd>${esc(cellCounts(report))}</dd>`,
    `<dt>Member regions</dt><dd>${esc(report.environment.regions.join(', '))}</dd>`,
    `<dt>Central bucket</dt><dd>${esc(report.environment.aggregation.bucket)} (${esc(report.environment.aggregation.accountId)}, ${esc(report.environment.aggregation.region)}); delivery evidence: ${esc(report.deliveryEvidence.status)}${report.deliveryEvidence.message ? `: ${esc(report.deliveryEvidence.message)}` : ''}</dd>`,
    `<dt>Run</dt><dd>${esc(runLine(report))}</dd>`,
    '</dl>',
    ...(report.scopeIssues.length === 0 ? [] : ['<h2>Scope issues</h2>', '<ul class="issues" id="scope-issues">',
      ...report.scopeIssues.map((i) => `<li><code>${esc(i.path)}</code>: ${esc(i.message)} (got ${esc(JSON.stringify(i.value))})</li>`), '</ul>']),
    '<h2 id="legend-heading">Legend</h2>', `<ul class="legend" id="legend" aria-labelledby="legend-heading">\n${legend.join('\n')}\n</ul>`,
    '<h2>Grid</h2>', grid(report),
    ...(problems.length === 0 ? [] : ['<h2>Cells not logging</h2>',
      simpleTable(`${problems.length} cells`, ['Account', 'Region', 'State', 'Why'], problems.map((p) => [p.account.id, p.cell.region, STATES[p.cell.state].label, p.text]), 'problems')]),
    ...(others.length === 0 ? [] : ['<h2>Accounts not covered</h2>',
      simpleTable(`${others.length} accounts`, ['Account', 'Name', 'OU', 'Class', 'Why'], others.map((a) => [a.id, a.name, a.ouPath, a.classification, a.reason]), 'others')]),
    '</main>', '</body>', '</html>', '',
  ];
  return parts.join('\n');
}
