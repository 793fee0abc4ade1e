/**
 * The configuration reference, generated from the environment-map types so it cannot drift.
 *
 * Reads `cdk/env/types.ts` with the TypeScript compiler API (syntax only: every type the map uses
 * is declared in that file), walks from `EnvironmentMap` through `EnvironmentConfig` and every
 * nested interface, and renders one Markdown table per object: dotted field path, type (aliases
 * resolved to their literal values), required or optional, default (from `@default`), the
 * validator's extra constraints (`constraints.ts`), an example (from `map.example.ts`) and the doc
 * comment on one line. A type form the walker does not know is a bug: it throws, naming the field.
 *
 * Longer than 300 lines because the walker, the reader of doc comments and the two renderers (the
 * full reference, the README's compact table) share one model (`ConfigReference`) and its helpers.
 */
import * as fs from 'fs';
import * as ts from 'typescript';
import { environmentMap as exampleMap } from '../../cdk/env/map.example';
import { projectFile } from '../../cdk/paths';
import { escapeCell } from '../lib/markdown';
import { CONSTRAINTS } from './constraints';

export const TYPES_FILE = projectFile('cdk/env/types.ts');
export const ROOT_INTERFACE = 'EnvironmentMap';

/** A default from `@default`: a literal value (`@default 'merge'`) or a described one (`@default - text`). */
export type DefaultDoc =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'described'; readonly text: string };

export interface FieldDoc {
  /** Dotted path: relative to the map for `EnvironmentMap`, to one environment otherwise. */
  readonly path: string;
  /** The type in words and TypeScript literals: `string`, `'a' | 'b'`, `list of string`, `object`. */
  readonly type: string;
  readonly required: boolean;
  readonly default?: DefaultDoc;
  /** The doc comment, on one line. */
  readonly description: string;
  /** The interface of an object-typed field (its own table follows). */
  readonly objectInterface?: string;
}

export interface ObjectDoc {
  /** `EnvironmentMap`, `EnvironmentConfig`, `AggregationConfig`, ... */
  readonly interfaceName: string;
  /** Path of the object: '' for the map and for one environment, else the field path (`centralBucket.objectLock`). */
  readonly path: string;
  /** Whether paths are relative to the map (true only for `EnvironmentMap`). */
  readonly mapLevel: boolean;
  readonly description: string;
  readonly fields: readonly FieldDoc[];
}

export interface AliasDoc {
  readonly name: string;
  readonly values: readonly string[];
  /** The doc comment's text before any list, on one line. */
  readonly description: string;
  /** The doc comment's list items (typically one per value), each on one line. */
  readonly items: readonly string[];
}

export interface ConfigReference {
  /** Objects in reading order: the map, one environment, then every nested object depth-first. */
  readonly objects: readonly ObjectDoc[];
  /** The type aliases the fields use, in order of first use. */
  readonly aliases: readonly AliasDoc[];
}

/** Collapses a doc comment (or tag text) to one line. */
function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The doc comment of a declaration, line breaks kept. */
function rawDoc(node: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join('\n').trim();
}

function docText(node: ts.Node): string {
  return oneLine(rawDoc(node));
}

/** Splits a doc comment into its lead text and its `- ` list items, each on one line. */
export function docParts(raw: string): { lead: string; items: string[] } {
  const lead: string[] = [];
  const items: string[] = [];
  for (const line of raw.split('\n').map((l) => l.trim())) {
    if (line.startsWith('- ')) items.push(line.slice(2));
    else if (items.length > 0 && line) items[items.length - 1] += ` ${line}`;
    else lead.push(line);
  }
  return { lead: oneLine(lead.join(' ')), items: items.map(oneLine) };
}

function defaultOf(node: ts.Node): DefaultDoc | undefined {
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'default');
  if (!tag) return undefined;
  const text = oneLine(ts.getTextOfJSDocComment(tag.comment));
  // `@default - text` describes the behaviour; anything else is the literal value.
  if (text.startsWith('- ')) return { kind: 'described', text: text.slice(2).trim() };
  return { kind: 'literal', text };
}

