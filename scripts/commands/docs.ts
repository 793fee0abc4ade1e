/**
 * `docs [--check] [--file <path>]`: rewrites the generated documentation in place: the whole
 * generated files under docs/ (`GENERATED_FILES`) and the generated sections of hand-written
 * documents (`DOCUMENTS`: README.md, docs/queries.md). With `--check`, writes nothing and exits 1
 * naming every file and section that is out of date or has no markers. `--file` updates one
 * document's sections only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError, type Issue } from '../../cdk/errors';
import { displayPath, PACKAGE_ROOT } from '../../cdk/paths';
import { writeFileAtomically } from '../../cdk/write-file';
import { beginMarker, endMarker, updateDocument } from '../docs/markers';
import { DOCUMENTS, GENERATED_FILES, SECTIONS, type DocumentWithSections, type GeneratedFile } from '../docs/sections';
import { defineCommand, PROGRAM, type Io } from '../lib/command';

const RUN = `${PROGRAM} docs`;

/** What the docs command works on; paths relative to `root`. */
export interface DocsTargets {
  readonly documents: readonly DocumentWithSections[];
  readonly files: readonly GeneratedFile[];
  readonly root: string;
}

/** What one target needs: the issues (check mode) or the lines to print (write mode). */
interface Outcome {
  readonly issues: readonly Issue[];
  readonly printed: string;
}

function updateFile(generated: GeneratedFile, check: boolean, root: string, io: Pick<Io, 'cwd'>): Outcome {
  const file = path.join(root, generated.file);
  const shown = displayPath(file, io.cwd);
  const content = generated.generate();
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === content) return { issues: [], printed: '' };
  if (check) {
    const message = current === undefined ? 'does not exist' : 'differs from what its generator writes';
    return { issues: [{ file: shown, path: '', message, fix: `run \`${RUN}\` and commit ${shown}` }], printed: '' };
  }
  writeFileAtomically(file, content);
  return { issues: [], printed: `${shown}: written\n` };
}

function updateSections(document: DocumentWithSections, check: boolean, root: string, io: Pick<Io, 'cwd'>): Outcome {
  const file = path.resolve(root, document.file);
  const shown = displayPath(file, io.cwd);
  if (!fs.existsSync(file)) {
    throw new UserError(shown, [issue('file', 'does not exist', file, 'create it with the marker pair of each generated section, or pass --file <path>')]);
  }
  const status = updateDocument(fs.readFileSync(file, 'utf8'), document.sections, shown);
  const missing = status.missing.map((name): Issue => ({
    ...issue(name, 'has no markers', undefined, `add \`${beginMarker(name)}\` and \`${endMarker(name)}\` where the section should go, then run \`${RUN}\``),
    file: shown,
  }));
  if (check) {
    const stale = status.stale.map((name): Issue => {
      const { line, current, expected } = status.differences[name];
      const wanted = expected === undefined ? 'the section to end there' : JSON.stringify(expected);
      return {
        ...issue(name, `differs from what its generator writes, first at line ${line} of the section, where it expects ${wanted}`, current, `run \`${RUN}\` and commit ${shown}`),
        file: shown,
      };
    });
    const printed = stale.length + missing.length === 0 ? `${shown}: ${document.sections.length} generated section(s) up to date\n` : '';
    return { issues: [...stale, ...missing], printed };
  }
  // Write mode: refuse to write a half-generated document when a section has no place to go.
  if (missing.length > 0) throw new UserError(shown, missing);
  if (status.stale.length === 0) return { issues: [], printed: `${shown}: ${document.sections.length} generated section(s) already up to date\n` };
  writeFileAtomically(file, status.text);
  return { issues: [], printed: `${shown}: updated ${status.stale.join(', ')}\n` };
}

/**
 * Updates (or, with `check`, checks) every generated file and every document's generated sections;
 * returns what to print. Check mode reports every stale file and section at once.
 */
export function updateDocs(targets: DocsTargets, check: boolean, io: Pick<Io, 'cwd'>): string {
  const outcomes = [
    ...targets.files.map((file) => updateFile(file, check, targets.root, io)),
    ...targets.documents.map((document) => updateSections(document, check, targets.root, io)),
  ];
  const issues = outcomes.flatMap((o) => o.issues);
  if (issues.length > 0) throw new UserError('docs', issues);
  return outcomes.map((o) => o.printed).join('');
}

export const docs = defineCommand({
  name: 'docs',
  summary: 'Rewrites the generated documentation (docs/configuration.md, the generated sections of the README, ...) from its sources.',
  options: {
    check: { type: 'boolean', description: 'write nothing; exit 1 if a generated file or section is out of date or has no markers' },
    file: { type: 'string', value: '<path>', description: "update only this document's generated sections (default: every document)" },
  },
  details: [
    'Generated files:',
    ...GENERATED_FILES.map((f) => `  ${f.file.padEnd(26)} from ${f.source}`),
    'Generated sections of README.md (each between <!-- BEGIN GENERATED: <name> --> and <!-- END GENERATED: <name> -->):',
    ...SECTIONS.map((s) => `  ${s.name.padEnd(26)} from ${s.source}`),
    `Other documents with generated sections: ${DOCUMENTS.filter((d) => d.file !== 'README.md').map((d) => d.file).join(', ')}`,
  ].join('\n'),
  run({ values, io }) {
    const check = values.check === true;
    if (values.file === undefined) {
      io.stdout.write(updateDocs({ documents: DOCUMENTS, files: GENERATED_FILES, root: PACKAGE_ROOT }, check, io));
      return;
    }
    const file = path.resolve(io.cwd, values.file);
    const known = DOCUMENTS.find((d) => path.resolve(PACKAGE_ROOT, d.file) === file);
    io.stdout.write(updateDocs({ documents: [{ file, sections: known?.sections ?? SECTIONS }], files: [], root: PACKAGE_ROOT }, check, io));
  },
});
