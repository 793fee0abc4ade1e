/**
 * The role sessions of a coverage run. The role (by default the Control Tower execution role) is
 * broad, so every session is narrowed by a session policy to the five read actions the checks
 * use: the session can change nothing and read no log object, whatever the role allows.
 * A session's permissions are the intersection of the role's policies and the session policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session).
 */
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { roleArn } from '../../cdk/policies/scope';
import type { Credentials } from './clients';
import type { CallGate } from './gate';

/** The IAM actions behind the calls the checks make, and nothing else. */
export const READ_ACTIONS = [
  'bedrock:GetModelInvocationLoggingConfiguration',
  'cloudformation:ListStacks',
  's3:GetBucketVersioning',
  's3:GetReplicationConfiguration',
  's3:ListBucket',
] as const;

/** The session policy passed with every AssumeRole. */
export const SESSION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'CoverageReadOnly', Effect: 'Allow', Action: [...READ_ACTIONS], Resource: '*' }],
});

/** Session length: enough for one account's checks, short enough to expire soon after the run. */
const SESSION_SECONDS = 3600;

/** The session name, visible in CloudTrail of the member account. */
export function sessionName(prefix: string): string {
  return `${prefix}-coverage`.slice(0, 64);
}

/** Assumes `roleName` in `account`; errors propagate (the caller turns them into cell states). */
export async function assumeRole(sts: STSClient, gate: CallGate, account: string, roleName: string, session: string): Promise<Credentials> {
  const answer = await gate.run('sts', (abortSignal) =>
    sts.send(new AssumeRoleCommand({ RoleArn: roleArn(account, roleName), RoleSessionName: session, Policy: SESSION_POLICY, DurationSeconds: SESSION_SECONDS }), { abortSignal }));
  const credentials = answer.Credentials;
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    throw new Error(`STS answered AssumeRole for ${roleArn(account, roleName)} without credentials`);
  }
  return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken, expiration: credentials.Expiration };
}
