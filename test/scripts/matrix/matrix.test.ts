/**
 * The security matrix of the built package (scripts/matrix/), evaluated once for this file with the
 * real simulator; then every row is its own test, named by scenario, area and attempt.
 */
import { readFileSync } from 'node:fs';
import { buildPackage } from '../../../cdk/package/build';
import { projectFile } from '../../../cdk/paths';
import { rcpStatements, scpStatements } from '../../../cdk/policies';
import {
  buildRows,
  evaluateRows,
  matrixScenarios,
  type MatrixResult,
  type MatrixRow,
  renderMarkdown,
  renderTable,
  SECURITY_MATRIX_DOC,
} from '../../../scripts/matrix';
import { bucketPolicyOf } from '../../../scripts/matrix/intrinsics';
import { handlers } from '../../helpers/synth';

const scenarios = matrixScenarios(handlers());
const rows = scenarios.flatMap(buildRows);
const results = new Map<string, MatrixResult>();

beforeAll(async () => {
  for (const result of await evaluateRows(rows)) results.set(result.id, result);
}, 300_000);

function resultOf(row: MatrixRow): MatrixResult {
  const result = results.get(row.id);
  if (!result) throw new Error(`row ${row.id} was not evaluated`);
  return result;
}

const title = (r: MatrixRow): string =>
  `${r.id.split('#')[1]} ${r.area}: ${r.actor} ${r.expected === 'Denied' ? 'cannot' : 'can'} ${r.attempt} (${r.action})${r.residual ? ' [residual]' : ''}`;

describe.each(scenarios.map((s) => s.name))('%s', (name) => {
  test.each(rows.filter((r) => r.scenario === name).map((r) => [title(r), r] as const))('%s', (_title, row) => {
    const result = resultOf(row);
    expect(result.error).toBeUndefined();
    expect(result.ignoredContextKeys).toEqual([]);
    if (row.expected === 'Allowed') {
      expect(result.result).toBe('Allowed');
      expect(result.decidedBy).toEqual([]);
    } else if (result.result === 'ImplicitlyDenied') {
      // Only rows about the shipped bucket policy may be denied for want of a grant.
      expect(row.implicitDenyCounts).toBe(true);
    } else {
      expect(result.result).toBe('ExplicitlyDenied');
      expect(result.decidedBy.length).toBeGreaterThan(0);
    }
  });
});

describe('what the matrix evaluates', () => {
  test('every environment of the example map (example, all-options), then the opted-out variant', () => {
    expect(scenarios.map((s) => s.name)).toEqual(['example', 'all-options', 'opted-out']);
  });

  test('the example scenario holds exactly the package the build writes: its policies and its central bucket policy', () => {
    const example = scenarios[0];
    // The package of the example as the build writes it (the drift test ties the committed one to it).
    const built = buildPackage(example.config);
    for (const policy of example.policies) {
      expect(built.files.get(`policies/${policy.name}.json`)).toBe(policy.text);
    }
    const template = JSON.parse(built.files.get('customizations/bedrock-logs-aggregation.template.json') ?? '{}') as Record<string, unknown>;
    const at = { account: example.config.aggregation.accountId, region: example.config.aggregation.region };
    expect(example.bucketPolicies.central).toEqual(bucketPolicyOf(template, at, 'CentralBucket'));
  });

  test('the scenarios differ where they should: the RCP, exemptions and options on in all-options, the opt-outs off in opted-out', () => {
    const [example, all, out] = scenarios;
    expect(all.policies.map((p) => p.kind)).toContain('rcp');
    expect([all.config.encryption.kms, all.config.cloudWatchLogs.enabled]).toEqual([true, true]);
    expect([example.config.encryption.kms, example.config.cloudWatchLogs.enabled]).toEqual([false, false]);
    expect(all.config.policies.exemptPermissionSets).toEqual(['PlatformAdmin']);
    expect(out.config.policies.denyBedrockOutsideMemberRegions).toBe(false);
    expect(out.config.policies.denyUnloggedInference).toBe(false);
    expect(out.config.members.organizationalUnitIds).toEqual({});
  });

  test('central noncurrent versions are kept as long as the retention, in every scenario', () => {
    for (const s of scenarios) expect(s.centralNoncurrentDays).toBe(s.config.centralBucket.retentionDays);
  });
});

