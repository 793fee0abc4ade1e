/**
 * mergeManifest: this package's resources into a manifest written by somebody else, in another
 * style, keeping every other byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { buildManifest, type Manifest } from '../../cdk/package/manifest';
import { mergeManifest } from '../../cdk/package/merge';
import { buildPolicies } from '../../cdk/policies';
import { userError } from '../helpers/errors';
import { exampleConfig, exampleWith } from '../helpers/example';

import { TEAM_CONFIGURATION as TEAM_DIR } from '../helpers/tree';
/** The team's manifest: 4-space indents, comments everywhere, quoted and plain scalars, flow lists, a parameter_file. */
const TEAM = fs.readFileSync(path.join(TEAM_DIR, 'manifest.yaml'), 'utf8');
/** Where the first build puts this package's items: after the team's last item, before the closing comment. */
const AFTER_LAST_TEAM_ITEM = TEAM.indexOf('\n\n# End of the team') + 1;

const config = exampleConfig();
const manifest = buildManifest(config, buildPolicies(config));
const OURS = manifest.resources.map((r) => r.name);

function merge(existing: string | undefined, owned: readonly string[] = [], m: Manifest = manifest): string {
  return mergeManifest({ existing, manifest: m, owned, shown: 'manifest.yaml' });
}

/** The resources of a manifest as CfCT's PyYAML reads them. */
function resources(text: string): { name: string; [key: string]: unknown }[] {
  return (parse(text, { schema: 'yaml-1.1' }) as { resources: { name: string }[] }).resources;
}

describe('into a manifest written by somebody else', () => {
  const merged = merge(TEAM);

  test('keeps every byte of it and adds this package\'s items after the last item, at its column', () => {
    expect(merged.slice(0, AFTER_LAST_TEAM_ITEM)).toBe(TEAM.slice(0, AFTER_LAST_TEAM_ITEM));
    expect(merged.endsWith(TEAM.slice(AFTER_LAST_TEAM_ITEM))).toBe(true);
    const added = merged.slice(AFTER_LAST_TEAM_ITEM, merged.length - (TEAM.length - AFTER_LAST_TEAM_ITEM));
    expect(added.split('\n').filter((line) => line.startsWith('    - ')).map((line) => line.slice(6))).toEqual(OURS.map((name) => `name: ${name}`));
    expect(added.startsWith('\n    - name: ')).toBe(true);
    expect(resources(merged).map((r) => r.name)).toEqual(['team-region-deny', 'team-baseline', ...OURS]);
  });

  test('renders its own items as CfCT needs them (quoted IDs, unquoted resource_file lines)', () => {
    const member = resources(merged).find((r) => r.name === 'bedrock-logs-member') as Record<string, any>;
    expect(member.deployment_targets.accounts).toEqual(['111111111111', '222222222222']); // a member account and the aggregation account (deployMemberStack)
    expect(merged).toContain('\n      resource_file: customizations/bedrock-logs-member.template.json\n');
  });

  test('is idempotent: a second merge with the same input changes no byte', () => {
    expect(merge(merged, OURS)).toBe(merged);
  });

  test('replaces only its own items, where they are, when the environment changes', () => {
    const changed = buildManifest(exampleWith((c) => { c.members.regions = ['us-east-1']; }), buildPolicies(config));
    const again = merge(merged, OURS, changed);
    expect(again.slice(0, AFTER_LAST_TEAM_ITEM)).toBe(TEAM.slice(0, AFTER_LAST_TEAM_ITEM));
    expect(again.endsWith(TEAM.slice(AFTER_LAST_TEAM_ITEM))).toBe(true);
    expect((resources(again).at(-1) as Record<string, unknown>).regions).toEqual(['us-east-1']);
  });

  test('leaves its items where a person moved them (here: before the team\'s)', () => {
    const ours = merged.slice(AFTER_LAST_TEAM_ITEM + 1, merged.length - (TEAM.length - AFTER_LAST_TEAM_ITEM));
    const firstTeamItem = merged.indexOf('    # Deny regions');
    const moved = `${merged.slice(0, firstTeamItem)}${ours}\n${merged.slice(firstTeamItem, AFTER_LAST_TEAM_ITEM)}${merged.slice(AFTER_LAST_TEAM_ITEM + 1 + ours.length)}`;
    expect(resources(moved).map((r) => r.name)).toEqual([...OURS, 'team-region-deny', 'team-baseline']);
    expect(merge(moved, OURS)).toBe(moved);
  });

  test('removes the items it no longer has, with their separating blank line; fills its places in manifest order', () => {
    const renamed = buildManifest(exampleWith((c) => { c.prefix = 'llm-logs'; }), buildPolicies(exampleWith((c) => { c.prefix = 'llm-logs'; })));
    const again = merge(merged, OURS, renamed);
    expect(resources(again).map((r) => r.name)).toEqual(['team-region-deny', 'team-baseline', ...OURS.map((name) => name.replace('bedrock-logs-', 'llm-logs-'))]);
    expect(again.slice(0, AFTER_LAST_TEAM_ITEM)).toBe(TEAM.slice(0, AFTER_LAST_TEAM_ITEM));
    const two: Manifest = { ...manifest, resources: manifest.resources.slice(1) };
    const shrunk = merge(merged, OURS, two);
    expect(resources(shrunk).map((r) => r.name)).toEqual(['team-region-deny', 'team-baseline', ...OURS.slice(1)]);
    expect(shrunk.endsWith(`  - eu-west-1\n${TEAM.slice(AFTER_LAST_TEAM_ITEM)}`)).toBe(true); // no blank line left behind
    // Growing back fills its places in order (policies first): the same bytes as the first merge.
    expect(merge(shrunk, OURS.slice(1), manifest)).toBe(merged);
  });

  test('keeps CRLF line endings, in its own lines too', () => {
    const crlf = TEAM.replace(/\n/g, '\r\n');
    const out = merge(crlf);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out.replace(/\r\n/g, '\n')).toBe(merged);
    expect(merge(out, OURS)).toBe(out);
  });
});

