/**
 * `docs [--check] [--file <path>]`: rewrites the generated sections of README.md (every section of
 * `scripts/docs/sections.ts` whose markers the file has) in place. With `--check`, writes nothing
 * and exits 1 naming every section that is out of date or has no markers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError, type Issue } from '../../cdk/errors';
import { displayPath, PACKAGE_ROOT, projectFile } from '../../cdk/paths';
import { beginMarker, endMarker, updateDocument, type GeneratedSection } from '../docs/markers';
import { GENERATED_FILES, SECTIONS, type GeneratedFile } from '../docs/sections';
import { defineCommand, PROGRAM, type Io } from '../lib/command';

export const README_FILE = projectFile('README.md');
const RUN = `${PROGRAM} docs`;

/** What the docs command works on: the README's sections and the whole generated files. */
export interface DocsTargets {
  readonly readme: string;
  readonly sections: readonly GeneratedSection[];
  /** Generated files, relative to `root`. */
  readonly files: readonly GeneratedFile[];
  readonly root: string;
}

/**
 * Updates (or, with `check`, checks) the generated files and the generated sections of the README;
 * returns what to print. Check mode reports every stale file and section at once.
 */
export function updateDocs(targets: DocsTargets, check: boolean, io: Pick<Io, 'cwd'>): string {
  const stale: string[] = [];
  const fileIssues = targets.files.flatMap((generated) => {
    const file = path.join(targets.root, generated.file);
    const content = generated.generate();
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === content) return [];
    if (check) {
      const shown = displayPath(file, io.cwd);
      return [{ file: shown, path: '', message: current === undefined ? 'does not exist' : 'differs from what its generator writes', fix: `run \`${RUN}\` and commit ${shown}` }];
    }
    writeAtomically(file, content);
    stale.push(generated.file);
    return [];
  });
  const readme = updateReadme(targets.readme, check, targets.sections, io, fileIssues);
  return `${stale.map((file) => `${file}: written\n`).join('')}${readme}`;
}

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

/** Updates (or checks) the generated sections of the README; `earlier` are issues found in generated files. */
function updateReadme(file: string, check: boolean, sections: readonly GeneratedSection[], io: Pick<Io, 'cwd'>, earlier: readonly Issue[]): string {
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
    if (earlier.length + stale.length + missing.length > 0) throw new UserError(shown, [...earlier, ...stale, ...missing]);
    return `${shown}: ${sections.length} generated section(s) up to date\n`;
  }
  // Write mode: refuse to write a half-generated file when a section has no place to go.
  if (missing.length > 0) throw new UserError(shown, missing);
  if (status.stale.length === 0) return `${shown}: ${sections.length} generated section(s) already up to date\n`;
  writeAtomically(file, status.text);
  return `${shown}: updated ${status.stale.join(', ')}\n`;
}

export const docs = defineCommand({
  name: 'docs',
  summary: "Rewrites the generated documentation (docs/configuration.md, the README's generated sections, ...) from its sources.",
  options: {
    check: { type: 'boolean', description: 'write nothing; exit 1 if a generated section is out of date or has no markers' },
    file: { type: 'string', value: '<path>', description: 'the Markdown file (default: README.md of this project)' },
  },
  details: [
    'Generated README sections (each between <!-- BEGIN GENERATED: <name> --> and <!-- END GENERATED: <name> -->):',
    ...SECTIONS.map((s) => `  ${s.name.padEnd(26)} from ${s.source}`),
    'Generated files:',
    ...GENERATED_FILES.map((f) => `  ${f.file.padEnd(26)} from ${f.source}`),
  ].join('\n'),
  run({ values, io }) {
    const readme = values.file === undefined ? README_FILE : path.resolve(io.cwd, values.file);
    io.stdout.write(updateDocs({ readme, sections: SECTIONS, files: GENERATED_FILES, root: PACKAGE_ROOT }, values.check === true, io));
  },
});
