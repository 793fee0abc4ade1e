/**
 * README sections generated from the built example package and from the security matrix document.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_MAP_FILE, loadEnvironment } from '../../cdk/env/load';
import { buildPackage } from '../../cdk/package/build';
import { limitsMarkdown, measureLimits } from '../../cdk/package/limits';
import { RULES } from '../../cdk/package/validate';
import { PACKAGE_ROOT, projectFile } from '../../cdk/paths';
import { inlineCell } from '../lib/markdown';

/**
 * The security matrix document, relative to the project root (written by `npm run matrix -- --write`,
 * `scripts/matrix/`; a test keeps it current).
 */
export const SECURITY_MATRIX_DOC = 'docs/security-matrix.md';
/** The heading of the matrix document's section the README repeats (the matrix renderer writes it). */
export const SUMMARY_HEADING = '## Summary';

/** The limits table, measured on the example package as the build computes it. */
export function limitsSection(): string {
  const { config, source } = loadEnvironment('example', EXAMPLE_MAP_FILE);
  const built = buildPackage(config);
  return [`Measured on the example environment (\`${source}\`) by \`npm run build\`'s own code:`, '', limitsMarkdown(measureLimits(built))].join('\n');
}

/**
 * The security matrix in short: the "Summary" section of `docs/security-matrix.md` (totals per area
 * and scenario, from the last `npm run matrix -- --write`, which a test keeps current) and a link
 * to the full matrix.
 */
export function attackMatrixSection(): string {
  const file = projectFile(SECURITY_MATRIX_DOC);
  const doc = fs.readFileSync(file, 'utf8');
  const heading = `\n${SUMMARY_HEADING}\n`;
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`${path.relative(PACKAGE_ROOT, file)}: no "${SUMMARY_HEADING}" section; run npm run matrix -- --write`);
  const rest = doc.slice(start + heading.length);
  const end = rest.search(/\n## /);
  return [
    (end < 0 ? rest : rest.slice(0, end)).trim(),
    '',
    `Every request, the scenarios, the policies and their sizes, and what the guardrails cannot cover: [${SECURITY_MATRIX_DOC}](${SECURITY_MATRIX_DOC}).`,
  ].join('\n');
}

/** The rules of `npm run validate`: id, what each checks and why CfCT needs it. */
export function validateRulesSection(): string {
    return [
    '| rule | checks | why |',
    '|---|---|---|',
    ...RULES.map((rule) => `| \`${rule.id}\` | ${inlineCell(rule.description)} | ${inlineCell(rule.why)} |`),
  ].join('\n');
}
