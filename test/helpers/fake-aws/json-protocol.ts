/**
 * What the services of the AWS JSON 1.1 protocol (Organizations, Athena) share: the operation is the
 * `X-Amz-Target: <prefix>.<Operation>` header, the input a JSON body, answers JSON, errors
 * `{"__type": <code>, "Message": ...}` with the code in `x-amzn-errortype` too, and a denial
 * `AccessDeniedException` (400).
 */
import type { FakeOrganization } from './model';
import { AwsError, type FakeRequest, type FakeResponse, type ServiceHandler } from './protocol';

type JsonParts = Pick<ServiceHandler<FakeOrganization>, 'signingName' | 'throttling' | 'denied' | 'operation' | 'iamAction' | 'error'>;

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The shared parts of a JSON 1.1 service (`targetPrefix` without its dot), and how it answers with an output. */
export function jsonProtocol(
  signingName: string,
  targetPrefix: string,
  throttling: ServiceHandler<FakeOrganization>['throttling'],
): JsonParts & { answer(output: unknown): FakeResponse } {
  return {
    signingName,
    throttling,
    denied: (message) => new AwsError('AccessDeniedException', message, 400),
    operation(request: FakeRequest) {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (!target.startsWith(`${targetPrefix}.`)) throw new AwsError('UnknownOperationException', `unknown target ${target}`);
      return target.slice(targetPrefix.length + 1);
    },
    iamAction: (operation) => `${signingName}:${operation}`,
    error: (error) => ({
      status: error.status,
      headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': error.code, ...error.headers },
      body: JSON.stringify({ __type: error.code, Message: error.message }),
    }),
    answer: (output) => ({ status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(output ?? {}) }),
  };
}
