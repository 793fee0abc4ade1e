/**
 * The customer managed keys (`encryption.kms`): the member key of each account and region, the
 * central key of the aggregation account, and their aliases. KMS honours IAM policies only where a
 * key's policy lets it (the simulator models that), so every row here runs against a key policy that
 * grants everyone everything: the worst case, in which only the guardrails stand. The shipped key
 * policies are asserted by the construct tests: their conditions on `kms:EncryptionContext:*` are
 * beyond what the simulator evaluates.
 */
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, s3ViaService } from '../../../cdk/constants';
import { KEYS, kmsAliasArn, kmsKeyArn, roleArn } from '../../../cdk/policies';
import { MATRIX_ACCOUNTS } from '../scenario';
import { OUTSIDE_ORGANIZATION } from '../world';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

/** Request context keys of KMS that the rows pass (the guardrails read none of them). */
const KMS_CONTEXT = {
  viaService: 'kms:ViaService',
  callerAccount: 'kms:CallerAccount',
  grantee: 'kms:GranteePrincipal',
  grantIsForAwsResource: 'kms:GrantIsForAWSResource',
} as const;

/** Worst case: a key policy that grants every principal every KMS action. */
export const OPEN_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'WorstCaseOpenToEveryone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
};

export function addKeyRows(ctx: MatrixContext): void {
  const { world, member, aggregation, config, names, region } = ctx;
  if (!config.encryption.kms) return;
  const aggregationRegion = config.aggregation.region;
  const keyOf = (alias: string) => ({ [KEYS.resourceTag]: AUDIT_TAG_VALUE, [KEYS.resourceAliases]: [alias] });
  const onKey = (attempt: string, action: string, key: string, account: string, context: Record<string, string | string[]>, area: string = AREAS.keys): RequestSpec =>
    ({ area, attempt, action, resource: key, resourceAccount: account, context, resourcePolicy: OPEN_KEY_POLICY });
  const memberKey = (attempt: string, action: string, extra: Record<string, string | string[]> = {}) =>
    onKey(`${names.memberKeyAlias}: ${attempt}`, action, ctx.memberKey, member, { ...keyOf(names.memberKeyAlias), ...extra });
  const centralKey = (attempt: string, action: string, extra: Record<string, string | string[]> = {}, area?: string) =>
    onKey(`${names.centralKeyAlias}: ${attempt}`, action, ctx.centralKey, aggregation, { ...keyOf(names.centralKeyAlias), ...extra }, area);
  const alias = (attempt: string, action: string, aliasName: string, account: string, aliasRegion: string): RequestSpec =>
    ({ area: AREAS.keys, attempt, action, resource: kmsAliasArn(aliasRegion, account, aliasName), resourceAccount: account, resourcePolicy: OPEN_KEY_POLICY });

  const memberAttacks = [
    memberKey('change its key policy', 'kms:PutKeyPolicy'),
    memberKey('disable it (Bedrock can no longer write, replication fails)', 'kms:DisableKey'),
    memberKey('schedule its deletion', 'kms:ScheduleKeyDeletion'),
    memberKey('turn its rotation off', 'kms:DisableKeyRotation'),
    memberKey('create a grant for a principal outside the organization', 'kms:CreateGrant',
      { [KMS_CONTEXT.grantee]: roleArn(MATRIX_ACCOUNTS.outside, 'Outsider'), [KMS_CONTEXT.grantIsForAwsResource]: 'false' }),
    memberKey('revoke a grant', 'kms:RevokeGrant'),
    memberKey('replicate it to a region of their choice', 'kms:ReplicateKey'),
    memberKey(`remove its ${AUDIT_TAG_KEY} tag`, 'kms:UntagResource', { [KEYS.tagKeys]: [AUDIT_TAG_KEY] }),
    alias(`re-point ${names.memberKeyAlias} at a key of their own`, 'kms:UpdateAlias', names.memberKeyAlias, member, region),
    alias(`delete ${names.memberKeyAlias}`, 'kms:DeleteAlias', names.memberKeyAlias, member, region),
    alias(`squat ${names.memberKeyAlias} in a region the stack has not reached`, 'kms:CreateAlias', names.memberKeyAlias, member, UNDEPLOYED_REGION),
  ];
  const centralAttacks = [
    centralKey('schedule its deletion', 'kms:ScheduleKeyDeletion'),
    centralKey('change its key policy (let an outside account decrypt)', 'kms:PutKeyPolicy'),
    alias(`re-point ${names.centralKeyAlias} at a key of their own (member stacks encrypt replicas with it)`, 'kms:UpdateAlias', names.centralKeyAlias, aggregation, aggregationRegion),
    alias(`create ${names.centralKeyAlias} before the stack does (or after deleting it)`, 'kms:CreateAlias', names.centralKeyAlias, aggregation, aggregationRegion),
  ];
  const memberAdmin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const aggregationAdmin = ctx.person('aggregation admin', world.aggregation, roleArn(aggregation, 'Admin'));
  const memberExecution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  const aggregationExecution = ctx.person('execution role (aggregation)', world.aggregation, roleArn(aggregation, config.executionRoleName));
  for (const spec of memberAttacks) ctx.add(memberAdmin, spec, 'Denied');
  for (const spec of centralAttacks) ctx.add(aggregationAdmin, spec, 'Denied');
  const teamKey = kmsKeyArn(region, member, 'aaaabbbb-cccc-4ddd-8eee-ffff00001111');
  ctx.add(memberAdmin, { area: AREAS.keys, attempt: `tag an own key ${AUDIT_TAG_KEY}=true`, action: 'kms:TagResource', resource: teamKey, resourceAccount: member, context: ctx.tagging(AUDIT_TAG_KEY), resourcePolicy: OPEN_KEY_POLICY }, 'Denied');
  ctx.add(memberAdmin, { area: AREAS.keys, attempt: `create a key tagged ${AUDIT_TAG_KEY.toLowerCase()}=true`, action: 'kms:CreateKey', resource: '*', resourceAccount: member, context: ctx.tagging(AUDIT_TAG_KEY.toLowerCase()) }, 'Denied');

  // CloudFormation administers the keys through the execution role; a break-glass role repairs.
  for (const spec of memberAttacks) ctx.add(memberExecution, spec, 'Allowed');
  for (const spec of centralAttacks) ctx.add(aggregationExecution, spec, 'Allowed');
  if (ctx.breakGlassRole !== undefined) {
    ctx.add(ctx.person('break-glass role (member)', world.member, roleArn(member, ctx.breakGlassRole)), memberKey('enable it again (repair)', 'kms:EnableKey'), 'Allowed');
  }

  // What must keep working: S3 uses the keys with the replication role's and the readers' credentials.
  const viaS3 = (r: string, caller: string) => ({ [KMS_CONTEXT.viaService]: s3ViaService(r), [KMS_CONTEXT.callerAccount]: caller });
  const replication = ctx.person('replication role', world.member, ctx.replicationRole);
  ctx.add(replication, memberKey('decrypt a source object for replication (through S3)', 'kms:Decrypt', viaS3(region, member)), 'Allowed');
  for (const action of ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt']) {
    ctx.add(replication, centralKey(`encrypt a replica in the central bucket (through S3, ${action.split(':')[1]})`, action, viaS3(aggregationRegion, member)), 'Allowed');
  }
  const analyst = ctx.person('analyst (aggregation account)', world.aggregation, roleArn(aggregation, 'Analyst'));
  ctx.add(analyst, centralKey('decrypt a central log object (through S3 or Athena)', 'kms:Decrypt', viaS3(aggregationRegion, aggregation)), 'Allowed');
  ctx.add(memberAdmin, memberKey('describe it and read its key policy', 'kms:GetKeyPolicy'), 'Allowed');
  ctx.add(memberAdmin, { area: AREAS.unrelated, attempt: 'schedule the deletion of an own key', action: 'kms:ScheduleKeyDeletion', resource: teamKey, resourceAccount: member, resourcePolicy: OPEN_KEY_POLICY }, 'Allowed');

  if (!ctx.scenario.policies.some((p) => p.kind === 'rcp')) return;
  // The RCP: nobody outside the organization, whatever the key policy says.
  const outsider = ctx.person('principal outside the organization', { account: MATRIX_ACCOUNTS.outside }, roleArn(MATRIX_ACCOUNTS.outside, 'Outsider'), {}, false);
  ctx.add(outsider, centralKey('decrypt central log objects (key policy opened, worst case)', 'kms:Decrypt', {}, AREAS.keysRcp), 'Denied');
  ctx.add(outsider, centralKey('create a grant for themselves (worst case)', 'kms:CreateGrant', {}, AREAS.keysRcp), 'Denied');
  const outsideService = ctx.service('AWS service for an outside account', MATRIX_ACCOUNTS.outside, OUTSIDE_ORGANIZATION);
  ctx.add(outsideService, centralKey('use the central key (confused deputy)', 'kms:Decrypt', {}, AREAS.keysRcp), 'Denied');
  const orgService = ctx.service('AWS service for an org account', member, config.organizationId);
  ctx.add(orgService, centralKey('use the central key for an account of the organization', 'kms:GenerateDataKey', {}, AREAS.keysRcp), 'Allowed');
  const management = ctx.person('management-account admin', world.management, roleArn(world.management.account, 'Admin'));
  ctx.add(management, centralKey('decrypt central log objects (key policy opened, worst case)', 'kms:Decrypt', {}, AREAS.keysRcp), 'Allowed',
    { residual: 'the RCP keeps out principals outside the organization only; the shipped key policy grants the management account nothing' });
}
