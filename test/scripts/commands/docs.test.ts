import * as fs from 'fs';
import * as path from 'path';
import { beginMarker, endMarker, sectionBlock, type GeneratedSection } from '../../../scripts/docs/markers';
import { SECTIONS } from '../../../scripts/docs/sections';
import { docs, updateDocs } from '../../../scripts/commands/docs';
import { PACKAGE_ROOT } from '../../../cdk/paths';
import { parseCommandLine } from '../../../scripts/lib/command';
import { cliProcess } from '../../helpers/cli';
import { userError } from '../../helpers/errors';
import { tempDir } from '../git-sandbox';

/** The docs command on `argv`, in-process, with the given section registry; returns what it prints. */
function docsCommand(argv: string[], sections: readonly GeneratedSection[] = SECTIONS): string {
  const { values } = parseCommandLine(docs, argv);
  return updateDocs({ documents: [{ file: path.resolve(values.file ?? 'README.md'), sections }], files: [], root: PACKAGE_ROOT }, values.check === true, { cwd: process.cwd() });
}

let dir: string;
beforeAll(() => { dir = tempDir('docs-command-'); });

let counter = 0;
function tempFile(text: string): string {
  const file = path.join(dir, `readme-${counter++}.md`);
  fs.writeFileSync(file, text);
  return file;
}


/** A README with every registered section's markers and stale content around hand-written text. */
function staleReadme(): string {
  return ['# Project', '', 'Intro by hand.', '',
    ...SECTIONS.flatMap((s) => [beginMarker(s.name), 'stale', endMarker(s.name), '', `After ${s.name}, by hand.`, '']),
  ].join('\n');
}

const NAMES = SECTIONS.map((s) => s.name);

test('the registry holds every generated README section', () => {
  expect(NAMES).toEqual(['configuration-reference', 'limits', 'attack-matrix', 'cost-model']);
  for (const section of SECTIONS) expect(section.generate().length).toBeGreaterThan(100);
});

test('writes every section in place, leaves hand-written text alone, and is idempotent', () => {
  const file = tempFile(staleReadme());
  expect(docsCommand(['--file', file])).toContain(`updated ${NAMES.join(', ')}`);
  const written = fs.readFileSync(file, 'utf8');
  expect(written).not.toContain('\nstale\n');
  expect(written).toContain('Intro by hand.');
  expect(written).toContain('After cost-model, by hand.');
  expect(written).toContain('| `logging.existingConfiguration` |');
  expect(written).toContain('[docs/configuration.md](docs/configuration.md)');
  expect(written).toContain('| Small | 10 x 2 |');
  expect(docsCommand(['--file', file])).toContain('already up to date');
  expect(fs.readFileSync(file, 'utf8')).toBe(written);
  expect(docsCommand(['--check', '--file', file])).toContain(`${NAMES.length} generated section(s) up to date`);
});

test('--check detects drift, names each stale section, and writes nothing', () => {
  const file = tempFile(staleReadme());
  const err = userError(() => docsCommand(['--check', '--file', file]));
  expect(err.issues).toHaveLength(NAMES.length);
  expect(err.issues[0]).toMatch(/^- \S+ configuration-reference: differs from what its generator writes, first at line 1 of the section/);
  expect(err.issues[NAMES.length - 1]).toMatch(/^- \S+ cost-model: differs .*\(got "stale"\); run `bedrock-invocation-logging-cfct docs` and commit /);
  expect(fs.readFileSync(file, 'utf8')).toBe(staleReadme());
});

test('--check detects a hand edit inside a generated section', () => {
  const file = tempFile(staleReadme());
  docsCommand(['--file', file]);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('| Small | 10 x 2 | 1 |', '| Small | 10 x 2 | 2 |'));
  const err = userError(() => docsCommand(['--check', '--file', file]));
  expect(err.issues).toHaveLength(1);
  expect(err.issues[0]).toContain(' cost-model: differs');
  expect(err.issues[0]).toContain('(got "| Small | 10 x 2 | 2 |');
});

