import type { ResolvedConfig } from '../../env/resolve';
import { guardrailScope } from '../scope';
import { deny, principalNotLike } from '../statement';
import type { PolicyStatement } from '../types';

export const DENY_UNLOGGED_INFERENCE_SID = 'DenyUnloggedInference';

/**
 * Inference that model invocation logging does not record. AWS documents that logging covers
 * Converse, ConverseStream, InvokeModel and InvokeModelWithResponseStream, and only calls made
 * through the `bedrock-runtime` endpoint; everything else runs models on the account's prompts
 * without those logs (docs/security.md lists the sources): batch inference jobs, model evaluation
 * jobs, agents and inline agents, flows, knowledge-base retrieve-and-generate, Data Automation, and
 * inference on the `bedrock-mantle` endpoint. Off with `policies.denyUnloggedInference: false`.
 */
export const UNLOGGED_INFERENCE_ACTIONS = [
  'bedrock:CreateModelInvocationJob',
  'bedrock:Create*EvaluationJob',
  'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent',
  'bedrock:InvokeFlow',
  'bedrock:StartFlowExecution',
  'bedrock:RetrieveAndGenerate*',
  'bedrock:InvokeDataAutomation*',
  'bedrock-mantle:CreateInference',
] as const;

export function denyUnloggedInference(config: ResolvedConfig): PolicyStatement | undefined {
  if (!config.policies.denyUnloggedInference) return undefined;
  const scope = guardrailScope(config);
  return deny({
    sid: DENY_UNLOGGED_INFERENCE_SID,
    action: UNLOGGED_INFERENCE_ACTIONS,
    resource: '*',
    condition: principalNotLike(scope.exemptPrincipals),
  });
}
