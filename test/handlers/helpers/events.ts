/** CloudFormation custom resource events and Lambda contexts for the handler tests. */
import { randomUUID } from 'crypto';
import type { CfnEvent, LambdaContext, Properties } from '../../../cdk/handlers/shared/custom-resource';
import { RESERVE_MS } from '../../../cdk/handlers/shared/custom-resource';
import type { ResponseServer } from './response-server';

/**
 * The environment Lambda gives a function, as far as the handlers read it, plus two test knobs:
 * `BACKOFF_MS` (the handlers' back-off base; production default 500 ms) and `AWS_MAX_ATTEMPTS=1`
 * (the bundled SDK does not retry on its own, so each retry the tests count is the handler's).
 * The credentials are placeholders: the fake endpoints accept any signature.
 */
export const LAMBDA_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'example-session-token',
  BACKOFF_MS: '1',
  AWS_MAX_ATTEMPTS: '1',
};
Object.assign(process.env, LAMBDA_ENV);

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/StackSet-bedrock-logs-member-0000/11111111-2222-3333-4444-555555555555`;
const SERVICE_TOKEN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bedrock-logs-handler`;

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
    ResourceProperties: { ServiceToken: SERVICE_TOKEN, ...properties },
    ...(options.oldProperties && { OldResourceProperties: { ServiceToken: SERVICE_TOKEN, ...options.oldProperties } }),
  } as CfnEvent;
}

/**
 * A Lambda context whose remaining time counts down from `RESERVE_MS + workMs`: the handler's
 * work budget is `workMs`.
 */
export function lambdaContext(workMs = 30_000): LambdaContext {
  const end = Date.now() + RESERVE_MS + workMs;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}
