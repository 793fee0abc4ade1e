/**
 * Puts this package's resources into a CfCT manifest that may hold anybody's resources, keeping
 * every other byte: other resources, their order, comments, quoting, indentation, blank lines,
 * flow or block style, line endings.
 *
 * The `yaml` library's Document API re-renders a whole file (indentation, quoting and spacing
 * change), so it is used only to read the manifest and to render this package's own items
 * (`renderResourceItem`). Where those items go is found in the same library's concrete syntax tree
 * (`new Parser().parse(text)`): every token there carries its offset in the text, so each item of
 * the `resources` block sequence is an exact byte range. Only the ranges of this package's items are
 * replaced (in order, one for one), extra ones removed, new ones inserted after the last of them,
 * or after the last item of the list the first time. Everything outside those ranges is copied.
 *
 * A little over 300 lines on purpose: locating, refusing, splicing and the re-parse guard are one
 * algorithm over one data structure, easier to check read together than spread over files.
 *
 * Refused, with the reason and the fix (`UserError`): a manifest that is not one YAML mapping, a
 * `region` other than the environment's home region, a `version` other than an unquoted 2021-03-15,
 * an `enable_stack_set_deletion` other than the map's (a team's top-level keys are theirs), a
 * resource of somebody else with one of this package's names, `resources` written as a non-empty
 * flow sequence, mixed line endings.
 */
import { CST, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Parser, type Document } from 'yaml';
import { MANIFEST_VERSION } from '../constants';
import { UserError, type Issue } from '../errors';
import { manifestSkeleton, renderResourceItem, type Manifest } from './manifest';

export interface MergeInput {
  /** The manifest on disk; undefined when there is none (a new one is started). */
  readonly existing?: string;
  /** This package's manifest model: its resources, home region and deletion setting. */
  readonly manifest: Manifest;
  /** Names of the resources this package owned so far (from its record); every other one is foreign. */
  readonly owned: readonly string[];
  /** The manifest as messages name it. */
  readonly shown: string;
}

/** Column of this package's items in a list that has none yet (`  - name:`). */
const DEFAULT_ITEM_COLUMN = 2;

type Cst = CST.Token | CST.CollectionItem | CST.SourceToken;

/** Offsets of every source token under `node` (the CST is lossless: they tile its text). */
function extent(node: unknown, acc = { start: Infinity, end: -Infinity }): { start: number; end: number } {
  if (Array.isArray(node)) {
    for (const child of node) extent(child, acc);
    return acc;
  }
  if (typeof node !== 'object' || node === null) return acc;
  const token = node as { offset?: number; source?: unknown; type?: string };
  if (typeof token.offset === 'number' && typeof token.source === 'string' && token.type !== 'block-scalar') {
    acc.start = Math.min(acc.start, token.offset);
    acc.end = Math.max(acc.end, token.offset + token.source.length);
  }
  for (const key of ['start', 'key', 'sep', 'value', 'items', 'end', 'props'] as const) {
    if (key in token) extent((token as Record<string, unknown>)[key], acc);
  }
  if (token.type === 'block-scalar' && typeof token.offset === 'number' && typeof token.source === 'string') {
    // A block scalar's offset is its header's; its body follows the header line.
    acc.start = Math.min(acc.start, token.offset);
  }
  return acc;
}

/** The exact byte range of a CST node, checked against the text it came from. */
function rangeOf(node: Cst, text: string): { start: number; end: number } {
  const source = CST.stringify(node as CST.Token);
  const { start } = extent(node);
  if (!Number.isFinite(start) || text.slice(start, start + source.length) !== source) {
    throw new Error(`mergeManifest: could not locate a node of the manifest at offset ${start}`);
  }
  return { start, end: start + source.length };
}

