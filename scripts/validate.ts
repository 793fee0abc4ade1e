/**
 * `npm run validate [-- --dir <folder>] [--scp-budget <n>]`: checks the CfCT package on disk
 * (the committed one at the repository root by default) without synthesizing anything, prints
 * every issue at once and exits 1 when there is any. Fast enough for a pre-commit hook: it loads
 * neither aws-cdk-lib nor esbuild, and the npm script runs it with `node --require tsx/cjs`
 * (tsx's CommonJS-only mode; the project compiles to CommonJS), which skips the ESM loader
 * thread that `tsx` and `node --import tsx` start: `npm run bench` shows the difference.
 */
import * as path from 'path';
import { MANIFEST_FILE } from '../cdk/constants';
import { PackageValidationError } from '../cdk/package/errors';
import { validatePackage } from '../cdk/package/validate';
import { ENVIRONMENT_OPTIONS, ENVIRONMENT_USAGE, environmentSettings } from './lib/environment-options';
import { parseCommandArgs, runCommand } from './lib/run-command';

const USAGE = `npm run validate -- [--dir <package folder>] ${ENVIRONMENT_USAGE}`;
const REPO_ROOT = path.resolve(__dirname, '..');

void runCommand(() => {
  const args = parseCommandArgs('validate', USAGE, {
    dir: { type: 'string' },
    ...ENVIRONMENT_OPTIONS,
  });
  const settings = environmentSettings(args);
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  const started = performance.now();
  const issues = validatePackage(dir, { scpBudget: settings.scpBudget });
  if (issues.length > 0) throw new PackageValidationError(issues);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`validate: ${MANIFEST_FILE} and the files it references are valid (${ms} ms)\n`);
  return 0;
});
