/**
 * Loads the environment map: a TypeScript (or JavaScript) module exporting `environmentMap`,
 * transformed with esbuild and evaluated in this process, so the compiled CLI needs no TypeScript
 * runtime. Mistakes in the map are user errors naming the file, line and column: a syntax error
 * (esbuild's), an error thrown while it runs (a `ReferenceError`, say; located through the
 * transform's source map, decoded here), a missing export, an invalid environment.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import { UserError, countIssues, formatIssue, messageOf, plainUserError, userError, type Issue } from '../errors';
import { bundleCacheDir, type BundleKey, lookupBundle, storeBundle } from '../bundle-cache';
import { esbuild, ESBUILD_VERSION } from '../esbuild';
import { checkReadableFile } from '../package/fs-errors';
import { displayPath, PACKAGE_ROOT, projectFile } from '../paths';
import type { ResolvedConfig } from './resolve';
import { inlineSourceMap, originalPosition } from './source-map';
import type { EnvironmentMap } from './types';
import { checkEnvironment } from './validate';

/** The operator's map in a checkout of this repository (git-ignored here); wins over the example. */
export const USER_MAP = path.join('cdk', 'env', 'map.ts');
/** The committed example map, relative to a checkout's root. */
export const EXAMPLE_MAP = path.join('cdk', 'env', 'map.example.ts');
/** This project's example map. */
export const EXAMPLE_MAP_FILE = projectFile(EXAMPLE_MAP);

/**
 * The map in force when `--map` is not given: `cdk/env/map.ts` under `dir` when it exists, else the
 * example beside it; undefined when `dir` holds neither (the CLI run outside this repository).
 */
function defaultMapFile(dir: string): string | undefined {
  return [USER_MAP, EXAMPLE_MAP].map((rel) => path.join(dir, rel)).find((file) => fs.existsSync(file));
}

/** The map file to load: `--map` resolved against `cwd`, else the default; a user error when there is none. */
export function mapFileFor(option: string | undefined, cwd: string): string {
  if (option !== undefined) return path.resolve(cwd, option);
  const found = defaultMapFile(cwd);
  if (found === undefined) {
    throw userError('--map', '--map', 'is needed: this folder has no cdk/env/map.ts', undefined,
      'pass --map <file>, the environment map kept in your CfCT repository (see the README\'s "CLI against a separate CfCT repository")');
  }
  return found;
}