/** One item of the `resources` block sequence: its byte range (whole lines) and its name. */
interface Item {
  /** Start of the line of its `-`. */
  readonly lineStart: number;
  /** Just after its last byte (its last line's newline, when it has one). */
  readonly end: number;
  readonly column: number;
  readonly name?: string;
  readonly index: number;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function fail(input: MergeInput, issues: Issue[]): never {
  throw new UserError(input.shown, issues, 'build: nothing was written');
}

/** `\r\n` when every line of `text` ends that way, `\n` when none does; mixed endings are refused. */
function lineEnding(input: MergeInput, text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  if (crlf === 0) return '\n';
  if (crlf === lf) return '\r\n';
  return fail(input, [{ file: input.shown, path: '(file)', message: `mixes line endings (${crlf} of ${lf} lines end with CRLF)`, fix: 'convert the file to one line ending (LF or CRLF), then build again' }]);
}

/** Reads the manifest (YAML 1.1, as CfCT's PyYAML does) and checks what the build must not change. */
function readExisting(input: MergeInput, text: string): Document {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'yaml-1.1', lineCounter: lines, uniqueKeys: false });
  const at = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (!Array.isArray(docs) || docs.length !== 1) {
    return fail(input, [{ file: input.shown, path: '(file)', message: `holds ${Array.isArray(docs) ? docs.length : 0} YAML documents: CfCT reads exactly one`, fix: 'keep one document (one `region:`, `version:`, `resources:` mapping)' }]);
  }
  const [doc] = docs;
  if (doc.errors.length > 0) {
    return fail(input, doc.errors.map((e) => ({ file: input.shown, line: at(e.pos[0]), path: '', message: `is not valid YAML: ${e.message.split('\n')[0]}`, fix: 'fix the YAML there, then build again' })));
  }
  if (!isMap(doc.contents)) {
    return fail(input, [{ file: input.shown, path: '(file)', message: 'is not a YAML mapping (region, version, resources)', fix: 'fix the manifest, or build into a folder without one' }]);
  }
  const issues: Issue[] = [];
  const node = (key: string) => doc.get(key, true) as { range?: [number, number, number] } | undefined;
  const line = (key: string): number | undefined => at(node(key)?.range?.[0]);
  const region = doc.get('region');
  if (region !== input.manifest.region) {
    issues.push({ file: input.shown, line: line('region'), path: 'region', message: `is not the environment's home region ${input.manifest.region}`, value: region, fix: `build the environment whose homeRegion is ${String(region)} into this folder, or correct homeRegion in the map: one CfCT manifest serves one landing zone` });
  }
  const version = doc.get('version', true);
  const date = isScalar(version) && version.value instanceof Date ? version.value.toISOString().slice(0, 10) : undefined;
  if (date !== MANIFEST_VERSION) {
    const quoted = isScalar(version) && typeof version.value === 'string' && version.value === MANIFEST_VERSION;
    issues.push({
      file: input.shown,
      line: line('version'),
      path: 'version',
      message: quoted ? "is quoted: CfCT's schema wants an unquoted YAML date" : `is not ${MANIFEST_VERSION}, the manifest version this package is written for`,
      value: isScalar(version) ? (date ?? version.value) : undefined,
      fix: quoted ? `write \`version: ${MANIFEST_VERSION}\` without quotes` : `migrate the manifest to \`version: ${MANIFEST_VERSION}\` (CfCT's v2 schema) first, then build again`,
    });
  }
  const deletion = doc.get('enable_stack_set_deletion');
  if ((deletion === true) !== input.manifest.enableStackSetDeletion) {
    issues.push({
      file: input.shown,
      line: line('enable_stack_set_deletion'),
      path: 'enable_stack_set_deletion',
      message: `is ${deletion === undefined || deletion === null ? 'not set (false)' : String(deletion)}, but the environment map sets enableStackSetDeletion: ${input.manifest.enableStackSetDeletion}; the build does not change a manifest's top-level keys`,
      value: deletion,
      fix: `set enableStackSetDeletion: ${deletion === true} in the environment map to match, or change the manifest's enable_stack_set_deletion yourself (it decides for every StackSet in it)`,
    });
  }
  const resources = doc.get('resources', true);
  if (resources !== undefined && resources !== null && !isSeq(resources) && !(isScalar(resources) && resources.value === null)) {
    issues.push({ file: input.shown, line: line('resources'), path: 'resources', message: 'is not a list', fix: 'write `resources:` followed by `- name: ...` items' });
  }
  if (isSeq(resources) && resources.flow && resources.items.length > 0) {
    issues.push({ file: input.shown, line: line('resources'), path: 'resources', message: 'is a flow sequence ([...]): the build adds its items to a block sequence only, to leave yours as they are', fix: 'write the list as a block sequence (one `- name: ...` item per resource)' });
  }
  if (issues.length > 0) fail(input, issues);
  return doc;
}

