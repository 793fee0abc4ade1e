/**
 * The contract between the fake AWS server and its per-service handlers: a parsed request, the
 * caller its credentials identify, a response, and the error a handler throws to answer with an
 * AWS error in its protocol. One handler per service, one file each (services/).
 */
import type { IncomingHttpHeaders } from 'http';

/** Who signed a request: the account and principal its access key was issued for. */
export interface Caller {
  readonly accessKeyId: string;
  readonly account: string;
  readonly arn: string;
  /** IAM actions the session policy allows (exact names or `service:*`); undefined = no session policy. */
  readonly allowedActions?: ReadonlySet<string>;
}

export interface FakeRequest {
  readonly method: string;
  /** Path without the query, percent-decoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Signing region and service from the SigV4 credential scope. */
  readonly region: string;
  readonly service: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An AWS error: the handler's `error()` renders it in the service's protocol. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** One AWS service of the fake. */
export interface ServiceHandler<Model> {
  /** The SigV4 signing name (`organizations`, `sts`, `bedrock`, `s3`, `cloudformation`). */
  readonly signingName: string;
  /** The API operation a request calls (`ListAccountsForParent`); throws `AwsError` for an unknown one. */
  operation(request: FakeRequest): string;
  /** The IAM action an operation needs (`s3:ListBucket` for ListObjectsV2). */
  iamAction(operation: string): string;
  /** The error code and HTTP status the service throttles with. */
  readonly throttling: { readonly code: string; readonly status: number };
  /** The service's access-denied error (`AccessDenied`, `AccessDeniedException`). */
  denied(message: string): AwsError;
  handle(operation: string, request: FakeRequest, caller: Caller, model: Model, requestId: string): FakeResponse | Promise<FakeResponse>;
  /** An error as the service's protocol writes it. */
  error(error: AwsError, requestId: string): FakeResponse;
}

/** An opaque pagination token for an offset (the real ones are opaque too). */
export function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

/** The offset of a token; an `AwsError` for a token this fake did not issue. */
export function tokenOffset(token: string | undefined | null, code = 'InvalidInputException'): number {
  if (token === undefined || token === null || token === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw new AwsError(code, 'The pagination token is not valid');
  return Number(match[1]);
}
