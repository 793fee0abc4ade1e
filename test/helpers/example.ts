import * as fs from 'fs';
import { EXAMPLE_MAP_FILE, loadEnvironment } from '../../cdk/env/load';
import type { ResolvedConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';
import { environmentMap } from '../../cdk/env/map.example';

/** The committed example environment, resolved (what `npm run build` builds on a fresh clone). */
export function exampleConfig(): ResolvedConfig {
  return loadEnvironment('example', EXAMPLE_MAP_FILE).config;
}

/** The example map's `all-options` environment, resolved: every option on (KMS, CloudWatch Logs, RCP, ...). */
export function allOptionsConfig(): ResolvedConfig {
  return loadEnvironment(ALL_OPTIONS_ENVIRONMENT, EXAMPLE_MAP_FILE).config;
}

/** The name of that environment in cdk/env/map.example.ts. */
export const ALL_OPTIONS_ENVIRONMENT = 'all-options';

/** The example configuration with some fields replaced. */
export function exampleWith(change: (config: Record<string, any>) => void): ResolvedConfig {
  const config = JSON.parse(JSON.stringify(exampleConfig())) as Record<string, any>;
  change(config);
  return config as ResolvedConfig;
}

/** Writes `map` as a JavaScript map module (`exports.environmentMap = ...`) to `file`; returns `file`. */
export function writeMapFile(file: string, map: unknown): string {
  fs.writeFileSync(file, `exports.environmentMap = ${JSON.stringify(map)};\n`);
  return file;
}

/** A deep copy of the raw example environment, to mutate in tests. */
export function rawExample(): Record<string, any> {
  return JSON.parse(JSON.stringify(environmentMap.environments.example)) as Record<string, any>;
}

/** The raw example environment, typed. */
export function exampleEnvironment(): EnvironmentConfig {
  return rawExample() as EnvironmentConfig;
}