/** The `resources` pair of the document's top-level block map, in the CST. */
function resourcesPair(text: string): CST.BlockMap['items'][number] | undefined {
  const doc = [...new Parser().parse(text)].find((t): t is CST.Document => t.type === 'document');
  if (doc?.value?.type !== 'block-map') throw new Error('mergeManifest: the manifest is not a block mapping');
  return doc.value.items.find((item) => item.key !== undefined && item.key !== null && CST.resolveAsScalar(item.key as CST.FlowScalar)?.value === 'resources');
}

/** The items of the `resources` block sequence (with a `-`), with their ranges and names. */
function itemsOf(text: string, pair: CST.BlockMap['items'][number] | undefined, names: readonly (string | undefined)[]): Item[] {
  if (pair?.value?.type !== 'block-seq') return [];
  const items: Item[] = [];
  for (const item of pair.value.items) {
    const indicator = item.start.find((t) => t.type === 'seq-item-ind');
    if (!indicator) continue; // comment lines after the last item
    const end = item.value ? rangeOf(item.value, text).end : indicator.offset + 1;
    const lineStart = lineStartOf(text, indicator.offset);
    items.push({ lineStart, end, column: indicator.offset - lineStart, name: names[items.length], index: items.length });
  }
  if (items.length !== names.length) throw new Error(`mergeManifest: ${items.length} items in the syntax tree, ${names.length} in the document`);
  return items;
}

