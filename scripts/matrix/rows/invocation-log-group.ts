/**
 * The invocation log group of the `cloudWatchLogs` option (`/aws/bedrock/<prefix>-invocations`):
 * Bedrock writes into it with the CloudWatch role, teams read it and alarm on it with metric
 * filters, nobody else changes it.
 */
import { AUDIT_TAG_KEY, BEDROCK_LOG_STREAM } from '../../../cdk/constants';
import { KEYS, logGroupArn, roleArn } from '../../../cdk/policies';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

export function addInvocationLogGroupRows(ctx: MatrixContext): void {
  const { world, member, config, names, region } = ctx;
  if (!config.cloudWatchLogs.enabled) return;
  const group = ctx.invocationLogGroup;
  const stream = `${group}:log-stream:${BEDROCK_LOG_STREAM}`;
  const logs = (attempt: string, action: string, resource: string = group, extra: Partial<RequestSpec> = {}): RequestSpec =>
    ({ area: AREAS.logGroup, attempt, action, resource, resourceAccount: member, ...extra });
  const attacks = [
    logs('delete the invocation log group', 'logs:DeleteLogGroup'),
    logs("delete Bedrock's log stream", 'logs:DeleteLogStream', stream),
    logs('shorten its retention to a day', 'logs:PutRetentionPolicy'),
    logs('copy every event elsewhere (subscription filter)', 'logs:PutSubscriptionFilter'),
    logs('disassociate its KMS key', 'logs:DisassociateKmsKey'),
    logs('encrypt it with a key of their own (which they can then disable)', 'logs:AssociateKmsKey'),
    logs('mask prompts and answers (data protection policy)', 'logs:PutDataProtectionPolicy'),
    logs('rewrite events as they arrive (transformer)', 'logs:PutTransformer'),
    logs(`remove its ${AUDIT_TAG_KEY} tag`, 'logs:UntagResource', group, { context: { [KEYS.tagKeys]: [AUDIT_TAG_KEY] } }),
    logs("forge events into Bedrock's stream", 'logs:PutLogEvents', stream),
    logs('create a log stream of their own in it (forged events)', 'logs:CreateLogStream', `${group}:log-stream:forged`),
    logs('pre-create the log group in a region the stack has not reached', 'logs:CreateLogGroup',
      logGroupArn(UNDEPLOYED_REGION, member, names.invocationLogGroup), { region: UNDEPLOYED_REGION }),
  ];
  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const execution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  for (const spec of attacks) ctx.add(admin, spec, 'Denied');
  for (const spec of attacks) ctx.add(execution, spec, 'Allowed');
  const loggingFunction = ctx.person('logging-config role, in its function', world.member, ctx.loggingRole, { [KEYS.sourceFunctionArn]: ctx.loggingFunction });
  ctx.add(loggingFunction, logs("write events into Bedrock's stream", 'logs:PutLogEvents', stream), 'Denied');

  const bedrockRole = ctx.person(`${names.cloudWatchRole(region)} (Bedrock delivering)`, world.member, ctx.cloudWatchRole);
  ctx.add(bedrockRole, logs("create Bedrock's log stream", 'logs:CreateLogStream', stream), 'Allowed');
  ctx.add(bedrockRole, logs('deliver invocation events', 'logs:PutLogEvents', stream), 'Allowed');
  for (const spec of [
    logs('filter its events', 'logs:FilterLogEvents'),
    logs("read Bedrock's stream", 'logs:GetLogEvents', stream),
    logs('query it with Logs Insights', 'logs:StartQuery'),
    logs('tail it live', 'logs:StartLiveTail'),
    logs('add a metric filter (an alarm on failed invocations)', 'logs:PutMetricFilter'),
    logs('delete a metric filter', 'logs:DeleteMetricFilter'),
  ]) {
    ctx.add(admin, spec, 'Allowed');
  }
  const copy = 'the group is a copy for alerting, the record is the central bucket';
  ctx.add(admin, logs('set an account-level data protection, subscription or transformer policy (every log group of the account)', 'logs:PutAccountPolicy', '*'), 'Allowed', {
    residual: `account-level CloudWatch Logs policies apply to every log group, this one included; ${copy}`,
  });
  ctx.add(admin, logs('let an AWS service write into the group (CloudWatch Logs resource policy)', 'logs:PutResourcePolicy', '*'), 'Allowed', {
    residual: `a service so allowed writes its own streams, never Bedrock's (aws/bedrock/modelinvocations); the action authorizes on "*"; ${copy}`,
  });
}