test('a new registered section is generated wherever its markers are put', () => {
  const extra: GeneratedSection = { name: 'extra', source: 'test', generate: () => 'extra content' };
  const file = tempFile(`# x\n\n${beginMarker('extra')}\n${endMarker('extra')}\n`);
  docsCommand(['--file', file], [extra]);
  expect(fs.readFileSync(file, 'utf8')).toBe(`# x\n\n${sectionBlock(extra)}\n`);
});

describe('errors', () => {
  test('fails if a section has no markers, naming it and the markers to add, and writes nothing', () => {
    const text = `# Project\n\n${beginMarker('cost-model')}\n${endMarker('cost-model')}\n`;
    const file = tempFile(text);
    const err = userError(() => docsCommand(['--file', file]));
    expect(err.issues).toEqual(NAMES.filter((n) => n !== 'cost-model').map((n) =>
      `- ${file} ${n}: has no markers (got nothing); add \`<!-- BEGIN GENERATED: ${n} -->\` and `
        + `\`<!-- END GENERATED: ${n} -->\` where the section should go, then run \`bedrock-invocation-logging-cfct docs\``,
    ));
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(userError(() => docsCommand(['--check', '--file', file])).issues.some((i) => i.startsWith(`- ${file} configuration-reference: has no markers`))).toBe(true);
  });

  test('fails if a marker pair is broken', () => {
    const file = tempFile(`${beginMarker('cost-model')}\n${sectionBlock(SECTIONS[0])}\n`);
    const err = userError(() => docsCommand(['--file', file]));
    expect(err.issues[0]).toContain('- cost-model: has 0 `<!-- END GENERATED: cost-model -->` markers, expected exactly one');
  });

  test('fails if the file does not exist', () => {
    const missing = path.join(dir, 'nope.md');
    expect(userError(() => docsCommand(['--file', missing])).issues[0]).toContain('- file: does not exist');
  });

  test('fails if an option is unknown, suggesting the one meant', () => {
    expect(userError(() => docsCommand(['--chek'])).issues[0]).toBe('- --chek: is not an option of this command (got "--chek"); did you mean `--check`?');
  });
});

test('docs --check exits 1 on drift, with one line per section and no stack', () => {
  const file = tempFile(staleReadme());
  const result = cliProcess(['docs', '--check', '--file', file]);
  expect(result.status).toBe(1);
  expect(result.stderr.split('\n')[0]).toBe(`${file} has ${NAMES.length} issues:`);
  expect(result.stderr).not.toContain('    at ');
});

describe('generated files', () => {
  const FILE = { file: 'generated/reference.md', source: 'test', generate: () => '# Reference\n\nfresh\n' };
  function run(check: boolean, root: string): string {
    return updateDocs({ documents: [], files: [FILE], root }, check, { cwd: root });
  }

  test('writes a generated file, then finds it current', () => {
    const root = fs.mkdtempSync(path.join(dir, 'files-'));
    expect(run(false, root)).toContain('generated/reference.md: written');
    expect(fs.readFileSync(path.join(root, FILE.file), 'utf8')).toBe(FILE.generate());
    expect(run(true, root)).toBe('');
  });

  test('fails in --check mode if a generated file is missing or edited, naming it, and writes nothing', () => {
    const root = fs.mkdtempSync(path.join(dir, 'files-'));
    expect(userError(() => run(true, root)).issues).toEqual(['- generated/reference.md (file): does not exist; run `bedrock-invocation-logging-cfct docs` and commit generated/reference.md']);
    run(false, root);
    fs.writeFileSync(path.join(root, FILE.file), '# Reference\n\nedited\n');
    expect(userError(() => run(true, root)).issues).toEqual(['- generated/reference.md (file): differs from what its generator writes; run `bedrock-invocation-logging-cfct docs` and commit generated/reference.md']);
    expect(fs.readFileSync(path.join(root, FILE.file), 'utf8')).toBe('# Reference\n\nedited\n');
  });
});
