import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseDocument } from 'yaml';
import { buildManifest, MANIFEST_HEADER, type Manifest } from '../../cdk/package/manifest';
import { mergeManifest } from '../../cdk/package/merge';
import type { GeneratedPolicy } from '../../cdk/policies';
import { exampleConfig, exampleWith } from '../helpers/example';

const config = exampleConfig();
/** Policies as the policy generator hands them over (only the fields the manifest reads matter). */
const policies = [
  { kind: 'scp', name: 'bedrock-logs-guardrails', description: 'Keeps Bedrock invocation logging on', organizationalUnits: ['Workloads', 'Security'] },
  { kind: 'scp', name: 'bedrock-logs-guardrails-2', description: 'Keeps Bedrock invocation logging on (2 of 2)', organizationalUnits: ['Workloads', 'Security'] },
] as unknown as GeneratedPolicy[];
/** A new manifest holding only this package's resources (what a build writes into an empty folder). */
function renderManifest(manifest: Manifest): string {
  return mergeManifest({ manifest, owned: [], shown: 'manifest.yaml' });
}
const text = renderManifest(buildManifest(config, policies));
/** How CfCT's PyYAML reads it: YAML 1.1, where dates and octal numbers are types of their own. */
const asCfct = parse(text, { schema: 'yaml-1.1' }) as Record<string, any>;

test('has the CfCT keys with the right YAML types', () => {
  expect(asCfct.region).toBe('us-east-1');
  expect(asCfct.version).toBeInstanceOf(Date);
  expect((asCfct.version as Date).toISOString().slice(0, 10)).toBe('2021-03-15');
  expect(asCfct.enable_stack_set_deletion).toBe(false);
  expect(text).toMatch(/^version: 2021-03-15$/m);
});

test('lists the policies first, then the aggregation StackSet, then the member StackSet', () => {
  expect(asCfct.resources.map((r: any) => [r.name, r.deploy_method])).toEqual([
    ['bedrock-logs-guardrails', 'scp'],
    ['bedrock-logs-guardrails-2', 'scp'],
    ['bedrock-logs-aggregation', 'stack_set'],
    ['bedrock-logs-member', 'stack_set'],
  ]);
});

test('targets policies at OUs only, with a description', () => {
  const scp = asCfct.resources[0];
  expect(scp.deployment_targets).toEqual({ organizational_units: ['Workloads', 'Security'] });
  expect(scp.description).toBe('Keeps Bedrock invocation logging on');
  expect(scp.resource_file).toBe('policies/bedrock-logs-guardrails.json');
});

test('deploys the aggregation StackSet to the aggregation account only, in its region', () => {
  const aggregation = asCfct.resources[2];
  expect(aggregation.deployment_targets).toEqual({ accounts: ['222222222222'] });
  expect(aggregation.regions).toEqual(['us-east-1']);
  expect(aggregation.resource_file).toBe('customizations/bedrock-logs-aggregation.template.json');
  expect(aggregation.parameters).toBeUndefined();
});

test('deploys the member StackSet to the member OUs and accounts in every member region, with quoted parameters', () => {
  const member = asCfct.resources[3];
  expect(member.deployment_targets).toEqual({
    organizational_units: ['Workloads', 'Workloads:Prod', 'Sandbox'],
    // The listed account, then the aggregation account (aggregation.deployMemberStack).
    accounts: ['111111111111', '222222222222'],
  });
  expect(member.regions).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  expect(member.parameters).toEqual([
    { parameter_key: 'CentralBucketName', parameter_value: 'bedrock-logs-central-222222222222-us-east-1' },
    { parameter_key: 'CentralAccountId', parameter_value: '222222222222' },
  ]);
  expect(member.parameter_file).toBeUndefined();
});

test('quotes account IDs, OU names, descriptions and parameter values (YAML 1.1 would read 012345678901 as octal)', () => {
  const config0 = exampleWith((c) => { c.members.accounts = ['012345670123']; c.members.organizationalUnits = ['true', 'No']; });
  const doc = parse(renderManifest(buildManifest(config0, policies)), { schema: 'yaml-1.1' }) as Record<string, any>;
  expect(doc.resources[3].deployment_targets.accounts).toEqual(['012345670123', '222222222222']);
  expect(doc.resources[3].deployment_targets.organizational_units).toEqual(['true', 'No']);
  expect(text).toMatch(/^ {8}parameter_value: "222222222222"$/m);
  expect(text).toMatch(/^ {8}- "222222222222"$/m);
});

test('writes `name` first in every resource and `resource_file` unquoted on its own line', () => {
  const items = text.split(/^ {2}- /m).slice(1);
  expect(items).toHaveLength(4);
  for (const item of items) {
    expect(item.startsWith('name: ')).toBe(true);
    expect(item).toMatch(/^ {4}resource_file: [A-Za-z0-9._/-]+$/m);
  }
});

test('CfCT\'s own file check (grep | tr | cut, run for real) finds every resource file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  try {
    fs.writeFileSync(path.join(dir, 'manifest.yaml'), text);
    // The pipeline from CfCT's source/validation/run-validation.sh.
    const found = execFileSync('bash', ['-c', "grep '_file:' < manifest.yaml | grep -v '^ *#' | tr -s ' ' | tr -d '\\r' | cut -d ' ' -f 3"], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(found.trim().split('\n')).toEqual(asCfct.resources.map((r: any) => r.resource_file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('adds the aggregation account to the member targets only with aggregation.deployMemberStack', () => {
  const m = buildManifest(exampleWith((c) => { c.aggregation.deployMemberStack = false; }), policies);
  expect(m.resources[3].accounts).toEqual(['111111111111']);
});

test('leaves out member accounts when only OUs are targeted', () => {
  const m = buildManifest(exampleWith((c) => { c.members.accounts = []; c.aggregation.deployMemberStack = false; }), policies);
  expect(m.resources[3].accounts).toBeUndefined();
  const doc = parse(renderManifest(m)) as Record<string, any>;
  expect(doc.resources[3].deployment_targets).toEqual({ organizational_units: ['Workloads', 'Workloads:Prod', 'Sandbox'] });
});

test('writes enable_stack_set_deletion as a real boolean', () => {
  const doc = parse(renderManifest(buildManifest(exampleWith((c) => { c.enableStackSetDeletion = true; }), policies)));
  expect(doc.enable_stack_set_deletion).toBe(true);
});

test('starts with a notice of which resources are generated, and parses as one document', () => {
  expect(text.startsWith(`${MANIFEST_HEADER}\n---\nregion: us-east-1\n`)).toBe(true);
  const doc = parseDocument(text);
  expect(doc.errors).toEqual([]);
});