/** What a type node renders to, and what it leads to. */
interface TypeInfo {
  readonly text: string;
  readonly aliases: readonly string[];
  /** A nested interface of this file: an object field. */
  readonly objectInterface?: string;
  /** The value interface of a `Record<string, X>`: a map of named objects. */
  readonly mapValueInterface?: string;
}

class TypesFile {
  readonly interfaces = new Map<string, ts.InterfaceDeclaration>();
  readonly aliases = new Map<string, ts.TypeAliasDeclaration>();

  constructor(readonly file: string) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) this.interfaces.set(statement.name.text, statement);
      if (ts.isTypeAliasDeclaration(statement)) this.aliases.set(statement.name.text, statement);
    }
  }

  /** The string (or boolean) literals of a union alias. */
  literals(node: ts.TypeNode, where: string): string[] {
    const members = ts.isUnionTypeNode(node) ? node.types : [node];
    return members.map((member) => {
      if (ts.isLiteralTypeNode(member)) {
        if (ts.isStringLiteral(member.literal)) return `'${member.literal.text}'`;
        if (member.literal.kind === ts.SyntaxKind.TrueKeyword) return 'true';
        if (member.literal.kind === ts.SyntaxKind.FalseKeyword) return 'false';
      }
      throw new Error(`config-reference: ${where}: the union member "${member.getText()}" is not a string or boolean literal`);
    });
  }

  typeInfo(node: ts.TypeNode, where: string): TypeInfo {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword: return { text: 'string', aliases: [] };
      case ts.SyntaxKind.NumberKeyword: return { text: 'number', aliases: [] };
      case ts.SyntaxKind.BooleanKeyword: return { text: 'boolean', aliases: [] };
      default: break;
    }
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return this.typeInfo(node.type, where);
    if (ts.isParenthesizedTypeNode(node)) return this.typeInfo(node.type, where);
    if (ts.isArrayTypeNode(node)) {
      const element = this.typeInfo(node.elementType, where);
      if (element.objectInterface || element.mapValueInterface) {
        throw new Error(`config-reference: ${where}: lists of objects are not supported by the generator`);
      }
      const text = element.text.includes('|') ? `(${element.text})` : element.text;
      return { text: `list of ${text}`, aliases: element.aliases };
    }
    if (ts.isUnionTypeNode(node) || ts.isLiteralTypeNode(node)) {
      return { text: this.literals(node, where).join(' | '), aliases: [] };
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      const args = node.typeArguments ?? [];
      if (name === 'Readonly' && args.length === 1) return this.typeInfo(args[0], where);
      if (name === 'Record' && args.length === 2 && args[0].kind === ts.SyntaxKind.StringKeyword) {
        const value = this.typeInfo(args[1], where);
        if (value.mapValueInterface) throw new Error(`config-reference: ${where}: records of records are not supported`);
        if (!value.objectInterface) return { text: `map of name to ${value.text}`, aliases: value.aliases };
        return { text: `map of name to ${value.objectInterface}`, aliases: value.aliases, mapValueInterface: value.objectInterface };
      }
      const alias = this.aliases.get(name);
      if (alias && args.length === 0) {
        return { text: this.literals(alias.type, `${where} (type ${name})`).join(' | '), aliases: [name] };
      }
      if (this.interfaces.has(name) && args.length === 0) return { text: 'object', aliases: [], objectInterface: name };
    }
    throw new Error(`config-reference: ${where}: unsupported type "${node.getText()}"; teach scripts/docs/config-reference.ts this form`);
  }
}

/** The reference of `TYPES_FILE`, read once per process (the README and docs/configuration.md both need it). */
let projectReference: ConfigReference | undefined;

/**
 * Reads the configuration reference from `typesFile`, starting at `EnvironmentMap`. The project's
 * own `TYPES_FILE` is read and parsed once; the result is shared, so treat it as read-only.
 */
export function readConfigReference(typesFile: string = TYPES_FILE): ConfigReference {
  if (typesFile !== TYPES_FILE) return readReference(typesFile);
  projectReference ??= readReference(TYPES_FILE);
  return projectReference;
}

