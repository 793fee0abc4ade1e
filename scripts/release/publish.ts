/**
 * Uploads a package archive to the CfCT source of the organization its package record names, and
 * nowhere else. The target (management account, home region, bucket, key) comes from the record
 * inside the archive, never from a map's default environment. Before a real upload, the credentials
 * must be the record's management account (STS GetCallerIdentity) in the record's organization
 * (Organizations DescribeOrganization): uploading replaces that organization's whole CfCT
 * configuration and starts its pipeline.
 *
 * The AWS SDK's standard configuration applies: the default credential chain (environment, profile,
 * SSO, container, instance role) and the standard endpoint overrides `AWS_ENDPOINT_URL`,
 * `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_ORGANIZATIONS` (read by the SDK
 * itself when no endpoint is passed: @smithy/core's getEndpointUrlConfig; AWS SDKs and Tools
 * Reference Guide, "Service-specific endpoints",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { issue, plainUserError, UserError } from '../../cdk/errors';
import { RECORD_FILE } from '../../cdk/names';
import type { PackageRecord } from '../../cdk/package/record';
import { explainAwsError } from './aws-errors';
import { PACKAGE_ZIP_NAME, sha256Hex } from './zip';

/** The object key CfCT's S3 source watches: uploading it starts the pipeline. */
export const CFCT_SOURCE_KEY = PACKAGE_ZIP_NAME;

const SUBJECT = 'publish';

/**
 * The bucket CfCT creates for its S3 source:
 * `custom-control-tower-configuration-<management account>-<home region>` (the CfCT template's
 * `CustomControlTowerPipelineS3Bucket`, deployment/custom-control-tower-initiation.template).
 */
export function cfctSourceBucket(managementAccountId: string, homeRegion: string): string {
  return `custom-control-tower-configuration-${managementAccountId}-${homeRegion}`;
}

/** Where a package goes, from its record. */
export interface PublishTarget {
  readonly environment: string;
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly region: string;
  readonly bucket: string;
  readonly key: string;
}

/**
 * The target of the package whose record is `record` and whose manifest says `region`. Refuses a
 * record without a management account and a manifest region other than the record's home region.
 */
export function publishTarget(record: PackageRecord, manifestRegion: string): PublishTarget {
  if (record.managementAccountId === undefined) {
    throw new UserError(RECORD_FILE, [issue('managementAccountId', 'is not recorded, so the CfCT source bucket (named after the management account) is unknown', undefined,
      `set managementAccountId in environment "${record.environment}" of ${record.map}, build again, then publish`)]);
  }
  if (manifestRegion !== record.homeRegion) {
    throw new UserError(RECORD_FILE, [issue('homeRegion', `is ${record.homeRegion}, but the manifest's region is ${manifestRegion}`, record.homeRegion,
      'the manifest was edited after the build: build the package again, then publish')]);
  }
  return {
    environment: record.environment,
    organizationId: record.organizationId,
    managementAccountId: record.managementAccountId,
    region: record.homeRegion,
    bucket: cfctSourceBucket(record.managementAccountId, record.homeRegion),
    key: CFCT_SOURCE_KEY,
  };
}

/** The AWS clients publish uses (injectable for tests; default: the SDK's standard configuration in the home region). */
export interface PublishClients {
  readonly s3: S3Client;
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
}

export interface PublishOptions {
  /** The package archive (`package`). */
  readonly zip: Uint8Array;
  readonly target: PublishTarget;
  /**
   * Only describe the upload: no credentials are resolved and no request is sent.
   *
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Upload even when Organizations denies DescribeOrganization (the caller is still checked to be
   * the management account).
   *
   * @default false - a denied DescribeOrganization refuses the upload
   */
  readonly skipOrganizationCheck?: boolean;
  /** @default - new clients with the SDK's standard configuration */
  readonly clients?: PublishClients;
}

export interface PublishResult {
  readonly target: PublishTarget;
  readonly bytes: number;
  readonly sha256: string;
  readonly dryRun: boolean;
  /** The caller's ARN (GetCallerIdentity), after a real upload. */
  readonly caller?: string;
  /** How the organization was checked: verified by DescribeOrganization, or not (denied, skipped by flag). */
  readonly organizationCheck?: 'verified' | 'denied-skipped';
  readonly etag?: string;
  readonly versionId?: string;
}

