/**
 * `publish [--dry-run] [--dir <folder> | --zip <archive>] ...`: packages the CfCT package
 * (validating it) and uploads the archive as `custom-control-tower-configuration.zip` to the CfCT
 * source bucket `custom-control-tower-configuration-<management account>-<home region>`, with the
 * AWS SDK's default credentials. The home region is the manifest's `region`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError } from '../../cdk/errors';
import { defineCommand, PROGRAM } from '../lib/command';
import { PACKAGE_OPTIONS, packageSettings } from '../lib/package-options';
import { cfctSourceBucket, describePublish, publishPackage } from '../release/publish';
import { DEFAULT_ZIP_PATH, homeRegionOfZip, writePackageZip } from '../release/zip';

const SUBJECT = `${PROGRAM} publish`;

export const publish = defineCommand({
  name: 'publish',
  summary: "Uploads the package archive to the CfCT source bucket of the management account (starts CfCT's pipeline).",
  options: {
    'dry-run': { type: 'boolean', description: 'say what would be uploaded where; send nothing' },
    dir: { type: 'string', value: '<folder>', description: 'the package folder to package and upload (default: the working directory)' },
    zip: { type: 'string', value: '<archive>', description: 'upload this archive as it is instead' },
    out: { type: 'string', value: '<zip file>', description: `where to write the archive (default: ${DEFAULT_ZIP_PATH} in the package folder)` },
    bucket: { type: 'string', value: '<name>', description: 'the CfCT source bucket (default: custom-control-tower-configuration-<management account>-<home region>)' },
    'management-account': { type: 'string', value: '<12 digits>', description: 'management account ID, for the bucket name' },
    region: { type: 'string', value: '<region>', description: "home region (default: the manifest's region)" },
    'endpoint-url': { type: 'string', value: '<url>', description: 'S3 endpoint (default: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, else AWS)' },
    ...PACKAGE_OPTIONS,
  },
  async run({ values, io }) {
    const settings = packageSettings('publish', values, io);
    if (values.zip !== undefined && values.dir !== undefined) {
      throw new UserError(SUBJECT, [issue('--zip', 'and --dir exclude each other', `--zip ${values.zip} --dir ${values.dir}`, 'pass one of them')]);
    }
    let zip: Uint8Array;
    if (values.zip !== undefined) {
      const file = path.resolve(io.cwd, values.zip);
      if (!fs.existsSync(file)) throw new UserError(SUBJECT, [issue('--zip', 'names no file', values.zip, `run \`${PROGRAM} package\` first, or leave out --zip`)]);
      zip = new Uint8Array(fs.readFileSync(file));
    } else {
      const dir = path.resolve(io.cwd, values.dir ?? '.');
      const out = path.resolve(io.cwd, values.out ?? path.join(dir, DEFAULT_ZIP_PATH));
      zip = writePackageZip(dir, out, { scpBudget: settings.scpBudget }).bytes;
    }
    const region = values.region ?? homeRegionOfZip(zip);
    const managementAccount = values['management-account'] ?? settings.managementAccountId;
    if (values.bucket === undefined && managementAccount === undefined) {
      throw new UserError(SUBJECT, [issue('--management-account', 'is needed: the CfCT source bucket is named after the management account', undefined,
        'set managementAccountId in the environment map, pass --management-account <12-digit ID> (the bucket is then custom-control-tower-configuration-<ID>-<home region>), or --bucket <name>')]);
    }
    const bucket = values.bucket ?? cfctSourceBucket(managementAccount as string, region);
    const endpoint = values['endpoint-url'] ?? (io.env.AWS_ENDPOINT_URL_S3 || io.env.AWS_ENDPOINT_URL || undefined);
    const result = await publishPackage({ zip, bucket, region, endpoint, dryRun: values['dry-run'] === true });
    io.stdout.write(`${describePublish(result)}\n`);
  },
});
