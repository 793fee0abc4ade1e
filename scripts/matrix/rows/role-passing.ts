/**
 * Who may pass which role, and to what: the logging-configuration function passes the role of the
 * CloudWatch Logs delivery to Bedrock only (a team's under `merge`, the organization's with
 * `cloudWatchLogs`, then from inside its function only); nobody else but the exempt principals may
 * pass Bedrock's CloudWatch role (with it, a Bedrock resource of one's own could write forged events
 * into the invocation log group).
 */
import { AUDIT_TAG_VALUE } from '../../../cdk/constants';
import { KEYS, roleArn, SERVICE_PRINCIPALS } from '../../../cdk/policies';
import type { MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

/** A service a role must never be passed to by the logging function. */
const OTHER_SERVICE = 'lambda.amazonaws.com';

export function addRolePassingRows(ctx: MatrixContext): void {
  const { world, member, config, names, region } = ctx;
  const fromFunction = (fn: string) => ({ [KEYS.sourceFunctionArn]: fn });
  const inFunction = ctx.person('logging-config role, in its function', world.member, ctx.loggingRole, fromFunction(ctx.loggingFunction));
  const outside = ctx.person('logging-config role, outside any function', world.member, ctx.loggingRole);
  const inTeamFunction = ctx.person('logging-config role, in another function', world.member, ctx.loggingRole, fromFunction(ctx.teamFunction));
  const pass = (attempt: string, role: string, to: string, audited: boolean): RequestSpec => ({
    area: AREAS.passRole,
    attempt,
    action: 'iam:PassRole',
    resource: role,
    resourceAccount: member,
    context: { [KEYS.passedToService]: to, ...(audited ? { [KEYS.resourceTag]: AUDIT_TAG_VALUE } : {}) },
  });

  // Whatever the options: the logging role passes a team's role (merge, fail) to Bedrock only.
  ctx.add(inFunction, pass(`pass a team's CloudWatch Logs role to ${OTHER_SERVICE}`, roleArn(member, 'team-bedrock-cloudwatch'), OTHER_SERVICE, false), 'Denied');
  if (!config.cloudWatchLogs.enabled) return;

  const cloudWatch = (attempt: string, to: string = SERVICE_PRINCIPALS.bedrock): RequestSpec =>
    pass(`${names.cloudWatchRole(region)}: ${attempt}`, ctx.cloudWatchRole, to, true);
  ctx.add(inFunction, cloudWatch('pass it to Bedrock in the logging configuration (Put)'), 'Allowed');
  ctx.add(inFunction, cloudWatch(`pass it to ${OTHER_SERVICE}`, OTHER_SERVICE), 'Denied');
  ctx.add(outside, cloudWatch('pass it to Bedrock with leaked credentials'), 'Denied');
  ctx.add(inTeamFunction, cloudWatch('pass it to Bedrock from another function'), 'Denied');
  ctx.add(inFunction, pass(`${names.replicationRole(region)}: pass it to Bedrock`, ctx.replicationRole, SERVICE_PRINCIPALS.bedrock, true), 'Denied');
  ctx.add(inFunction, pass(`${config.executionRoleName}: pass it to Bedrock`, roleArn(member, config.executionRoleName), SERVICE_PRINCIPALS.bedrock, false), 'Allowed', {
    residual: "the guardrails let the logging function pass the project's untagged names and the exempt roles to Bedrock; its own IAM policy names only the CloudWatch role (locked), and the execution role trusts no service",
  });
  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const teamFunction = ctx.person("admin's own function", world.member, ctx.teamRole, fromFunction(ctx.teamFunction));
  const emptier = ctx.person('emptier role, in its function', world.member, ctx.emptierRole, fromFunction(ctx.emptierFunction));
  const execution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  ctx.add(admin, cloudWatch('pass it to a Bedrock agent, knowledge base or job of their own (forged events)'), 'Denied');
  ctx.add(teamFunction, cloudWatch('pass it to Bedrock'), 'Denied');
  ctx.add(emptier, cloudWatch('pass it to Bedrock'), 'Denied');
  ctx.add(execution, cloudWatch('pass it to Bedrock'), 'Allowed');
}
