import { resolveConfig, type ResolvedConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';
import { ATTACK_MATRIX_ENVIRONMENT, ATTACK_MATRIX_ENVIRONMENT_NAME } from '../../scripts/attack-matrix';

/**
 * The scenario of the policy tests (not the committed example): organization o-a1b2c3d4e5, member account
 * 111111111111, aggregation account 222222222222, OUs Security, Workloads, Workloads:Prod, regions
 * us-east-1, us-west-2, eu-west-1, a break-glass pattern and the RCP. The attack matrix
 * (`scripts/attack-matrix.ts`) evaluates the same environment.
 */
export const POLICY_SCENARIO: EnvironmentConfig = ATTACK_MATRIX_ENVIRONMENT;

/** The policy scenario, resolved, with top-level fields and `policies` fields overridden. */
export function policyScenarioConfig(
  overrides: Partial<Omit<EnvironmentConfig, 'policies'>> = {},
  policies: Partial<NonNullable<EnvironmentConfig['policies']>> = {},
): ResolvedConfig {
  return resolveConfig(ATTACK_MATRIX_ENVIRONMENT_NAME, {
    ...POLICY_SCENARIO,
    ...overrides,
    policies: { ...POLICY_SCENARIO.policies, ...policies },
  });
}
