/**
 * The central bucket: attacks from the aggregation account (the SCPs), principals the SCPs do not
 * bind (the RCP), who may replicate into it (the shipped bucket policy), and overwrites.
 */
import { bucketArn, objectArn, roleArn } from '../../../cdk/policies';
import { MATRIX_ACCOUNTS } from '../scenario';
import { OUTSIDE_ORGANIZATION } from '../world';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { BUCKET_ATTACKS } from './member-attacks';
import { AREAS, type RequestSpec } from './types';

/** Worst case for the RCP rows: someone opened the central bucket policy to everyone. */
export function openBucketPolicy(ctx: MatrixContext): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'WorstCaseOpenToEveryone', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [ctx.centralBucket, `${ctx.centralBucket}/*`] }],
  };
}

export function centralAttackSpecs(ctx: MatrixContext): RequestSpec[] {
  const at = { resourceAccount: ctx.aggregation };
  const specs: RequestSpec[] = BUCKET_ATTACKS
    .filter(([action]) => action !== 's3:PutBucketTagging')
    .map(([action, attempt]) => ({ area: AREAS.central, attempt, action, resource: ctx.centralBucket, ...at }));
  const object = ctx.centralObject;
  specs.push(
    { area: AREAS.central, attempt: 'pre-create the central bucket name of another region', action: 's3:CreateBucket', resource: bucketArn(ctx.names.centralBucket(ctx.aggregation, UNDEPLOYED_REGION)), ...at },
    { area: AREAS.central, attempt: 'delete a log object', action: 's3:DeleteObject', resource: object, ...at },
    { area: AREAS.central, attempt: 'delete a log object version', action: 's3:DeleteObjectVersion', resource: object, ...at },
    { area: AREAS.central, attempt: 'shorten an object retention', action: 's3:PutObjectRetention', resource: object, ...at },
    { area: AREAS.central, attempt: 'remove a legal hold', action: 's3:PutObjectLegalHold', resource: object, ...at },
    { area: AREAS.central, attempt: 'bypass governance retention', action: 's3:BypassGovernanceRetention', resource: object, ...at },
    { area: AREAS.central, attempt: 'forge a log object', action: 's3:PutObject', resource: object, ...at },
    { area: AREAS.central, attempt: 'replicate forged objects in with an own role', action: 's3:ReplicateObject', resource: object, ...at },
    { area: AREAS.central, attempt: 'delete the aggregation stack instance', action: 'cloudformation:DeleteStack', resource: ctx.aggregationStack, ...at },
  );
  return specs;
}

/** Principals the SCPs do not bind, against the worst-case bucket policy: only the RCP stands. */
export function addRcpRows(ctx: MatrixContext): void {
  if (!ctx.scenario.policies.some((p) => p.kind === 'rcp')) return;
  const { world, centralObject: object, centralBucket: bucket } = ctx;
  const open = openBucketPolicy(ctx);
  const management = ctx.person('management-account admin', world.management, roleArn(world.management.account, 'Admin'));
  const outsider = ctx.person('principal outside the organization', { account: MATRIX_ACCOUNTS.outside }, roleArn(MATRIX_ACCOUNTS.outside, 'Outsider'), {}, false);
  const rcp = (attempt: string, action: string, resource = object): RequestSpec => ({ area: AREAS.rcp, attempt, action, resource, resourceAccount: ctx.aggregation, resourcePolicy: open });
  ctx.add(management, rcp('delete a central log object (bucket policy opened, worst case)', 's3:DeleteObjectVersion'), 'Denied');
  ctx.add(management, rcp('change the central bucket policy (worst case)', 's3:PutBucketPolicy', bucket), 'Denied');
  ctx.add(management, rcp('change the central lifecycle (worst case)', 's3:PutLifecycleConfiguration', bucket), 'Denied');
  ctx.add(management, rcp('read a central log object (worst case)', 's3:GetObject'), 'Allowed');
  ctx.add(outsider, rcp('read a central log object (bucket policy opened, worst case)', 's3:GetObject'), 'Denied');
  ctx.add(outsider, rcp('write a central log object (worst case)', 's3:PutObject'), 'Denied');
  ctx.add(outsider, rcp('replicate into the central bucket with a role of the same name', 's3:ReplicateObject'), 'Denied');
  const outsideService = ctx.service('AWS service for an outside account', MATRIX_ACCOUNTS.outside, OUTSIDE_ORGANIZATION);
  ctx.add(outsideService, rcp('deliver into the central bucket (confused deputy)', 's3:PutObject'), 'Denied');
  ctx.add(outsideService, rcp('check the bucket before delivering (confused deputy)', 's3:GetBucketAcl', bucket), 'Denied');
  const orgService = ctx.service('AWS service for an org account', ctx.member, ctx.config.organizationId);
  ctx.add(orgService, rcp('check the bucket before delivering (confused-deputy check passes)', 's3:GetBucketAcl', bucket), 'Allowed');
  // Allowed before overwrites were denied: no service writes into the central bucket (replication uses ReplicateObject).
  ctx.add(orgService, rcp('deliver (write) into the central bucket', 's3:PutObject'), 'Denied');
  // Overwrites: on a versioned bucket the overwritten log becomes a noncurrent version.
  ctx.add(management, rcp('overwrite a central log object (worst case)', 's3:PutObject'), 'Denied');
  ctx.add(management, rcp('replace the tags of a central log object (worst case)', 's3:PutObjectTagging'), 'Denied');
  ctx.add(management, rcp('restore an archived copy over a central log object (worst case)', 's3:RestoreObject'), 'Denied');
  ctx.add(management, rcp('start a batch replication into the central bucket (worst case)', 's3:InitiateReplication'), 'Denied');
  ctx.add(management, rcp('replicate over a central log object with a role of another name (worst case)', 's3:ReplicateObject'), 'Denied');
}

