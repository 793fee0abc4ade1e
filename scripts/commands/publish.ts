/**
 * `publish [--dry-run] [--dir <folder> | --zip <archive>] [--skip-organization-check] ...`: uploads
 * the package archive to the CfCT source of the organization its package record names: bucket
 * `custom-control-tower-configuration-<management account>-<home region>`, key
 * `custom-control-tower-configuration.zip`. With `--map`/`--env`, refuses a package whose record
 * differs from that map entry. Before uploading, the credentials must be the recorded management
 * account in the recorded organization. `--dry-run` prints the target and sends nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError } from '../../cdk/errors';
import type { PackageRecord } from '../../cdk/package/record';
import { configuredEndpoint } from '../lib/aws';
import { defineCommand, PROGRAM } from '../lib/command';
import { checkRecordAgainstMap, PACKAGE_OPTIONS, packageIssuesError, packageSettings } from '../lib/package-options';
import { describePublish, publishPackage, publishTarget } from '../release/publish';
import { DEFAULT_ZIP_PATH, homeRegionOfZip, recordOfZip, writePackageZip } from '../release/zip';

const SUBJECT = `${PROGRAM} publish`;

export const publish = defineCommand({
  name: 'publish',
  summary: "Uploads the package archive to the CfCT source bucket of the organization the package was built for (starts CfCT's pipeline).",
  options: {
    'dry-run': { type: 'boolean', description: 'print the organization, account, region, bucket and key; send nothing' },
    dir: { type: 'string', value: '<folder>', description: 'the package folder to package and upload (default: the working directory)' },
    zip: { type: 'string', value: '<archive>', description: 'upload this archive (written by the package command) as it is instead' },
    out: { type: 'string', value: '<zip file>', description: `where to write the archive (default: ${DEFAULT_ZIP_PATH} in the package folder)` },
    'skip-organization-check': { type: 'boolean', description: 'upload even if organizations:DescribeOrganization is denied (the account is still checked)' },
    ...PACKAGE_OPTIONS,
  },
  async run({ values, io }) {
    if (values.zip !== undefined && values.dir !== undefined) {
      throw new UserError(SUBJECT, [issue('--zip', 'and --dir exclude each other', `--zip ${values.zip} --dir ${values.dir}`, 'pass one of them')]);
    }
    let zip: Uint8Array;
    let record: PackageRecord | undefined;
    let option = '--dir';
    if (values.zip !== undefined) {
      option = '--zip';
      const file = path.resolve(io.cwd, values.zip);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserError(SUBJECT, [issue('--zip', 'names no file', values.zip, `run \`${PROGRAM} package\` first, or leave out --zip`)]);
      zip = new Uint8Array(fs.readFileSync(file));
      record = recordOfZip(zip, option);
      const checked = checkRecordAgainstMap(record, values, io);
      if (checked !== undefined && checked.mismatches.length > 0) throw packageIssuesError(checked.mismatches, 'publish: refusing to upload');
    } else {
      const dir = path.resolve(io.cwd, values.dir ?? '.');
      const settings = packageSettings('publish', values, io, dir);
      if (settings.mismatches.length > 0) throw packageIssuesError(settings.mismatches, 'publish: refusing to upload');
      const out = path.resolve(io.cwd, values.out ?? path.join(dir, DEFAULT_ZIP_PATH));
      zip = writePackageZip(dir, out, { scpBudget: settings.scpBudget }, '--out', io.cwd).bytes;
    }
    const target = publishTarget(record ?? recordOfZip(zip, option), homeRegionOfZip(zip, option));
    const result = await publishPackage({ zip, target, dryRun: values['dry-run'] === true, skipOrganizationCheck: values['skip-organization-check'] === true });
    io.stdout.write(`${describePublish(result, configuredEndpoint('S3', io.env))}\n`);
  },
});
