/** The `--map` and `--env` options every command that reads the environment map shares. */
import * as fs from 'fs';
import * as path from 'path';
import { formatWarnings, loadEnvironment, mapFileFor, USER_MAP, type LoadedEnvironment } from '../../cdk/env/load';
import { issue, UserError } from '../../cdk/errors';
import { RECORD_FILE } from '../../cdk/names';
import type { PackageRecord } from '../../cdk/package/record';
import { displayPath } from '../../cdk/paths';
import type { Io, OptionSpec } from './command';

export const MAP_OPTIONS = {
  map: {
    type: 'string',
    value: '<file>',
    description: 'environment map module (.ts, .js or .json; default: cdk/env/map.ts of the working directory, else cdk/env/map.example.ts)',
  },
  env: { type: 'string', value: '<name>', description: "environment of the map (default: the map's defaultEnvironment, or its only one)" },
} as const satisfies Record<string, OptionSpec>;

/** Prints the map's warnings on stderr (they never fail a command); returns `loaded`. */
function printWarnings(loaded: LoadedEnvironment, io: Pick<Io, 'stderr'>): LoadedEnvironment {
  if (loaded.warnings.length > 0) io.stderr.write(`${formatWarnings(loaded.source, loaded.warnings)}\n`);
  return loaded;
}

/**
 * Loads the environment `--env` names from the map `--map` names (or the defaults), and prints the
 * map's warnings on stderr (they never fail a command).
 */
export function loadSelectedEnvironment(values: { map?: string; env?: string }, io: Pick<Io, 'cwd' | 'stderr'>): LoadedEnvironment {
  return printWarnings(loadEnvironment(values.env, mapFileFor(values.map, io.cwd)), io);
}

/** `--map` and `--env` of the commands that (re)build a package folder: the defaults follow its record. */
export const BUILD_MAP_OPTIONS = {
  map: {
    type: 'string',
    value: '<file>',
    description: `environment map module (.ts, .js or .json; default: cdk/env/map.ts of the working directory, else the map the folder's ${RECORD_FILE} names, else cdk/env/map.example.ts)`,
  },
  env: { type: 'string', value: '<name>', description: "environment of the map (default: the one the package record names when the map is its map, else the map's defaultEnvironment)" },
} as const satisfies Record<string, OptionSpec>;

/**
 * The map and environment a package folder is built from: `--map`; else `cdk/env/map.ts` of the
 * working directory (this repository forked as the package); else the map the folder's package
 * record names (a CfCT repository that keeps its map: `build` there needs no options after the
 * first time); else the committed example (this repository). The environment: `--env`; else the
 * record's when the map is the record's map; else the map's default.
 */
export function loadPackageEnvironment(values: { map?: string; env?: string }, io: Pick<Io, 'cwd' | 'stderr'>, dir: string, record: PackageRecord | undefined): LoadedEnvironment {
  const recorded = record === undefined ? undefined : path.resolve(dir, record.map);
  let mapFile: string;
  if (values.map !== undefined) mapFile = path.resolve(io.cwd, values.map);
  else if (fs.existsSync(path.join(io.cwd, USER_MAP))) mapFile = path.join(io.cwd, USER_MAP);
  else if (recorded !== undefined) {
    if (!fs.existsSync(recorded)) {
      throw new UserError(displayPath(path.join(dir, RECORD_FILE), io.cwd), [issue('map', 'names the map the package was built from, which does not exist', record?.map,
        'pass --map <file> (and --env <name>) to say what to build from')]);
    }
    mapFile = recorded;
  } else mapFile = mapFileFor(undefined, io.cwd);
  const envName = values.env ?? (recorded !== undefined && path.resolve(mapFile) === recorded ? record?.environment : undefined);
  return printWarnings(loadEnvironment(envName, mapFile), io);
}
