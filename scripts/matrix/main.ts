/**
 * `npm run matrix [-- --write | --markdown]`: evaluates the attack matrix of the built package and
 * prints it as a table (default), prints docs/security-matrix.md (`--markdown`) or writes it
 * (`--write`). Exits 1 when a row is not as expected. Dev-only: not a command of the shipped CLI.
 */
import { writeFileSync } from 'node:fs';
import { projectFile } from '../../cdk/paths';
import { SECURITY_MATRIX_DOC } from '../docs/package-sections';
import { renderMarkdown, renderTable, runMatrix, summaryLine } from './index';

async function main(argv: readonly string[]): Promise<number> {
  const { scenarios, results } = await runMatrix();
  if (argv.includes('--write')) {
    writeFileSync(projectFile(SECURITY_MATRIX_DOC), renderMarkdown(scenarios, results));
    process.stdout.write(`wrote ${SECURITY_MATRIX_DOC}: ${summaryLine(results).replace(/\*\*/g, '')}\n`);
  } else if (argv.includes('--markdown')) {
    process.stdout.write(renderMarkdown(scenarios, results));
  } else {
    process.stdout.write(`${renderTable(results)}\n`);
  }
  return results.every((r) => r.pass) ? 0 : 1;
}

// exitCode, not exit(): exit() would cut off output still queued for a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);
