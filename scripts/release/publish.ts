import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { issue, plainUserError, UserError } from '../../cdk/errors';
import { PACKAGE_ZIP_NAME, sha256Hex } from './zip';

/** The object key CfCT's S3 source watches: uploading it starts the pipeline. */
export const CFCT_SOURCE_KEY = PACKAGE_ZIP_NAME;

const ACCOUNT_ID = /^[0-9]{12}$/;
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;

/**
 * The bucket CfCT creates for its S3 source:
 * `custom-control-tower-configuration-<management account>-<home region>`.
 */
export function cfctSourceBucket(managementAccountId: string, homeRegion: string): string {
  if (!ACCOUNT_ID.test(managementAccountId)) {
    throw new UserError('publish', [issue('--management-account', 'must be a 12-digit account ID', managementAccountId, 'pass the management account ID, for example --management-account 111111111111')]);
  }
  if (!REGION.test(homeRegion)) {
    throw new UserError('publish', [issue('region', 'must be a region code', homeRegion, "check the manifest's `region`, or pass --bucket")]);
  }
  return `custom-control-tower-configuration-${managementAccountId}-${homeRegion}`;
}

export interface PublishOptions {
  /** The package archive (`npm run package`). */
  readonly zip: Uint8Array;
  readonly bucket: string;
  /** Region of the bucket (the Control Tower home region). */
  readonly region: string;
  /**
   * S3 endpoint URL, for S3-compatible test servers; path-style addressing is used with it.
   *
   * @default - the AWS endpoint of `region`
   */
  readonly endpoint?: string;
  /**
   * Only describe the upload: no credentials are resolved and no request is sent.
   *
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * The S3 client to use.
   *
   * @default - a client with the AWS SDK's default credential chain
   */
  readonly client?: S3Client;
}

export interface PublishResult {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly dryRun: boolean;
  readonly etag?: string;
  readonly versionId?: string;
}

/**
 * Uploads the package archive as `custom-control-tower-configuration.zip` to the CfCT source
 * bucket, with the AWS SDK's default credentials (environment, profile, SSO, container or
 * instance role). S3 checks the SHA-256 of what it stores. Expected failures (no credentials,
 * no bucket, access denied, wrong region, unreachable endpoint) throw a `UserError` with the fix.
 */
export async function publishPackage(options: PublishOptions): Promise<PublishResult> {
  const sha256 = sha256Hex(options.zip);
  const base = {
    bucket: options.bucket,
    key: CFCT_SOURCE_KEY,
    region: options.region,
    endpoint: options.endpoint,
    bytes: options.zip.length,
    sha256,
  };
  if (options.dryRun) return { ...base, dryRun: true };

  const client =
    options.client ??
    new S3Client({ region: options.region, ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}) });
  try {
    const response = await client.send(
      new PutObjectCommand({
        Bucket: options.bucket,
        Key: CFCT_SOURCE_KEY,
        Body: options.zip,
        ContentType: 'application/zip',
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      }),
    );
    return { ...base, dryRun: false, etag: response.ETag, versionId: response.VersionId };
  } catch (err) {
    throw explainS3Error(err, options);
  } finally {
    if (!options.client) client.destroy();
  }
}

/** One line per fact of a publish result, for the command's output. */
export function describePublish(result: PublishResult): string {
  return [
    `${result.dryRun ? 'publish (dry run): would upload' : 'publish: uploaded'} ${result.bytes} bytes to s3://${result.bucket}/${result.key}`,
    `region: ${result.region}${result.endpoint ? ` (endpoint ${result.endpoint})` : ''}`,
    `sha256: ${result.sha256}`,
    ...(result.etag ? [`etag: ${result.etag}`] : []),
    ...(result.versionId ? [`version: ${result.versionId}`] : []),
    result.dryRun
      ? 'nothing was sent; run without --dry-run to upload (credentials from the AWS SDK default chain)'
      : 'the CfCT pipeline starts on this upload (CodePipeline source: Amazon S3)',
  ].join('\n');
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** The system error code of a connection failure, wherever the SDK put it (code, cause, message). */
function networkErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const candidates = [e.code, e.cause?.code, ...(e.message?.match(/\bE[A-Z_]+\b/g) ?? [])];
  return candidates.find((code): code is string => code !== undefined && NETWORK_CODES.includes(code));
}

/** A failed upload, as a user error. */
function failure(message: string, fix: string): UserError {
  return plainUserError('publish', 'upload', message, fix);
}

/** The expected failure behind an S3 or credentials error, with what to do; other errors unchanged. */
export function explainS3Error(err: unknown, options: Pick<PublishOptions, 'bucket' | 'region' | 'endpoint'>): unknown {
  const target = `s3://${options.bucket}/${CFCT_SOURCE_KEY}`;
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const detail = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    return failure(
      `no AWS credentials found for uploading to ${target} (${detail})`,
      'sign in to the management account first: set AWS_PROFILE (and run `aws sso login`), or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN',
    );
  }
  if (e.name === 'ExpiredToken' || e.name === 'ExpiredTokenException' || e.name === 'TokenRefreshRequired') {
    return failure(`the AWS credentials have expired (${detail})`, 'sign in again (for example `aws sso login`) and retry');
  }
  if (e.name === 'NoSuchBucket') {
    return failure(
      `bucket ${options.bucket} does not exist${options.endpoint ? ` at ${options.endpoint}` : ` in ${options.region}`} (${detail})`,
      'check --management-account and the manifest `region` (the Control Tower home region); deploy CfCT with the Amazon S3 pipeline source, or pass --bucket with the right name',
    );
  }
  if (status === 403 || e.name === 'AccessDenied' || e.name === 'InvalidAccessKeyId' || e.name === 'SignatureDoesNotMatch') {
    return failure(
      `access denied uploading to ${target} (${detail})`,
      `use credentials of the management account that may s3:PutObject on ${options.bucket} (and use its KMS key, if the bucket encrypts with one); check AWS_PROFILE`,
    );
  }
  if (status === 301 || e.name === 'PermanentRedirect' || e.name === 'AuthorizationHeaderMalformed') {
    return failure(`bucket ${options.bucket} is not in ${options.region} (${detail})`, "the CfCT bucket lives in the Control Tower home region: fix the manifest's `region` or pass --region");
  }
  if (err instanceof S3ServiceException) {
    return failure(`S3 refused the upload to ${target} (${detail}, HTTP ${status ?? '?'})`, 'check the bucket, its policy and the credentials, then retry');
  }
  const network = networkErrorCode(err);
  if (network) {
    return failure(`could not reach S3${options.endpoint ? ` at ${options.endpoint}` : ''} (${network}: ${e.message})`, 'check the network, proxy settings and --endpoint-url, then retry');
  }
  return err;
}
