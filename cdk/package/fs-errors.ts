/**
 * File-system failures a user can cause (a read-only folder, a file where a folder should be, a full
 * disk) as user errors naming the option, the path and the fix. Anything else stays a bug.
 */
import * as fs from 'fs';
import * as path from 'path';
import { errorCode, issue, UserError } from '../errors';
import { displayPath } from '../paths';
import { NOT_REGULAR_FILE, NotRegularFileError, statIfPresent } from '../write-file';

/** What each expected error code means when writing, and what to do about it. */
const EXPLAINED: Readonly<Record<string, [string, string]>> = {
  EACCES: ['is not writable (permission denied)', 'choose a folder you may write to, or fix its permissions'],
  EPERM: ['is not writable (operation not permitted)', 'choose a folder you may write to, or fix its permissions'],
  EROFS: ['is on a read-only file system', 'choose a folder on a writable file system'],
  ENOSPC: ['cannot be written: the disk is full', 'free some space, then run the command again'],
  EDQUOT: ['cannot be written: the disk quota is exhausted', 'free some space, then run the command again'],
  ENOTDIR: ['is under a file, not a folder', 'choose a path whose parent folders are folders'],
  EISDIR: ['is a folder where a file must be written', 'remove or rename that folder, or choose another path'],
  EXDEV: ['spans file systems, so files cannot be moved into it atomically', 'choose a folder on one file system (no mount points inside it)'],
  EBUSY: ['is busy (locked by another program)', 'close the program holding it, then run the command again'],
  [NOT_REGULAR_FILE]: ['is not a regular file (a device, pipe or socket), which writing would replace', 'pass the path of a regular file, or of one that does not exist yet'],
};

/** The same when reading what is already there (a folder another user owns, without access for this one). */
const EXPLAINED_READING: Readonly<Record<string, [string, string]>> = {
  EACCES: ['is not readable (permission denied)', 'choose a folder you may read and write, or fix its permissions'],
  EPERM: ['is not readable (operation not permitted)', 'choose a folder you may read and write, or fix its permissions'],
  ENOTDIR: EXPLAINED.ENOTDIR,
  EBUSY: EXPLAINED.EBUSY,
  [NOT_REGULAR_FILE]: ['is not a regular file (a device, pipe or socket)', 'remove it (the package writes a file there), or choose another folder'],
};

/**
 * `err` as a `UserError` about `option` (`--out`) when it is an expected file-system failure of
 * `access` (writing by default); else `err`.
 */
export function explainFsError(err: unknown, option: string, fallbackPath: string, cwd: string = process.cwd(), access: 'read' | 'write' = 'write'): unknown {
  const code = errorCode(err);
  const explained = code === undefined ? undefined : (access === 'read' ? EXPLAINED_READING : EXPLAINED)[code];
  if (explained === undefined) return err;
  const where = (err as { path?: string }).path ?? fallbackPath;
  return new UserError(option, [issue(option, `${explained[0]}: ${displayPath(where, cwd)} (${code})`, displayPath(fallbackPath, cwd), explained[1])]);
}

/**
 * Runs `read`, which reads what is already in the folder `dir` that `option` names (`--out`,
 * `--dir`): a folder this user may not read is the user's to fix, reported as such.
 */
export function readingFolder<T>(option: string, dir: string, cwd: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw explainFsError(err, option, dir, cwd, 'read');
  }
}

/**
 * A file of a package that exists but cannot be read (another user's file, without read access for
 * this one) as a `UserError` about that file; any other error is returned as it is.
 */
export function explainUnreadableFile(err: unknown, cwd: string = process.cwd()): unknown {
  const code = errorCode(err);
  const explained = code === undefined ? undefined : EXPLAINED_READING[code];
  const file = (err as { path?: unknown }).path;
  if (explained === undefined || typeof file !== 'string') return err;
  return new UserError(displayPath(file, cwd), [{ path: '(file)', message: `${explained[0]} (${code})`, fix: 'give the user running this read access to it, or run as its owner' }]);
}

/**
 * Checks that `file`, an input the user names (`shown` as they wrote it), can be read: it exists,
 * is a regular file (a pipe could make the read wait forever) and this user may read it. Else a
 * `UserError` about `shown` saying which, with `missingFix` when it does not exist.
 */
export function checkReadableFile(file: string, shown: string, missingFix: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = statIfPresent(file);
    if (stat?.isFile()) fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    throw explainUnreadableFile(err);
  }
  if (stat === undefined) throw new UserError(shown, [issue('file', 'does not exist', file, missingFix)]);
  if (stat.isDirectory()) throw new UserError(shown, [issue('file', 'is a folder, not a file', file, `pass the file itself, not its folder; ${missingFix}`)]);
  if (!stat.isFile()) throw new UserError(shown, [issue('file', 'is not a regular file (a device, pipe or socket)', file, missingFix)]);
}

/** The nearest existing path at or above `target` (the file system root at worst). */
function nearestExisting(target: string): string {
  let existing = target;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return existing;
}

/** A user error when an existing ancestor of `target` (not `target` itself) is a file. */
function checkAncestors(target: string, option: string, cwd: string): void {
  const existing = nearestExisting(path.dirname(target));
  if (!fs.statSync(existing).isDirectory()) {
    throw new UserError(option, [issue(option, `is under ${displayPath(existing, cwd)}, which is a file`, displayPath(target, cwd), 'choose a path whose parent folders are folders')]);
  }
}

/**
 * Checks that `dir` can be a package folder before any work: a folder, or a path that does not exist
 * yet under folders. `option` names it in the message (`--out`).
 */
export function checkFolderPath(dir: string, option: string, cwd: string = process.cwd()): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new UserError(option, [issue(option, 'names a file, not a folder', displayPath(dir, cwd), 'pass the folder that holds (or will hold) manifest.yaml')]);
  }
  checkAncestors(dir, option, cwd);
}

/** Checks that `file` can be written as a file: not a folder, not under a file. */
export function checkFilePath(file: string, option: string, example: string, cwd: string = process.cwd()): void {
  const existing = statIfPresent(file);
  if (existing?.isDirectory()) {
    const shown = displayPath(file, cwd);
    throw new UserError(option, [issue(option, 'names a folder; it takes the path of the file to write', shown, `pass a file path, for example ${option} ${path.join(shown, example)}`)]);
  }
  if (existing !== undefined && !existing.isFile()) throw explainFsError(new NotRegularFileError(file), option, file, cwd);
  checkAncestors(file, option, cwd);
}
