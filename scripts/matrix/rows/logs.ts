/** The custom-resource functions' log groups: the evidence of what they did. */
import { KEYS, logGroupArn, roleArn } from '../../../cdk/policies';
import { LAMBDA_LOG_GROUP_PREFIX } from '../../../cdk/names';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

export function addLogRows(ctx: MatrixContext): void {
  const { world, member, region, names } = ctx;
  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const group = logGroupArn(region, member, `${LAMBDA_LOG_GROUP_PREFIX}${names.loggingConfigFunction}`);
  const stream = `${group}:log-stream:2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef`;
  const logs = (attempt: string, action: string, resource: string, r = region): RequestSpec => ({ area: AREAS.logs, attempt, action, resource, resourceAccount: member, region: r });
  for (const spec of [
    logs('delete the logging function\'s log group', 'logs:DeleteLogGroup', group),
    logs('delete one of its log streams', 'logs:DeleteLogStream', stream),
    logs('shorten its retention to a day', 'logs:PutRetentionPolicy', group),
    logs('stream it elsewhere (subscription filter)', 'logs:PutSubscriptionFilter', group),
    logs('encrypt it with a key the admin can disable', 'logs:AssociateKmsKey', group),
    logs('mask its content (data protection policy)', 'logs:PutDataProtectionPolicy', group),
    logs('forge log events into it', 'logs:PutLogEvents', stream),
    logs(`pre-create the log group of ${names.bucketEmptierFunction} in a region the stack has not reached`, 'logs:CreateLogGroup',
      logGroupArn(UNDEPLOYED_REGION, member, `${LAMBDA_LOG_GROUP_PREFIX}${names.bucketEmptierFunction}`), UNDEPLOYED_REGION),
  ]) {
    ctx.add(admin, spec, 'Denied');
  }
  ctx.add(admin, logs('read its events', 'logs:FilterLogEvents', group), 'Allowed');
  ctx.add(admin, logs('query it with Logs Insights', 'logs:StartQuery', group), 'Allowed');
  ctx.add(admin, logs('delete the log group of an own function', 'logs:DeleteLogGroup', logGroupArn(region, member, `${LAMBDA_LOG_GROUP_PREFIX}team-app`)), 'Allowed');
  const functionRole = ctx.person('logging-config role, in its function', world.member, ctx.loggingRole, { [KEYS.sourceFunctionArn]: ctx.loggingFunction });
  ctx.add(functionRole, logs('create its log group on first use', 'logs:CreateLogGroup', group), 'Allowed');
  ctx.add(functionRole, logs('write its log events', 'logs:PutLogEvents', stream), 'Allowed');
}
