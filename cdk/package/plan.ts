/**
 * What a build changes in a package folder, worked out before anything is written: the merged
 * manifest, the package's own files, its record, and its own stale files to remove. The folder may
 * be a whole CfCT configuration (other teams' resources, templates, parameters, policies): only what
 * the package record says this package owns is ever replaced or removed.
 *
 * Refused (`UserError`, nothing written): a file of somebody else at one of the package's paths; a
 * folder that holds the package of another organization (unless it is the committed example, or
 * `replaceOrganization`); a manifest `mergeManifest` refuses; the leftovers of an interrupted write.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { EXAMPLE_MAP } from '../env/load';
import { issue, UserError, type Issue } from '../errors';
import { MANIFEST_FILE, RECORD_FILE } from '../names';
import { displayPath, PACKAGE_NAME } from '../paths';
import type { BuiltPackage } from './build';
import { holdsOnly, mergeManifest } from './merge';
import { identityOf, RECORD_FORMAT, relativeToPackage, renderRecord, sha256Of, type PackageRecord } from './record';
import { validatePackage, type Issue as ValidationIssue } from './validate';
import { BACKUP_PREFIX } from './write';
import { NotRegularFileError, statIfPresent } from '../write-file';

/** The committed example map, as a package record at the root of this repository names it. */
export const EXAMPLE_MAP_RECORDED = EXAMPLE_MAP.split(path.sep).join('/');

export interface PlanInput {
  /** Absolute path of the package folder. */
  readonly dir: string;
  readonly built: BuiltPackage;
  /** Absolute path of the map file the package is built from. */
  readonly mapFile: string;
  /** The record in the folder now, if any (`readRecord`). */
  readonly previous?: PackageRecord;
  /**
   * Let the package of another organization in `dir` be replaced.
   *
   * @default false
   */
  readonly replaceOrganization?: boolean;
}

/** The new state of a package folder, and how it differs from the folder now. */
export interface PackagePlan {
  readonly dir: string;
  /** Every file of the new package state the build writes (manifest, record, own files), by path. */
  readonly files: ReadonlyMap<string, string>;
  /** The subset of `files` whose content differs from the folder's (missing ones included). */
  readonly writes: ReadonlyMap<string, string>;
  /** Own files of the previous build that the new one does not have, present on disk. */
  readonly removals: readonly string[];
  /**
   * What the folder held at each path the plan looked at (every path of `files`, and the previous
   * build's own files): the content, undefined when missing, `FOLDER` when a folder is there.
   */
  readonly before: ReadonlyMap<string, string | undefined>;
  readonly record: PackageRecord;
  readonly previous?: PackageRecord;
  /** Things the user should know (a hand-edited file overwritten, the example replaced). */
  readonly notes: readonly string[];
}

/** What `PackagePlan.before` holds for a path where the folder has a folder. */
export const FOLDER = '\0directory';

/** The text at `file`, `FOLDER`, or undefined when nothing is there; a pipe or device is refused (reading it could wait forever). */
function readIfFile(file: string): string | undefined {
  const stat = statIfPresent(file);
  if (stat === undefined) return undefined;
  if (stat.isDirectory()) return FOLDER;
  if (!stat.isFile()) throw new NotRegularFileError(file);
  return fs.readFileSync(file, 'utf8');
}

/** Issues about leftovers of a write that was killed half-way (the previous files are in them). */
function leftovers(dir: string): Issue[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((name) => name.startsWith(BACKUP_PREFIX))
    .map((name) => issue(name, 'holds the files an interrupted build replaced', displayPath(path.join(dir, name)),
      `move the files in it back over the package (or delete it if the package is fine), then build again`));
}

