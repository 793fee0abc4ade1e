/**
 * Account- and organization-level changes outside the project's resources: the guardrail policies
 * themselves (a delegated administrator for Organizations policies in a bound account),
 * CloudFormation Hooks, Bedrock's account-wide data retention.
 */
import { organizationsPolicyArn, roleArn } from '../../../cdk/policies';
import { ROOT_ID } from '../world';
import type { MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

/** Organizations lives in us-east-1 for the commercial partition. */
const ORGANIZATIONS_REGION = 'us-east-1';

export function addOrganizationRows(ctx: MatrixContext): void {
  const { world, config, aggregation, member } = ctx;
  // Commonly the Security OU's Audit account is the delegated administrator: model it in the aggregation OU.
  const delegated = ctx.person('delegated Organizations-policy admin (bound account)', world.aggregation, roleArn(aggregation, 'SecurityAdmin'));
  const execution = ctx.person('execution role (aggregation)', world.aggregation, roleArn(aggregation, config.executionRoleName));
  const management = ctx.person('management-account admin', world.management, roleArn(world.management.account, 'Admin'));
  const policy = (type: string, id: string) => organizationsPolicyArn(world.management.account, config.organizationId, type, id);
  const guardrail = policy('service_control_policy', 'p-guardrail1');
  const rcp = policy('resource_control_policy', 'p-centralrcp');
  // The management account's resource-based delegation policy, as AWS's examples write it.
  const delegation = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DelegatePolicyManagement', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${aggregation}:root` }, Action: 'organizations:*', Resource: '*' }],
  };
  const org = (attempt: string, action: string, resource: string): RequestSpec =>
    ({ area: AREAS.orgPolicies, attempt, action, resource, resourceAccount: world.management.account, region: ORGANIZATIONS_REGION, resourcePolicy: delegation });
  for (const [action, what] of [
    ['organizations:DetachPolicy', 'detach'],
    ['organizations:UpdatePolicy', 'rewrite'],
    ['organizations:DeletePolicy', 'delete'],
  ] as const) {
    ctx.add(delegated, org(`${what} the guardrail SCP`, action, guardrail), 'Denied');
    ctx.add(delegated, org(`${what} the central bucket RCP`, action, rcp), 'Denied');
  }
  ctx.add(delegated, org('attach a new SCP (one that denies the execution role would keep the member stack out)', 'organizations:AttachPolicy', policy('service_control_policy', 'p-newdenyall')), 'Denied');
  ctx.add(delegated, org('disable the SCP policy type at the root (detaches every SCP)', 'organizations:DisablePolicyType', `arn:aws:organizations::${world.management.account}:root/${config.organizationId}/${ROOT_ID}`), 'Denied');
  ctx.add(delegated, org('detach a tag policy (other policy types stay delegated)', 'organizations:DetachPolicy', policy('tag_policy', 'p-tagpolicy1')), 'Allowed');
  ctx.add(execution, org('update the guardrail SCP (exempt)', 'organizations:UpdatePolicy', guardrail), 'Allowed');
  ctx.add(management, org('detach the guardrail SCP from the management account', 'organizations:DetachPolicy', guardrail), 'Allowed',
    { residual: 'SCPs never bind the management account: it is part of the trusted base' });

  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const memberExecution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  const account = (area: string, attempt: string, action: string): RequestSpec => ({ area, attempt, action, resource: '*', resourceAccount: member });
  const hooks = [
    account(AREAS.hooks, 'activate a third-party hook that fails the member stack', 'cloudformation:ActivateType'),
    account(AREAS.hooks, 'register a private hook', 'cloudformation:RegisterType'),
    account(AREAS.hooks, "configure a hook's targets and failure mode", 'cloudformation:SetTypeConfiguration'),
    account(AREAS.hooks, 'switch a hook to a failing version', 'cloudformation:SetTypeDefaultVersion'),
  ];
  const retention = [
    account(AREAS.bedrockSettings, "change Bedrock's account-wide data retention", 'bedrock:PutAccountDataRetention'),
    account(AREAS.bedrockSettings, 'change the bedrock-mantle account-wide data retention', 'bedrock-mantle:PutAccountDataRetention'),
  ];
  for (const spec of [...hooks, ...retention]) {
    ctx.add(admin, spec, 'Denied');
    ctx.add(memberExecution, spec, 'Allowed');
  }
  ctx.add(admin, account(AREAS.hooks, 'read the hooks of the account', 'cloudformation:ListTypes'), 'Allowed');
  ctx.add(admin, account(AREAS.bedrockSettings, "read Bedrock's data retention mode", 'bedrock:GetAccountDataRetention'), 'Allowed');
}
