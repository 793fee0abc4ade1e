/**
 * The matrix as text: a terminal table, and `docs/security-matrix.md` (the full matrix, the
 * scenarios, the policies with their sizes, the coverage gaps the build reports, the residual risks).
 * The README's summary is the document's "Summary" section (`scripts/docs/package-sections.ts`).
 */
import { coverageGaps } from '../../cdk/env/coverage';
import { LIMITS } from '../../cdk/constants';
import { ASSUMPTIONS, FINDINGS, RESIDUAL_RISKS } from './notes';
import type { MatrixResult } from './rows';
import { MATRIX_ACCOUNTS, type Scenario } from './scenario';
import { UNMANAGED_OU, World } from './world';
import { formatCount } from '../../cdk/errors';
import { SECURITY_MATRIX_DOC, SUMMARY_HEADING } from '../docs/package-sections';

/** Where the document goes; defined with its "Summary" heading by the README generator that reads it. */
export { SECURITY_MATRIX_DOC };

const shown = (r: MatrixResult): string => (r.result === 'ExplicitlyDenied' || r.result === 'ImplicitlyDenied' ? 'Denied' : r.result);
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => '`' + text + '`';
const count = formatCount;

/** `N rows: D expected denied, A expected allowed (R residual); all as expected.` */
export function summaryLine(results: readonly MatrixResult[]): string {
  const denied = results.filter((r) => r.expected === 'Denied').length;
  const residual = results.filter((r) => r.residual !== undefined).length;
  const failed = results.filter((r) => !r.pass).length;
  return `${count(results.length)} requests: ${count(denied)} expected denied, ${count(results.length - denied)} expected allowed ` +
    `(${count(residual)} of them documented residual risks); ${failed === 0 ? '**all as expected**' : `**${failed} NOT as expected**`}.`;
}

