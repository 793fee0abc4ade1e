import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import { dotPath, type PathSegment } from './paths';
import { type PyScalar, type PyType, resolvePlain } from './pyyaml';

/** How a scalar was written: the quoting is what decides its type for PyYAML. */
export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'block';

export interface YamlScalarInfo extends PyScalar {
  /** The scalar's text as parsed (without quotes). */
  readonly text: string;
  readonly style: ScalarStyle;
  /** An explicit tag (`!!str`, `!Ref`), if any. */
  readonly tag?: string;
}

/** One node of the document, by path. */
export interface YamlNodeInfo {
  readonly path: readonly PathSegment[];
  readonly kind: 'map' | 'seq' | 'scalar';
  /** 1-based line of the value; for a map value written on the following lines, the key's line. */
  readonly line: number;
  /** 1-based line of the key, for map values. */
  readonly keyLine?: number;
  /** Keys in source order, for maps. */
  readonly keys?: readonly string[];
  /** For scalars: PyYAML's reading of it. */
  readonly scalar?: YamlScalarInfo;
}

/** A YAML syntax or loading problem, with the line where it is. */
export interface YamlProblem {
  readonly line?: number;
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly value?: string;
  readonly fix: string;
}

/**
 * A YAML file parsed the way CfCT reads it (PyYAML `safe_load`, YAML 1.1), keeping what a JSON
 * view loses: each node's line, each scalar's quoting style and PyYAML type.
 */
export interface YamlSource {
  readonly text: string;
  /** The document as JSON: what PyYAML loads, with dates as their source text. */
  readonly data: unknown;
  /** Problems that stop PyYAML from loading the file (or make it load something else). */
  readonly problems: readonly YamlProblem[];
  node(path: readonly PathSegment[]): YamlNodeInfo | undefined;
  /** The line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number | undefined;
  /** Every node, in document order. */
  readonly nodes: readonly YamlNodeInfo[];
}

const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
/** Tags PyYAML's SafeConstructor knows; any other tag makes `safe_load` fail. */
const SAFE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'timestamp', 'binary', 'map', 'seq', 'set', 'omap', 'pairs']);
/** Explicit scalar tags whose type the validator distinguishes (`!!int 5`). */
const EXPLICIT_SCALAR_TAGS = new Set(['int', 'float', 'bool', 'null', 'timestamp']);
/** Guards against alias cycles (`&a [*a]`) and alias bombs. */
const MAX_DEPTH = 64;

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    keepSourceTokens: true,
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const problems: YamlProblem[] = [];
  const byPath = new Map<string, YamlNodeInfo>();
  const nodes: YamlNodeInfo[] = [];
  const lineAt = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  for (const error of doc.errors) {
    const line = lineAt(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      problems.push({ line, path: [], message: 'duplicate key: PyYAML keeps only the last one, silently', fix: 'remove or rename one of the two keys' });
    } else if (error.code === 'MULTIPLE_DOCS') {
      problems.push({ line, path: [], message: 'a second YAML document: CfCT loads a single document', fix: 'remove this `---` and what follows, or merge it into the first document' });
    } else {
      problems.push({ line, path: [], message: `not valid YAML: ${firstLine(error.message)}`, fix: 'fix the YAML syntax at this line' });
    }
  }

  const record = (info: YamlNodeInfo): void => {
    nodes.push(info);
    byPath.set(dotPath(info.path), info);
  };

  const convert = (
    node: YamlNode | null | undefined,
    path: PathSegment[],
    keyLine: number | undefined,
    depth: number,
  ): unknown => {
    if (depth > MAX_DEPTH) {
      problems.push({ line: keyLine, path, message: 'nested too deeply (an alias cycle?)', fix: 'remove the alias' });
      return null;
    }
    if (node === null || node === undefined) {
      const scalar: YamlScalarInfo = { type: 'null', value: null, text: '', style: 'plain' };
      record({ path, kind: 'scalar', line: keyLine ?? 1, keyLine, scalar });
      return null;
    }
    if (isAlias(node)) {
      return convert(node.resolve(doc as Document) as YamlNode | undefined, path, keyLine ?? lineAt(node.range?.[0]), depth + 1);
    }
    const ownLine = lineAt(node.range?.[0]) ?? keyLine ?? 1;
    checkTag(node.tag, path, ownLine, problems);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const keys: string[] = [];
      const info: YamlNodeInfo = { path, kind: 'map', line: node.flow ? ownLine : (keyLine ?? ownLine), keyLine, keys };
      record(info);
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const pairKeyLine = lineAt((keyNode as YamlNode | null)?.range?.[0]) ?? ownLine;
        keys.push(key);
        out[key] = convert(pair.value as YamlNode | null, [...path, key], pairKeyLine, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) {
      record({ path, kind: 'seq', line: node.flow ? ownLine : (keyLine ?? ownLine), keyLine });
      return node.items.map((item, index) => {
        const itemLine = lineAt((item as YamlNode | null)?.range?.[0]) ?? ownLine;
        return convert(item as YamlNode | null, [...path, index], itemLine, depth + 1);
      });
    }
    const scalar = scalarInfo(node as Scalar);
    // An empty value (`key:`) sits on the key's line.
    const line = scalar.text === '' && keyLine !== undefined ? keyLine : ownLine;
    record({ path, kind: 'scalar', line, keyLine, scalar });
    return scalar.value;
  };

  const data = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY') ? undefined : convert(doc.contents, [], undefined, 0);
  return {
    text,
    data,
    problems,
    nodes,
    node: (path) => byPath.get(dotPath(path)),
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const found = byPath.get(dotPath(path.slice(0, n)));
        if (found) return found.line;
      }
      return undefined;
    },
  };
}

function scalarInfo(node: Scalar): YamlScalarInfo {
  const text = String(node.value ?? '');
  const tag = node.tag;
  const style: ScalarStyle =
    node.type === 'QUOTE_SINGLE'
      ? 'single-quoted'
      : node.type === 'QUOTE_DOUBLE'
        ? 'double-quoted'
        : node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'
          ? 'block'
          : 'plain';
  if (tag?.startsWith(CORE_TAG_PREFIX)) {
    const name = tag.slice(CORE_TAG_PREFIX.length);
    if (name === 'str') return { type: 'str', value: text, text, style, tag };
    const resolved = resolvePlain(text);
    const type: PyType = EXPLICIT_SCALAR_TAGS.has(name) ? (name as PyType) : 'str';
    return { ...resolved, type, text, style, tag };
  }
  if (style !== 'plain') return { type: 'str', value: text, text, style, tag };
  return { ...resolvePlain(text), text, style, tag };
}

function checkTag(tag: string | undefined, path: PathSegment[], line: number, problems: YamlProblem[]): void {
  if (tag === undefined) return;
  if (tag.startsWith(CORE_TAG_PREFIX) && SAFE_TAGS.has(tag.slice(CORE_TAG_PREFIX.length))) return;
  problems.push({
    line,
    path,
    message: "PyYAML's safe_load, which CfCT uses, cannot load this tag",
    value: tag,
    fix: 'remove the tag (CloudFormation short forms such as !Ref belong in templates, not in the manifest)',
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
