/**
 * planPackage / validatePlan: what a build would change in a folder, decided from the package
 * record, before anything is written. Built packages here carry the real manifest model and small
 * stand-in files (the synthesis is tested elsewhere).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ResolvedConfig } from '../../cdk/env/resolve';
import { MANIFEST_FILE, RECORD_FILE } from '../../cdk/names';
import type { BuiltPackage } from '../../cdk/package/build';
import { buildManifest } from '../../cdk/package/manifest';
import { EXAMPLE_MAP_RECORDED, planPackage, validatePlan, type PackagePlan } from '../../cdk/package/plan';
import { readRecord, sha256Of } from '../../cdk/package/record';
import { writePlan } from '../../cdk/package/write';
import { buildPolicies } from '../../cdk/policies';
import { userError } from '../helpers/errors';
import { exampleConfig, exampleWith } from '../helpers/example';
import { readTree, TEAM_CONFIGURATION } from '../helpers/tree';

let dir: string;
let mapFile: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-')));
  mapFile = path.join(dir, 'maps', 'logging.map.ts');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A built package of `config`: the real manifest model and policies, a small template per StackSet. */
function built(config: ResolvedConfig = exampleConfig()): BuiltPackage {
  const policies = buildPolicies(config);
  const manifest = buildManifest(config, policies);
  const files = new Map<string, string>();
  for (const r of manifest.resources) {
    const parameters = Object.fromEntries((r.parameters ?? []).map((p) => [p.key, { Type: 'String' }]));
    const template = { Description: r.name, Parameters: parameters, Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } };
    files.set(r.resourceFile, r.deployMethod === 'stack_set' ? `${JSON.stringify(template)}\n` : (policies.find((p) => p.name === r.name)?.text as string));
  }
  return { config, manifest, files, policies, handlers: {} as BuiltPackage['handlers'], templates: {} as BuiltPackage['templates'] };
}

function plan(config?: ResolvedConfig, options: { replaceOrganization?: boolean } = {}): PackagePlan {
  return planPackage({ dir, built: built(config), mapFile, previous: readRecord(dir), ...options });
}

const tree = (): Record<string, string> => readTree(dir);

test('a new folder gets the manifest, the record and every file; the record names the map relative to the folder', () => {
  const first = plan();
  expect([...first.files.keys()]).toEqual([MANIFEST_FILE, RECORD_FILE, 'policies/bedrock-logs-guardrails.json', 'policies/bedrock-logs-guardrails-2.json', 'customizations/bedrock-logs-aggregation.template.json', 'customizations/bedrock-logs-member.template.json']);
  expect([...first.writes.keys()]).toEqual([...first.files.keys()]);
  expect(first.record).toMatchObject({
    format: 1,
    generator: 'bedrock-invocation-logging-cfct',
    environment: 'example',
    organizationId: 'o-a1b2c3d4e5',
    managementAccountId: '333333333333',
    homeRegion: 'us-east-1',
    resourcePrefix: 'bedrock-logs',
    scpSizeBudget: 5120,
    map: 'maps/logging.map.ts',
    resources: ['bedrock-logs-guardrails', 'bedrock-logs-guardrails-2', 'bedrock-logs-aggregation', 'bedrock-logs-member'],
  });
  expect(first.record.files['policies/bedrock-logs-guardrails.json']).toBe(sha256Of(first.files.get('policies/bedrock-logs-guardrails.json') as string));
  writePlan(first);
  const second = plan();
  expect([...second.writes.keys()]).toEqual([]);
  expect(second.removals).toEqual([]);
});

test('a new resource prefix replaces the package\'s resources and removes its old files, leaving other files', () => {
  writePlan(plan());
  fs.writeFileSync(path.join(dir, 'policies', 'team.json'), '{}');
  const renamed = plan(exampleWith((c) => { c.prefix = 'llm-logs'; }));
  expect(renamed.removals).toEqual(['customizations/bedrock-logs-aggregation.template.json', 'customizations/bedrock-logs-member.template.json', 'policies/bedrock-logs-guardrails-2.json', 'policies/bedrock-logs-guardrails.json']);
  writePlan(renamed);
  expect(Object.keys(tree()).sort()).toEqual([
    MANIFEST_FILE, RECORD_FILE, 'customizations/llm-logs-aggregation.template.json', 'customizations/llm-logs-member.template.json', 'policies/llm-logs-guardrails.json', 'policies/llm-logs-guardrails-2.json', 'policies/team.json',
  ].sort());
  expect(tree()[MANIFEST_FILE]).not.toContain('bedrock-logs-');
});

test('says so when it overwrites a file of the package that was edited by hand', () => {
  writePlan(plan());
  fs.appendFileSync(path.join(dir, 'policies', 'bedrock-logs-guardrails.json'), ' ');
  expect(plan().notes).toEqual(['policies/bedrock-logs-guardrails.json had been edited by hand since the last build: overwritten']);
});