export function renderTable(results: readonly MatrixResult[]): string {
  const header = ['id', 'expected', 'result', 'ok', 'principal', 'action', 'resource', 'denied by'];
  const lines = results.map((r) => [r.id, r.expected, shown(r), r.pass ? 'yes' : 'NO', r.actor, r.action, r.resource, r.decidedBy.join(' ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format), '', summaryLine(results).replace(/\*\*/g, '')].join('\n');
}

/** Totals per area and scenario: the README's summary. */
function summaryTable(scenarios: readonly Scenario[], results: readonly MatrixResult[]): string[] {
  const areas = [...new Set(results.map((r) => r.area))];
  const names = scenarios.map((s) => s.name);
  const lines = [`| area | ${names.map(code).join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`];
  for (const area of areas) {
    const cells = names.map((name) => {
      const rows = results.filter((r) => r.area === area && r.scenario === name);
      if (rows.length === 0) return '–';
      const denied = rows.filter((r) => r.expected === 'Denied').length;
      const residual = rows.filter((r) => r.residual !== undefined).length;
      const ok = rows.every((r) => r.pass) ? '' : ' **✗**';
      return `${denied} denied, ${rows.length - denied} allowed${residual > 0 ? ` (${residual} residual)` : ''}${ok}`;
    });
    lines.push(`| ${area} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function settings(s: Scenario): string {
  const { config } = s;
  const p = config.policies;
  const ids = config.members.organizationalUnits.filter((ou) => config.members.organizationalUnitIds[ou] !== undefined).length;
  return [
    `exempt: ${[config.executionRoleName, ...p.exemptRolePatterns].map(code).join(', ')}${p.exemptPermissionSets.length > 0 ? `, permission sets ${p.exemptPermissionSets.map(code).join(', ')}` : ''}`,
    `RCP ${p.resourceControlPolicy ? 'on' : 'off'}`,
    `Bedrock outside ${config.members.regions.map(code).join(', ')} ${p.denyBedrockOutsideMemberRegions ? 'denied' : 'allowed'}`,
    `unlogged inference ${p.denyUnloggedInference ? 'denied' : 'allowed'}`,
    `member OU IDs ${ids} of ${config.members.organizationalUnits.length}`,
    `member stack in the aggregation account: ${config.aggregation.deployMemberStack ? 'yes' : 'no'}`,
  ].join('; ');
}

function scenarioSection(s: Scenario): string[] {
  const out = [`### ${code(s.name)}`, '', `${s.description}. Settings: ${settings(s)}.`, '',
    '| policy | kind | targets | statements | size after CfCT rewrite | budget |', '|---|---|---|---|---:|---:|'];
  for (const p of s.policies) {
    out.push(`| ${code(p.name)} | ${p.kind.toUpperCase()} | ${p.organizationalUnits.map(code).join(', ')} | ${p.document.Statement.map((st) => st.Sid).join(', ')} | ${count(p.cfctSize)} | ${count(p.budget)} |`);
  }
  const world = new World(s);
  const where = (label: string, p: { account: string; ou?: string }) => `${label} ${code(p.account)}${p.ou === undefined ? '' : ` in ${code(p.ou)} (${code(world.orgPath(p))})`}`;
  out.push('', `Accounts: ${[
    where('member', world.member),
    where('aggregation', world.aggregation),
    where('management', world.management),
    where(`untargeted (${UNMANAGED_OU})`, world.unmanaged),
    where('unnamed child OU', world.childOu),
    `outside the organization ${code(MATRIX_ACCOUNTS.outside)}`,
  ].join('; ')}.`);
  const gaps = coverageGaps(s.config);
  out.push('', `Central bucket: noncurrent versions kept ${s.centralNoncurrentDays} days (retention ${s.config.centralBucket.retentionDays}).`,
    `Coverage gaps the build found, each acknowledged in the map (it refuses any other): ${gaps.length === 0 ? 'none' : gaps.map((g) => `${g.kind === 'account' ? 'account' : 'OU'} ${code(g.name)}`).join(', ')}.`, '');
  return out;
}

export function renderMarkdown(scenarios: readonly Scenario[], results: readonly MatrixResult[]): string {
  const out: string[] = [
    '# Security matrix: what the built package allows and denies',
    '',
    '<!-- Generated by `npm run matrix -- --write`; do not edit. A test fails when this file drifts. -->',
    '',
    'Every row is a request evaluated by a real IAM policy simulator ([`@cloud-copilot/iam-simulate`](https://github.com/cloud-copilot/iam-simulate),',
    'a dev dependency only) against what the build ships: the SCPs and the RCP `buildPolicies` writes, and the bucket policies of the',
    'synthesized templates, resolved for one stack instance. The organization is modelled as root, OUs, accounts, with `FullAWSAccess`',
    'at every level, the guardrail SCPs attached to the OUs the manifest targets and the RCP to the aggregation OU. **Every principal has',
    '`AdministratorAccess`**, so "Denied" is the guardrails\' explicit deny, except where a row says the shipped bucket policy grants',
    'nothing (a cross-account request without a grant). Each request passes `aws:PrincipalArn` and the organization, tag, region,',
    'Lambda and service-chain (`aws:CalledVia`) context keys explicitly, and a row passes only when the simulator ignored none of',
    'them. The threat model and what each setting trades off: [security.md](security.md).',
    '',
    SUMMARY_HEADING,
    '',
    summaryLine(results),
    '',
    ...summaryTable(scenarios, results),
    '',
    '## Scenarios',
    '',
    ...scenarios.flatMap(scenarioSection),
    `Organizations allows ${count(LIMITS.scpMaxChars)} characters per SCP since 2026-05-15 (5,120 before) and ${count(LIMITS.rcpMaxChars)} per RCP.`,
    '',
    ...FINDINGS,
    '',
    '## Matrix',
    '',
  ];
  for (const s of scenarios) {
    const rows = results.filter((r) => r.scenario === s.name);
    out.push(`### ${code(s.name)}: ${summaryLine(rows)}`, '', '| # | area | attempt | principal | action | resource | expected | result | denied by |', '|---:|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const expected = r.residual === undefined ? r.expected : `${r.expected} (residual: ${cell(r.residual)})`;
      const result = r.pass ? shown(r) : `**${shown(r)}**`;
      const by = [...r.decidedBy, ...(r.result === 'ImplicitlyDenied' ? ['no grant'] : [])].join(', ');
      out.push(`| ${r.id.split('#')[1]} | ${cell(r.area)} | ${cell(r.attempt)} | ${cell(r.actor)} | ${code(r.action)} | ${code(cell(r.resource))} | ${expected} | ${result} | ${by} |`);
    }
    out.push('');
  }
  out.push(...RESIDUAL_RISKS, '', ...ASSUMPTIONS);
  return out.join('\n') + '\n';
}
