/**
 * What must keep working: administrators read the package's resources and manage everything that
 * is not the project's; Bedrock delivers logs through the member bucket policy the template ships.
 */
import { bucketArn, functionArn, KEYS, objectArn, roleArn, stackArn } from '../../../cdk/policies';
import type { MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

export function addReadRows(ctx: MatrixContext): void {
  const { world, member, aggregation, region, names } = ctx;
  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const aggregationAdmin = ctx.person('aggregation admin', world.aggregation, roleArn(aggregation, 'Admin'));
  const read = (attempt: string, action: string, resource: string, context?: Record<string, string>): RequestSpec =>
    ({ area: AREAS.read, attempt, action, resource, resourceAccount: member, ...(context ? { context } : {}) });
  for (const spec of [
    read('read the logging configuration', 'bedrock:GetModelInvocationLoggingConfiguration', '*'),
    read('invoke a model (using Bedrock stays allowed)', 'bedrock:InvokeModel', `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`),
    read(`read ${names.loggingConfigFunction}`, 'lambda:GetFunction', ctx.loggingFunction, ctx.audited),
    read(`read ${names.bucketEmptierFunction}'s configuration`, 'lambda:GetFunctionConfiguration', ctx.emptierFunction, ctx.audited),
    read("list a function's tags", 'lambda:ListTags', ctx.loggingFunction, ctx.audited),
    read('read a project role', 'iam:GetRole', ctx.loggingRole, ctx.audited),
    read("read a project role's inline policy", 'iam:GetRolePolicy', ctx.replicationRole, ctx.audited),
    read("list a project role's attached policies", 'iam:ListAttachedRolePolicies', ctx.emptierRole, ctx.audited),
    read('read a log object', 's3:GetObject', ctx.memberObject),
    read('list the member bucket', 's3:ListBucket', ctx.memberBucket),
    read("read the member bucket's policy", 's3:GetBucketPolicy', ctx.memberBucket),
    read("read the member bucket's replication", 's3:GetReplicationConfiguration', ctx.memberBucket),
    read('describe the member stack instance', 'cloudformation:DescribeStacks', ctx.memberStack),
  ]) {
    ctx.add(admin, spec, 'Allowed');
  }
  ctx.add(aggregationAdmin, { area: AREAS.read, attempt: 'read a central log object', action: 's3:GetObject', resource: ctx.centralObject, resourceAccount: aggregation }, 'Allowed');
  ctx.add(aggregationAdmin, { area: AREAS.read, attempt: 'list the central bucket', action: 's3:ListBucket', resource: ctx.centralBucket, resourceAccount: aggregation }, 'Allowed');

  const teamBucket = bucketArn(`team-data-${member}`);
  const mine = (attempt: string, action: string, resource: string, context?: Record<string, string | string[]>): RequestSpec =>
    ({ area: AREAS.unrelated, attempt, action, resource, resourceAccount: member, ...(context ? { context } : {}) });
  for (const spec of [
    mine('change the code of an own function', 'lambda:UpdateFunctionCode', ctx.teamFunction),
    mine('invoke an own function', 'lambda:InvokeFunction', ctx.teamFunction),
    mine('set the concurrency of an own function', 'lambda:PutFunctionConcurrency', ctx.teamFunction),
    mine('delete an own function', 'lambda:DeleteFunction', ctx.teamFunction),
    mine('create a function', 'lambda:CreateFunction', functionArn(region, member, 'team-new'), ctx.tagging('Team', 'data')),
    mine('tag an own function with another key', 'lambda:TagResource', ctx.teamFunction, ctx.tagging('CostCenter', '42')),
    mine('map an event source to an own function', 'lambda:CreateEventSourceMapping', '*', { [KEYS.functionArn]: ctx.teamFunction }),
    mine("change an own role's trust policy", 'iam:UpdateAssumeRolePolicy', ctx.teamRole),
    mine('attach a policy to an own role', 'iam:AttachRolePolicy', ctx.teamRole),
    mine('pass an own role', 'iam:PassRole', ctx.teamRole),
    mine('delete an own role', 'iam:DeleteRole', ctx.teamRole),
    mine('create a role', 'iam:CreateRole', roleArn(member, 'team-new-role')),
    mine('assume an own role', 'sts:AssumeRole', ctx.teamRole),
    mine('create a bucket', 's3:CreateBucket', teamBucket),
    mine("change an own bucket's policy", 's3:PutBucketPolicy', teamBucket),
    mine("change an own bucket's lifecycle", 's3:PutLifecycleConfiguration', teamBucket),
    mine('delete an object of an own bucket', 's3:DeleteObject', `${teamBucket}/report.csv`),
    mine('delete an own bucket', 's3:DeleteBucket', teamBucket),
    mine('delete an own stack', 'cloudformation:DeleteStack', stackArn(region, member, 'team-stack/12345678-1234-4123-8123-123456789012')),
  ]) {
    ctx.add(admin, spec, 'Allowed');
  }
  ctx.add(aggregationAdmin, { area: AREAS.unrelated, attempt: "change an own bucket's policy", action: 's3:PutBucketPolicy', resource: bucketArn(`team-archive-${aggregation}`), resourceAccount: aggregation }, 'Allowed');
  ctx.add(aggregationAdmin, { area: AREAS.unrelated, attempt: 'delete an object of an own bucket', action: 's3:DeleteObject', resource: objectArn(`team-archive-${aggregation}`, 'old.csv'), resourceAccount: aggregation }, 'Allowed');
}

/**
 * The member bucket policy the template ships: Bedrock delivers for this account and region only.
 * (Requests through S3 access points, which the policy shuts out, are beyond what the simulator
 * models: it evaluates an access-point request against the access point's ARN only.)
 */
export function addMemberBucketPolicyRows(ctx: MatrixContext): void {
  const { member, region, scenario } = ctx;
  const shipped = scenario.bucketPolicies.member;
  const bedrock = (sourceAccount: string, label: string) => ({
    label,
    principal: 'bedrock.amazonaws.com',
    identity: false,
    context: {
      [KEYS.principalIsAwsService]: 'true',
      [KEYS.sourceAccount]: sourceAccount,
      'aws:SourceArn': `arn:aws:bedrock:${region}:${sourceAccount}:*`,
      'aws:SecureTransport': 'true',
    },
  });
  const deliver = (account: string): RequestSpec => ({
    area: AREAS.memberBucket,
    attempt: `deliver a log object for account ${account} (member bucket policy as shipped)`,
    action: 's3:PutObject',
    resource: objectArn(ctx.names.memberBucket(member, region), ctx.logKey(account, region)),
    resourceAccount: member,
    resourcePolicy: shipped,
  });
  ctx.add(bedrock(member, 'Bedrock, for this account'), deliver(member), 'Allowed');
  ctx.add(bedrock(ctx.aggregation, 'Bedrock, for another account (confused deputy)'), deliver(ctx.aggregation), 'Denied', { implicitDenyCounts: true });
}
