/** The project's own roles at work: allowed their own task, nothing else. */
import { KEYS, roleArn, SERVICE_PRINCIPALS } from '../../../cdk/policies';
import { openBucketPolicy } from './central';
import type { MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

export function addOwnRoleRows(ctx: MatrixContext, loggingWrites: readonly [RequestSpec, RequestSpec]): void {
  const { world, member, aggregation } = ctx;
  const [put, remove] = loggingWrites;
  const fromFunction = (fn: string) => ({ [KEYS.sourceFunctionArn]: fn });
  const inFunction = ctx.person('logging-config role, in its function', world.member, ctx.loggingRole, fromFunction(ctx.loggingFunction));
  const loggingOutside = ctx.person('logging-config role, outside any function', world.member, ctx.loggingRole);
  const loggingInTeamFunction = ctx.person('logging-config role, in another function', world.member, ctx.loggingRole, fromFunction(ctx.teamFunction));
  const emptier = ctx.person('emptier role, in its function', world.member, ctx.emptierRole, fromFunction(ctx.emptierFunction));
  const emptierOutside = ctx.person('emptier role, outside any function', world.member, ctx.emptierRole);
  const replication = ctx.person('replication role', world.member, ctx.replicationRole);
  const teamFunctionRole = ctx.person("admin's own function", world.member, ctx.teamRole, fromFunction(ctx.teamFunction));
  const own = (attempt: string, action: string, resource: string, resourceAccount = member, resourcePolicy?: unknown): RequestSpec =>
    ({ area: AREAS.own, attempt, action, resource, resourceAccount, ...(resourcePolicy === undefined ? {} : { resourcePolicy }) });

  ctx.add(inFunction, put, 'Allowed');
  ctx.add(inFunction, remove, 'Allowed');
  ctx.add(loggingOutside, { ...put, area: AREAS.own, attempt: 'put the logging configuration with leaked credentials' }, 'Denied');
  ctx.add(loggingInTeamFunction, { ...remove, area: AREAS.own, attempt: 'delete the logging configuration from another function' }, 'Denied');
  ctx.add(teamFunctionRole, { ...remove, area: AREAS.own, attempt: "delete the logging configuration from an admin's own function" }, 'Denied');
  ctx.add(emptier, { ...put, area: AREAS.own, attempt: 'put the logging configuration from the emptier' }, 'Denied');
  ctx.add(inFunction, own('delete a log object from the logging-config function', 's3:DeleteObject', ctx.memberObject), 'Denied');
  ctx.add(inFunction, {
    ...own("pass a team's CloudWatch Logs role to Bedrock (merge mode)", 'iam:PassRole', roleArn(member, 'team-bedrock-cloudwatch')),
    context: { [KEYS.passedToService]: SERVICE_PRINCIPALS.bedrock },
  }, 'Allowed');
  ctx.add(emptier, own('empty the member bucket: delete an object', 's3:DeleteObject', ctx.memberObject), 'Allowed');
  ctx.add(emptier, own('empty the member bucket: delete an object version', 's3:DeleteObjectVersion', ctx.memberObject), 'Allowed');
  ctx.add(emptier, own('empty the member bucket: list object versions', 's3:ListBucketVersions', ctx.memberBucket), 'Allowed');
  ctx.add(emptierOutside, own('delete object versions with leaked credentials', 's3:DeleteObjectVersion', ctx.memberObject), 'Denied');
  ctx.add(emptier, own('delete central log objects', 's3:DeleteObjectVersion', ctx.centralObject, aggregation), 'Denied');
  ctx.add(emptier, own('delete the member bucket', 's3:DeleteBucket', ctx.memberBucket), 'Denied');
  const shipped = ctx.scenario.bucketPolicies.central;
  for (const action of ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']) {
    ctx.add(replication, own(`replicate into the central bucket (${action.split(':')[1]})`, action, ctx.centralObject, aggregation, shipped), 'Allowed');
  }
  ctx.add(replication, own('read source versions for replication', 's3:GetObjectVersionForReplication', ctx.memberObject), 'Allowed');
  ctx.add(replication, own('replicate a delete marker into the central bucket', 's3:ReplicateDelete', ctx.centralObject, aggregation, shipped), 'Denied');
  ctx.add(replication, own('write into the central bucket directly', 's3:PutObject', ctx.centralObject, aggregation, openBucketPolicy(ctx)), 'Denied');
  ctx.add(replication, own('delete a member log object', 's3:DeleteObject', ctx.memberObject), 'Denied');
}
