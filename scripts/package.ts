/**
 * `npm run package [-- --dir <folder>] [--out <zip>] [--scp-budget <n>]`: validates the CfCT
 * package and writes `dist/custom-control-tower-configuration.zip` (manifest.yaml at the root,
 * only the files it references), byte-identical across runs, machines and time zones. Prints
 * the archive's size and SHA-256.
 */
import * as path from 'path';
import { DEFAULT_ZIP_PATH, writePackageZip } from '../cdk/package/zip';
import { ENVIRONMENT_OPTIONS, ENVIRONMENT_USAGE, environmentSettings } from './lib/environment-options';
import { parseCommandArgs, runCommand } from './lib/run-command';

const USAGE = `npm run package -- [--dir <package folder>] [--out <zip file>] ${ENVIRONMENT_USAGE}`;
const REPO_ROOT = path.resolve(__dirname, '..');

void runCommand(() => {
  const args = parseCommandArgs('package', USAGE, {
    dir: { type: 'string' },
    out: { type: 'string' },
    ...ENVIRONMENT_OPTIONS,
  });
  const settings = environmentSettings(args);
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  const out = path.resolve(args.out ?? path.join(REPO_ROOT, DEFAULT_ZIP_PATH));
  const zip = writePackageZip(dir, out, { scpBudget: settings.scpBudget });
  process.stdout.write(
    [
      `package: wrote ${displayPath(out)}`,
      ...zip.files.map((file) => `  ${file}`),
      `size: ${zip.bytes.length} bytes`,
      `sha256: ${zip.sha256}`,
      '',
    ].join('\n'),
  );
  return 0;
});

/** A path relative to the working directory when it is inside it, else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
