import { resolveConfig, type ResolvedConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';

/**
 * The scenario of the policy unit tests (not the committed example): organization o-a1b2c3d4e5, member
 * account 111111111111, aggregation account 222222222222, OUs Security, Workloads, Workloads:Prod,
 * regions us-east-1, us-west-2, eu-west-1, a break-glass pattern and the RCP. The security matrix
 * (`scripts/matrix/`) evaluates the built example and its variants instead.
 */
export const POLICY_SCENARIO: EnvironmentConfig = {
  homeRegion: 'us-east-1',
  organizationId: 'o-a1b2c3d4e5',
  aggregation: { accountId: '222222222222', region: 'us-east-1', organizationalUnit: 'Security' },
  members: {
    organizationalUnits: ['Workloads', 'Workloads:Prod'],
    accounts: ['111111111111'],
    regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  },
  policies: { exemptRolePatterns: ['BreakGlass*'], resourceControlPolicy: true },
};

/** The policy scenario, resolved, with top-level fields and `policies` fields overridden. */
export function policyScenarioConfig(
  overrides: Partial<Omit<EnvironmentConfig, 'policies'>> = {},
  policies: Partial<NonNullable<EnvironmentConfig['policies']>> = {},
): ResolvedConfig {
  return resolveConfig('example', {
    ...POLICY_SCENARIO,
    ...overrides,
    policies: { ...POLICY_SCENARIO.policies, ...policies },
  });
}