/** Checks the credentials: the record's management account, in the record's organization. */
async function verifyCaller(options: PublishOptions, clients: PublishClients): Promise<Pick<PublishResult, 'caller' | 'organizationCheck'>> {
  const { target } = options;
  const signIn = `sign in to the management account ${target.managementAccountId} of organization ${target.organizationId} (for example AWS_PROFILE=<its profile>, then \`aws sso login\`)`;
  const identity = await clients.sts.send(new GetCallerIdentityCommand({})).catch((err: unknown) => {
    throw explainAwsError(err, 'checking the credentials (STS GetCallerIdentity)', signIn);
  });
  if (identity.Account !== target.managementAccountId) {
    throw new UserError(SUBJECT, [issue('credentials', `are of account ${identity.Account ?? '?'} (${identity.Arn ?? '?'}), not the management account ${target.managementAccountId} the package record names`,
      identity.Account, `${signIn}; the package belongs to environment "${target.environment}"`)]);
  }
  try {
    const { Organization } = await clients.organizations.send(new DescribeOrganizationCommand({}));
    if (Organization?.Id !== target.organizationId) {
      throw new UserError(SUBJECT, [issue('credentials', `are of an account of organization ${Organization?.Id ?? '?'}, not ${target.organizationId} the package record names`, Organization?.Id,
        `check organizationId of environment "${target.environment}" in the map, build again, then publish`)]);
    }
    return { caller: identity.Arn, organizationCheck: 'verified' };
  } catch (err) {
    if (err instanceof UserError) throw err;
    const name = (err as { name?: string }).name;
    if ((name === 'AccessDeniedException' || name === 'AccessDenied') && options.skipOrganizationCheck === true) return { caller: identity.Arn, organizationCheck: 'denied-skipped' };
    if (name === 'AccessDeniedException' || name === 'AccessDenied') {
      throw plainUserError(SUBJECT, 'organization', `could not be verified: the credentials may not call organizations:DescribeOrganization (${name})`,
        `allow organizations:DescribeOrganization to this principal, or pass --skip-organization-check to rely on the account check alone (the caller is the management account ${target.managementAccountId})`);
    }
    throw explainAwsError(err, 'checking the organization (Organizations DescribeOrganization)', signIn);
  }
}

function defaultClients(region: string): PublishClients {
  return { s3: new S3Client({ region }), sts: new STSClient({ region }), organizations: new OrganizationsClient({ region }) };
}

/**
 * Uploads the archive as `custom-control-tower-configuration.zip` to the target's CfCT source
 * bucket after checking the caller (see the file comment); S3 checks the SHA-256 of what it
 * stores. Expected failures (no or expired credentials, another account or organization, no bucket,
 * access denied, an unreachable endpoint) are `UserError`s with the fix.
 */
export async function publishPackage(options: PublishOptions): Promise<PublishResult> {
  const sha256 = sha256Hex(options.zip);
  const base = { target: options.target, bytes: options.zip.length, sha256 };
  if (options.dryRun === true) return { ...base, dryRun: true };
  const clients = options.clients ?? defaultClients(options.target.region);
  try {
    const checked = await verifyCaller(options, clients);
    const { target } = options;
    const response = await clients.s3
      .send(new PutObjectCommand({ Bucket: target.bucket, Key: target.key, Body: options.zip, ContentType: 'application/zip', ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64') }))
      .catch((err: unknown) => {
        throw explainAwsError(err, `uploading to s3://${target.bucket}/${target.key}`, `use credentials of the management account that may s3:PutObject on ${target.bucket} (and use its KMS key, if the bucket encrypts with one)`, target);
      });
    return { ...base, ...checked, dryRun: false, etag: response.ETag, versionId: response.VersionId };
  } finally {
    if (options.clients === undefined) for (const client of Object.values(clients) as { destroy(): void }[]) client.destroy();
  }
}

/** One line per fact of a publish result, for the command's output. */
export function describePublish(result: PublishResult, endpoint?: string): string {
  const { target } = result;
  return [
    `${result.dryRun ? 'publish (dry run): would upload' : 'publish: uploaded'} ${result.bytes} bytes to s3://${target.bucket}/${target.key}`,
    `organization: ${target.organizationId} (environment "${target.environment}")${result.organizationCheck === 'verified' ? ', verified with DescribeOrganization' : result.organizationCheck === 'denied-skipped' ? ', NOT verified (DescribeOrganization denied; --skip-organization-check)' : ''}`,
    `account: ${target.managementAccountId} (management account)${result.caller === undefined ? '' : `, signed in as ${result.caller}`}`,
    `region: ${target.region}${endpoint === undefined ? '' : ` (endpoint ${endpoint})`}`,
    `bucket: ${target.bucket}`,
    `key: ${target.key}`,
    `sha256: ${result.sha256}`,
    ...(result.etag ? [`etag: ${result.etag}`] : []),
    ...(result.versionId ? [`version: ${result.versionId}`] : []),
    result.dryRun
      ? 'nothing was sent; without --dry-run, the credentials are checked to be that account and organization first'
      : 'the CfCT pipeline starts on this upload (CodePipeline source: Amazon S3)',
  ].join('\n');
}