function readReference(typesFile: string): ConfigReference {
  const types = new TypesFile(typesFile);
  const objects: ObjectDoc[] = [];
  const aliasOrder: string[] = [];

  const visit = (interfaceName: string, objectPath: string, mapLevel: boolean): void => {
    const declaration = types.interfaces.get(interfaceName);
    if (!declaration) throw new Error(`config-reference: no interface ${interfaceName} in ${typesFile}`);
    if (declaration.heritageClauses?.length) {
      throw new Error(`config-reference: ${interfaceName} extends another interface; the generator does not follow heritage`);
    }
    const fields: FieldDoc[] = [];
    const children: [string, string, boolean][] = [];
    for (const member of declaration.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isIdentifier(member.name)) {
        throw new Error(`config-reference: ${interfaceName} has a member the generator cannot read: ${member.getText()}`);
      }
      const fieldPath = objectPath ? `${objectPath}.${member.name.text}` : member.name.text;
      const info = types.typeInfo(member.type, `${interfaceName}.${member.name.text}`);
      const required = member.questionToken === undefined;
      const dflt = defaultOf(member);
      if (!required && !dflt) {
        throw new Error(`config-reference: ${interfaceName}.${member.name.text} is optional but has no @default tag; document the behaviour when it is left out`);
      }
      for (const alias of info.aliases) if (!aliasOrder.includes(alias)) aliasOrder.push(alias);
      fields.push({
        path: fieldPath,
        type: info.text,
        required,
        default: dflt,
        description: docText(member),
        objectInterface: info.objectInterface ?? info.mapValueInterface,
      });
      // A map of environments starts a new root: the validator names environment fields without a
      // prefix. A map inside an environment names its entries `<field>.<name>`.
      if (info.mapValueInterface) children.push([info.mapValueInterface, mapLevel ? '' : `${fieldPath}.<name>`, false]);
      if (info.objectInterface) children.push([info.objectInterface, fieldPath, mapLevel]);
    }
    objects.push({ interfaceName, path: objectPath, mapLevel, description: docText(declaration), fields });
    for (const [child, childPath, childMapLevel] of children) visit(child, childPath, childMapLevel);
  };
  visit(ROOT_INTERFACE, '', true);

  const aliases = aliasOrder.map((name) => {
    const declaration = types.aliases.get(name) as ts.TypeAliasDeclaration;
    const { lead, items } = docParts(rawDoc(declaration));
    return { name, values: types.literals(declaration.type, name), description: lead, items };
  });
  return { objects, aliases };
}

/** Every documented field path, environment fields and map fields alike. */
export function fieldPaths(reference: ConfigReference): string[] {
  return reference.objects.flatMap((o) => o.fields.map((f) => f.path));
}

/** A value of the example map as TypeScript source: `'x'`, `5120`, `['a', 'b']`. */
export function exampleLiteral(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(exampleLiteral);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  return undefined;
}

/** Reads `a.b.c` from an object. */
function at(root: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), root);
}

/** The example of one field, from `map.example.ts` (its default environment). */
function exampleOf(field: FieldDoc, mapLevel: boolean): string | undefined {
  if (mapLevel) {
    if (field.path === 'environments') {
      const names = Object.keys(exampleMap.environments);
      return `{ ${names.map((n) => `${n}: { ... }`).join(', ')} }`;
    }
    return exampleLiteral(at(exampleMap, field.path));
  }
  if (field.objectInterface) return undefined;
  const name = exampleMap.defaultEnvironment ?? Object.keys(exampleMap.environments)[0];
  return exampleLiteral(at(exampleMap.environments[name], field.path));
}

function code(text: string): string {
  return `\`${text}\``;
}

function heading(object: ObjectDoc): string {
  if (object.mapLevel) return `The environment map (\`${object.interfaceName}\`)`;
  if (object.path === '') return `One environment (\`environments.<name>\`, \`${object.interfaceName}\`)`;
  return `\`${object.path}\` (\`${object.interfaceName}\`)`;
}

