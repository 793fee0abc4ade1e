/**
 * `npm run build [-- --env <name>] [--out <dir>] [--map <file>]`
 *
 * Writes the CfCT package (manifest.yaml, customizations/, policies/) for one environment of the
 * map. The package in the output folder is replaced only when the whole build succeeded.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { LIMITS } from '../cdk/constants';
import { UserError, formatIssue } from '../cdk/errors';
import { defaultMapFile, displayPath, loadEnvironment } from '../cdk/env/load';
import { buildPackage } from '../cdk/package/build';
import { PackageValidationError } from '../cdk/package/errors';
import { validatePackage } from '../cdk/package/validate';
import { PolicyBuildError } from '../cdk/policies';
import { writePackageAtomically } from '../cdk/package/write';
import { runCommand, seconds } from './lib/run-command';

export const REPO_ROOT = path.resolve(__dirname, '..');

const USAGE = `Usage: npm run build -- [--env <name>] [--out <dir>] [--map <file>]

  --env <name>   environment of the map to build (default: the map's defaultEnvironment)
  --out <dir>    folder to write the package to (default: the repository root)
  --map <file>   environment map module (default: cdk/env/map.ts if present, else cdk/env/map.example.ts)`;

function parse(argv: string[]): { env?: string; out: string; map: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        out: { type: 'string' },
        map: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return {
      env: values.env,
      out: path.resolve(values.out ?? REPO_ROOT),
      map: values.map ? path.resolve(values.map) : defaultMapFile(),
    };
  } catch (err) {
    throw new UserError('npm run build', [formatIssue('arguments', (err as Error).message, argv.join(' '), USAGE.split('\n')[0])]);
  }
}

void runCommand(() => {
  const start = performance.now();
  const args = parse(process.argv.slice(2));
  const { config, source } = loadEnvironment(args.env, args.map);
  let built;
  try {
    built = buildPackage(config, `Built by \`npm run build -- --env ${config.name}\` from ${source}.`);
  } catch (err) {
    if (err instanceof PolicyBuildError) throw new UserError(`${source} (environment "${config.name}")`, err.issues);
    throw err;
  }
  // The new package must pass the same checks as `npm run validate` before it replaces the old one.
  writePackageAtomically(args.out, built.files, (staging) => {
    const issues = validatePackage(staging, { scpBudget: config.policies.scpSizeBudget });
    if (issues.length > 0) throw new PackageValidationError(issues, 'build (nothing was written)');
  });

  const out = displayPath(args.out) || '.';
  process.stdout.write(`Built environment "${config.name}" from ${source} into ${out}/\n`);
  for (const [file, content] of built.files) {
    process.stdout.write(`  ${file.padEnd(56)} ${String(Buffer.byteLength(content)).padStart(7)} bytes\n`);
  }
  for (const policy of built.policies) {
    process.stdout.write(`  ${policy.kind.toUpperCase()} ${policy.name}: ${policy.cfctSize} of ${policy.budget} characters\n`);
  }
  for (const [name, code] of Object.entries(built.handlers)) {
    process.stdout.write(`  handler ${name}: ${Buffer.byteLength(code)} bytes of inline code (limit ${LIMITS.inlineCodeBytes})\n`);
  }
  process.stdout.write(`Build finished in ${seconds(start)} s\n`);
});
