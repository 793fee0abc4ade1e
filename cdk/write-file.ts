/** Writing a file so that a reader never sees half of it. */
import * as fs from 'fs';
import * as path from 'path';

/** The error code of `NotRegularFileError` (BSD's name for an inappropriate file type). */
export const NOT_REGULAR_FILE = 'EFTYPE';

/**
 * `file` exists and is not a regular file: a device (`/dev/full`), a pipe, a socket, or a link to
 * one (`/dev/stdout`). Renaming over it would replace the device or link itself, so nothing is written.
 */
export class NotRegularFileError extends Error {
  readonly code = NOT_REGULAR_FILE;

  constructor(readonly path: string) {
    super(`${path} is not a regular file (a device, pipe or socket), which writing here would replace`);
  }
}

/**
 * What is at `path` (links followed), or undefined when nothing is: the path, or a folder on the way,
 * does not exist or is a file (ENOENT, ENOTDIR). Other errors (EACCES) are thrown.
 */
export function statIfPresent(path: string): fs.Stats | undefined {
  try {
    return fs.statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/**
 * Writes `data` to `file` atomically: creates the folder, writes a temporary file next to `file`,
 * then renames it over `file`. On failure the temporary file is removed and the error rethrown
 * unchanged (callers map it to their own messages). An existing `file` must be a regular file
 * (links are followed): anything else is a `NotRegularFileError`, and nothing is written.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const existing = statIfPresent(file);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) throw new NotRegularFileError(file);
  const temp = `${file}.tmp-${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
