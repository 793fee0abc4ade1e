import { resolveConfig, type ResolvedConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';
import { ATTACK_MATRIX_ENVIRONMENT, ATTACK_MATRIX_ENVIRONMENT_NAME } from '../../scripts/attack-matrix';

/**
 * The example-like environment of the policy tests: organization o-a1b2c3d4e5, member account
 * 111111111111, aggregation account 222222222222, OUs Security, Workloads, Workloads:Prod, regions
 * us-east-1, us-west-2, eu-west-1, a break-glass pattern and the RCP. The attack matrix
 * (`scripts/attack-matrix.ts`) evaluates the same environment.
 */
export const EXAMPLE_ENVIRONMENT: EnvironmentConfig = ATTACK_MATRIX_ENVIRONMENT;

/** The example, resolved, with top-level fields and `policies` fields overridden. */
export function exampleConfig(
  overrides: Partial<Omit<EnvironmentConfig, 'policies'>> = {},
  policies: Partial<NonNullable<EnvironmentConfig['policies']>> = {},
): ResolvedConfig {
  return resolveConfig(ATTACK_MATRIX_ENVIRONMENT_NAME, {
    ...EXAMPLE_ENVIRONMENT,
    ...overrides,
    policies: { ...EXAMPLE_ENVIRONMENT.policies, ...policies },
  });
}
