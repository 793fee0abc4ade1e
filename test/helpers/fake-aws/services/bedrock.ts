/**
 * Amazon Bedrock's control plane over REST-JSON: GetModelInvocationLoggingConfiguration
 * (`GET /logging/modelinvocations`), answering the caller's account's configuration in the signing
 * region, or an empty object when there is none. Errors carry `X-Amzn-ErrorType`.
 */
import type { FakeOrganization } from '../model';
import { AwsError, type FakeRequest, type ServiceHandler } from '../protocol';

const LOGGING_PATH = '/logging/modelinvocations';

export function bedrockService(): ServiceHandler<FakeOrganization> {
  return {
    signingName: 'bedrock',
    throttling: { code: 'ThrottlingException', status: 429 },
    denied: (message) => new AwsError('AccessDeniedException', message, 403),
    operation(request: FakeRequest) {
      if (request.path === LOGGING_PATH && request.method === 'GET') return 'GetModelInvocationLoggingConfiguration';
      throw new AwsError('UnknownOperationException', `the fake does not implement ${request.method} ${request.path}`, 404);
    },
    iamAction: (operation) => `bedrock:${operation}`,
    handle(_operation, request, caller, model) {
      const logging = model.accounts.get(caller.account)?.regions.get(request.region)?.logging;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(logging ? { loggingConfig: logging } : {}) };
    },
    error: (error) => ({
      status: error.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': `${error.code}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...error.headers },
      body: JSON.stringify({ message: error.message }),
    }),
  };
}
