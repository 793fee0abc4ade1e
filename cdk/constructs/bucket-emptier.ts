import { CfnResource, Duration, type CustomResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_EMPTIER_RESOURCE_TYPE, BUCKET_EMPTIER_TIMEOUT_SECONDS } from '../constants';
import type { LambdaRuntime, LambdaTrustScope } from '../env/types';
import { EMPTIER_PROPERTIES } from '../handlers/empty-log-bucket/properties';
import { acknowledgeNag, iam5, nagArnOf } from '../lint/acknowledge';
import { type Names, SUB_REGION } from '../names';
import { CustomResourceFunction } from './custom-resource-function';

export interface BucketEmptierProps {
  readonly names: Names;
  /** Bundled `empty-log-bucket` handler. */
  readonly code: string;
  readonly runtime: LambdaRuntime;
  readonly trustScope: LambdaTrustScope;
  /** The bucket to empty on stack deletion, defined in the same stack. */
  readonly bucket: s3.IBucket;
  /**
   * How long to wait for objects still pending replication before failing (never deleting them).
   *
   * @default - 600 seconds
   */
  readonly replicationWait?: Duration;
}

const DEFAULT_REPLICATION_WAIT_SECONDS = 600;

/**
 * Empties the member log bucket (every version, delete marker and Bedrock's permission-check
 * object) when the stack is deleted, after logging is off, so CloudFormation can delete the bucket.
 * Create and Update do nothing.
 */
export class BucketEmptier extends Construct {
  public readonly handler: CustomResourceFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: BucketEmptierProps) {
    super(scope, id);
    const { bucket } = props;
    this.handler = new CustomResourceFunction(this, 'Function', {
      functionName: props.names.bucketEmptierFunction,
      roleNameSub: props.names.bucketEmptierRole(SUB_REGION),
      code: props.code,
      runtime: props.runtime,
      trustScope: props.trustScope,
      timeout: Duration.seconds(BUCKET_EMPTIER_TIMEOUT_SECONDS),
      description: 'Empties the Bedrock log bucket when its stack is deleted (CfCT custom resource)',
      statements: [
        new iam.PolicyStatement({
          sid: 'ListLogBucket',
          actions: ['s3:ListBucket', 's3:ListBucketVersions'],
          resources: [bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'DeleteLogObjects',
          // Version-specific actions only: HeadObject and DeleteObjects always name a VersionId. Without
          // s3:DeleteObject the function cannot create delete markers, which the handler relies on
          // (only lifecycle makes them, and lifecycle never expires objects still to replicate).
          actions: ['s3:GetObjectVersion', 's3:DeleteObjectVersion'],
          resources: [bucket.arnForObjects('*')],
        }),
      ],
    });

    acknowledgeNag(this.handler.role, {
      id: iam5(`${nagArnOfBucket(bucket)}/*`),
      reason: 'The emptier must delete every object version of its own bucket on stack deletion; the wildcard covers objects of that one bucket only.',
    });

    this.resource = this.handler.addCustomResource(this, 'Resource', BUCKET_EMPTIER_RESOURCE_TYPE, {
      [EMPTIER_PROPERTIES.bucketName]: bucket.bucketName,
      [EMPTIER_PROPERTIES.replicationWaitSeconds]: String((props.replicationWait ?? Duration.seconds(DEFAULT_REPLICATION_WAIT_SECONDS)).toSeconds()),
    });
  }
}

/** How cdk-nag prints the bucket's ARN in finding IDs: the bucket must be defined in this app. */
function nagArnOfBucket(bucket: s3.IBucket): string {
  const resource = bucket.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new Error(`BucketEmptier: bucket ${bucket.node.path} must be a bucket defined in the stack, not an imported one`);
  }
  return nagArnOf(resource);
}