/** The location `file:line:column` of the first frame of `stack` inside `file`. */
function locationIn(stack: string, file: string): { line: number; column: number } | undefined {
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(`${file}:`);
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(frame.slice(at + file.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return undefined;
}

const MAP_FIX = 'fix the map; cdk/env/map.example.ts shows the shape';

/**
 * Transforms and evaluates a map module; returns its exports. TypeScript types are stripped, not
 * checked (the validator checks every value at run time); local imports are bundled, packages
 * are `require`d from the map's folder.
 */
function evaluateMapFile(file: string, shown: string = displayPath(file)): Record<string, unknown> {
  checkReadableFile(file, shown, 'copy cdk/env/map.example.ts to cdk/env/map.ts, or pass --map <file>');
  if (file.endsWith('.json')) {
    try {
      return { environmentMap: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
    } catch (err) {
      throw plainUserError(shown, 'file', `is not valid JSON: ${messageOf(err)}`, MAP_FIX);
    }
  }
  let code: string;
  try {
    code = transformMap(file);
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    if (errors.length === 0) throw err;
    throw new UserError(shown, errors.map((e): Issue => ({
      file: e.location ? displayPath(path.resolve(path.dirname(file), e.location.file)) : shown,
      line: e.location?.line,
      column: e.location ? e.location.column + 1 : undefined,
      path: '',
      message: e.text,
      fix: 'correct the syntax there',
    })));
  }
  try {
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    (mod as unknown as { _compile(code: string, file: string): void })._compile(code, file);
    return mod.exports as Record<string, unknown>;
  } catch (err) {
    // Not `instanceof Error`: the map's errors may come from another realm (a test runner's sandbox).
    const { name, stack, message } = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; stack?: unknown; message?: unknown };
    const generated = typeof stack === 'string' ? locationIn(stack, file) : undefined;
    const map = inlineSourceMap(code);
    const where = generated && map ? originalPosition(map, generated.line, generated.column) : undefined;
    throw new UserError(shown, [{
      file: shown,
      ...(where ? { line: where.line, column: where.column } : {}),
      path: '',
      message: `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : messageOf(err)} (while the map ran)`,
      fix: MAP_FIX,
    }]);
  }
}

/** esbuild's options for a map: local imports bundled, packages left to `require`, an inline source map. */
const MAP_BUILD_OPTIONS = {
  bundle: true,
  packages: 'external',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  write: false,
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'silent',
} as const;

/**
 * The map as CommonJS. esbuild's synchronous API starts its service process for each call (about
 * 100 ms, most of a warm build's wait), so the output is kept in the content-addressed cache of
 * `bundle-cache.ts`, checked against every file esbuild read, and served only when none changed.
 */
function transformMap(file: string): string {
  const root = path.dirname(file);
  const key: BundleKey = {
    name: 'map',
    root,
    cacheDir: path.join(path.dirname(bundleCacheDir(PACKAGE_ROOT)), 'maps'),
    parts: [ESBUILD_VERSION, JSON.stringify(MAP_BUILD_OPTIONS), file],
  };
  const cached = lookupBundle(key);
  if (cached !== undefined) return cached;
  const startedAt = Date.now();
  const result = esbuild().buildSync({ ...MAP_BUILD_OPTIONS, entryPoints: [file], absWorkingDir: root, metafile: true });
  const code = result.outputFiles[0].text;
  storeBundle(key, Object.keys(result.metafile.inputs), code, startedAt);
  return code;
}

/** Reads a map file and checks it exports an `environmentMap` (or a default export) with `environments`. */
export function readMapFile(file: string, shown: string = displayPath(file)): EnvironmentMap {
  const mod = evaluateMapFile(file, shown);
  const map = mod.environmentMap ?? mod.default;
  const environments = (map as { environments?: unknown } | undefined)?.environments;
  if (typeof map !== 'object' || map === null || typeof environments !== 'object' || environments === null || Array.isArray(environments)) {
    throw userError(shown, 'environmentMap', 'is not exported, or has no `environments` object', map === undefined ? undefined : typeof map,
      'export `const environmentMap: EnvironmentMap = { environments: { <name>: { ... } } }` as in cdk/env/map.example.ts');
  }
  return map as EnvironmentMap;
}

export interface LoadedEnvironment {
  /** The map file it came from, as shown to the user. */
  readonly source: string;
  /** Absolute path of the map file. */
  readonly file: string;
  readonly config: ResolvedConfig;
  /** The whole map (every environment). */
  readonly map: EnvironmentMap;
  /**
   * Warnings of every environment of the map, paths from the map's root
   * (`environments.<name>.…`): print them (`formatWarnings`); they never refuse the build.
   */
  readonly warnings: readonly Issue[];
}

/** Names the environments of a map (for `--help` and error messages). */
export function environmentNames(map: EnvironmentMap): string[] {
  return Object.keys(map.environments);
}

/** The environment `envName` selects (or the default), or a user error naming the choices. */
function selectEnvironment(map: EnvironmentMap, envName: string | undefined, source: string): string {
  const names = environmentNames(map);
  const name = envName ?? map.defaultEnvironment;
  if (name === undefined) {
    if (names.length === 1) return names[0];
    throw userError(source, 'defaultEnvironment', `is not set and the map has ${names.length} environments`, undefined,
      `pass --env <name> (one of: ${names.join(', ') || 'none'}) or set defaultEnvironment`);
  }
  if (!Object.prototype.hasOwnProperty.call(map.environments, name)) {
    const field = envName === undefined ? 'defaultEnvironment' : '--env';
    throw userError(source, field, 'names no environment of the map', name, `use one of: ${names.join(', ') || '(the map is empty)'}`);
  }
  return name;
}

/** The subject the issues of one environment are reported under: `<map> (environment "<name>")`. */
function environmentSubject(source: string, name: string): string {
  return `${source} (environment "${name}")`;
}

/** One environment's issue, its path made absolute in the map: `environments.<name>.<path>`. */
function inMap(name: string, found: Issue): Issue {
  return { ...found, path: found.path === '' ? `environments.${name}` : `environments.${name}.${found.path}` };
}

/** What checking a whole map found, per environment. */
interface MapCheck {
  /** Errors of the selected environment, paths relative to it. */
  readonly errors: Issue[];
  /** Errors of the other environments, paths from the map's root (`environments.<name>.…`). */
  readonly otherErrors: Issue[];
  /** Warnings of every environment, paths from the map's root. */
  readonly warnings: Issue[];
  /** The selected environment resolved, when its structural check found nothing. */
  readonly config?: ResolvedConfig;
}

/**
 * Checks every environment of the map. A map is shared configuration: an environment nobody builds
 * today is built tomorrow, so an error in any environment refuses the build of every one (fix it or
 * remove the environment). Warnings of all of them are returned, never thrown.
 */
function checkMap(map: EnvironmentMap, selected: string): MapCheck {
  const result: MapCheck = { errors: [], otherErrors: [], warnings: [] };
  let config: ResolvedConfig | undefined;
  for (const name of [selected, ...environmentNames(map).filter((n) => n !== selected)]) {
    const check = checkEnvironment(name, map.environments[name]);
    if (name === selected) {
      result.errors.push(...check.errors);
      config = check.config;
    } else {
      result.otherErrors.push(...check.errors.map((i) => inMap(name, i)));
    }
    result.warnings.push(...check.warnings.map((i) => inMap(name, i)));
  }
  return { ...result, config };
}

/** Warnings as lines: `warning: <map> has N warnings:` then one line each. */
export function formatWarnings(source: string, warnings: readonly Issue[]): string {
  return [`warning: ${source} has ${countIssues(warnings.length, 'warning')}:`, ...warnings.map(formatIssue)].join('\n');
}

/**
 * Loads, validates and resolves one environment, after checking every environment of the map
 * (`checkMap`). Throws a `UserError` listing every error: under `<map> (environment "<name>")` when
 * only the selected environment has errors, else under the map with paths from its root.
 *
 * @param envName the environment; defaults to the map's `defaultEnvironment`, or its only one
 * @param mapFile absolute path of the map module
 */
export function loadEnvironment(envName: string | undefined, mapFile: string): LoadedEnvironment {
  const source = displayPath(mapFile);
  const map = readMapFile(mapFile, source);
  const name = selectEnvironment(map, envName, source);
  const { errors, otherErrors, warnings, config } = checkMap(map, name);
  if (otherErrors.length > 0) throw new UserError(source, [...errors.map((i) => inMap(name, i)), ...otherErrors]);
  if (errors.length > 0) throw new UserError(environmentSubject(source, name), errors);
  if (config === undefined) throw new Error(`environment "${name}" passed its checks unresolved`);
  return { source, file: mapFile, config, map, warnings };
}
