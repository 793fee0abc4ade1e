/** Writing a file so that a reader never sees half of it. */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `data` to `file` atomically: creates the folder, writes a temporary file next to `file`,
 * then renames it over `file`. On failure the temporary file is removed and the error rethrown
 * unchanged (callers map it to their own messages).
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
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
