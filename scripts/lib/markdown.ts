/** Markdown tables of the reports and generated documentation. */

/** Escapes a cell for a Markdown table: its pipes (also inside code spans, as GitHub requires). */
export function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

/** A cell of a Markdown table from text that may span lines: `|` escaped, line breaks as spaces. */
export function inlineCell(text: string): string {
  return escapeCell(text).replace(/\n/g, ' ');
}

/**
 * The lines of a Markdown table: the header, the separator (`---:` for the columns in `right`,
 * right-aligned) and the rows, every cell escaped.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map((_, c) => (right.has(c) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
  ];
}
