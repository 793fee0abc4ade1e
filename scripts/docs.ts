/**
 * `npm run docs [-- --check] [--file <path>]`
 *
 * Rewrites the generated sections of README.md (every section of `cdk/docs/sections.ts` whose
 * markers the file has) in place. With `--check`, writes nothing and exits 1 naming every section
 * that is out of date or has no markers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { MarkerError, beginMarker, endMarker, updateDocument, type DocumentStatus, type GeneratedSection } from '../cdk/docs/markers';
import { SECTIONS } from '../cdk/docs/sections';
import { UserError, formatIssue } from '../cdk/errors';
import { runCommand } from './lib/run-command';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const README_FILE = path.join(REPO_ROOT, 'README.md');
const COMMAND = 'npm run docs';

export const USAGE = [
  `Usage: ${COMMAND} -- [--check] [--file <path>]`,
  '',
  '  --check         write nothing; exit 1 if a generated section is out of date or has no markers',
  '  --file <path>   the Markdown file (default: README.md of the repository)',
  '',
  'Generated sections (each between <!-- BEGIN GENERATED: <name> --> and <!-- END GENERATED: <name> -->):',
  ...SECTIONS.map((s) => `  ${s.name.padEnd(26)} from ${s.source}`),
].join('\n');

function display(file: string): string {
  const rel = path.relative(REPO_ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * The whole command, minus process handling: updates or checks `--file` and returns what to
 * print. Throws a `UserError` for every expected failure.
 */
export function docsCommand(argv: readonly string[], sections: readonly GeneratedSection[] = SECTIONS): string {
  let values: { check?: boolean; file?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { check: { type: 'boolean' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new UserError(COMMAND, [formatIssue('arguments', (err as Error).message.split('\n')[0], argv.join(' '), USAGE.split('\n')[0])]);
  }
  if (values.help) return `${USAGE}\n`;

  const file = values.file ? path.resolve(values.file) : README_FILE;
  const shown = display(file);
  if (!fs.existsSync(file)) {
    throw new UserError(shown, [formatIssue('file', 'does not exist', file, 'create it with the marker pair of each generated section, or pass --file <path>')]);
  }
  const text = fs.readFileSync(file, 'utf8');
  let status: DocumentStatus;
  try {
    status = updateDocument(text, sections);
  } catch (err) {
    if (err instanceof MarkerError) {
      throw new UserError(shown, [formatIssue(err.section, err.problem, beginMarker(err.section), err.fix)]);
    }
    throw err;
  }
  const missingIssues = status.missing.map((name) => formatIssue(name, 'has no markers', undefined,
    `add \`${beginMarker(name)}\` and \`${endMarker(name)}\` where the section should go, then run \`${COMMAND}\``));

  if (values.check) {
    const issues = [
      ...status.stale.map((name) => {
        const { line, current, expected } = status.differences[name];
        const wanted = expected === undefined ? 'the section to end there' : JSON.stringify(expected);
        return formatIssue(name, `differs from what its generator writes, first at line ${line} of the section, where it expects ${wanted}`,
          current, `run \`${COMMAND}\` and commit ${shown}`);
      }),
      ...missingIssues,
    ];
    if (issues.length > 0) throw new UserError(shown, issues);
    return `${shown}: ${sections.length} generated section(s) up to date\n`;
  }

  // Write mode: refuse to write a half-generated file when a section has no place to go.
  if (missingIssues.length > 0) throw new UserError(shown, missingIssues);
  if (status.stale.length === 0) return `${shown}: ${sections.length} generated section(s) already up to date\n`;
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, status.text);
  fs.renameSync(temp, file);
  return `${shown}: updated ${status.stale.join(', ')}\n`;
}

if (require.main === module) {
  void runCommand(() => {
    process.stdout.write(docsCommand(process.argv.slice(2)));
  });
}
