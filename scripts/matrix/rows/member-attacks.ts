/**
 * Attacks on the member account's part of the package: the logging configuration, the
 * custom-resource functions and roles, the exempt roles, the member bucket, the stack instance,
 * the organization. Every member administrator attempt is denied; the execution role (and a
 * break-glass role) may do each of them.
 */
import { AUDIT_TAG_KEY } from '../../../cdk/constants';
import { bucketArn, functionArn, KEYS, managedPolicyArn, roleArn } from '../../../cdk/policies';
import { MATRIX_ACCOUNTS } from '../scenario';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

type Attack = [action: string, attempt: string, context?: Record<string, string | string[]>];

const untagging = (key: string) => ({ [KEYS.tagKeys]: [key] });

const FUNCTION_ATTACKS = (ctx: MatrixContext): Attack[] => [
  ['lambda:InvokeFunction', 'invoke it (a forged CloudFormation Delete event)'],
  ['lambda:UpdateFunctionCode', 'change its code'],
  ['lambda:UpdateFunctionConfiguration', 'change its configuration (role, environment, layers)'],
  ['lambda:DeleteFunction', 'delete it'],
  ['lambda:AddPermission', 'add a resource-policy permission to invoke it'],
  ['lambda:PutFunctionConcurrency', 'set its reserved concurrency (0 disables it)'],
  ['lambda:PublishVersion', 'publish a version'],
  ['lambda:CreateAlias', 'create an alias'],
  ['lambda:CreateFunctionUrlConfig', 'create a function URL'],
  ['lambda:UpdateFunctionUrlConfig', 'change its function URL'],
  ['lambda:PutFunctionEventInvokeConfig', 'change its async invoke config'],
  ['lambda:UntagResource', 'remove its audit tag', untagging(AUDIT_TAG_KEY)],
  ['lambda:TagResource', 'change its audit tag to false', ctx.tagging(AUDIT_TAG_KEY, 'false')],
];

const ROLE_ATTACKS = (ctx: MatrixContext): Attack[] => [
  ['iam:UpdateAssumeRolePolicy', 'change its trust policy'],
  ['iam:AttachRolePolicy', 'attach a managed policy'],
  ['iam:PutRolePolicy', 'put an inline policy'],
  ['iam:DeleteRolePolicy', 'delete its inline policy'],
  ['iam:DetachRolePolicy', 'detach a managed policy'],
  ['iam:PutRolePermissionsBoundary', 'set a permissions boundary'],
  ['iam:DeleteRolePermissionsBoundary', 'remove its permissions boundary'],
  ['iam:UpdateRole', 'change its session duration or description'],
  ['iam:DeleteRole', 'delete it'],
  ['iam:PassRole', 'pass it to an own function or instance'],
  ['sts:AssumeRole', 'assume it'],
  ['iam:UntagRole', 'remove its audit tag (lower-case key)', untagging(AUDIT_TAG_KEY.toLowerCase())],
  ['iam:TagRole', 'change its audit tag to false', ctx.tagging(AUDIT_TAG_KEY, 'false')],
];

/** Bucket configuration calls, for the member and (but tagging) the central bucket. */
export const BUCKET_ATTACKS: readonly [string, string][] = [
  ['s3:DeleteBucket', 'delete the bucket'],
  ['s3:PutBucketPolicy', 'change its bucket policy'],
  ['s3:DeleteBucketPolicy', 'delete its bucket policy'],
  ['s3:PutLifecycleConfiguration', 'change its lifecycle'],
  ['s3:PutReplicationConfiguration', 'change or remove its replication'],
  ['s3:PutBucketVersioning', 'suspend versioning'],
  ['s3:PutEncryptionConfiguration', 'change its encryption'],
  ['s3:PutBucketOwnershipControls', 'change object ownership'],
  ['s3:PutBucketPublicAccessBlock', 'remove the public access block'],
  ['s3:PutBucketAcl', 'change its ACL'],
  ['s3:PutBucketObjectLockConfiguration', 'change Object Lock settings'],
  ['s3:PutBucketTagging', 'change its tags (audit tag)'],
];

