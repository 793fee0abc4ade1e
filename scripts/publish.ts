/**
 * `npm run publish [-- --management-account <id>] [--dry-run]`: packages the CfCT package
 * (validating it) and uploads the archive as `custom-control-tower-configuration.zip` to the
 * CfCT source bucket `custom-control-tower-configuration-<management account>-<home region>`,
 * with the AWS SDK's default credentials. The home region is the manifest's `region`.
 *
 * Options: --dir <package folder>, --zip <archive to upload as it is>, --out <where to write the
 * archive>, --bucket <name> (instead of the CfCT default name), --region <home region>,
 * --endpoint-url <url> (or AWS_ENDPOINT_URL_S3; for S3-compatible test servers), --dry-run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PackageError } from '../cdk/package/errors';
import { cfctSourceBucket, describePublish, publishPackage } from '../cdk/package/publish';
import { DEFAULT_ZIP_PATH, homeRegionOfZip, writePackageZip } from '../cdk/package/zip';
import { ENVIRONMENT_OPTIONS, ENVIRONMENT_USAGE, environmentSettings } from './lib/environment-options';
import { parseCommandArgs, runCommand } from './lib/run-command';

const USAGE =
  'npm run publish -- (--management-account <12 digits> | --bucket <name>) [--dry-run] [--dir <package folder> | --zip <archive>] ' +
  `[--out <zip file>] [--region <home region>] [--endpoint-url <url>] ${ENVIRONMENT_USAGE}`;
const REPO_ROOT = path.resolve(__dirname, '..');

void runCommand(async () => {
  const args = parseCommandArgs('publish', USAGE, {
    dir: { type: 'string' },
    zip: { type: 'string' },
    out: { type: 'string' },
    bucket: { type: 'string' },
    'management-account': { type: 'string' },
    region: { type: 'string' },
    'endpoint-url': { type: 'string' },
    'dry-run': { type: 'boolean' },
    ...ENVIRONMENT_OPTIONS,
  });
  const settings = environmentSettings(args);
  if (args.zip !== undefined && args.dir !== undefined) throw new PackageError('--zip and --dir exclude each other', `usage: ${USAGE}`);

  let zip: Uint8Array;
  if (args.zip !== undefined) {
    const file = path.resolve(args.zip);
    if (!fs.existsSync(file)) throw new PackageError(`--zip: no such file (got "${args.zip}")`, 'run `npm run package` first, or leave out --zip');
    zip = new Uint8Array(fs.readFileSync(file));
  } else {
    const dir = path.resolve(args.dir ?? REPO_ROOT);
    const out = path.resolve(args.out ?? path.join(REPO_ROOT, DEFAULT_ZIP_PATH));
    zip = writePackageZip(dir, out, { scpBudget: settings.scpBudget }).bytes;
  }

  const region = args.region ?? homeRegionOfZip(zip);
  const managementAccount = args['management-account'] ?? settings.managementAccountId;
  if (args.bucket === undefined && managementAccount === undefined) {
    throw new PackageError(
      'no management account: the CfCT source bucket is named after it',
      'set managementAccountId in the environment map, pass --management-account <12-digit ID> (the bucket is then custom-control-tower-configuration-<ID>-<home region>), or --bucket <name>',
    );
  }
  const bucket = args.bucket ?? cfctSourceBucket(managementAccount as string, region);
  const endpoint = args['endpoint-url'] ?? (process.env.AWS_ENDPOINT_URL_S3 || undefined);
  const result = await publishPackage({ zip, bucket, region, endpoint, dryRun: args['dry-run'] ?? false });
  process.stdout.write(`${describePublish(result)}\n`);
  return 0;
});
