import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../../cdk/hash';
import { MANIFEST_FILE, RECORD_FILE } from '../../cdk/names';
import { plainUserError } from '../../cdk/errors';
import { checkFilePath, explainFsError } from '../../cdk/package/fs-errors';
import { parseRecord, type PackageRecord } from '../../cdk/package/record';
import { createContext, DEFAULT_SCP_BUDGET } from '../../cdk/package/validate/context';
import { PackageValidationError, validatePackage, type ValidateOptions } from '../../cdk/package/validate';
import { parseYamlSource } from '../../cdk/package/validate/yaml-source';
import { writeFileAtomically } from '../../cdk/write-file';

/**
 * The name CfCT's S3 source expects: the pipeline starts on this key of the source bucket, and
 * `manifest.yaml` must sit at the root of the archive.
 */
export const PACKAGE_ZIP_NAME = 'custom-control-tower-configuration.zip';

/** Where `npm run package` writes the zip, relative to the repository root. */
export const DEFAULT_ZIP_PATH = path.join('dist', PACKAGE_ZIP_NAME);

/**
 * Every entry's modification time: 1980-01-01 00:00:00, the DOS epoch.
 *
 * Built from local-time parts on purpose: fflate writes the DOS date/time fields with the local
 * `getFullYear()`/`getHours()`/… getters, so a local-time Date gives the same bytes in every
 * time zone (a UTC instant would become 1979 or 1980-01-01 01:00 depending on TZ).
 */
function fixedMtime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

/** Unix (3) as the "made by" system, so that unzip honours the permission bits below. */
const MADE_BY_UNIX = 3;
/** External attributes: a regular file, rw-r--r-- (0o100644 in the high 16 bits). */
const FILE_ATTRIBUTES = 0o100644 * 0x1_0000;
/** DEFLATE level: the output of fflate at a fixed level depends only on the input bytes. */
const DEFLATE_LEVEL = 9;

/** A built package archive. */
export interface PackageZip {
  readonly bytes: Uint8Array;
  /** Hex SHA-256 of `bytes`. */
  readonly sha256: string;
  /** The archive's entries, in archive order. */
  readonly files: readonly string[];
}

/**
 * The files that go into the archive: `manifest.yaml`, the local files it references
 * (`resource_file`, `parameter_file`) and the package record, sorted, each once. Nothing else from
 * the folder. The record tells `publish` where the archive belongs; CfCT ignores it (its build
 * stage reads the manifest, the files it names and the `templates/` and `parameters/` folders:
 * source/codebuild_scripts/run-validation.sh in aws-solutions/aws-control-tower-customizations).
 */
export function packageFiles(dir: string): string[] {
  const ctx = createContext(dir, DEFAULT_SCP_BUDGET);
  const files = new Set<string>([MANIFEST_FILE]);
  if (ctx.fileExists(RECORD_FILE)) files.add(RECORD_FILE);
  for (const resource of ctx.resources) {
    for (const ref of [resource.resourceFile, resource.parameterFile]) {
      const local = ref === undefined ? undefined : ctx.localPath(ref);
      if (local !== undefined) files.add(local);
    }
  }
  return [...files].sort();
}

/**
 * Validates the package in `dir` and archives it, byte-reproducibly: the same files give the
 * same bytes on every run, machine and time zone (fixed mtimes, sorted entries, fixed
 * permissions and "made by" system, no extra fields, fixed compression level).
 *
 * Why fflate: it is pure JavaScript with no native parts or platform defaults, writes exactly
 * the entries and attributes it is given (no extended-timestamp or uid/gid extra fields, no
 * directory entries, no local mtimes), and its `zipSync` takes every header field explicitly.
 * The `zip` CLI and most Node zip libraries add host-dependent fields or default to the file's
 * mtime. The version is pinned in package-lock.json: another deflate implementation could
 * compress differently.
 *
 * Throws `PackageValidationError` when `validate` rejects the package.
 */
export function buildPackageZip(dir: string, options: ValidateOptions = {}): PackageZip {
  const issues = validatePackage(dir, options);
  if (issues.length > 0) throw new PackageValidationError(issues, 'package: refusing to package an invalid package');
  const files = packageFiles(dir);
  const entries: Zippable = {};
  for (const file of files) {
    const data = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    entries[file] = [data, { level: DEFLATE_LEVEL, mtime: fixedMtime(), os: MADE_BY_UNIX, attrs: FILE_ATTRIBUTES }];
  }
  const bytes = zipSync(entries);
  return { bytes, sha256: sha256Hex(bytes), files };
}

/**
 * `buildPackageZip`, then writes the archive to `outFile` (atomically: a temporary file, renamed).
 * An unusable `outFile` (a folder, under a file, not writable) is a user error about `option`.
 */
export function writePackageZip(dir: string, outFile: string, options: ValidateOptions = {}, option = '--out', cwd: string = process.cwd()): PackageZip {
  checkFilePath(outFile, option, PACKAGE_ZIP_NAME, cwd);
  const zip = buildPackageZip(dir, options);
  try {
    writeFileAtomically(outFile, zip.bytes);
  } catch (err) {
    throw explainFsError(err, option, outFile, cwd);
  }
  return zip;
}

/** Hex SHA-256 (the project's one content hash, `cdk/hash.ts`), for callers that check archives. */
export { sha256Hex };

/** The text of one file at the root of a package archive, or undefined when it has none. */
function entryOf(bytes: Uint8Array, name: string, option: string): string | undefined {
  try {
    const entries = unzipSync(bytes, { filter: (file) => file.name === name });
    return entries[name] ? strFromU8(entries[name]) : undefined;
  } catch (err) {
    throw plainUserError(option, '', `is not a zip archive: ${(err as Error).message}`, 'pass the archive the package command writes');
  }
}

/** The package record inside a package archive (`option` names the archive in messages). */
export function recordOfZip(bytes: Uint8Array, option = '--zip'): PackageRecord {
  const text = entryOf(bytes, RECORD_FILE, option);
  if (text === undefined) {
    throw plainUserError(option, RECORD_FILE, 'is not in the archive, so it is not known which organization it belongs to', 'build the package with this version (it writes the record), then package it again');
  }
  return parseRecord(text, `${RECORD_FILE} in the archive`);
}

/** The home region (`region`) of the manifest inside a package archive. */
export function homeRegionOfZip(bytes: Uint8Array, option = '--zip'): string {
  const manifest = entryOf(bytes, MANIFEST_FILE, option);
  if (manifest === undefined) throw plainUserError(option, '', `has no ${MANIFEST_FILE} at its root`, 'pass the archive the package command writes');
  const data = parseYamlSource(manifest).data as { region?: unknown } | undefined;
  const region = typeof data?.region === 'string' ? data.region : undefined;
  if (region === undefined) throw plainUserError(option, MANIFEST_FILE, 'has no top-level region', 'rebuild the package with the build command');
  return region;
}