describe('fails, writing nothing, if', () => {
  test('fails if a file of somebody else is at one of the package\'s paths', () => {
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'policies', 'bedrock-logs-guardrails.json'), '{"theirs":true}');
    const before = tree();
    const caught = userError(() => plan());
    expect(caught.message.split('\n')[0]).toBe(`${dir}/ has 1 issue:`);
    expect(caught.issues).toEqual([
      '- policies/bedrock-logs-guardrails.json: is in the way: it exists, but the package record does not list it as a file of this package; it belongs to somebody else: rename or move it, or give the environment another resourcePrefix; if an older build of bedrock-invocation-logging-cfct wrote it (before the package record existed), delete it and build again',
    ]);
    expect(tree()).toEqual(before);
  });

  test('fails if the folder holds the package of another organization', () => {
    writePlan(plan());
    const other = exampleWith((c) => { c.organizationId = 'o-zzzzzzzzzz'; c.name = 'staging'; });
    expect(userError(() => plan(other)).issues).toEqual([
      `- ${RECORD_FILE}: says this folder holds the package of organization o-a1b2c3d4e5 (environment "example"), not o-zzzzzzzzzz (environment "staging") (got "o-a1b2c3d4e5"); one CfCT configuration serves one organization: build "staging" into its own CfCT configuration folder, or pass --replace-organization if this folder now belongs to o-zzzzzzzzzz`,
    ]);
    expect(plan(other, { replaceOrganization: true }).notes).toEqual(['replaced the package of organization o-a1b2c3d4e5 (environment "example" of maps/logging.map.ts)']);
  });

  test('fails if an interrupted write left its backup folder', () => {
    writePlan(plan());
    fs.mkdirSync(path.join(dir, '.build-old-123-456'));
    expect(userError(() => plan()).issues[0]).toMatch(/^- \.build-old-123-456: holds the files an interrupted build replaced \(got ".*"\); move the files in it back/);
  });
});

test('replaces the committed example package without --replace-organization (a fork of this repository)', () => {
  mapFile = path.join(dir, EXAMPLE_MAP_RECORDED);
  writePlan(plan());
  expect(readRecord(dir)?.map).toBe('cdk/env/map.example.ts');
  mapFile = path.join(dir, 'cdk', 'env', 'map.ts');
  const fork = plan(exampleWith((c) => { c.organizationId = 'o-zzzzzzzzzz'; c.name = 'prod'; c.homeRegion = 'eu-west-1'; }));
  expect(fork.notes).toEqual(['replaced the package of organization o-a1b2c3d4e5 (environment "example" of cdk/env/map.example.ts)']);
  expect(fork.files.get(MANIFEST_FILE)).toMatch(/\nregion: eu-west-1\n/);
});

test('a manifest holding only this package\'s resources follows the map\'s top-level keys; one with other resources keeps them', () => {
  writePlan(plan());
  const moved = exampleWith((c) => { c.homeRegion = 'eu-west-1'; c.enableStackSetDeletion = true; });
  expect(plan(moved).files.get(MANIFEST_FILE)).toMatch(/\nregion: eu-west-1\nversion: 2021-03-15\nenable_stack_set_deletion: true\n/);
  fs.appendFileSync(path.join(dir, MANIFEST_FILE), '\n  - name: team-scp\n    resource_file: policies/team.json\n    deploy_method: scp\n    deployment_targets:\n      organizational_units: [Root]\n');
  expect(userError(() => plan(moved)).issues).toEqual([
    expect.stringContaining(' region: is not the environment\'s home region eu-west-1 (got "us-east-1")'),
    expect.stringContaining(' enable_stack_set_deletion: is false, but the environment map sets enableStackSetDeletion: true'),
  ]);
});

describe('validatePlan', () => {
  test('checks the package as it would be, other teams\' files included, before writing it', () => {
    fs.cpSync(TEAM_CONFIGURATION, dir, { recursive: true });
    const planned = plan();
    expect(validatePlan(planned, 5120)).toEqual({ ours: [], foreign: [] });
    expect(fs.existsSync(path.join(dir, RECORD_FILE))).toBe(false);
  });

  test('tells this package\'s issues from those of other teams\' resources', () => {
    fs.cpSync(TEAM_CONFIGURATION, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'policies', 'team-region-deny.json'), '{"Version":"2012-10-17","Statement":[]');
    const planned = plan();
    const broken = new Map(planned.files).set('policies/bedrock-logs-guardrails.json', '{');
    const found = validatePlan({ ...planned, files: broken }, 5120);
    expect(found.ours.map((i) => `${i.file} ${i.ruleId}`)).toEqual(['policies/bedrock-logs-guardrails.json policy-json']);
    expect(found.foreign.map((i) => `${i.file} ${i.ruleId}`)).toEqual(['policies/team-region-deny.json policy-json']);
  });
});