/** Works out the new state of `input.dir`; throws a `UserError` listing every reason to refuse. */
export function planPackage(input: PlanInput): PackagePlan {
  const { dir, built, previous } = input;
  const shownDir = `${displayPath(dir)}/`;
  const config = built.config;
  const notes: string[] = [];
  const refusals: Issue[] = leftovers(dir);
  const before = new Map<string, string | undefined>();
  const onDisk = (rel: string): string | undefined => {
    if (!before.has(rel)) before.set(rel, readIfFile(path.join(dir, rel)));
    return before.get(rel);
  };

  if (previous !== undefined && previous.organizationId !== config.organizationId) {
    if (previous.map === EXAMPLE_MAP_RECORDED || input.replaceOrganization === true) {
      notes.push(`replaced the package of organization ${previous.organizationId} (environment "${previous.environment}" of ${previous.map})`);
    } else {
      refusals.push(issue(RECORD_FILE, `says this folder holds the package of organization ${previous.organizationId} (environment "${previous.environment}"), not ${config.organizationId} (environment "${config.name}")`,
        previous.organizationId, `one CfCT configuration serves one organization: build "${config.name}" into its own CfCT configuration folder, or pass --replace-organization if this folder now belongs to ${config.organizationId}`));
    }
  }

  const owned = new Set(Object.keys(previous?.files ?? {}));
  for (const rel of built.files.keys()) {
    if (onDisk(rel) !== undefined && !owned.has(rel)) {
      refusals.push({ path: rel, message: 'is in the way: it exists, but the package record does not list it as a file of this package',
        fix: `it belongs to somebody else: rename or move it, or give the environment another resourcePrefix; if an older build of ${PACKAGE_NAME} wrote it (before the package record existed), delete it and build again` });
    }
  }
  if (refusals.length > 0) throw new UserError(shownDir, refusals, 'build: nothing was written');

  const manifestFile = path.join(dir, MANIFEST_FILE);
  const current = onDisk(MANIFEST_FILE);
  // A manifest holding only this package's resources (this repository's root, a fork of it) is the
  // package's own: it is written anew, its top-level keys following the map. One that holds other
  // resources is merged into, its top-level keys left as they are (or the build refused).
  const existing = current !== undefined && previous !== undefined && holdsOnly(current, previous.resources) ? undefined : current;
  const files = new Map<string, string>();
  files.set(MANIFEST_FILE, mergeManifest({ existing, manifest: built.manifest, owned: previous?.resources ?? [], shown: displayPath(manifestFile) }));

  const hashes: Record<string, string> = {};
  for (const [rel, content] of built.files) hashes[rel] = sha256Of(content);
  const record: PackageRecord = {
    format: RECORD_FORMAT,
    generator: PACKAGE_NAME,
    ...identityOf(config),
    map: relativeToPackage(dir, input.mapFile),
    resources: built.manifest.resources.map((r) => r.name),
    files: hashes,
  };
  files.set(RECORD_FILE, renderRecord(record));
  for (const [rel, content] of built.files) files.set(rel, content);

  const writes = new Map<string, string>();
  for (const [rel, content] of files) {
    const old = onDisk(rel);
    if (old === content) continue;
    writes.set(rel, content);
    const recorded = previous?.files[rel];
    if (old !== undefined && recorded !== undefined && sha256Of(old) !== recorded) notes.push(`${rel} had been edited by hand since the last build: overwritten`);
  }
  const removals = [...owned].filter((rel) => !files.has(rel) && onDisk(rel) !== undefined).sort();
  return { dir, files, writes, removals, before, record, previous, notes };
}

/** Issues `validate` finds in the planned package: this package's own, and everybody else's (reported, not fatal). */
export interface PlanIssues {
  readonly ours: readonly ValidationIssue[];
  readonly foreign: readonly ValidationIssue[];
}

/**
 * Runs `validate` on the package as the plan would leave it (the folder's other files included),
 * before anything is written. An issue is this package's when it is in one of its files or in one of
 * its manifest resources; issues in other teams' resources and files were there before the build.
 */
export function validatePlan(plan: PackagePlan, scpBudget: number): PlanIssues {
  const overlay = new Map<string, string | null>(plan.files);
  for (const rel of plan.removals) overlay.set(rel, null);
  const issues = validatePackage(plan.dir, { scpBudget, overlay });
  const manifest = parse(plan.files.get(MANIFEST_FILE) as string, { schema: 'yaml-1.1', uniqueKeys: false }) as { resources?: { name?: unknown }[] | null };
  const names = (manifest.resources ?? []).map((item) => item?.name);
  const mine = new Set(plan.record.resources);
  const isOurs = (found: ValidationIssue): boolean => {
    if (found.file !== MANIFEST_FILE) return plan.files.has(found.file);
    const index = /^resources\[(\d+)\]/.exec(found.path)?.[1];
    return index !== undefined && mine.has(names[Number(index)] as string);
  };
  return { ours: issues.filter(isOurs), foreign: issues.filter((found) => !isOurs(found)) };
}
