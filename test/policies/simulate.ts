import { runSimulation } from '@cloud-copilot/iam-simulate';
import { KEYS, type PolicyStatement } from '../../cdk/policies';

/** An identity policy, or a resource policy, that allows everything. */
export const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export interface GuardedRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account of the resource (and of the principal: the requests are same-account). */
  readonly account: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  readonly resourcePolicy?: unknown;
}

/**
 * The simulator's decision on a request of a principal with AdministratorAccess whose account has
 * `FullAWSAccess` and `statements` as its SCPs. `aws:PrincipalArn` is set from the principal; a
 * context key the simulator would ignore is an error, never a silent pass.
 */
export async function decideUnderGuardrails(statements: readonly PolicyStatement[], request: GuardedRequest): Promise<string> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.account },
        contextVariables: { [KEYS.principalArn]: request.principal, ...(request.context ?? {}) },
      },
      identityPolicies: [{ name: 'admin', policy: ALLOW_ALL }],
      serviceControlPolicies: [{ orgIdentifier: 'ou', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, { name: 'guardrails', policy: { Version: '2012-10-17', Statement: [...statements] } }] }],
      resourceControlPolicies: [],
      ...(request.resourcePolicy === undefined ? {} : { resourcePolicy: request.resourcePolicy }),
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
  const ignored = response.resultType === 'single' ? (response.result.ignoredContextKeys ?? []) : response.results.flatMap((r) => r.ignoredContextKeys ?? []);
  if (ignored.length > 0) throw new Error(`the simulator ignored ${ignored.join(', ')}`);
  return response.overallResult;
}
