/**
 * `package [--dir <folder>] [--out <zip>] [--scp-budget <n>] [--map <file> --env <name>]`: validates
 * the CfCT package and writes `dist/custom-control-tower-configuration.zip` (manifest.yaml at the
 * root, the files it references and the package record, nothing else), byte-identical across
 * runs, machines and time zones. Prints its files, size and SHA-256. With `--map`/`--env`, refuses a
 * package whose record differs from that map entry.
 */
import * as path from 'path';
import { displayPath } from '../../cdk/paths';
import { defineCommand } from '../lib/command';
import { PACKAGE_OPTIONS, packageIssuesError, packageSettings } from '../lib/package-options';
import { DEFAULT_ZIP_PATH, writePackageZip } from '../release/zip';

export const packageCommand = defineCommand({
  name: 'package',
  summary: 'Validates the CfCT package and writes the byte-reproducible zip CfCT\'s S3 source takes.',
  options: {
    dir: { type: 'string', value: '<folder>', description: 'the package folder (default: the working directory)' },
    out: { type: 'string', value: '<zip file>', description: `where to write the archive (default: ${DEFAULT_ZIP_PATH} in the package folder)` },
    ...PACKAGE_OPTIONS,
  },
  run({ values, io }) {
    const dir = path.resolve(io.cwd, values.dir ?? '.');
    const settings = packageSettings('package', values, io, dir);
    if (settings.mismatches.length > 0) throw packageIssuesError(settings.mismatches, 'package: refusing to package it');
    const out = path.resolve(io.cwd, values.out ?? path.join(dir, DEFAULT_ZIP_PATH));
    const zip = writePackageZip(dir, out, { scpBudget: settings.scpBudget }, '--out', io.cwd);
    io.stdout.write(
      [`package: wrote ${displayPath(out, io.cwd)}`, ...zip.files.map((file) => `  ${file}`), `size: ${zip.bytes.length} bytes`, `sha256: ${zip.sha256}`, ''].join('\n'),
    );
  },
});
