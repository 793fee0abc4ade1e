/**
 * How PyYAML's `yaml.safe_load` (YAML 1.1), which CfCT and its pykwalify schema check use,
 * reads a scalar. The `yaml` library parses the manifest with the failsafe schema (every scalar a
 * string, with its quoting style and position); this module gives each plain scalar the type
 * PyYAML would, using PyYAML's own implicit resolvers (`lib/yaml/resolver.py`, yaml/pyyaml):
 *
 * - `2021-03-15` is a date, `yes`/`no`/`on`/`off` are booleans, `012345670123` is the octal
 *   number 1402433619, `012345678901` stays a string (8 and 9 are not octal digits), `~`, `null`
 *   and the empty value are null.
 * - Quoted and block scalars are always strings.
 */

export type PyType = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'merge' | 'value';

export interface PyScalar {
  readonly type: PyType;
  /** The value as JSON sees it: timestamps as their source text (`2021-03-15`). */
  readonly value: string | number | boolean | null;
}

// The regular expressions of PyYAML's Resolver, in its registration order (first match wins).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const MERGE = /^(?:<<)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const VALUE = /^(?:=)$/;

/** PyYAML registers each resolver for the first characters it can match. */
const RESOLVERS: readonly { type: PyType; re: RegExp; first: string }[] = [
  { type: 'bool', re: BOOL, first: 'yYnNtTfFoO' },
  { type: 'float', re: FLOAT, first: '-+0123456789.' },
  { type: 'int', re: INT, first: '-+0123456789' },
  { type: 'merge', re: MERGE, first: '<' },
  { type: 'null', re: NULL, first: '~nN' },
  { type: 'timestamp', re: TIMESTAMP, first: '0123456789' },
  { type: 'value', re: VALUE, first: '=' },
];

/** The type PyYAML gives a plain (unquoted, non-block) scalar with this source text. */
export function resolvePlainType(text: string): PyType {
  if (text === '') return 'null';
  for (const { type, re, first } of RESOLVERS) {
    if (first.includes(text[0]) && re.test(text)) return type;
  }
  return 'str';
}

/** A plain scalar as PyYAML's SafeLoader constructs it. */
export function resolvePlain(text: string): PyScalar {
  const type = resolvePlainType(text);
  switch (type) {
    case 'bool':
      return { type, value: /^(?:yes|true|on)$/i.test(text) };
    case 'int':
      return { type, value: constructInt(text) };
    case 'float':
      return { type, value: constructFloat(text) };
    case 'null':
      return { type, value: null };
    default:
      // timestamps keep their text (JSON has no date); merge and value keys stay as written.
      return { type, value: text };
  }
}

/** `construct_yaml_int`: sign, `_` separators, 0b / 0x / leading-0 octal, base-60. */
function constructInt(text: string): number {
  let s = text.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s[0] === '0') return sign * parseInt(s, 8);
  if (s.includes(':')) return sign * s.split(':').reduce((acc, part) => acc * 60 + parseInt(part, 10), 0);
  return sign * parseInt(s, 10);
}

/** `construct_yaml_float`: `_` separators, .inf / .nan, base-60. */
function constructFloat(text: string): number {
  let s = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * s.split(':').reduce((acc, part) => acc * 60 + parseFloat(part), 0);
  return sign * parseFloat(s);
}

/** How a PyYAML type reads in a message: "a date", "the number 1402433619", … */
export function describePyScalar(scalar: PyScalar): string {
  switch (scalar.type) {
    case 'str':
      return 'a string';
    case 'int':
    case 'float':
      return `the number ${String(scalar.value)}`;
    case 'bool':
      return `the boolean ${scalar.value ? 'True' : 'False'}`;
    case 'null':
      return 'null (no value)';
    case 'timestamp':
      return 'a date';
    case 'merge':
      return 'a merge key';
    case 'value':
      return 'a value key';
  }
}
