/**
 * `docs [--check] [--file <path>]`: rewrites the generated sections of README.md and docs/queries.md
 * (`DOCUMENTS` of `scripts/docs/sections.ts`) in place, or of one `--file`. With `--check`, writes
 * nothing and exits 1 naming every section that is out of date or has no markers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError } from '../../cdk/errors';
import { displayPath, projectFile } from '../../cdk/paths';
import { beginMarker, endMarker, updateDocument, type GeneratedSection } from '../docs/markers';
import { DOCUMENTS, SECTIONS } from '../docs/sections';
import { defineCommand, PROGRAM, type Io } from '../lib/command';

export const README_FILE = projectFile('README.md');
const RUN = `${PROGRAM} docs`;

/** Updates (or, with `check`, checks) the generated sections of `file`; returns what to print. */
export function updateDocs(file: string, check: boolean, sections: readonly GeneratedSection[], io: Pick<Io, 'cwd'>): string {
  const shown = displayPath(file, io.cwd);
  if (!fs.existsSync(file)) {
    throw new UserError(shown, [issue('file', 'does not exist', file, 'create it with the marker pair of each generated section, or pass --file <path>')]);
  }
  const status = updateDocument(fs.readFileSync(file, 'utf8'), sections, shown);
  const missing = status.missing.map((name) => issue(name, 'has no markers', undefined,
    `add \`${beginMarker(name)}\` and \`${endMarker(name)}\` where the section should go, then run \`${RUN}\``));
  if (check) {
    const stale = status.stale.map((name) => {
      const { line, current, expected } = status.differences[name];
      const wanted = expected === undefined ? 'the section to end there' : JSON.stringify(expected);
      return issue(name, `differs from what its generator writes, first at line ${line} of the section, where it expects ${wanted}`,
        current, `run \`${RUN}\` and commit ${shown}`);
    });
    if (stale.length + missing.length > 0) throw new UserError(shown, [...stale, ...missing]);
    return `${shown}: ${sections.length} generated section(s) up to date\n`;
  }
  // Write mode: refuse to write a half-generated file when a section has no place to go.
  if (missing.length > 0) throw new UserError(shown, missing);
  if (status.stale.length === 0) return `${shown}: ${sections.length} generated section(s) already up to date\n`;
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, status.text);
  fs.renameSync(temp, file);
  return `${shown}: updated ${status.stale.join(', ')}\n`;
}

export const docs = defineCommand({
  name: 'docs',
  summary: "Rewrites the README's generated sections (configuration reference, limits, cost, ...) from their sources.",
  options: {
    check: { type: 'boolean', description: 'write nothing; exit 1 if a generated section is out of date or has no markers' },
    file: { type: 'string', value: '<path>', description: 'the Markdown file (default: README.md of this project)' },
  },
  details: [
    'Generated sections (each between <!-- BEGIN GENERATED: <name> --> and <!-- END GENERATED: <name> -->):',
    ...SECTIONS.map((s) => `  ${s.name.padEnd(26)} from ${s.source}`),
  ].join('\n'),
  run({ values, io }) {
    if (values.file === undefined) {
      for (const document of DOCUMENTS) io.stdout.write(updateDocs(projectFile(document.file), values.check === true, document.sections, io));
      return;
    }
    const file = path.resolve(io.cwd, values.file);
    const document = DOCUMENTS.find((d) => projectFile(d.file) === file);
    io.stdout.write(updateDocs(file, values.check === true, document?.sections ?? SECTIONS, io));
  },
});
