import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

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
