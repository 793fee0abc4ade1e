/**
 * The package record: one small JSON file at the package root (`RECORD_FILE`), written by every
 * build and owned by the package. It says what the package was built for (environment, organization,
 * management account, home region, resource prefix, SCP budget, the map file) and what it owns (its
 * manifest resources by name, its files with their SHA-256). It is how
 * - the build tells its own manifest resources and files from everybody else's (merge, stale files,
 *   a foreign file in the way),
 * - `validate` knows the SCP budget without loading the map (the pre-commit hook),
 * - `publish` knows the target organization, account, region and bucket.
 *
 * CfCT ignores it: its build stage reads only `manifest.yaml`, the files the manifest names and the
 * `templates/` and `parameters/` folders (source/codebuild_scripts/run-validation.sh), and stages only
 * the files the manifest names (source/src/cfct/manifest/stage_to_s3.py), in
 * aws-solutions/aws-control-tower-customizations v2.8.4.
 *
 * Light on purpose (fs, crypto): `validate` loads it and must stay fast.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ResolvedConfig } from '../env/resolve';
import { issue, UserError, type Issue } from '../errors';
import { RECORD_FILE } from '../names';
import { PACKAGE_NAME } from '../paths';

/** The record's format version; readers refuse any other. */
export const RECORD_FORMAT = 1;

/** What a package was built for and what it owns. */
export interface PackageRecord {
  readonly format: typeof RECORD_FORMAT;
  /** The program that wrote it (this project's package name). */
  readonly generator: string;
  /** The environment of the map (`--env`). */
  readonly environment: string;
  readonly organizationId: string;
  /** Absent when the environment does not give it; `publish` then refuses. */
  readonly managementAccountId?: string;
  readonly homeRegion: string;
  readonly resourcePrefix: string;
  readonly scpSizeBudget: number;
  /** The map file it was built from, relative to the package folder, with `/`. */
  readonly map: string;
  /** The manifest resources it owns, in manifest order. */
  readonly resources: readonly string[];
  /** The files it owns (package-relative, `/`), with the hex SHA-256 of their content. */
  readonly files: Readonly<Record<string, string>>;
}

/** The identity fields: what a map entry and a record must agree on. */
const IDENTITY_FIELDS = ['environment', 'organizationId', 'managementAccountId', 'homeRegion', 'resourcePrefix', 'scpSizeBudget'] as const;
export type Identity = Pick<PackageRecord, (typeof IDENTITY_FIELDS)[number]>;

/** The identity a map entry gives a package. */
export function identityOf(config: ResolvedConfig): Identity {
  return {
    environment: config.name,
    organizationId: config.organizationId,
    managementAccountId: config.managementAccountId,
    homeRegion: config.homeRegion,
    resourcePrefix: config.prefix,
    scpSizeBudget: config.policies.scpSizeBudget,
  };
}

export { sha256Hex as sha256Of } from '../hash';

/** The record as written: 2-space JSON, fixed key order, files sorted, a final newline. */
export function renderRecord(record: PackageRecord): string {
  const files = Object.fromEntries(Object.entries(record.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const ordered: PackageRecord = {
    format: record.format,
    generator: record.generator,
    environment: record.environment,
    organizationId: record.organizationId,
    ...(record.managementAccountId === undefined ? {} : { managementAccountId: record.managementAccountId }),
    homeRegion: record.homeRegion,
    resourcePrefix: record.resourcePrefix,
    scpSizeBudget: record.scpSizeBudget,
    map: record.map,
    resources: [...record.resources],
    files,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const REBUILD = `rebuild the package (\`${PACKAGE_NAME} build\`) to rewrite it; it is generated, do not edit it`;

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string' && v.length > 0;
const FIELDS: readonly [keyof PackageRecord, Check, string, boolean][] = [
  ['format', (v) => v === RECORD_FORMAT, `${RECORD_FORMAT}`, true],
  ['generator', (v) => v === PACKAGE_NAME, `"${PACKAGE_NAME}"`, true],
  ['environment', isString, 'a non-empty string', true],
  ['organizationId', isString, 'a non-empty string', true],
  ['managementAccountId', (v) => typeof v === 'string' && /^[0-9]{12}$/.test(v), 'a 12-digit string', false],
  ['homeRegion', isString, 'a non-empty string', true],
  ['resourcePrefix', isString, 'a non-empty string', true],
  ['scpSizeBudget', (v) => Number.isInteger(v), 'a whole number', true],
  ['map', isString, 'a non-empty string', true],
  ['resources', (v) => Array.isArray(v) && v.every(isString), 'a list of resource names', true],
  ['files', (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)), 'an object of path: SHA-256', true],
];

/** Parses a record's text; a `UserError` naming `shown` lists every field that is wrong. */
export function parseRecord(text: string, shown: string): PackageRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(shown, [{ path: '(file)', message: `is not valid JSON (${(err as Error).message})`, fix: REBUILD }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(shown, [issue('(file)', 'is not a JSON object', data, REBUILD)]);
  }
  const record = data as Record<string, unknown>;
  const issues: Issue[] = [];
  for (const [key, check, expected, required] of FIELDS) {
    const value = record[key];
    if (value === undefined && !required) continue;
    if (!check(value)) issues.push(issue(key, `must be ${expected}`, value, REBUILD));
  }
  if (issues.length > 0) throw new UserError(shown, issues);
  return record as unknown as PackageRecord;
}

/** The record of the package in `dir`, or undefined when it has none. */
export function readRecord(dir: string, shown: string = RECORD_FILE): PackageRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseRecord(text, shown);
}

/** How a value reads in a comparison line. */
function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/**
 * One issue per identity field where `record` and `expected` (a map entry, or options) differ.
 * `expectedBy` names where the expected values come from (`the map entry "prod" of map.ts`).
 */
export function identityMismatches(record: Identity, expected: Partial<Identity>, expectedBy: string, fix: string): Issue[] {
  const issues: Issue[] = [];
  for (const field of IDENTITY_FIELDS) {
    if (!(field in expected)) continue;
    if (record[field] !== expected[field]) {
      issues.push(issue(field, `is ${shown(record[field])} in the package record but ${shown(expected[field])} in ${expectedBy}`, record[field], fix));
    }
  }
  return issues;
}

/** The path of `file` relative to `dir`, with `/` (how the record names the map). */
export function relativeToPackage(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}
