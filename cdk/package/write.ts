import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_FILE, POLICIES_DIR, TEMPLATES_DIR } from '../names';

/** Top-level entries of a package folder that the build owns and replaces as a whole. */
const PACKAGE_ENTRIES: readonly string[] = [MANIFEST_FILE, TEMPLATES_DIR, POLICIES_DIR];

/** Package files by package-relative path (`manifest.yaml`, `customizations/x.template.json`, ...). */
export type PackageFiles = ReadonlyMap<string, string>;

/** Writes files under `dir`, creating folders. */
export function writeFilesTo(dir: string, files: PackageFiles): void {
  for (const [rel, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/**
 * Replaces the package in `outDir` with `files`, so that a failure leaves the previous package as
 * it was: everything is written to a staging folder beside it and checked by `verify` first, then
 * each build-owned entry (`manifest.yaml`, `customizations/`, `policies/`) is swapped in by rename.
 * If a rename fails half-way, the entries already swapped are put back.
 *
 * Only the build-owned entries are touched; other files in `outDir` (README, sources) stay.
 */
export function writePackageAtomically(outDir: string, files: PackageFiles, verify?: (stagingDir: string) => void): void {
  for (const rel of files.keys()) {
    const top = rel.split('/')[0];
    if (!PACKAGE_ENTRIES.includes(top)) {
      throw new Error(`writePackageAtomically: ${rel} is outside the build-owned entries ${PACKAGE_ENTRIES.join(', ')}`);
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = path.join(outDir, `.build-new-${stamp}`);
  const backup = path.join(outDir, `.build-old-${stamp}`);
  fs.mkdirSync(staging);
  let keepBackup = false;
  try {
    writeFilesTo(staging, files);
    verify?.(staging);
    fs.mkdirSync(backup);
    const swapped: string[] = [];
    try {
      for (const entry of PACKAGE_ENTRIES) {
        const target = path.join(outDir, entry);
        if (fs.existsSync(target)) fs.renameSync(target, path.join(backup, entry));
        swapped.push(entry);
        const fresh = path.join(staging, entry);
        if (fs.existsSync(fresh)) fs.renameSync(fresh, target);
      }
    } catch (err) {
      try {
        for (const entry of swapped.reverse()) {
          const target = path.join(outDir, entry);
          const saved = path.join(backup, entry);
          // The new entry goes; the old one, if there was one, comes back.
          fs.rmSync(target, { recursive: true, force: true });
          if (fs.existsSync(saved)) fs.renameSync(saved, target);
        }
      } catch (restoreErr) {
        keepBackup = true;
        throw new Error(
          `could not swap the new package into ${outDir} (${(err as Error).message}) nor put the old one back ` +
            `(${(restoreErr as Error).message}); the previous files are in ${backup}: move them back by hand`,
          { cause: restoreErr },
        );
      }
      throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!keepBackup) fs.rmSync(backup, { recursive: true, force: true });
  }
}
