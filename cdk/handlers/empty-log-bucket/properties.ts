/**
 * The contract between the `BucketEmptier` construct, which writes these resource properties, and
 * the handler, which reads them. CloudFormation passes every value as a string.
 */
export const EMPTIER_PROPERTIES = {
  /** The bucket to empty on stack deletion. */
  bucketName: 'BucketName',
  /** How long to wait for objects still pending replication, in seconds (a number ≥ 0). */
  replicationWaitSeconds: 'ReplicationWaitSeconds',
} as const;
