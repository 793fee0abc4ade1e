/**
 * What validate, package and publish know about the package they check: its package record (SCP
 * budget, organization, management account, home region), read from the package itself, so they
 * never need the environment map (the pre-commit hook must not depend on a half-edited `map.ts`).
 * With `--map` or `--env`, they also check the record against that map entry.
 */
import * as path from 'path';
import type { ResolvedConfig } from '../../cdk/env/resolve';
import type { Issue, UserError } from '../../cdk/errors';
import { RECORD_FILE } from '../../cdk/names';
import { readingFolder } from '../../cdk/package/fs-errors';
import { identityMismatches, identityOf, readRecord, type PackageRecord } from '../../cdk/package/record';
import { PackageValidationError } from '../../cdk/package/validate/format';
import { displayPath } from '../../cdk/paths';
import { integerOption, PROGRAM, type Io, type OptionSpec } from './command';

export const PACKAGE_OPTIONS = {
  map: { type: 'string', value: '<file>', description: `also check that the package was built from this map's environment (its ${RECORD_FILE})` },
  env: { type: 'string', value: '<name>', description: 'the environment of the map to check against (default: its defaultEnvironment; the map defaults to cdk/env/map.ts, else the example)' },
  'scp-budget': { type: 'string', value: '<characters>', description: `SCP size budget to check against (default: the package record's scpSizeBudget, else 5120)` },
} as const satisfies Record<string, OptionSpec>;

export interface PackageValues {
  readonly map?: string;
  readonly env?: string;
  readonly 'scp-budget'?: string;
}

/** What the package commands take from the package (and, when given, the map). */
export interface PackageSettings {
  /** SCP size budget to check policies against; undefined for validate's default. */
  readonly scpBudget?: number;
  /** The package's record, when it has one. */
  readonly record?: PackageRecord;
  /** Where the record and the map entry `--map`/`--env` name disagree (empty without them). */
  readonly mismatches: readonly Issue[];
}

/**
 * The settings of the package in `dir`: its record, the SCP budget (`--scp-budget`, else the
 * record's, else the map entry's when `--map`/`--env` is given), and, with `--map`/`--env`, every
 * identity field where the record and the map entry differ.
 */
export function packageSettings(command: string, values: PackageValues, io: Pick<Io, 'cwd' | 'stderr'>, dir: string): PackageSettings {
  const override = integerOption(command, 'scp-budget', values['scp-budget'], 10240);
  const record = readingFolder('--dir', dir, io.cwd, () => readRecord(dir, displayPath(path.join(dir, RECORD_FILE), io.cwd)));
  const checked = checkRecordAgainstMap(record, values, io);
  return { scpBudget: override ?? record?.scpSizeBudget ?? checked?.config.policies.scpSizeBudget, record, mismatches: checked?.mismatches ?? [] };
}

/**
 * With `--map` or `--env`: the map entry they name, and every identity field where `record` differs
 * from it (none when there is no record). Without them: undefined, and no map is loaded.
 */
export function checkRecordAgainstMap(record: PackageRecord | undefined, values: Pick<PackageValues, 'map' | 'env'>, io: Pick<Io, 'cwd' | 'stderr'>): { config: ResolvedConfig; mismatches: Issue[] } | undefined {
  if (values.map === undefined && values.env === undefined) return undefined;
  // Loaded only when a map is asked for: validate's usual path stays free of esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadSelectedEnvironment } = require('./environment') as typeof import('./environment');
  const { config, source } = loadSelectedEnvironment(values, io);
  if (record === undefined) return { config, mismatches: [] };
  const fix = `rebuild the package from that map entry (\`${PROGRAM} build --map ${source} --env ${config.name}\`), or check it against the map entry it was built from (${record.map}, environment "${record.environment}")`;
  const mismatches = identityMismatches(record, identityOf(config), `environment "${config.name}" of ${source}`, fix).map((found) => ({ ...found, file: RECORD_FILE }));
  return { config, mismatches };
}

/** A user error listing `issues` (validate's and the record's), with `<what>: N issues in M files`. */
export function packageIssuesError(issues: readonly Issue[], what: string): UserError {
  return new PackageValidationError(issues, what);
}
