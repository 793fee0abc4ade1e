/**
 * Bedrock outside the logged surface: inference APIs that invocation logging does not record, and
 * regions without a logging configuration (with cross-region inference from a member region allowed).
 */
import { inferenceProfileArn, KEYS, roleArn } from '../../../cdk/policies';
import { UNDEPLOYED_REGION, type MatrixContext } from './context';
import { AREAS, type RequestSpec } from './types';

/** A region outside every example's member regions that US cross-region inference profiles route to. */
export const CRIS_DESTINATION_REGION = 'us-east-2';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

export function addBedrockRows(ctx: MatrixContext): void {
  const { world, member, config, region } = ctx;
  const admin = ctx.person('member admin', world.member, roleArn(member, 'Admin'));
  const execution = ctx.person('execution role (member)', world.member, roleArn(member, config.executionRoleName));
  const unlogged = config.policies.denyUnloggedInference;
  const optedOut = 'policies.denyUnloggedInference is false: these paths run without invocation logs';
  const call = (area: string, attempt: string, action: string, resource = '*', extra: Partial<RequestSpec> = {}): RequestSpec =>
    ({ area, attempt, action, resource, resourceAccount: member, ...extra });
  for (const spec of [
    call(AREAS.unlogged, 'run a batch inference job', 'bedrock:CreateModelInvocationJob'),
    call(AREAS.unlogged, 'run a model evaluation job', 'bedrock:CreateEvaluationJob'),
    call(AREAS.unlogged, 'invoke an agent', 'bedrock:InvokeAgent', `arn:aws:bedrock:${region}:${member}:agent-alias/AGENT12345/ALIAS12345`),
    call(AREAS.unlogged, 'invoke an inline agent', 'bedrock:InvokeInlineAgent'),
    call(AREAS.unlogged, 'invoke a flow', 'bedrock:InvokeFlow', `arn:aws:bedrock:${region}:${member}:flow/FLOW123456/alias/ALIAS12345`),
    call(AREAS.unlogged, 'retrieve and generate from a knowledge base', 'bedrock:RetrieveAndGenerate'),
    call(AREAS.unlogged, 'run Bedrock Data Automation', 'bedrock:InvokeDataAutomationAsync', `arn:aws:bedrock:${region}:${member}:data-automation-project/project1`),
    call(AREAS.unlogged, 'infer through the bedrock-mantle endpoint', 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:${region}:${member}:project/default`),
  ]) {
    ctx.add(admin, spec, unlogged ? 'Denied' : 'Allowed', unlogged ? {} : { residual: optedOut });
    if (unlogged) ctx.add(execution, spec, 'Allowed');
  }

  const restricted = config.policies.denyBedrockOutsideMemberRegions;
  const regionsOff = 'policies.denyBedrockOutsideMemberRegions is false: Bedrock runs unlogged outside members.regions';
  const model = (r: string) => `arn:aws:bedrock:${r}::foundation-model/${MODEL}`;
  const outside = [CRIS_DESTINATION_REGION, UNDEPLOYED_REGION].find((r) => !config.members.regions.includes(r)) ?? UNDEPLOYED_REGION;
  const invoke = (attempt: string, r: string, resource: string, context: Record<string, string> = {}): RequestSpec =>
    call(AREAS.regions, attempt, 'bedrock:InvokeModel', resource, { region: r, context });
  ctx.add(admin, invoke(`invoke a model directly in ${outside}, outside members.regions`, outside, model(outside)), restricted ? 'Denied' : 'Allowed', restricted ? {} : { residual: regionsOff });
  ctx.add(admin, call(AREAS.regions, `infer through bedrock-mantle in ${outside}`, 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:${outside}:${member}:project/default`, { region: outside }),
    restricted || unlogged ? 'Denied' : 'Allowed', restricted || unlogged ? {} : { residual: regionsOff });
  const profile = (r: string, id: string) => inferenceProfileArn(r, member, `inference-profile/${id}`);
  ctx.add(admin, invoke(`invoke a model in ${outside} through an inference profile of ${outside}`, outside, profile(outside, `apac.${MODEL}`), { [KEYS.inferenceProfileArn]: profile(outside, `apac.${MODEL}`) }),
    restricted ? 'Denied' : 'Allowed', restricted ? {} : { residual: regionsOff });
  ctx.add(admin, invoke(`invoke a US cross-region inference profile in ${region} (source region)`, region, profile(region, `us.${MODEL}`), { [KEYS.inferenceProfileArn]: profile(region, `us.${MODEL}`) }), 'Allowed');
  ctx.add(admin, invoke(`the same request, authorized again in the destination region ${CRIS_DESTINATION_REGION}`, CRIS_DESTINATION_REGION, model(CRIS_DESTINATION_REGION), { [KEYS.inferenceProfileArn]: profile(region, `us.${MODEL}`) }), 'Allowed');
  // AWS names the model of a global request `arn:aws:bedrock:::foundation-model/...`; the simulator
  // cannot parse a region-less ARN, so a regional one stands in (the guardrail reads only the keys).
  ctx.add(admin, invoke('a global cross-region inference request in its destination (region "unspecified")', 'unspecified', model(CRIS_DESTINATION_REGION), { [KEYS.inferenceProfileArn]: profile(region, `global.${MODEL}`) }), 'Allowed');
  ctx.add(admin, invoke(`an application inference profile of ${region}, routed to ${CRIS_DESTINATION_REGION}`, CRIS_DESTINATION_REGION, model(CRIS_DESTINATION_REGION), { [KEYS.inferenceProfileArn]: inferenceProfileArn(region, member, 'application-inference-profile/a1b2c3d4e5f6') }), 'Allowed');
  ctx.add(execution, invoke(`invoke a model directly in ${outside} (exempt)`, outside, model(outside)), 'Allowed');
}
