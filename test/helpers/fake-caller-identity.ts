/**
 * A fake of the two AWS APIs publish asks before uploading, on 127.0.0.1, speaking their real wire
 * protocols so the real SDK v3 clients talk to it (through AWS_ENDPOINT_URL_STS and
 * AWS_ENDPOINT_URL_ORGANIZATIONS):
 * - STS GetCallerIdentity, AWS query protocol: a form-encoded POST, an XML answer
 *   (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html);
 * - Organizations DescribeOrganization, AWS JSON 1.1: `X-Amz-Target:
 *   AWSOrganizationsV20161128.DescribeOrganization`, a JSON answer, errors as `{"__type": ...}`
 *   (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface FakeAwsState {
  /** The account GetCallerIdentity answers; undefined answers InvalidClientTokenId. */
  account?: string;
  /** The organization DescribeOrganization answers; 'AccessDenied' answers AccessDeniedException. */
  organization?: string | 'AccessDenied';
}

export interface FakeAws {
  readonly endpoint: string;
  readonly state: FakeAwsState;
  /** The API calls received, in order (`sts:GetCallerIdentity`, `organizations:DescribeOrganization`). */
  readonly calls: string[];
  close(): Promise<void>;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const REQUEST_ID = '4a7c1b2e-0000-4000-8000-000000000000';

function stsAnswer(state: FakeAwsState): { status: number; body: string } {
  if (state.account === undefined) {
    return {
      status: 403,
      body: `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
    };
  }
  return {
    status: 200,
    body: [
      `<GetCallerIdentityResponse xmlns="${STS_NS}">`,
      '  <GetCallerIdentityResult>',
      `    <Arn>arn:aws:sts::${state.account}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/operator</Arn>`,
      '    <UserId>AROAEXAMPLEEXAMPLE:operator</UserId>',
      `    <Account>${state.account}</Account>`,
      '  </GetCallerIdentityResult>',
      `  <ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata>`,
      '</GetCallerIdentityResponse>',
    ].join('\n'),
  };
}

function organizationsAnswer(state: FakeAwsState): { status: number; body: string } {
  if (state.organization === 'AccessDenied' || state.organization === undefined) {
    return { status: 400, body: JSON.stringify({ __type: 'AccessDeniedException', Message: 'You don\'t have permissions to access this resource.' }) };
  }
  const id = state.organization;
  return {
    status: 200,
    body: JSON.stringify({
      Organization: {
        Id: id,
        Arn: `arn:aws:organizations::${state.account ?? '000000000000'}:organization/${id}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::${state.account ?? '000000000000'}:account/${id}/${state.account ?? '000000000000'}`,
        MasterAccountId: state.account,
        MasterAccountEmail: 'management@example.com',
      },
    }),
  };
}

export async function startFakeAws(initial: FakeAwsState = {}): Promise<FakeAws> {
  const state: FakeAwsState = { ...initial };
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      let answer: { status: number; body: string };
      if (typeof target === 'string' && target.endsWith('.DescribeOrganization')) {
        calls.push('organizations:DescribeOrganization');
        answer = organizationsAnswer(state);
        res.setHeader('Content-Type', 'application/x-amz-json-1.1');
      } else if (new URLSearchParams(body).get('Action') === 'GetCallerIdentity') {
        calls.push('sts:GetCallerIdentity');
        answer = stsAnswer(state);
        res.setHeader('Content-Type', 'text/xml');
      } else {
        calls.push(`unknown:${target ?? body.slice(0, 40)}`);
        answer = { status: 400, body: 'unknown request' };
      }
      res.setHeader('x-amzn-RequestId', REQUEST_ID);
      res.statusCode = answer.status;
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