const STACK_ATTACKS: readonly [string, string][] = [
  ['cloudformation:DeleteStack', 'delete the member stack instance'],
  ['cloudformation:UpdateStack', 'update the member stack instance'],
  ['cloudformation:CreateChangeSet', 'create a change set on it'],
  ['cloudformation:ContinueUpdateRollback', 'continue a rollback skipping resources'],
  ['cloudformation:UpdateTerminationProtection', 'change its termination protection'],
  ['cloudformation:SetStackPolicy', 'set its stack policy'],
];

/** The first two are the logging-configuration writes (other rows reuse them). */
export function memberAttackSpecs(ctx: MatrixContext): RequestSpec[] {
  const { names, member, region, config } = ctx;
  const at = { resourceAccount: member };
  const specs: RequestSpec[] = [
    { area: AREAS.logging, attempt: 'put (overwrite) the logging configuration', action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*', ...at },
    { area: AREAS.logging, attempt: 'delete the logging configuration', action: 'bedrock:DeleteModelInvocationLoggingConfiguration', resource: '*', ...at },
  ];
  for (const [fn, fnName] of [[ctx.loggingFunction, names.loggingConfigFunction], [ctx.emptierFunction, names.bucketEmptierFunction]]) {
    for (const [action, attempt, context] of FUNCTION_ATTACKS(ctx)) {
      specs.push({ area: AREAS.functions, attempt: `${fnName}: ${attempt}`, action, resource: fn, ...at, context: { ...ctx.audited, ...(context ?? {}) } });
    }
  }
  specs.push(
    { area: AREAS.functions, attempt: `pre-create ${names.loggingConfigFunction} in a region the stack has not reached`, action: 'lambda:CreateFunction', resource: functionArn(UNDEPLOYED_REGION, member, names.loggingConfigFunction), ...at },
    { area: AREAS.functions, attempt: `map an event source (queue, stream, Kafka) to ${names.loggingConfigFunction}`, action: 'lambda:CreateEventSourceMapping', resource: '*', ...at, context: { [KEYS.functionArn]: ctx.loggingFunction } },
    {
      area: AREAS.functions,
      attempt: `re-point an existing event source mapping at ${names.bucketEmptierFunction}`,
      action: 'lambda:UpdateEventSourceMapping',
      resource: `arn:aws:lambda:${region}:${member}:event-source-mapping:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`,
      ...at,
      context: { [KEYS.functionArn]: ctx.emptierFunction },
    },
  );
  for (const [role, roleName] of [
    [ctx.loggingRole, names.loggingConfigRole(region)],
    [ctx.emptierRole, names.bucketEmptierRole(region)],
    [ctx.replicationRole, names.replicationRole(region)],
    ...(config.cloudWatchLogs.enabled ? [[ctx.cloudWatchRole, names.cloudWatchRole(region)]] : []),
  ]) {
    for (const [action, attempt, context] of ROLE_ATTACKS(ctx)) {
      specs.push({ area: AREAS.roles, attempt: `${roleName}: ${attempt}`, action, resource: role, ...at, context: { ...ctx.audited, ...(context ?? {}) } });
    }
  }
  specs.push(
    { area: AREAS.roles, attempt: `pre-create ${names.loggingConfigRole(UNDEPLOYED_REGION)} (it would inherit the exemption)`, action: 'iam:CreateRole', resource: roleArn(member, names.loggingConfigRole(UNDEPLOYED_REGION)), ...at },
    { area: AREAS.roles, attempt: 'create a role under a path that starts with the exempt role name', action: 'iam:CreateRole', resource: roleArn(member, `${names.replicationRole(UNDEPLOYED_REGION)}/mine`), ...at },
    { area: AREAS.roles, attempt: 'squat a project role name under another path (would block the stack)', action: 'iam:CreateRole', resource: roleArn(member, `team/${names.bucketEmptierRole(UNDEPLOYED_REGION)}`), ...at },
    { area: AREAS.roles, attempt: 'add a version to a customer-managed policy named with the prefix', action: 'iam:CreatePolicyVersion', resource: managedPolicyArn(member, `${config.prefix}-replication`), ...at },
    { area: AREAS.exempt, attempt: `${config.executionRoleName}: change its trust policy`, action: 'iam:UpdateAssumeRolePolicy', resource: roleArn(member, config.executionRoleName), ...at },
  );
  const breakGlass = ctx.breakGlassRole;
  if (breakGlass !== undefined) {
    specs.push(
      { area: AREAS.exempt, attempt: `${breakGlass}: trust yourself in its trust policy`, action: 'iam:UpdateAssumeRolePolicy', resource: roleArn(member, breakGlass), ...at },
      { area: AREAS.exempt, attempt: `${breakGlass}: attach a policy`, action: 'iam:AttachRolePolicy', resource: roleArn(member, breakGlass), ...at },
      { area: AREAS.exempt, attempt: `${breakGlass}: pass it to an own function`, action: 'iam:PassRole', resource: roleArn(member, breakGlass), ...at },
      { area: AREAS.exempt, attempt: `create a role matching the exempt pattern ${ctx.exemptPattern}`, action: 'iam:CreateRole', resource: roleArn(member, breakGlass.replace(/Admin$/, 'Mine')), ...at },
    );
  }
  for (const [action, attempt] of BUCKET_ATTACKS) specs.push({ area: AREAS.memberBucket, attempt, action, resource: ctx.memberBucket, ...at });
  specs.push(
    { area: AREAS.memberBucket, attempt: 'pause replication', action: 's3:PauseReplication', resource: ctx.memberBucket, ...at },
    { area: AREAS.memberBucket, attempt: 'pre-create the bucket of a region the stack has not reached', action: 's3:CreateBucket', resource: bucketArn(names.memberBucket(member, UNDEPLOYED_REGION)), ...at },
    { area: AREAS.memberBucket, attempt: 'squat the bucket name of a future member account', action: 's3:CreateBucket', resource: bucketArn(names.memberBucket(MATRIX_ACCOUNTS.futureMember, region)), ...at },
    { area: AREAS.memberBucket, attempt: 'delete a log object', action: 's3:DeleteObject', resource: ctx.memberObject, ...at },
    { area: AREAS.memberBucket, attempt: 'delete a log object version', action: 's3:DeleteObjectVersion', resource: ctx.memberObject, ...at },
    { area: AREAS.memberBucket, attempt: 'forge a log object', action: 's3:PutObject', resource: ctx.memberObject, ...at },
    { area: AREAS.memberBucket, attempt: 'replicate forged objects into the bucket', action: 's3:ReplicateObject', resource: ctx.memberObject, ...at },
  );
  for (const [action, attempt] of STACK_ATTACKS) specs.push({ area: AREAS.stacks, attempt, action, resource: ctx.memberStack, ...at });
  specs.push({ area: AREAS.org, attempt: 'leave the organization (and its SCPs)', action: 'organizations:LeaveOrganization', resource: '*', ...at });
  return specs;
}

/** Adding the audit tag to unrelated functions and roles, in any letter case. */
export function tagAttackSpecs(ctx: MatrixContext): RequestSpec[] {
  const { member, region } = ctx;
  const specs: RequestSpec[] = [];
  for (const key of [AUDIT_TAG_KEY, AUDIT_TAG_KEY.toLowerCase(), AUDIT_TAG_KEY.toUpperCase()]) {
    specs.push(
      { area: AREAS.tag, attempt: `tag an own function ${key}=true`, action: 'lambda:TagResource', resource: ctx.teamFunction, resourceAccount: member, context: ctx.tagging(key) },
      { area: AREAS.tag, attempt: `tag an own role ${key}=true`, action: 'iam:TagRole', resource: ctx.teamRole, resourceAccount: member, context: ctx.tagging(key) },
    );
  }
  specs.push(
    { area: AREAS.tag, attempt: 'create a function tagged AUDIT=true', action: 'lambda:CreateFunction', resource: functionArn(region, member, 'team-new'), resourceAccount: member, context: ctx.tagging(AUDIT_TAG_KEY.toUpperCase()) },
    { area: AREAS.tag, attempt: 'create a role tagged audit=true', action: 'iam:CreateRole', resource: roleArn(member, 'team-new-role'), resourceAccount: member, context: ctx.tagging(AUDIT_TAG_KEY.toLowerCase()) },
  );
  return specs;
}