/**
 * Who may replicate into the central bucket, with the bucket policy the aggregation template ships.
 * A role named like the replication roles is easy to create in an account the SCPs do not bind:
 * with the member OUs' IDs the bucket policy lets in only the accounts that run the member stack.
 */
export function addReplicationRows(ctx: MatrixContext): void {
  const { world, config, names, scenario } = ctx;
  const shipped = scenario.bucketPolicies.central;
  const restricted = config.members.organizationalUnits.every((ou) => config.members.organizationalUnitIds[ou] !== undefined);
  const residual = restricted ? undefined : 'members.organizationalUnitIds is incomplete: the bucket policy can only name the whole organization';
  const replicate = (account: string, attempt: string): RequestSpec => ({
    area: AREAS.replication,
    attempt,
    action: 's3:ReplicateObject',
    resource: objectArn(ctx.centralBucketName, ctx.logKey(account, ctx.region)),
    resourceAccount: ctx.aggregation,
    resourcePolicy: shipped,
  });
  const roleIn = (label: string, placement: typeof world.member) =>
    ctx.person(label, placement, roleArn(placement.account, names.replicationRole(ctx.region)));
  ctx.add(roleIn('replication role (member account)', world.member), replicate(world.member.account, 'replicate logs under its own prefix'), 'Allowed');
  if (config.aggregation.deployMemberStack || !restricted) {
    ctx.add(roleIn('replication role (aggregation account)', world.aggregation), replicate(world.aggregation.account, 'replicate its own logs (it runs the member stack)'), 'Allowed');
  }
  for (const [label, placement, where] of [
    ['role named like a replication role, untargeted OU', world.unmanaged, 'an account the SCPs do not bind'],
    ['role named like a replication role, management account', world.management, 'the management account'],
    ['role named like a replication role, unnamed child OU', world.childOu, 'an account in a child OU the StackSet does not reach'],
  ] as const) {
    const expectation = restricted ? 'Denied' : 'Allowed';
    ctx.add(roleIn(label, placement), replicate(placement.account, `replicate forged logs under its own prefix from ${where}`), expectation,
      restricted ? { implicitDenyCounts: true } : { residual });
  }
  const unmanagedAdmin = ctx.person('admin of an untargeted OU', world.unmanaged, roleArn(world.unmanaged.account, 'Admin'));
  ctx.add(unmanagedAdmin, { area: AREAS.replication, attempt: 'create a role named like a replication role (no SCP binds the OU)', action: 'iam:CreateRole', resource: roleArn(world.unmanaged.account, names.replicationRole(UNDEPLOYED_REGION)), resourceAccount: world.unmanaged.account },
    'Allowed', { residual: 'SCPs bind only the targeted OUs: the central bucket policy is the control' });
  const childAdmin = ctx.person('admin of an unnamed child OU', world.childOu, roleArn(world.childOu.account, 'Admin'));
  ctx.add(childAdmin, { area: AREAS.replication, attempt: 'create a role named like a replication role (the inherited SCP binds it)', action: 'iam:CreateRole', resource: roleArn(world.childOu.account, names.replicationRole(UNDEPLOYED_REGION)), resourceAccount: world.childOu.account }, 'Denied');
  const management = ctx.person('management-account admin', world.management, roleArn(world.management.account, 'Admin'));
  ctx.add(management, { area: AREAS.replication, attempt: 'overwrite a central log object (bucket policy as shipped)', action: 's3:PutObject', resource: ctx.centralObject, resourceAccount: ctx.aggregation, resourcePolicy: shipped },
    'Denied', { implicitDenyCounts: true });
}