describe('coverage of the policies by the rows', () => {
  test('every SCP statement is the only SCP statement denying some request (none is dead weight)', () => {
    const sids = new Set(scenarios.flatMap((s) => scpStatements(s.config).map((st) => st.Sid)));
    const sole = new Set([...results.values()].map((r) => r.decidedBy.filter((d) => sids.has(d))).filter((d) => d.length === 1).map((d) => d[0]));
    expect([...sids].filter((sid) => !sole.has(sid))).toEqual([]);
  });

  test('every RCP statement is the only RCP statement denying some request', () => {
    const sids = new Set(scenarios.flatMap((s) => rcpStatements(s.config).map((st) => st.Sid)));
    const rcpOf = (r: MatrixResult) => r.decidedBy.filter((d) => sids.has(d));
    const sole = new Set([...results.values()].map(rcpOf).filter((d) => d.length === 1).map((d) => d[0]));
    expect([...sids].filter((sid) => !sole.has(sid))).toEqual([]);
  });

  test('denials come only from the generated policies and the shipped bucket policies', () => {
    const sids = new Set(scenarios.flatMap((s) => [
      ...s.policies.flatMap((p) => p.document.Statement.map((st) => st.Sid)),
      ...[s.bucketPolicies.central, s.bucketPolicies.member].flatMap((d) => d.Statement.map((st) => (st as { Sid?: string }).Sid ?? '?')),
    ]));
    for (const r of results.values()) for (const d of r.decidedBy) expect(sids).toContain(d);
  });
});

test('every row of the matrix before issue 10 keeps its result (one changed by design)', () => {
  const before = JSON.parse(readFileSync(projectFile('test/fixtures/matrix/rows-before-issue-10.json'), 'utf8')) as
    { area: string; attempt: string; actor: string; action: string; expected: string }[];
  expect(before).toHaveLength(342);
  // The break-glass rows were evaluated on an all-options variant of the example; the map's own
  // all-options environment now carries them, under its resource prefix.
  const examplePrefix = scenarios[0].config.prefix;
  const samePrefix = (attempt: string) => scenarios.reduce((text, s) => text.split(`${s.config.prefix}-`).join(`${examplePrefix}-`), attempt);
  const kept = (o: (typeof before)[number]) => [...results.values()].some((n) =>
    n.pass && n.area === o.area && samePrefix(n.attempt) === o.attempt && n.actor === o.actor && n.action === o.action && n.expected === o.expected);
  const changed = before.filter((o) => !kept(o));
  expect(changed).toEqual([
    { area: 'Central bucket (RCP)', attempt: 'deliver into the central bucket', actor: 'AWS service for an org account', action: 's3:PutObject', expected: 'Allowed' },
  ]);
});

test('every row of the matrix before the KMS and CloudWatch Logs guardrails keeps its result', () => {
  // Rows as the matrix evaluated them before these guardrails (all as expected then), with the
  // all-options prefix written as the example's; each scenario listed once per occurrence.
  type Before = { area: string; attempt: string; actor: string; action: string; expected: string; scenarios: string[] };
  const before = JSON.parse(readFileSync(projectFile('test/fixtures/matrix/rows-before-issue-14-guardrails.json'), 'utf8')) as Before[];
  expect(before.reduce((n, o) => n + o.scenarios.length, 0)).toBe(1460);
  const examplePrefix = scenarios[0].config.prefix;
  const keyOf = (r: { area: string; attempt: string; actor: string; action: string; expected: string }, prefix: string) =>
    JSON.stringify([r.area, r.attempt.split(`${prefix}-`).join(`${examplePrefix}-`), r.actor, r.action, r.expected]);
  const now = new Map<string, number>();
  for (const r of results.values()) {
    if (!r.pass) continue;
    const key = `${r.scenario} ${keyOf(r, scenarios.find((s) => s.name === r.scenario)?.config.prefix ?? examplePrefix)}`;
    now.set(key, (now.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  for (const o of before) {
    const counts = new Map<string, number>();
    for (const scenario of o.scenarios) counts.set(scenario, (counts.get(scenario) ?? 0) + 1);
    for (const [scenario, count] of counts) {
      if ((now.get(`${scenario} ${keyOf(o, examplePrefix)}`) ?? 0) < count) missing.push(`${scenario}: ${o.actor} ${o.attempt} (${o.action}) ${o.expected}`);
    }
  }
  expect(missing).toEqual([]);
});

test('the options\' resources have rows in all-options only: passing the CloudWatch role, the keys, the central key under the RCP, the log group', () => {
  const areas = (name: string) => new Set([...results.values()].filter((r) => r.scenario === name).map((r) => r.area));
  for (const area of ['KMS keys', 'Central key (RCP)', 'Invocation log group']) {
    expect(areas('all-options')).toContain(area);
    expect(areas('example')).not.toContain(area);
  }
  const passing = (name: string) => [...results.values()].filter((r) => r.scenario === name && r.area === 'Passing roles');
  expect(passing('all-options').length).toBeGreaterThan(passing('example').length);
  expect(passing('example').length).toBeGreaterThan(0);
});

test('the text table lists every row and a summary', () => {
  const table = renderTable([...results.values()]);
  expect(table.split('\n')).toHaveLength(rows.length + 4);
  expect(table).toContain('all as expected');
});

test(`${SECURITY_MATRIX_DOC} is exactly what the matrix run renders (regenerate: npm run matrix -- --write)`, () => {
  expect(readFileSync(projectFile(SECURITY_MATRIX_DOC), 'utf8')).toBe(renderMarkdown(scenarios, [...results.values()]));
});
