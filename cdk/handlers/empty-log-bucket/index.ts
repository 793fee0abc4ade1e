/**
 * Custom::EmptyLogBucket: on stack Delete, empties the member log bucket (after the logging
 * configuration is gone: the stack's DependsOn orders it) so CloudFormation can delete it; never
 * deletes an object that has not replicated to the central bucket. Create and Update do nothing.
 * Behaviour: ../README.md. Sets `exports.handler` to keep the inline code small (see the other
 * handler).
 */
import { CfnEvent, customResource } from '../shared/custom-resource';
import { emptyBucket } from './empty-bucket';

async function work(event: CfnEvent, deadline: number): Promise<string> {
  const { BucketName, ReplicationWaitSeconds } = event.ResourceProperties;
  const waitSeconds = +ReplicationWaitSeconds!;
  if (!(waitSeconds >= 0)) throw Error(`invalid properties ${JSON.stringify(event.ResourceProperties)}`);
  return event.RequestType == 'Delete' ? emptyBucket(BucketName!, waitSeconds * 1000, deadline) : 'nothing to do';
}

/** The bucket name: a new bucket means a new emptier, whose old one empties the old bucket. */
exports.handler = customResource((p) => p.BucketName!, work);
