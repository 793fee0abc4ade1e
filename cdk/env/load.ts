import * as fs from 'fs';
import * as path from 'path';
import { UserError, formatIssue } from '../errors';
import { resolveConfig, type ResolvedConfig } from './resolve';
import type { EnvironmentMap } from './types';
import { validateEnvironment } from './validate';

export const ENV_DIR = __dirname;
/** The user's real map (git-ignored); wins over the example when present. */
export const USER_MAP_FILE = path.join(ENV_DIR, 'map.ts');
/** The committed example map. */
export const EXAMPLE_MAP_FILE = path.join(ENV_DIR, 'map.example.ts');

/** The map file in force: `map.ts` when it exists, else the example. */
export function defaultMapFile(): string {
  return fs.existsSync(USER_MAP_FILE) ? USER_MAP_FILE : EXAMPLE_MAP_FILE;
}

/** A path relative to the repository, for messages. */
export function displayPath(file: string): string {
  const rel = path.relative(path.resolve(ENV_DIR, '..', '..'), file);
  return rel.startsWith('..') ? file : rel;
}

/** Reads a map module (TypeScript through tsx or ts-jest, or JavaScript). */
export function readMapFile(file: string): unknown {
  if (!fs.existsSync(file)) {
    throw new UserError(displayPath(file), [
      formatIssue('file', 'does not exist', file, 'copy cdk/env/map.example.ts to cdk/env/map.ts, or pass --map <file>'),
    ]);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(file)) as Record<string, unknown>;
  return mod.environmentMap ?? mod.default;
}

export interface LoadedEnvironment {
  /** The map file it came from, relative to the repository. */
  readonly source: string;
  readonly config: ResolvedConfig;
}

/** Names the environments of a map (for `--help` and error messages). */
export function environmentNames(map: EnvironmentMap): string[] {
  return Object.keys(map.environments);
}

/**
 * Loads, validates and resolves one environment. Throws a `UserError` listing every problem.
 *
 * @param envName the environment to build; defaults to the map's `defaultEnvironment`, or its only one
 * @param mapFile the map module; defaults to `map.ts` if present, else `map.example.ts`
 */
export function loadEnvironment(envName?: string, mapFile: string = defaultMapFile()): LoadedEnvironment {
  const source = displayPath(mapFile);
  const map = readMapFile(mapFile);
  if (typeof map !== 'object' || map === null || typeof (map as EnvironmentMap).environments !== 'object' || (map as EnvironmentMap).environments === null) {
    throw new UserError(source, [
      formatIssue('environmentMap', 'is not exported, or has no `environments` object', map === undefined ? undefined : typeof map,
        'export `const environmentMap: EnvironmentMap = { environments: { <name>: { ... } } }` as in cdk/env/map.example.ts'),
    ]);
  }
  const envMap = map as EnvironmentMap;
  const names = environmentNames(envMap);
  let name = envName ?? envMap.defaultEnvironment;
  if (name === undefined) {
    if (names.length !== 1) {
      throw new UserError(source, [
        formatIssue('defaultEnvironment', `is not set and the map has ${names.length} environments`, undefined,
          `pass --env <name> (one of: ${names.join(', ') || 'none'}) or set defaultEnvironment`),
      ]);
    }
    name = names[0];
  }
  if (!Object.prototype.hasOwnProperty.call(envMap.environments, name)) {
    const field = envName === undefined ? 'defaultEnvironment' : '--env';
    throw new UserError(source, [
      formatIssue(field, 'names no environment of the map', name, `use one of: ${names.join(', ') || '(the map is empty)'}`),
    ]);
  }
  const raw = envMap.environments[name];
  const issues = validateEnvironment(name, raw);
  if (issues.length > 0) {
    throw new UserError(`${source} (environment "${name}")`, issues);
  }
  return { source, config: resolveConfig(name, raw) };
}
