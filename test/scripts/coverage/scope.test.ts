/** Scope resolution as CfCT resolves deployment targets, on hand-built organization trees. */
import type { OrganizationTree, OrgAccount, OrgUnit } from '../../../scripts/coverage/organization';
import { resolveScope, resolveTarget } from '../../../scripts/coverage/scope';
import { exampleConfig, exampleWith } from '../../helpers/example';

/** A tree from `path -> accounts` (`''` is the root); OU IDs are `ou-<path>`. */
function tree(layout: Record<string, (string | [string, string])[]>, managementAccountId = '333333333333'): OrganizationTree {
  const units = new Map<string, OrgUnit>();
  const idOf = (path: string) => (path === '' ? 'r-root' : `ou-${path}`);
  for (const path of Object.keys(layout).filter((p) => p !== '').sort()) {
    const parts = path.split(':');
    units.set(idOf(path), { id: idOf(path), name: parts[parts.length - 1], parentId: idOf(parts.slice(0, -1).join(':')), path });
  }
  const accounts: OrgAccount[] = Object.entries(layout).flatMap(([path, ids]) =>
    ids.map((entry) => {
      const [id, state] = typeof entry === 'string' ? [entry, 'ACTIVE'] : entry;
      return { id, name: `acct-${id.slice(-2)}`, state, parentId: idOf(path) };
    }));
  return { id: 'o-a1b2c3d4e5', managementAccountId, rootId: 'r-root', units, accounts };
}

const LAYOUT = {
  '': ['333333333333'],
  Security: ['222222222222'],
  Infrastructure: ['111111111111', '111111111112'],
  Workloads: ['100000000001', ['100000000002', 'SUSPENDED'] as [string, string]],
  'Workloads:Prod': ['100000000011'],
  'Workloads:Prod:TeamA': ['100000000021'],
  Sandbox: ['100000000031'],
  Exceptions: ['100000000041'],
};

const classes = (scope: ReturnType<typeof resolveScope>) => Object.fromEntries(scope.accounts.map((a) => [a.account.id, a.classification]));

test('resolves CfCT targets: top-level names, nested paths, Root; case-sensitive', () => {
  const t = tree(LAYOUT);
  expect(resolveTarget(t, 'Root')).toBe('r-root');
  expect(resolveTarget(t, 'Workloads')).toBe('ou-Workloads');
  expect(resolveTarget(t, 'Workloads:Prod:TeamA')).toBe('ou-Workloads:Prod:TeamA');
  expect(resolveTarget(t, 'Prod')).toBeUndefined();
  expect(resolveTarget(t, 'workloads')).toBeUndefined();
  expect(resolveTarget(t, 'Root:Workloads')).toBeUndefined();
});

test('classifies: direct children of member OUs and listed accounts are covered, sub-OUs and guardrail OUs are guardrails-only', () => {
  const scope = resolveScope(tree(LAYOUT), exampleConfig());
  expect(classes(scope)).toEqual({
    '100000000001': 'covered',
    '100000000011': 'covered',
    '100000000031': 'covered',
    '111111111111': 'covered',
    '111111111112': 'guardrails-only',
    '100000000021': 'guardrails-only',
    '222222222222': 'guardrails-only',
    '100000000041': 'outside',
    '333333333333': 'management',
    '100000000002': 'suspended',
  });
  expect(scope.issues).toEqual([]);
  // Covered accounts first, then by class, OU path and ID.
  expect(scope.accounts.map((a) => a.account.id).slice(0, 4)).toEqual(['111111111111', '100000000031', '100000000001', '100000000011']);
});

test('Root as a member target covers every ACTIVE account but the management account', () => {
  const scope = resolveScope(tree(LAYOUT), exampleWith((c) => { c.members.organizationalUnits = ['Root']; }));
  const result = classes(scope);
  expect(result['100000000041']).toBe('covered');
  expect(result['333333333333']).toBe('management');
  expect(result['100000000002']).toBe('suspended');
  expect(scope.accounts.find((a) => a.account.id === '100000000041')?.reason).toBe('Root is a member target: every enrolled account');
});

test('a management account placed directly in a member OU is covered, as CfCT would deploy there', () => {
  const scope = resolveScope(tree({ ...LAYOUT, '': [], Workloads: ['333333333333'] }), exampleConfig());
  expect(classes(scope)['333333333333']).toBe('covered');
});

test('fails if the map names OUs or accounts the organization does not have: one scope issue each', () => {
  const scope = resolveScope(tree(LAYOUT), exampleWith((c) => {
    c.members.organizationalUnits = ['Workloads', 'Workloads:Dev', 'Sandbox'];
    c.members.accounts = ['111111111111', '999999999999'];
    c.policies.additionalOrganizationalUnits = ['Infra'];
    c.aggregation.organizationalUnit = 'Security';
    c.aggregation.accountId = '888888888888';
  }));
  expect(scope.issues.map((i) => `${i.path}=${i.value}: ${i.message.split(':')[0]}`)).toEqual([
    'members.organizationalUnits[1]=Workloads:Dev: names no OU of the organization o-a1b2c3d4e5',
    'policies.additionalOrganizationalUnits[0]=Infra: names no OU of the organization o-a1b2c3d4e5',
    'members.accounts[1]=999999999999: is not an account of the organization o-a1b2c3d4e5',
    'aggregation.accountId=888888888888: is not an account of the organization o-a1b2c3d4e5',
  ]);
  // Without Infrastructure as a guardrail target, its unlisted account is outside.
  expect(classes(scope)['111111111112']).toBe('outside');
});