test('keeps items in other styles byte for byte: block scalars, flow mappings, anchors, aliases, tags, items at column 0', () => {
  const styles = [
    'region: us-east-1',
    'version: 2021-03-15',
    'resources:',
    '- name: team-a',
    '  description: |',
    '    Multi-line',
    '    description',
    '  resource_file: policies/a.json',
    '  deploy_method: scp',
    '  deployment_targets: &targets',
    '    organizational_units: [Workloads]',
    '- {name: team-b, resource_file: policies/b.json, deploy_method: scp, deployment_targets: *targets}',
    '- name: team-c',
    '  description: >-',
    '    folded',
    '  resource_file: policies/c.json',
    '  deploy_method: scp',
    '  deployment_targets: !!map',
    '    organizational_units:',
    '    - Sandbox',
    '',
  ].join('\n');
  const out = merge(styles);
  expect(out.startsWith(styles)).toBe(true);
  expect(out.slice(styles.length)).toMatch(/^\n- name: bedrock-logs-guardrails\n {2}description: /);
  expect(resources(out).map((r) => r.name)).toEqual(['team-a', 'team-b', 'team-c', ...OURS]);
  expect(merge(out, OURS)).toBe(out);
});

describe('into a manifest without resources yet', () => {
  const top = 'region: us-east-1 # home\nversion: 2021-03-15\n';

  test.each([
    ['no resources key', top, `${top}\nresources:\n`],
    ['an empty resources key', `${top}resources:\n`, `${top}resources:\n`],
    ['resources: [] with a comment', `${top}resources: []   # none yet\n`, `${top}resources:    # none yet\n`],
    ['resources: ~ and no final newline', `${top}resources: ~`, `${top}resources: \n`],
  ])('starts the list after %s', (_, existing, head) => {
    const out = merge(existing);
    expect(out.startsWith(head)).toBe(true);
    expect(resources(out).map((r) => r.name)).toEqual(OURS);
    expect(merge(out, OURS)).toBe(out);
  });

  test('writes a new manifest with the top-level keys when there is none', () => {
    const fresh = merge(undefined);
    expect(fresh).toMatch(/^# Customizations for AWS Control Tower manifest[^]*\n---\nregion: us-east-1\nversion: 2021-03-15\nenable_stack_set_deletion: false\n\nresources:\n {2}- name: bedrock-logs-guardrails\n/);
    expect((parse(fresh, { schema: 'yaml-1.1' }) as { version: unknown }).version).toBeInstanceOf(Date);
    expect(merge(fresh, OURS)).toBe(fresh);
  });
});

describe('fails, changing nothing, if', () => {
  const refusal = (existing: string, owned: readonly string[] = [], m: Manifest = manifest): string[] => userError(() => merge(existing, owned, m)).issues;

  test('fails if the manifest\'s region is not the environment\'s home region', () => {
    expect(refusal(TEAM.replace('region: us-east-1', 'region: eu-west-1'))).toEqual([
      '- manifest.yaml:4 region: is not the environment\'s home region us-east-1 (got "eu-west-1"); build the environment whose homeRegion is eu-west-1 into this folder, or correct homeRegion in the map: one CfCT manifest serves one landing zone',
    ]);
  });

  test('fails if the version is not 2021-03-15, or is quoted', () => {
    expect(refusal(TEAM.replace('version: 2021-03-15', 'version: 2020-01-01'))[0]).toContain('- manifest.yaml:5 version: is not 2021-03-15, the manifest version this package is written for (got "2020-01-01"); migrate the manifest');
    expect(refusal(TEAM.replace('version: 2021-03-15', 'version: "2021-03-15"'))[0]).toBe('- manifest.yaml:5 version: is quoted: CfCT\'s schema wants an unquoted YAML date (got "2021-03-15"); write `version: 2021-03-15` without quotes');
  });

  test('fails if enable_stack_set_deletion differs from the map\'s setting', () => {
    expect(refusal(TEAM.replace('enable_stack_set_deletion: false', 'enable_stack_set_deletion: true'))[0]).toMatch(
      /^- manifest\.yaml:6 enable_stack_set_deletion: is true, but the environment map sets enableStackSetDeletion: false; the build does not change a manifest's top-level keys \(got true\); set enableStackSetDeletion: true in the environment map to match/,
    );
    const deleting = buildManifest(exampleWith((c) => { c.enableStackSetDeletion = true; }), buildPolicies(config));
    expect(refusal(TEAM.replace('enable_stack_set_deletion: false\n', ''), [], deleting)[0]).toContain('enable_stack_set_deletion: is not set (false), but the environment map sets enableStackSetDeletion: true');
  });

  test('fails if a resource of somebody else has one of this package\'s names', () => {
    const taken = TEAM.replace('name: "team-baseline"', 'name: "bedrock-logs-member"');
    expect(refusal(taken)).toEqual([
      '- manifest.yaml resources[1].name: is also the name of one of this package\'s resources, but the package record does not list it: it belongs to somebody else (got "bedrock-logs-member"); rename that resource, or give the environment another resourcePrefix; if an older build of this package wrote it (before the package record existed), delete it and its file, then build again',
    ]);
  });

  test('fails if resources is a non-empty flow sequence, or not a list', () => {
    expect(refusal('region: us-east-1\nversion: 2021-03-15\nresources: [{name: a, resource_file: a.json, deploy_method: scp, deployment_targets: {}}]\n')[0]).toContain('resources: is a flow sequence');
    expect(refusal('region: us-east-1\nversion: 2021-03-15\nresources: {}\n')[0]).toContain('resources: is not a list');
  });

  test('fails if the file is not one YAML mapping', () => {
    expect(refusal(`${TEAM}---\nregion: us-east-1\n`)[0]).toContain('holds 2 YAML documents: CfCT reads exactly one');
    expect(refusal('region: [us-east-1\n')[0]).toMatch(/^- manifest\.yaml:\d+: is not valid YAML: /);
    expect(refusal('- region: us-east-1\n')[0]).toContain('is not a YAML mapping');
  });

  test('fails if line endings are mixed', () => {
    expect(refusal(TEAM.replace('\n', '\r\n'))).toEqual([
      '- manifest.yaml (file): mixes line endings (1 of 31 lines end with CRLF); convert the file to one line ending (LF or CRLF), then build again',
    ]);
  });

  test('lists every reason at once', () => {
    const bad = TEAM.replace('region: us-east-1', 'region: eu-west-1').replace('version: 2021-03-15', 'version: 2020-01-01');
    expect(userError(() => merge(bad)).message.split('\n')[0]).toBe('manifest.yaml has 2 issues:');
    expect(userError(() => merge(bad)).message.split('\n').at(-1)).toBe('build: nothing was written');
  });
});
