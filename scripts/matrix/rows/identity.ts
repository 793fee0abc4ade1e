/**
 * Who is exempt, exactly: IAM Identity Center permission-set exemptions match that permission set's
 * roles and no other, and exempt names cannot be squatted under another path.
 */
import { IDENTITY_CENTER, permissionSetRolePattern, roleArn } from '../../../cdk/policies';
import type { MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

/** A role name IAM Identity Center would give permission set `name` (16-character suffix). */
export function identityCenterRole(account: string, name: string, region?: string): string {
  return roleArn(account, `${IDENTITY_CENTER.rolePath}${region === undefined ? '' : `${region}/`}${IDENTITY_CENTER.rolePrefix}${name}_0123456789abcdef`);
}

export function addIdentityRows(ctx: MatrixContext, putLogging: RequestSpec): void {
  const { world, member, config } = ctx;
  const put = { ...putLogging, area: AREAS.identityCenter };
  const set = ctx.permissionSet;
  if (set !== undefined) {
    for (const [label, arn] of [
      [`Identity Center role of ${set} (identity source in us-east-1, no region in the path)`, identityCenterRole(member, set)],
      [`Identity Center role of ${set} (region in the path)`, identityCenterRole(member, set, 'eu-west-2')],
    ]) {
      ctx.add(ctx.person(label, world.member, arn), { ...put, attempt: `put the logging configuration as an exempt permission set` }, 'Allowed');
    }
    for (const [label, arn] of [
      [`Identity Center role of ${set}s (a longer name)`, identityCenterRole(member, `${set}s`, 'eu-west-2')],
      [`Identity Center role of Team${set} (a name that ends like it)`, identityCenterRole(member, `Team${set}`, 'eu-west-2')],
      [`Identity Center role of ${set}_0123456789abcdef (a name that contains a suffix)`, identityCenterRole(member, `${set}_0123456789abcdef`)],
      [`role named ${IDENTITY_CENTER.rolePrefix}${set}_… at the path /`, roleArn(member, `${IDENTITY_CENTER.rolePrefix}${set}_0123456789abcdef`)],
    ]) {
      ctx.add(ctx.person(label, world.member, arn), { ...put, attempt: 'put the logging configuration (gains no exemption)' }, 'Denied');
    }
    const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
    const pattern = permissionSetRolePattern(member, set);
    ctx.add(admin, { area: AREAS.identityCenter, attempt: `create a role at ${IDENTITY_CENTER.rolePath} matching the ${set} exemption`, action: 'iam:CreateRole', resource: pattern.replace('*', 'us-east-1/').replace(/\?{16}$/, 'fedcba9876543210'), resourceAccount: member },
      // IAM itself refuses changes to roles under aws-reserved/ (the simulator models it); the guardrail denies it too.
      'Denied', { implicitDenyCounts: true });
  }
  // Any permission set not listed stays bound, whatever its name.
  ctx.add(ctx.person('Identity Center role of BreakGlassAdmin (not listed)', world.member, identityCenterRole(member, 'BreakGlassAdmin', 'eu-west-2')), { ...put, attempt: 'put the logging configuration' }, 'Denied');

  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const squat = (name: string): RequestSpec => ({ area: AREAS.squatting, attempt: `create role/team/${name} (role names are unique per account whatever the path)`, action: 'iam:CreateRole', resource: roleArn(member, `team/${name}`), resourceAccount: member });
  ctx.add(admin, squat(config.executionRoleName), 'Denied');
  if (ctx.breakGlassRole !== undefined) ctx.add(admin, squat(ctx.breakGlassRole), 'Denied');
}
