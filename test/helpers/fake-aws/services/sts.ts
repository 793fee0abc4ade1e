/**
 * AWS STS over the query protocol (form-encoded `Action=...&Version=2011-06-15`, XML answers):
 * GetCallerIdentity and AssumeRole. AssumeRole issues credentials whose access key identifies the
 * account and role session, narrowed by the request's session policy (its Allow actions), so that
 * every later call knows where it acts and what it may do. The role must exist in an ACTIVE
 * account and trust the caller's organization's management account.
 */
import type { FakeOrganization } from '../model';
import { AwsError, type ServiceHandler } from '../protocol';
import { queryProtocol } from '../query-protocol';
import { toXml } from '../xml';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(.+)$/;

/** The Allow actions of a session policy document (`Action` a string or a list). */
export function allowedActions(policy: string): Set<string> {
  const document = JSON.parse(policy) as { Statement?: { Effect?: string; Action?: string | string[] }[] | { Effect?: string; Action?: string | string[] } };
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  return new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])));
}

export function stsService(): ServiceHandler<FakeOrganization> {
  const { answer: xml, ...query } = queryProtocol('sts', NAMESPACE);
  return {
    ...query,
    handle(operation, request, caller, model, requestId) {
      const params = new URLSearchParams(request.body);
      if (operation === 'GetCallerIdentity') {
        return xml(operation, toXml({ Arn: caller.arn, UserId: `AROAFAKE:${caller.arn.split('/').pop() ?? ''}`, Account: caller.account }), requestId);
      }
      if (operation !== 'AssumeRole') throw new AwsError('InvalidAction', `the fake does not implement ${operation}`);
      const roleArn = params.get('RoleArn') ?? '';
      const session = params.get('RoleSessionName') ?? '';
      const match = ROLE_ARN.exec(roleArn);
      const account = match ? model.accounts.get(match[1]) : undefined;
      const trusted = caller.account === model.managementAccountId;
      if (!match || !account || account.state !== 'ACTIVE' || !account.roles.has(match[2]) || !trusted || session === '') {
        throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
      }
      const policy = params.get('Policy');
      const arn = `arn:aws:sts::${account.id}:assumed-role/${match[2]}/${session}`;
      const accessKeyId = model.issueCredentials({ account: account.id, arn, allowedActions: policy ? allowedActions(policy) : undefined });
      const seconds = Number(params.get('DurationSeconds') ?? '3600');
      return xml(operation, toXml({
        AssumedRoleUser: { Arn: arn, AssumedRoleId: `AROAFAKE${account.id}:${session}` },
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: `fake-secret-${accessKeyId}`,
          SessionToken: `fake-session-token-${accessKeyId}`,
          Expiration: new Date(Date.now() + seconds * 1000).toISOString(),
        },
        PackedPolicySize: policy ? Math.min(100, Math.ceil(policy.length / 20)) : undefined,
      }), requestId);
    },
  };
}
