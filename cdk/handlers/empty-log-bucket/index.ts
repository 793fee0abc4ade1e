/**
 * Custom::EmptyLogBucket: on stack Delete, empties the member log bucket (after the logging
 * configuration is gone: the stack's DependsOn orders it) so CloudFormation can delete it; never
 * deletes an object that has not replicated to the central bucket. Create and Update only check
 * the properties, so a bad value fails at deployment rather than at deletion.
 * Behaviour: ../README.md.
 */
import { type CfnEvent, customResource, type Outcome, type Properties } from '../shared/custom-resource';
import { emptyBucket } from './empty-bucket';
import { EMPTIER_PROPERTIES as PROPS } from './properties';

interface EmptierRequest {
  readonly bucketName: string;
  readonly replicationWaitMs: number;
}

function parseRequest(properties: Properties): EmptierRequest {
  const bucketName = properties[PROPS.bucketName] ?? '';
  const waitText = properties[PROPS.replicationWaitSeconds] ?? '';
  const waitSeconds = Number(waitText);
  if (bucketName === '' || waitText.trim() === '' || !Number.isFinite(waitSeconds) || waitSeconds < 0) {
    throw new Error(
      `invalid properties ${JSON.stringify(properties)}: ${PROPS.bucketName} must be a bucket name and ` +
        `${PROPS.replicationWaitSeconds} a number of seconds, 0 or more`,
    );
  }
  return { bucketName, replicationWaitMs: waitSeconds * 1000 };
}

async function work(event: CfnEvent, deadline: number): Promise<Outcome> {
  const request = parseRequest(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      return { reason: 'nothing to do' };
    case 'Delete':
      return { reason: await emptyBucket(request.bucketName, request.replicationWaitMs, deadline) };
  }
}

/** The physical ID is the bucket name: a new bucket means a new emptier, whose old one empties the old bucket. */
export const handler = customResource((properties) => properties[PROPS.bucketName] ?? '', work);
