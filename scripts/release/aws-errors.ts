/**
 * AWS failures a user can cause or fix (no or expired credentials, access denied, a missing bucket,
 * a wrong region, an unreachable endpoint) as `UserError`s with the fix; anything else is returned
 * unchanged, to surface as a bug.
 */
import { plainUserError, type UserError } from '../../cdk/errors';
import { configuredEndpoint } from '../lib/aws';

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** The system error code of a connection failure, wherever the SDK put it (code, cause, message). */
function networkErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const candidates = [e.code, e.cause?.code, ...(e.message?.match(/\bE[A-Z_]+\b/g) ?? [])];
  return candidates.find((code): code is string => code !== undefined && NETWORK_CODES.includes(code));
}

function failure(message: string, fix: string): UserError {
  return plainUserError('publish', 'aws', message, fix);
}

/**
 * @param doing what was being done, for the message (`uploading to s3://b/k`)
 * @param accessFix what to do when access is denied
 * @param bucket the bucket, for S3's bucket errors
 */
export function explainAwsError(err: unknown, doing: string, accessFix: string, bucket?: { bucket: string; region: string }): unknown {
  const e = err as { name?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const detail = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  const s3Endpoint = configuredEndpoint('S3');
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    return failure(`no AWS credentials found for ${doing} (${detail})`,
      'sign in to the management account first: set AWS_PROFILE (and run `aws sso login`), or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN');
  }
  if (e.name === 'ExpiredToken' || e.name === 'ExpiredTokenException' || e.name === 'TokenRefreshRequired') {
    return failure(`the AWS credentials have expired (${detail})`, 'sign in again (for example `aws sso login`) and retry');
  }
  if (e.name === 'NoSuchBucket' && bucket !== undefined) {
    return failure(`bucket ${bucket.bucket} does not exist${s3Endpoint ? ` at ${s3Endpoint}` : ` in ${bucket.region}`} (${detail})`,
      'deploy CfCT with the Amazon S3 pipeline source in the management account and home region the package record names, or check them in the environment map and build again');
  }
  if (e.name === 'AWSOrganizationsNotInUseException') {
    return failure(`the credentials' account is not in an organization (${detail})`, accessFix);
  }
  if (status === 403 || ['AccessDenied', 'AccessDeniedException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidClientTokenId', 'UnrecognizedClientException'].includes(e.name ?? '')) {
    return failure(`access denied ${doing} (${detail})`, accessFix);
  }
  if (bucket !== undefined && (status === 301 || e.name === 'PermanentRedirect' || e.name === 'AuthorizationHeaderMalformed')) {
    return failure(`bucket ${bucket.bucket} is not in ${bucket.region} (${detail})`, 'the CfCT bucket lives in the Control Tower home region: check homeRegion in the environment map and build again');
  }
  if (e.$fault !== undefined && e.$metadata !== undefined) {
    // Any other answer of the service (every SDK v3 service exception has $fault and $metadata).
    return failure(`AWS refused ${doing} (${detail}, HTTP ${status ?? '?'})`, 'check the account, its policies and the credentials, then retry');
  }
  const network = networkErrorCode(err);
  if (network) {
    return failure(`could not reach AWS ${doing} (${network}: ${e.message})`, 'check the network, proxy settings and any AWS_ENDPOINT_URL* variables, then retry');
  }
  return err;
}
