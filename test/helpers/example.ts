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

/** A deep copy of the raw example environment, to mutate in tests. */
export function rawExample(): Record<string, any> {
  return JSON.parse(JSON.stringify(environmentMap.environments.example)) as Record<string, any>;
}

/** The raw example environment, typed. */
export function exampleEnvironment(): EnvironmentConfig {
  return rawExample() as EnvironmentConfig;
}
