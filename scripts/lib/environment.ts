/** The `--map` and `--env` options every command that reads the environment map shares. */
import { loadEnvironment, mapFileFor, type LoadedEnvironment } from '../../cdk/env/load';
import type { Io, OptionSpec } from './command';

export const MAP_OPTIONS = {
  map: {
    type: 'string',
    value: '<file>',
    description: 'environment map module (.ts, .js or .json; default: cdk/env/map.ts of the working directory, else cdk/env/map.example.ts)',
  },
  env: { type: 'string', value: '<name>', description: "environment of the map (default: the map's defaultEnvironment, or its only one)" },
} as const satisfies Record<string, OptionSpec>;

/** Loads the environment `--env` names from the map `--map` names (or the defaults). */
export function loadSelectedEnvironment(values: { map?: string; env?: string }, io: Pick<Io, 'cwd'>): LoadedEnvironment {
  return loadEnvironment(values.env, mapFileFor(values.map, io.cwd));
}
