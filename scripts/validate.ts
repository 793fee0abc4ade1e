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
import { integerOption, parseCommandArgs, runCommand } from './lib/run-command';

const USAGE = 'npm run validate -- [--dir <package folder>] [--scp-budget <characters, at most 10240>]';
const REPO_ROOT = path.resolve(__dirname, '..');

void runCommand(() => {
  const args = parseCommandArgs('validate', USAGE, {
    dir: { type: 'string' },
    'scp-budget': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return 0;
  }
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  const started = performance.now();
  const issues = validatePackage(dir, { scpBudget: integerOption('scp-budget', args['scp-budget']) });
  if (issues.length > 0) throw new PackageValidationError(issues);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`validate: ${MANIFEST_FILE} and the files it references are valid (${ms} ms)\n`);
  return 0;
});
