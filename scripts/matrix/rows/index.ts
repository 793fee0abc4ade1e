/** Every row of the matrix for one scenario, in a stable order. */
import { roleArn } from '../../../cdk/policies';
import type { Scenario } from '../scenario';
import { addBedrockRows } from './bedrock';
import { addRcpRows, addReplicationRows, centralAttackSpecs, openBucketPolicy } from './central';
import { MatrixContext } from './context';
import { addIdentityRows } from './identity';
import { addInvocationLogGroupRows } from './invocation-log-group';
import { addKeyRows } from './keys';
import { addLogRows } from './logs';
import { memberAttackSpecs, tagAttackSpecs } from './member-attacks';
import { addOrganizationRows } from './organization';
import { addOwnRoleRows } from './own-roles';
import { addQueryRows } from './query';
import { addMemberBucketPolicyRows, addReadRows } from './reads';
import { addRolePassingRows } from './role-passing';
import { AREAS, type MatrixRow } from './types';

export * from './types';

export function buildRows(scenario: Scenario): MatrixRow[] {
  const ctx = new MatrixContext(scenario);
  const { world, member, aggregation, config } = ctx;
  const memberAttacks = memberAttackSpecs(ctx);
  const tagAttacks = tagAttackSpecs(ctx);
  const centralAttacks = centralAttackSpecs(ctx);
  const loggingWrites = [memberAttacks[0], memberAttacks[1]] as const;

  const memberAdmin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const memberRoot = ctx.person('member root user', world.member, `arn:aws:iam::${member}:root`);
  const aggregationAdmin = ctx.person('aggregation admin', world.aggregation, roleArn(aggregation, 'Admin'));
  const memberExecution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  const aggregationExecution = ctx.person('execution role (aggregation)', world.aggregation, roleArn(aggregation, config.executionRoleName));

  // The classic attacks: denied to administrators and root, allowed to the exempt principals.
  for (const spec of [...memberAttacks, ...tagAttacks]) ctx.add(memberAdmin, spec, 'Denied');
  for (const spec of centralAttacks) ctx.add(aggregationAdmin, spec, 'Denied');
  ctx.add(memberRoot, loggingWrites[0], 'Denied');
  ctx.add(memberRoot, memberAttacks.find((s) => s.attempt === 'delete a log object') ?? loggingWrites[1], 'Denied');
  addOwnRoleRows(ctx, loggingWrites);
  addRcpRows(ctx);
  for (const spec of [...memberAttacks, ...tagAttacks]) ctx.add(memberExecution, spec, 'Allowed');
  for (const spec of centralAttacks) ctx.add(aggregationExecution, spec, 'Allowed');
  if (scenario.policies.some((p) => p.kind === 'rcp')) {
    ctx.add(aggregationExecution, {
      area: AREAS.rcp,
      attempt: 'delete a central log object (RCP exemption)',
      action: 's3:DeleteObjectVersion',
      resource: ctx.centralObject,
      resourceAccount: aggregation,
      resourcePolicy: openBucketPolicy(ctx),
    }, 'Allowed');
  }
  if (ctx.breakGlassRole !== undefined) {
    const memberBreakGlass = ctx.person('break-glass role (member)', world.member, roleArn(member, ctx.breakGlassRole));
    const aggregationBreakGlass = ctx.person('break-glass role (aggregation)', world.aggregation, roleArn(aggregation, ctx.breakGlassRole));
    for (const spec of [...loggingWrites, ...memberAttacks.filter((s) => s.action === 's3:DeleteBucket' || s.action === 'lambda:UpdateFunctionCode')]) {
      ctx.add(memberBreakGlass, spec, 'Allowed');
    }
    for (const spec of centralAttacks.filter((s) => s.action === 's3:PutBucketPolicy' || s.action === 's3:DeleteObjectVersion')) {
      ctx.add(aggregationBreakGlass, spec, 'Allowed');
    }
  }
  addReadRows(ctx);

  // The surfaces around the protected resources.
  addOrganizationRows(ctx);
  addBedrockRows(ctx);
  addIdentityRows(ctx, loggingWrites[0]);
  addReplicationRows(ctx);
  addLogRows(ctx);
  addMemberBucketPolicyRows(ctx);
  addQueryRows(ctx);
  // The options' resources: passing Bedrock's CloudWatch role, the keys, the invocation log group.
  addRolePassingRows(ctx);
  addKeyRows(ctx);
  addInvocationLogGroupRows(ctx);
  return ctx.rows;
}