/**
 * The Markdown reference: one table per object, then the value types.
 *
 * @param constraints extra rules the validator enforces, by field path
 */
export function renderConfigReference(reference: ConfigReference, constraints: Readonly<Record<string, string>> = CONSTRAINTS): string {
  const out: string[] = [
    'Generated from `cdk/env/types.ts` (doc comments and `@default` tags), the rules of `cdk/env/validate.ts` and the values of',
    '`cdk/env/map.example.ts` by `npm run docs`. Paths below the map are relative to one environment, as in the validator\'s',
    'messages. Unknown fields anywhere are errors (a typo never passes silently).',
  ];
  for (const object of reference.objects) {
    out.push('', `#### ${heading(object)}`, '');
    if (object.description) out.push(object.description, '');
    out.push(
      '| field | type | required | default | constraints | example | description |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const field of object.fields) {
      const dflt = field.required ? '—' : field.default?.kind === 'literal' ? code(field.default.text) : (field.default?.text ?? '—');
      const type = field.objectInterface && field.type === 'object' ? `object (\`${field.path}.*\`)` : code(field.type);
      const example = exampleOf(field, object.mapLevel);
      out.push(`| ${[
        code(field.path),
        type,
        field.required ? 'required' : 'optional',
        dflt,
        constraints[field.path] ?? '—',
        example === undefined ? '—' : code(example),
        field.description || '—',
      ].map(escapeCell).join(' | ')} |`);
    }
  }
  if (reference.aliases.length > 0) {
    out.push('', '#### Value types', '');
    for (const alias of reference.aliases) {
      out.push(`- \`${alias.name}\`: ${alias.values.map(code).join(', ')}. ${alias.description}`.trimEnd());
      for (const item of alias.items) out.push(`  - ${item}`);
    }
  }
  return out.join('\n');
}

/** The first sentence of a description (up to the first `. ` outside a code span), for the compact table. */
export function firstSentence(text: string): string {
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') inCode = !inCode;
    if (!inCode && text[i] === '.' && (i === text.length - 1 || text[i + 1] === ' ')) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * The compact reference for the README: every leaf field in one table (object-typed fields are
 * the headings of their children), its type, its default (or `required`) and the first sentence
 * of its description. The full reference is docs/configuration.md.
 */
export function renderCompactReference(reference: ConfigReference): string {
  const out = ['| field | type | default | what it sets |', '| --- | --- | --- | --- |'];
  for (const object of reference.objects) {
    for (const field of object.fields) {
      if (field.objectInterface && field.type === 'object') continue;
      const dflt = field.required ? 'required' : field.default?.kind === 'literal' ? code(field.default.text) : (field.default?.text ?? '—');
      out.push(`| ${[code(field.path), code(field.type), dflt, firstSentence(field.description) || '—'].map(escapeCell).join(' | ')} |`);
    }
  }
  return out.join('\n');
}

/** The `configuration-reference` section of the README: the compact table and where the full one is. */
export function configurationReferenceSection(): string {
  return [
    'Every field of one environment (paths relative to `environments.<name>`; the map itself has `defaultEnvironment` and',
    '`environments`). Types, defaults and validator rules come from `cdk/env/types.ts` and `cdk/env/validate.ts`; the full',
    'reference, with every constraint and an example per field, is [docs/configuration.md](docs/configuration.md).',
    '',
    renderCompactReference(readConfigReference()),
  ].join('\n');
}

/** docs/configuration.md: the full reference. */
export function configurationReferenceDocument(): string {
  return [
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run docs` from cdk/env/types.ts, cdk/env/validate.ts and cdk/env/map.example.ts; do not edit. -->',
    '',
    'The environment map is TypeScript (or JavaScript, or JSON): a module exporting `environmentMap: EnvironmentMap`.',
    'The types in `cdk/env/types.ts` are the single source of truth; this reference is generated from them, and a test',
    'fails when it drifts.',
    '',
    renderConfigReference(readConfigReference()),
    '',
  ].join('\n');
}
