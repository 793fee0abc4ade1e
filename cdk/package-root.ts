/**
 * The root of this project: the folder holding its `package.json`. Found once, by walking up from
 * this file, so code keeps working wherever it runs from (`cdk/` under tsx, or a compiled `lib/cdk/`).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The `name` in this project's `package.json`. */
export const PACKAGE_NAME = 'bedrock-invocation-logging-cfct';

/** The nearest folder at or above `start` whose `package.json` is this project's. */
export function findPackageRoot(start: string, name: string = PACKAGE_NAME): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (readPackageName(path.join(dir, 'package.json')) === name) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`no package.json named "${name}" in ${start} or any folder above it`);
    }
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
      return parsed.name;
    }
  } catch {
    // no package.json here, or not JSON: keep walking up
  }
  return undefined;
}

/** This project's root folder. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);
