/**
 * What the services of the AWS query protocol (STS, CloudFormation) share: the operation is the
 * form body's `Action`, answers and errors are XML documents in the service's namespace, throttling
 * is `Throttling` (400) and a denial `AccessDenied` (403).
 */
import type { FakeOrganization } from './model';
import { AwsError, type FakeRequest, type FakeResponse, type ServiceHandler } from './protocol';
import { queryError, queryResponse } from './xml';

type QueryParts = Pick<ServiceHandler<FakeOrganization>, 'signingName' | 'throttling' | 'denied' | 'operation' | 'iamAction' | 'error'>;

/** The shared parts of a query-protocol service, and how it answers an operation with a result. */
export function queryProtocol(signingName: string, namespace: string): QueryParts & { answer(operation: string, result: string, requestId: string): FakeResponse } {
  return {
    signingName,
    throttling: { code: 'Throttling', status: 400 },
    denied: (message) => new AwsError('AccessDenied', message, 403),
    operation(request: FakeRequest) {
      const action = new URLSearchParams(request.body).get('Action');
      if (!action) throw new AwsError('MissingAction', 'no Action in the request');
      return action;
    },
    iamAction: (operation) => `${signingName}:${operation}`,
    error: (error, requestId) => ({
      status: error.status, headers: { 'content-type': 'text/xml', ...error.headers },
      body: queryError(namespace, error.code, error.message, error.status, requestId),
    }),
    answer: (operation, result, requestId) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: queryResponse(operation, namespace, result, requestId) }),
  };
}
