/**
 * Options shared by validate, package and publish: which environment the package was built from
 * (its SCP budget, its management account) and `--scp-budget` to override the budget.
 */
import { defaultMapFile } from '../../cdk/env/load';
import { DEFAULTS } from '../../cdk/env/resolve';
import { issue, UserError } from '../../cdk/errors';
import type { Io, Options } from './command';
import { loadSelectedEnvironment, MAP_OPTIONS } from './environment';

export const PACKAGE_OPTIONS = {
  ...MAP_OPTIONS,
  'scp-budget': { type: 'string', value: '<characters>', description: "SCP size budget to check against (default: the environment's policies.scpSizeBudget, else 5120)" },
} as const satisfies Options;

/** What the package commands take from the environment map. */
export interface PackageSettings {
  /** SCP size budget to check policies against. */
  readonly scpBudget: number;
  /** For the CfCT source bucket's name, when the environment gives it. */
  readonly managementAccountId?: string;
}

/**
 * The settings of the environment the package is built from. The map is read only when `--map` or
 * `--env` is given or the working directory has one (a CfCT repository without a map validates
 * with the defaults, and the pre-commit path loads no esbuild).
 */
export function packageSettings(
  command: string,
  values: { readonly env?: string; readonly map?: string; readonly 'scp-budget'?: string },
  io: Pick<Io, 'cwd'>,
): PackageSettings {
  const raw = values['scp-budget'];
  if (raw !== undefined && !/^[0-9]+$/.test(raw)) {
    throw new UserError(command, [issue('--scp-budget', 'is not a whole number', raw, 'pass the budget in characters, for example --scp-budget 10240')]);
  }
  const useMap = values.map !== undefined || values.env !== undefined || defaultMapFile(io.cwd) !== undefined;
  const config = useMap ? loadSelectedEnvironment(values, io).config : undefined;
  return {
    scpBudget: raw === undefined ? (config?.policies.scpSizeBudget ?? DEFAULTS.scpSizeBudget) : Number(raw),
    managementAccountId: config?.managementAccountId,
  };
}
