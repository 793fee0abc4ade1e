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

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json named ${PACKAGE_NAME} above ${start}`);
  }
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
