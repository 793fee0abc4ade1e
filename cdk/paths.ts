/**
 * Where this project's own files are, whether the code runs from its TypeScript sources (`cdk/`,
 * `scripts/`) or compiled (`lib/cdk/`, `lib/scripts/`), and how paths are shown to users.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The `name` in this project's package.json. */
export const PACKAGE_NAME = 'bedrock-invocation-logging-cfct';

/** The folder holding this project's package.json: the first one above this file. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** The nearest folder at or above `start` whose `package.json` is this project's. */
function findPackageRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (readPackageName(path.join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json named "${PACKAGE_NAME}" in ${start} or any folder above it`);
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') return parsed.name;
  } catch {
    // no package.json here, or not JSON: keep walking up
  }
  return undefined;
}

/** A file of this project, by its path relative to the project root (`cdk/env/map.example.ts`). */
export function projectFile(relative: string): string {
  return path.join(PACKAGE_ROOT, relative);
}

/**
 * `file` as a user reads it in a message: relative to `base` (the working directory by default)
 * when it is inside it, else absolute. `.` for `base` itself.
 */
export function displayPath(file: string, base: string = process.cwd()): string {
  const relative = path.relative(base, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
