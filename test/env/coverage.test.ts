/**
 * Coverage gaps (cdk/env/coverage.ts): every OU or account the guardrail SCPs bind but the member
 * StackSet does not reach must be covered or acknowledged, one issue each, naming the field, the
 * value and the fix.
 */
import { coverageGaps } from '../../cdk/env/coverage';
import { resolveConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';
import { checkEnvironment } from '../../cdk/env/validate';
import { formatIssue } from '../../cdk/errors';
import { rawExample } from '../helpers/example';

type Env = Record<string, any>;

function errorsAfter(mutate: (e: Env) => void): string[] {
  const env = rawExample();
  mutate(env);
  return checkEnvironment('example', env).errors.map(formatIssue);
}

/** The acknowledgement of `ou` removed from the example. */
function unacknowledge(e: Env, ou: string): void {
  delete e.policies.acknowledgedCoverageGaps[ou];
}

test('the example has two gaps, both acknowledged: the aggregation OU and the additional OU', () => {
  const config = resolveConfig('example', rawExample() as EnvironmentConfig);
  expect(coverageGaps(config).map((g) => [g.kind, g.name, g.path])).toEqual([
    ['organizationalUnit', 'Security', 'aggregation.organizationalUnit'],
    ['organizationalUnit', 'Infrastructure', 'policies.additionalOrganizationalUnits[0]'],
  ]);
  expect(checkEnvironment('example', rawExample()).errors).toEqual([]);
});

test('a member OU and its listed child are no gap; the aggregation OU as a member OU covers the aggregation account', () => {
  const config = resolveConfig('x', { ...rawExample(), aggregation: { accountId: '222222222222', organizationalUnit: 'Workloads' } } as EnvironmentConfig);
  expect(coverageGaps(config).map((g) => g.name)).toEqual(['Infrastructure']);
});

describe('fails if a gap is neither covered nor acknowledged', () => {
  test('the aggregation OU', () => {
    expect(errorsAfter((e) => unacknowledge(e, 'Security'))).toEqual([
      "- aggregation.organizationalUnit: names an OU whose accounts are bound by the guardrails (the guardrail SCPs are attached to it) but get no member stack (it reaches only members.organizationalUnits and the listed accounts), so Bedrock can be used there without logging (got \"Security\"); add 'Security' to members.organizationalUnits, or acknowledge it in policies.acknowledgedCoverageGaps with 'Security': { reason: '...' }",
    ]);
  });

  test('an additional OU the SCPs are attached to', () => {
    const errors = errorsAfter((e) => unacknowledge(e, 'Infrastructure'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^- policies\.additionalOrganizationalUnits\[0\]: names an OU whose accounts are bound .* \(got "Infrastructure"\); add 'Infrastructure' to members\.organizationalUnits, or acknowledge it/);
  });

  test('the aggregation account, when it does not run the member stack', () => {
    expect(errorsAfter((e) => { e.aggregation.deployMemberStack = false; })).toEqual([
      "- aggregation.accountId: is bound by the guardrails (its OU Security is bound by the guardrail SCPs) but gets no member stack, so Bedrock can be used there without logging (got \"222222222222\"); set aggregation.deployMemberStack to true, or acknowledge it in policies.acknowledgedCoverageGaps with '222222222222': { reason: '...' }",
    ]);
  });

  test('a child OU of a bound OU the map names (here an additional OU under a member OU)', () => {
    const errors = errorsAfter((e) => { e.policies.additionalOrganizationalUnits.push('Workloads:Legacy'); });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('- policies.additionalOrganizationalUnits[1]: names an OU whose accounts are bound');
    expect(errors[0]).toContain('(got "Workloads:Legacy")');
  });

  test('every gap at once, one issue each', () => {
    const errors = errorsAfter((e) => { e.policies.acknowledgedCoverageGaps = {}; e.aggregation.deployMemberStack = false; });
    expect(errors.map((i) => i.split(':')[0])).toEqual(['- aggregation.organizationalUnit', '- policies.additionalOrganizationalUnits[0]', '- aggregation.accountId']);
  });
});

describe('acknowledgements', () => {
  test('may name a child OU of a bound OU (it inherits the SCPs)', () => {
    const env = rawExample();
    env.policies.acknowledgedCoverageGaps['Workloads:Legacy'] = { reason: 'a known child OU, closed to Bedrock' };
    const config = resolveConfig('example', env as EnvironmentConfig);
    expect(coverageGaps(config).find((g) => g.name === 'Workloads:Legacy')?.boundBy).toBe('it inherits the guardrail SCPs of Workloads');
    expect(checkEnvironment('example', env).errors).toEqual([]);
  });

  test('may name the aggregation account', () => {
    const env = rawExample();
    env.aggregation.deployMemberStack = false;
    env.policies.acknowledgedCoverageGaps['222222222222'] = { reason: 'Log Archive does not use Bedrock' };
    expect(checkEnvironment('example', env).errors).toEqual([]);
  });

  test('fails if one names a member OU', () => {
    expect(errorsAfter((e) => { e.policies.acknowledgedCoverageGaps.Sandbox = { reason: 'not needed any more' }; })).toEqual([
      '- policies.acknowledgedCoverageGaps.Sandbox: acknowledges no coverage gap: it is a member OU, so the member stack reaches it (got "Sandbox"); remove this acknowledgement',
    ]);
  });

  test('fails if one names an OU the guardrails do not bind', () => {
    const errors = errorsAfter((e) => { e.policies.acknowledgedCoverageGaps.Suspended = { reason: 'suspended accounts only' }; });
    expect(errors).toEqual([
      '- policies.acknowledgedCoverageGaps.Suspended: acknowledges no coverage gap: the guardrails do not bind it (neither it nor a parent is a member, aggregation or additional OU) (got "Suspended"); remove this acknowledgement',
    ]);
  });

  test('fails if one names the aggregation account while it runs the member stack', () => {
    const errors = errorsAfter((e) => { e.policies.acknowledgedCoverageGaps['222222222222'] = { reason: 'Log Archive does not use Bedrock' }; });
    expect(errors).toEqual([
      '- policies.acknowledgedCoverageGaps.222222222222: acknowledges no coverage gap: the aggregation account gets the member stack (got "222222222222"); remove this acknowledgement',
    ]);
  });

  test('fails if one names another account', () => {
    const errors = errorsAfter((e) => { e.policies.acknowledgedCoverageGaps['777777777777'] = { reason: 'a sandbox account' }; });
    expect(errors[0]).toContain('acknowledges no coverage gap: only the aggregation account can be acknowledged by ID');
  });
});
