import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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
 * object, which Bedrock requires), public access blocked, SSE-S3, TLS-only.
 */
export const SECURE_LOG_BUCKET: Pick<
  s3.BucketProps,
  'versioned' | 'objectOwnership' | 'blockPublicAccess' | 'encryption' | 'enforceSSL'
> = {
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
};

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
