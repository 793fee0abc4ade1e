/**
 * `build [--map <file>] [--env <name>] [--out <dir>] [--check] [--replace-organization]`: writes
 * the CfCT package of one environment into a folder, which may already hold a CfCT configuration.
 * Only this package's manifest resources and files (its package record says which) are added,
 * replaced or removed; every other resource, comment and file stays byte for byte. The folder
 * changes only when the whole build succeeded and the new package passes `validate`; a second build
 * of the same input changes nothing. With `--check` (= the `check` command) nothing is written: exit
 * 1 lists every file and resource that differs from what the map builds.
 */
import * as path from 'path';
import { LIMITS } from '../../cdk/constants';
import { formatIssue, UserError } from '../../cdk/errors';
import { buildPackage, type BuiltPackage } from '../../cdk/package/build';
import { describeDifferences } from '../../cdk/package/diff';
import { checkFolderPath, readingFolder } from '../../cdk/package/fs-errors';
import { planPackage, validatePlan, type PackagePlan } from '../../cdk/package/plan';
import { readRecord } from '../../cdk/package/record';
import { PackageValidationError } from '../../cdk/package/validate';
import { writePlan } from '../../cdk/package/write';
import { RECORD_FILE } from '../../cdk/names';
import { displayPath } from '../../cdk/paths';
import { defineCommand, PROGRAM, seconds, type Io } from '../lib/command';
import { BUILD_MAP_OPTIONS, loadPackageEnvironment } from '../lib/environment';

export const BUILD_OPTIONS = {
  ...BUILD_MAP_OPTIONS,
  out: { type: 'string', value: '<dir>', description: 'the package folder: a new one, this package, or a CfCT configuration to add it to (default: the working directory)' },
  'replace-organization': { type: 'boolean', description: `let the package of another organization in the folder be replaced (its ${RECORD_FILE} says which)` },
} as const;

interface BuildValues {
  readonly map?: string;
  readonly env?: string;
  readonly out?: string;
  readonly 'replace-organization'?: boolean;
}

/** Everything up to the plan: the folder checked, the map loaded, the package built and merged. */
export function planBuild(values: BuildValues, io: Pick<Io, 'cwd' | 'stderr'>): { plan: PackagePlan; source: string; built: BuiltPackage } {
  const out = path.resolve(io.cwd, values.out ?? '.');
  checkFolderPath(out, '--out', io.cwd);
  const previous = readingFolder('--out', out, io.cwd, () => readRecord(out, displayPath(path.join(out, RECORD_FILE), io.cwd)));
  const { config, file } = loadPackageEnvironment(values, io, out, previous);
  const built = buildPackage(config);
  const plan = readingFolder('--out', out, io.cwd, () => planPackage({ dir: out, built, mapFile: file, previous, replaceOrganization: values['replace-organization'] }));
  return { plan, source: displayPath(file, io.cwd), built };
}

/** `check`: exit 0 when the folder holds what the map builds, else a `UserError` listing each difference. */
export function runCheck(values: BuildValues, io: Io): void {
  const { plan, source } = planBuild(values, io);
  const shown = displayPath(plan.dir, io.cwd);
  const rebuild = `run \`${PROGRAM} build${values.out === undefined ? '' : ` --out ${values.out}`}\` (with the same --map/--env) and commit the result`;
  const differences = describeDifferences(plan, rebuild);
  if (differences.length > 0) {
    throw new UserError(shown, differences, `check: ${shown} is not what ${source} builds for environment "${plan.record.environment}"`);
  }
  io.stdout.write(`check: ${shown} is what ${source} builds for environment "${plan.record.environment}" (${plan.files.size} files)\n`);
}

export const build = defineCommand({
  name: 'build',
  summary: 'Writes (or, with --check, compares) the CfCT package of one environment of the map; merges into an existing CfCT configuration.',
  options: {
    ...BUILD_OPTIONS,
    check: { type: 'boolean', description: 'write nothing; exit 1 listing every file and resource that differs from what the map builds' },
  },
  run({ values, io }) {
    if (values.check === true) return runCheck(values, io);
    const start = performance.now();
    const { plan, source, built } = planBuild(values, io);
    const budget = built.config.policies.scpSizeBudget;
    const { ours, foreign } = validatePlan(plan, budget);
    if (ours.length > 0) throw new PackageValidationError([...ours], 'build (nothing was written)');
    writePlan(plan, '--out', io.cwd);

    const shown = displayPath(plan.dir, io.cwd);
    const out = (line: string): unknown => io.stdout.write(`${line}\n`);
    out(`Built environment "${plan.record.environment}" (organization ${plan.record.organizationId}) from ${source} into ${shown}/`);
    for (const [file, content] of plan.files) {
      const status = plan.writes.has(file) ? 'written' : 'unchanged';
      out(`  ${file.padEnd(56)} ${String(Buffer.byteLength(content)).padStart(7)} bytes  ${status}`);
    }
    for (const file of plan.removals) out(`  ${file.padEnd(56)} ${''.padStart(7)}        removed (stale)`);
    for (const policy of built.policies) out(`  ${policy.kind.toUpperCase()} ${policy.name}: ${policy.cfctSize} of ${policy.budget} characters`);
    for (const [name, code] of Object.entries(built.handlers)) out(`  handler ${name}: ${Buffer.byteLength(code)} bytes of inline code (limit ${LIMITS.inlineCodeBytes})`);
    for (const note of plan.notes) out(`Note: ${note}`);
    if (foreign.length > 0) {
      out(`Note: validate also reports ${foreign.length} issue(s) in resources and files that are not this package's (left as they were):`);
      for (const found of foreign) out(`  ${formatIssue(found)}`);
    }
    out(plan.writes.size + plan.removals.length === 0 ? `Nothing changed (${seconds(start)} s)` : `Build finished in ${seconds(start)} s`);
  },
});
