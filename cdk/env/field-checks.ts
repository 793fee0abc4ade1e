/**
 * The field checks the environment validator is made of: each one checks one value at a dot path
 * and adds an issue naming the path, the bad value and the fix. Shared by `validate.ts` (the
 * environment) and `validate-policies.ts` (the `policies` block).
 */
import { issue, type Issue } from '../errors';
import { closest, didYouMean } from '../suggest';
import { KNOWN_REGIONS } from './regions';

const ACCOUNT_ID = /^\d{12}$/;
/** Whether `value` is a 12-digit AWS account ID. */
export const isAccountId = (value: string): boolean => ACCOUNT_ID.test(value);
/** An OU ID: `ou-`, the root's 4 to 32 characters, `-`, 8 to 32 characters (Organizations API reference). */
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** A root ID: `r-` then 4 to 32 lower-case letters or digits. */
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;

/** Collects issues under dot paths. */
export class Issues {
  readonly lines: Issue[] = [];
  add(path: string, problem: string, value: unknown, fix: string): void {
    this.lines.push(issue(path, problem, value, fix));
  }
}

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `value` is an object with only known keys; returns it (or an empty object). */
export function checkObject(issues: Issues, path: string, value: unknown, keys: readonly string[], required: boolean): Obj | undefined {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `add the \`${path.split('.').pop()}\` object`);
    return undefined;
  }
  if (!isObject(value)) {
    issues.add(path, 'must be an object', value, 'write it as `{ ... }`');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      issues.add(
        path ? `${path}.${key}` : key,
        'is not a known field',
        value[key],
        didYouMean(key, keys, `remove it; known fields: ${keys.join(', ')}`),
      );
    }
  }
  return value;
}

export function checkString(issues: Issues, path: string, value: unknown, required: boolean, example: string): value is string {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `set it, for example ${example}`);
    return false;
  }
  if (typeof value !== 'string') {
    issues.add(path, 'must be a string', value, `quote it, for example ${example}`);
    return false;
  }
  return true;
}

export function checkAccountId(issues: Issues, path: string, value: unknown, required: boolean): void {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, "set the 12-digit account ID as a quoted string, for example '111111111111'");
    return;
  }
  if (typeof value === 'number') {
    issues.add(
      path,
      'must be a quoted string, not a number',
      value,
      "quote it ('012345678901'): a number loses leading zeros and YAML reads some as octal",
    );
    return;
  }
  if (typeof value !== 'string' || !isAccountId(value)) {
    issues.add(path, 'is not a 12-digit AWS account ID', value, "write exactly 12 digits as a quoted string, for example '111111111111'");
  }
}

export function checkRegion(issues: Issues, path: string, value: unknown, required: boolean): value is string {
  if (!checkString(issues, path, value, required, "'us-east-1'")) return false;
  if (!KNOWN_REGIONS.includes(value)) {
    const near = closest(value.trim(), KNOWN_REGIONS);
    issues.add(
      path,
      'is not a known region of the aws partition',
      value,
      near ? `write '${near}'` : 'use a region name such as us-east-1 (see cdk/env/regions.ts)',
    );
    return false;
  }
  return true;
}

/** An OU as CfCT names it: `Name` or `Parent:Child`, never `Root:...`. */
export function checkOrganizationalUnit(issues: Issues, path: string, value: unknown): void {
  if (!checkString(issues, path, value, true, "'Workloads' or 'Workloads:Prod'")) return;
  if (/^root:/i.test(value)) {
    issues.add(
      path,
      'starts with "Root:", which CfCT does not resolve',
      value,
      `drop the prefix: write '${value.replace(/^root:/i, '')}'`,
    );
    return;
  }
  if (OU_ID.test(value) || ROOT_ID.test(value)) {
    issues.add(
      path,
      'is an Organizations ID, but CfCT names OUs by name',
      value,
      "write the OU's name as AWS Organizations shows it (an OU's ID belongs in members.organizationalUnitIds)",
    );
    return;
  }
  if (value.includes('/')) {
    issues.add(path, 'separates nested OUs with "/", but CfCT paths use ":"', value, `write '${value.split('/').filter((s) => s !== '').join(':')}'`);
    return;
  }
  const segments = value.split(':');
  if (segments.some((s) => s.length === 0 || s.length > 128 || s.trim() !== s)) {
    issues.add(
      path,
      'is not an OU name or a `Parent:Child` path',
      value,
      'write each OU name exactly as in AWS Organizations (case-sensitive, no empty parts or surrounding spaces), joined by ":"',
    );
  }
}

export function checkList(
  issues: Issues,
  path: string,
  value: unknown,
  required: boolean,
  each: (item: unknown, itemPath: string) => void,
  what: string,
): unknown[] {
  if (value === undefined) {
    if (required) issues.add(path, 'is required', value, `list at least one ${what}`);
    return [];
  }
  if (!Array.isArray(value)) {
    issues.add(path, 'must be a list', value, `write it as [ ... ] of ${what}s`);
    return [];
  }
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    each(item, `${path}[${i}]`);
    const key = JSON.stringify(item);
    if (seen.has(key)) {
      issues.add(`${path}[${i}]`, `repeats ${path}[${seen.get(key)}]`, item, 'list each value once');
    } else {
      seen.set(key, i);
    }
  });
  return value;
}

export function checkInteger(issues: Issues, path: string, value: unknown, min: number, max: number, unit: string): value is number {
  if (value === undefined) return false;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.add(path, `must be a whole number of ${unit} from ${min} to ${max}`, value, `set a whole number between ${min} and ${max}`);
    return false;
  }
  return true;
}

export function checkBoolean(issues: Issues, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    issues.add(path, 'must be true or false', value, 'write true or false without quotes');
  }
}

export function checkEnum(issues: Issues, path: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    issues.add(path, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value, `pick one of ${allowed.join(', ')}`);
  }
}

/**
 * Checks `{ <member OU>: 'ou-…' }`: every key an OU of `ous` as written there, every value an OU ID,
 * no ID twice.
 */
export function checkOrganizationalUnitIds(issues: Issues, path: string, value: unknown, ous: readonly unknown[]): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    issues.add(path, 'must be an object of OU name to OU ID', value, "write it as { 'Workloads': 'ou-ab12-11111111' }");
    return;
  }
  const seen = new Map<string, string>();
  for (const [ou, id] of Object.entries(value)) {
    const at = `${path}.${ou}`;
    if (!ous.includes(ou)) {
      const listed = ous.filter((o): o is string => typeof o === 'string');
      issues.add(at, 'names no OU of members.organizationalUnits', ou,
        didYouMean(ou, listed, `use an OU exactly as written in members.organizationalUnits (${listed.join(', ') || 'none'})`));
    }
    if (typeof id !== 'string' || !OU_ID.test(id)) {
      issues.add(at, 'is not an OU ID', id, "copy the ID from AWS Organizations: 'ou-', 4 to 32 characters, '-', 8 to 32 characters, for example 'ou-ab12-11111111'");
    } else if (seen.has(id)) {
      issues.add(at, `repeats the ID of ${seen.get(id)}`, id, 'give each OU its own ID');
    } else {
      seen.set(id, ou);
    }
  }
}
