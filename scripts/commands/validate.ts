/**
 * `validate [--dir <folder>] [--scp-budget <n>] [--map <file> --env <name>]`: checks a CfCT package
 * on disk without synthesizing anything, prints every issue at once and exits 1 when there is any.
 * The SCP budget comes from the package record, so no map is loaded unless `--map`/`--env` asks for
 * the record to be checked against one: fast enough for a pre-commit hook, and a half-edited map
 * cannot block a commit. It loads neither aws-cdk-lib, esbuild nor the AWS SDK (a test checks).
 */
import * as path from 'path';
import { MANIFEST_FILE } from '../../cdk/names';
import { validatePackage } from '../../cdk/package/validate';
import { defineCommand } from '../lib/command';
import { PACKAGE_OPTIONS, packageIssuesError, packageSettings } from '../lib/package-options';

export const validate = defineCommand({
  name: 'validate',
  summary: 'Checks a CfCT package (manifest.yaml and the files it references) the way CfCT will, without AWS.',
  options: {
    dir: { type: 'string', value: '<folder>', description: 'the package folder (default: the working directory)' },
    ...PACKAGE_OPTIONS,
  },
  run({ values, io }) {
    const started = performance.now();
    const dir = path.resolve(io.cwd, values.dir ?? '.');
    const settings = packageSettings('validate', values, io, dir);
    const issues = [...validatePackage(dir, { scpBudget: settings.scpBudget }), ...settings.mismatches];
    if (issues.length > 0) throw packageIssuesError(issues, 'validate');
    const ms = Math.round(performance.now() - started);
    io.stdout.write(`validate: ${MANIFEST_FILE} and the files it references are valid (${ms} ms)\n`);
  },
});
