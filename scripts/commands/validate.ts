/**
 * `validate [--dir <folder>] [--env <name>] [--map <file>] [--scp-budget <n>]`: checks a CfCT package
 * on disk without synthesizing anything, prints every issue at once and exits 1 when there is any.
 * Fast enough for a pre-commit hook: it loads neither aws-cdk-lib nor esbuild unless a map is read.
 */
import * as path from 'path';
import { MANIFEST_FILE } from '../../cdk/names';
import { PackageValidationError, validatePackage } from '../../cdk/package/validate';
import { defineCommand } from '../lib/command';
import { PACKAGE_OPTIONS, packageSettings } from '../lib/package-options';

export const validate = defineCommand({
  name: 'validate',
  summary: 'Checks a CfCT package (manifest.yaml and the files it references) the way CfCT will, without AWS.',
  options: {
    dir: { type: 'string', value: '<folder>', description: 'the package folder (default: the working directory)' },
    ...PACKAGE_OPTIONS,
  },
  run({ values, io }) {
    const settings = packageSettings('validate', values, io);
    const dir = path.resolve(io.cwd, values.dir ?? '.');
    const started = performance.now();
    const issues = validatePackage(dir, { scpBudget: settings.scpBudget });
    if (issues.length > 0) throw new PackageValidationError(issues);
    const ms = Math.round(performance.now() - started);
    io.stdout.write(`validate: ${MANIFEST_FILE} and the files it references are valid (${ms} ms)\n`);
  },
});
