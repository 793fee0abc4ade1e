/** Options shared by validate, package and publish to say which environment a package is for. */
import { defaultMapFile } from '../../cdk/env/load';
import { integerOption, type Io, type OptionSpec } from './command';
import { loadSelectedEnvironment, MAP_OPTIONS } from './environment';

export const PACKAGE_OPTIONS = {
  ...MAP_OPTIONS,
  'scp-budget': { type: 'string', value: '<characters>', description: "SCP size budget to check against (default: the environment's policies.scpSizeBudget)" },
} as const satisfies Record<string, OptionSpec>;

/** What the package commands take from the environment map. */
export interface PackageSettings {
  /** SCP size budget to check policies against. */
  readonly scpBudget?: number;
  /** For the CfCT source bucket's name, when the environment gives it. */
  readonly managementAccountId?: string;
}

/**
 * The settings of the environment the package was built from, when a map is at hand (`--map`, or
 * the default map of the working directory); `--scp-budget` overrides the environment's budget.
 */
export function packageSettings(command: string, values: { map?: string; env?: string; 'scp-budget'?: string }, io: Pick<Io, 'cwd'>): PackageSettings {
  const override = integerOption(command, 'scp-budget', values['scp-budget'], 10240);
  if (values.map === undefined && values.env === undefined && defaultMapFile(io.cwd) === undefined) return { scpBudget: override };
  const { config } = loadSelectedEnvironment(values, io);
  return { scpBudget: override ?? config.policies.scpSizeBudget, managementAccountId: config.managementAccountId };
}
