/**
 * `--env` and `--map`: which environment of which map a command works on. The map is
 * `--map <file>` (resolved against the working directory), else `cdk/env/map.ts` there, else the
 * example beside it; the environment is `--env`, else the map's default, else its only one.
 */
import { loadEnvironment, mapFileFor, type LoadedEnvironment } from '../../cdk/env/load';
import type { Io, Options } from './command';

/** The options that select an environment. */
export const MAP_OPTIONS = {
  env: { type: 'string', value: '<name>', description: "environment of the map (default: the map's defaultEnvironment, or its only one)" },
  map: { type: 'string', value: '<file>', description: 'the environment map (default: cdk/env/map.ts, else cdk/env/map.example.ts, in the working directory)' },
} as const satisfies Options;

/** Loads, validates and resolves the environment the options select; user errors name file, field and fix. */
export function loadSelectedEnvironment(values: { readonly env?: string; readonly map?: string }, io: Pick<Io, 'cwd'>): LoadedEnvironment {
  return loadEnvironment(values.env, mapFileFor(values.map, io.cwd));
}
