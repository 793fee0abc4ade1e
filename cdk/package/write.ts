/**
 * Writes a planned package state into its folder all-or-nothing: the folder ends up with every
 * planned change, or exactly as it was.
 *
 * The folder may be a whole repository (a CfCT configuration, or this project's root), so it cannot
 * be swapped as one directory. Instead every new file is first written to a staging folder inside it
 * (same file system, so each later move is one atomic rename); then each target is moved to a backup
 * folder beside the staging folder (when it exists) and the new file renamed into place, one by one,
 * with a journal. Any failure rolls the journal back, newest first, and removes the folders it
 * created. Files whose content does not change are not touched at all (a second build changes no
 * byte and no modification time).
 *
 * A process killed half-way leaves the backup folder (`.build-old-*`); the next build refuses to run
 * until it is dealt with (see `planPackage`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { explainFsError } from './fs-errors';

/** Names of the staging and backup folders inside the package folder (git-ignored: `.build-*`). */
export const STAGING_PREFIX = '.build-new-';
export const BACKUP_PREFIX = '.build-old-';

/** What `writePlan` changes: the files to (re)write and the files to remove, package-relative. */
export interface WriteSet {
  readonly dir: string;
  readonly writes: ReadonlyMap<string, string>;
  readonly removals: readonly string[];
}

interface Step {
  readonly target: string;
  /** Where the previous file went, when there was one. */
  backup?: string;
  /** Whether the new file is in place (to take it out again on rollback). */
  placed: boolean;
}

/** Applies `set` to its folder; see the file comment. File-system failures a user can cause are `UserError`s about `option`. */
export function writePlan(set: WriteSet, option = '--out', cwd: string = process.cwd()): void {
  if (set.writes.size === 0 && set.removals.length === 0) return;
  /** The outermost folder each `mkdir` created (rollback removes it with everything in it). */
  const created: string[] = [];
  const steps: Step[] = [];
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = path.join(set.dir, `${STAGING_PREFIX}${stamp}`);
  const backup = path.join(set.dir, `${BACKUP_PREFIX}${stamp}`);
  let keepBackup = false;
  const mkdir = (dir: string): void => {
    // A file in the folder's place fails the next step (ENOTDIR, explained), not mkdir (EEXIST).
    if (fs.existsSync(dir)) return;
    const first = fs.mkdirSync(dir, { recursive: true });
    if (first !== undefined) created.push(first);
  };
  try {
    mkdir(set.dir);
    fs.mkdirSync(staging);
    const targets = [...set.writes.keys(), ...set.removals];
    targets.forEach((rel, i) => {
      if (set.writes.has(rel)) fs.writeFileSync(path.join(staging, String(i)), set.writes.get(rel) as string);
    });
    fs.mkdirSync(backup);
    targets.forEach((rel, i) => {
      const target = path.join(set.dir, rel);
      const step: Step = { target, placed: false };
      steps.push(step);
      if (fs.existsSync(target)) {
        step.backup = path.join(backup, String(i));
        fs.renameSync(target, step.backup);
      }
      if (set.writes.has(rel)) {
        mkdir(path.dirname(target));
        fs.renameSync(path.join(staging, String(i)), target);
        step.placed = true;
      }
    });
  } catch (err) {
    try {
      rollBack(steps, created);
    } catch (restoreErr) {
      keepBackup = true;
      throw new Error(
        `could not write the package into ${set.dir} (${(err as Error).message}) nor put the previous files back ` +
          `(${(restoreErr as Error).message}); they are in ${backup}: move them back by hand`,
        { cause: restoreErr },
      );
    }
    // A failure inside the staging or backup folder is about the package folder, as far as the user can tell.
    const failed = (err as { path?: string }).path;
    if (failed !== undefined && (failed.startsWith(staging) || failed.startsWith(backup))) (err as { path?: string }).path = set.dir;
    throw explainFsError(err, option, set.dir, cwd);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!keepBackup) fs.rmSync(backup, { recursive: true, force: true });
  }
  removeEmptiedFolders(set);
}

function rollBack(steps: Step[], created: string[]): void {
  for (const step of [...steps].reverse()) {
    if (step.placed) fs.rmSync(step.target, { force: true });
    if (step.backup !== undefined && fs.existsSync(step.backup)) fs.renameSync(step.backup, step.target);
  }
  for (const dir of [...created].reverse()) fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes folders that removing stale files left empty (`policies/` after its last file went). */
function removeEmptiedFolders(set: WriteSet): void {
  const folders = new Set(set.removals.map((rel) => path.dirname(path.join(set.dir, rel))));
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    if (folder !== set.dir && fs.existsSync(folder) && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  }
}