/** Indents every line of `block` by `column` spaces and gives it the file's line ending. */
function place(block: string, column: number, eol: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? line : `${' '.repeat(column)}${line}`))
    .join(eol);
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`;
  return out;
}

/** Start of the blank lines directly above `lineStart` (so that removing an item removes its separator). */
function blankLinesAbove(text: string, lineStart: number): number {
  let start = lineStart;
  for (;;) {
    const previous = lineStartOf(text, start - 1);
    if (start === 0 || text.slice(previous, start).trim() !== '') return start;
    start = previous;
  }
}

/**
 * The manifest with this package's resources in it: `input.existing` with only this package's items
 * replaced, removed or added, or a new manifest when there is none.
 */
export function mergeManifest(input: MergeInput): string {
  const text = input.existing ?? manifestSkeleton(input.manifest);
  const eol = lineEnding(input, text);
  const doc = readExisting(input, text);
  const seq = doc.get('resources', true);
  const names = isSeq(seq) ? seq.items.map((item) => (isMap(item) && typeof item.get('name') === 'string' ? (item.get('name') as string) : undefined)) : [];
  const owned = new Set(input.owned);
  const wanted = input.manifest.resources.map((r) => r.name);
  const collisions: Issue[] = [];
  names.forEach((name, i) => {
    if (name !== undefined && !owned.has(name) && wanted.includes(name)) {
      collisions.push({
        file: input.shown,
        path: `resources[${i}].name`,
        message: 'is also the name of one of this package\'s resources, but the package record does not list it: it belongs to somebody else',
        value: name,
        fix: 'rename that resource, or give the environment another resourcePrefix; if an older build of this package wrote it (before the package record existed), delete it and its file, then build again',
      });
    }
  });
  if (collisions.length > 0) fail(input, collisions);

  const pair = resourcesPair(text);
  const items = itemsOf(text, pair, names);
  const ours = items.filter((item) => item.name !== undefined && owned.has(item.name));
  const column = items[0]?.column ?? DEFAULT_ITEM_COLUMN;
  const rendered = input.manifest.resources.map((resource) => place(renderResourceItem(resource), column, eol));
  const edits: Edit[] = [];
  // One for one where this package's items were; then extra old ones go, extra new ones follow.
  ours.slice(0, rendered.length).forEach((item, i) => edits.push({ start: item.lineStart, end: item.end, text: rendered[i] }));
  for (const item of ours.slice(rendered.length)) edits.push({ start: blankLinesAbove(text, item.lineStart), end: item.end, text: '' });
  const extra = rendered.slice(ours.length);
  if (extra.length > 0) {
    const after = ours.at(-1) ?? items.at(-1);
    if (after !== undefined) {
      const lead = text[after.end - 1] === '\n' ? '' : eol;
      edits.push({ start: after.end, end: after.end, text: `${lead}${extra.map((item) => `${eol}${item}`).join('')}` });
    } else {
      edits.push(...startList(text, pair, extra, eol));
    }
  }
  const merged = applyEdits(text, edits);
  checkMerge(doc, merged, input, names, owned);
  return merged;
}

/** Edits that start a `resources` list: after an empty `resources:` (null or `[]`), or a new key at the end. */
function startList(text: string, pair: CST.BlockMap['items'][number] | undefined, items: string[], eol: string): Edit[] {
  const body = items.join(eol);
  if (pair === undefined) {
    const lead = text === '' || text.endsWith('\n') ? '' : eol;
    return [{ start: text.length, end: text.length, text: `${lead}${eol}resources:${eol}${body}` }];
  }
  const edits: Edit[] = [];
  let lineEnd: number;
  if (pair.value) {
    // `resources: ~`, `resources: null`, `resources: []`: the value goes, the items follow on the next lines.
    const value = pair.value;
    const own = value.type === 'flow-collection' ? [value.start, ...value.end.filter((t) => t.type === 'flow-seq-end')] : [value];
    const { start } = rangeOf(own[0] as Cst, text);
    const last = own.at(-1) as CST.SourceToken;
    edits.push({ start, end: last.offset + last.source.length, text: '' });
    lineEnd = text.indexOf('\n', last.offset);
  } else {
    lineEnd = text.indexOf('\n', rangeOf(pair.key as Cst, text).end);
  }
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  edits.push({ start: at, end: at, text: `${lineEnd < 0 ? eol : ''}${body}` });
  return edits;
}

/**
 * Whether `text` is a manifest that holds only resources named in `owned` (or none): the package's
 * own manifest, whose top-level keys follow the map (see `planPackage`). False for anything it
 * cannot read as one manifest, which `mergeManifest` then reports.
 */
export function holdsOnly(text: string, owned: readonly string[]): boolean {
  const docs = parseAllDocuments(text, { schema: 'yaml-1.1', uniqueKeys: false });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length > 0 || !isMap(docs[0].contents)) return false;
  const resources = docs[0].get('resources', true);
  if (resources === undefined || resources === null || (isScalar(resources) && resources.value === null)) return true;
  return isSeq(resources) && resources.items.every((item) => isMap(item) && owned.includes(item.get('name') as string));
}

/** A guard against a bug here: the result must parse, keep every foreign item and carry exactly ours. */
function checkMerge(old: Document, after: string, input: MergeInput, namesBefore: readonly (string | undefined)[], owned: ReadonlySet<string>): void {
  const parsed = parseAllDocuments(after, { schema: 'yaml-1.1', uniqueKeys: false });
  const doc = Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : undefined;
  if (doc === undefined || doc.errors.length > 0) throw new Error(`mergeManifest: the merged manifest does not parse (${doc?.errors[0]?.message ?? 'not one document'})`);
  const list = (d: Document): unknown[] => (d.toJS() as { resources?: unknown[] | null }).resources ?? [];
  const foreignBefore = list(old).filter((_, i) => namesBefore[i] === undefined || !owned.has(namesBefore[i] as string));
  const wanted = new Set(input.manifest.resources.map((r) => r.name));
  const afterItems = list(doc);
  const foreignAfter = afterItems.filter((item) => !wanted.has((item as { name?: string } | null)?.name as string));
  const oursAfter = afterItems.filter((item) => wanted.has((item as { name?: string } | null)?.name as string)).map((item) => (item as { name: string }).name);
  if (JSON.stringify(foreignAfter) !== JSON.stringify(foreignBefore) || JSON.stringify(oursAfter) !== JSON.stringify([...wanted])) {
    throw new Error('mergeManifest: the merged manifest lost or changed a resource');
  }
}
