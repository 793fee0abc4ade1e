import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Sid of the statement that closes the access-point path into a log bucket. */
export const DENY_ACCESS_POINTS_SID = 'DenyAccessPointRequests';

/**
 * Denies every request that reaches the bucket through an S3 access point. An access point has an
 * ARN of its own (`arn:aws:s3:<region>:<account>:accesspoint/...`), so the guardrail SCPs, which
 * match the bucket by name, would not see a delete made through one; the bucket policy is
 * evaluated for those requests too and shuts them out. Bedrock and S3 replication never use
 * access points.
 */
export function denyAccessPointRequests(bucket: s3.Bucket): void {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: DENY_ACCESS_POINTS_SID,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { Null: { 's3:DataAccessPointArn': 'false' } },
    }),
  );
}

/**
 * What every log bucket of the package is: versioned, ACLs disabled (the bucket owner owns every
 * object, which Bedrock requires), public access blocked, TLS-only. Encryption: `logBucketEncryption`.
 */
export const SECURE_LOG_BUCKET: Pick<s3.BucketProps, 'versioned' | 'objectOwnership' | 'blockPublicAccess' | 'enforceSSL'> = {
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
};

/**
 * Default encryption of a log bucket: SSE-S3, or SSE-KMS with a customer managed key and S3 Bucket
 * Keys, which cut S3's requests to KMS by using a bucket-level key for a while ("up to 99 percent",
 * S3 user guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html).
 */
export function logBucketEncryption(key?: kms.IKey): Pick<s3.BucketProps, 'encryption' | 'encryptionKey' | 'bucketKeyEnabled'> {
  return key === undefined
    ? { encryption: s3.BucketEncryption.S3_MANAGED }
    : { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true };
}

/**
 * Lifecycle of a versioned log bucket: current objects expire after `days` (on a versioned bucket
 * that only adds a delete marker), noncurrent versions `noncurrentDays` after they became
 * noncurrent, incomplete uploads after a day, and expired delete markers in a rule of their own
 * (`ExpiredObjectDeleteMarker` cannot share a rule with `Days`).
 *
 * @param noncurrentDays days a version is kept once noncurrent: a buffer (the default, 1) drops it
 * after a day; a retaining bucket keeps it as long as a current object, so an overwrite never
 * shortens the retention.
 */
export function logLifecycleRules(id: string, days: number, noncurrentDays = 1): s3.LifecycleRule[] {
  return [
    {
      id,
      expiration: Duration.days(days),
      noncurrentVersionExpiration: Duration.days(noncurrentDays),
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    },
    { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
  ];
}
