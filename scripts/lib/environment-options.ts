import * as path from 'path';
import { defaultMapFile, loadEnvironment } from '../../cdk/env/load';
import { integerOption } from './run-command';

/** Options shared by validate, package and publish to say which environment the package is for. */
export const ENVIRONMENT_OPTIONS = {
  env: { type: 'string' },
  map: { type: 'string' },
  'scp-budget': { type: 'string' },
} as const;

export const ENVIRONMENT_USAGE = '[--env <name>] [--map <file>] [--scp-budget <characters>]';

/** What the package commands take from the environment map. */
export interface EnvironmentSettings {
  /** SCP size budget to check policies against. */
  readonly scpBudget: number;
  /** For the CfCT source bucket's name, when the environment gives it. */
  readonly managementAccountId?: string;
}

/**
 * The settings of the environment the package was built from: `--env` of `--map` (by default the
 * map's default environment of `cdk/env/map.ts`, else `map.example.ts`: what `npm run build`
 * builds). `--scp-budget` overrides the environment's budget. Reads only the environment map (no
 * CDK), so `validate` stays fast; an invalid map is reported like the build reports it.
 */
export function environmentSettings(args: { env?: string; map?: string; 'scp-budget'?: string }): EnvironmentSettings {
  const mapFile = args.map ? path.resolve(args.map) : defaultMapFile();
  const { config } = loadEnvironment(args.env, mapFile);
  return {
    scpBudget: integerOption('scp-budget', args['scp-budget']) ?? config.policies.scpSizeBudget,
    managementAccountId: config.managementAccountId,
  };
}
