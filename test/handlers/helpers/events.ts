/** CloudFormation custom resource events and Lambda contexts for the handler tests. */
import { randomUUID } from 'crypto';
import type { CfnEvent, LambdaContext, Properties } from '../../../cdk/handlers/shared/custom-resource';
import { RESERVE_MS } from '../../../cdk/handlers/shared/custom-resource';
import type { ResponseServer } from './response-server';

// Fast retries: the handlers read the back-off base from here (production default: 500 ms).
process.env.BACKOFF_MS = '1';
process.env.AWS_REGION = 'us-east-1';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/StackSet-bedrock-logs-member-0000/11111111-2222-3333-4444-555555555555`;

export interface EventOptions {
  readonly physicalResourceId?: string;
  readonly oldProperties?: Properties;
  readonly requestId?: string;
}

export function cfnEvent(
  server: ResponseServer,
  requestType: CfnEvent['RequestType'],
  resourceType: string,
  properties: Properties,
  options: EventOptions = {},
): CfnEvent {
  const requestId = options.requestId ?? randomUUID();
  return {
    RequestType: requestType,
    ResponseURL: server.url(requestId),
    StackId: STACK_ID,
    RequestId: requestId,
    LogicalResourceId: 'Resource',
    ResourceType: resourceType,
    ...(options.physicalResourceId !== undefined && { PhysicalResourceId: options.physicalResourceId }),
    ResourceProperties: {
      ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bedrock-logs-handler`,
      ...properties,
    },
    ...(options.oldProperties && {
      OldResourceProperties: {
        ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bedrock-logs-handler`,
        ...options.oldProperties,
      },
    }),
  };
}

/**
 * A Lambda context whose remaining time counts down from `RESERVE_MS + workMs`: the handler's
 * work budget is `workMs`.
 */
export function lambdaContext(workMs = 30_000): LambdaContext {
  const end = Date.now() + RESERVE_MS + workMs;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}
