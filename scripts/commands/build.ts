/**
 * `build [--env <name>] [--map <file>] [--out <dir>]`: writes the CfCT package (manifest.yaml,
 * customizations/, policies/) for one environment of the map. The package in the output folder is
 * replaced only when the whole build succeeded and the new package passes `validate`.
 */
import * as path from 'path';
import { LIMITS } from '../../cdk/constants';
import { buildPackage } from '../../cdk/package/build';
import { PackageValidationError, validatePackage } from '../../cdk/package/validate';
import { writePackageAtomically } from '../../cdk/package/write';
import { displayPath } from '../../cdk/paths';
import { defineCommand, PROGRAM, seconds } from '../lib/command';
import { loadSelectedEnvironment, MAP_OPTIONS } from '../lib/environment';

export const build = defineCommand({
  name: 'build',
  summary: 'Writes the CfCT package (manifest.yaml, customizations/, policies/) for one environment of the map.',
  options: {
    ...MAP_OPTIONS,
    out: { type: 'string', value: '<dir>', description: 'folder to write the package to (default: the working directory)' },
  },
  run({ values, io }) {
    const start = performance.now();
    const out = path.resolve(io.cwd, values.out ?? '.');
    const { config, source } = loadSelectedEnvironment(values, io);
    const built = buildPackage(config, `Built by \`${PROGRAM} build --env ${config.name}\` from ${source}.`);
    // The new package must pass the same checks as `validate` before it replaces the old one.
    writePackageAtomically(out, built.files, (staging) => {
      const issues = validatePackage(staging, { scpBudget: config.policies.scpSizeBudget });
      if (issues.length > 0) throw new PackageValidationError(issues, 'build (nothing was written)');
    });

    io.stdout.write(`Built environment "${config.name}" from ${source} into ${displayPath(out, io.cwd)}/\n`);
    for (const [file, content] of built.files) {
      io.stdout.write(`  ${file.padEnd(56)} ${String(Buffer.byteLength(content)).padStart(7)} bytes\n`);
    }
    for (const policy of built.policies) {
      io.stdout.write(`  ${policy.kind.toUpperCase()} ${policy.name}: ${policy.cfctSize} of ${policy.budget} characters\n`);
    }
    for (const [name, code] of Object.entries(built.handlers)) {
      io.stdout.write(`  handler ${name}: ${Buffer.byteLength(code)} bytes of inline code (limit ${LIMITS.inlineCodeBytes})\n`);
    }
    io.stdout.write(`Build finished in ${seconds(start)} s\n`);
  },
});
