import { Document, isMap, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import { MANIFEST_VERSION, MEMBER_PARAMETERS } from '../constants';
import { memberStackAccounts } from '../env/reach';
import type { ResolvedConfig } from '../env/resolve';
import { Names } from '../names';
import type { GeneratedPolicy } from '../policies';
import { policyFile, STACK_SET_DESCRIPTIONS, templateFile } from '../names';

/** One entry of the CfCT manifest (version 2021-03-15), in the order CfCT processes it. */
export interface ManifestResource {
  readonly name: string;
  readonly description: string;
  readonly resourceFile: string;
  readonly deployMethod: 'scp' | 'rcp' | 'stack_set';
  readonly parameters?: readonly { readonly key: string; readonly value: string }[];
  readonly organizationalUnits?: readonly string[];
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
}

export interface Manifest {
  readonly region: string;
  readonly enableStackSetDeletion: boolean;
  readonly resources: readonly ManifestResource[];
}

/**
 * The manifest model: policies first (CfCT attaches them before any StackSet runs), then the
 * aggregation StackSet (the central bucket must exist before members replicate to it), then the
 * member StackSet with the central bucket's name and account as parameters.
 */
export function buildManifest(config: ResolvedConfig, policies: readonly GeneratedPolicy[]): Manifest {
  const names = new Names(config.prefix);
  const resources: ManifestResource[] = policies.map((policy) => ({
    name: policy.name,
    description: policy.description,
    resourceFile: policyFile(policy.name),
    deployMethod: policy.kind,
    organizationalUnits: policy.organizationalUnits,
  }));
  resources.push({
    name: names.stackSet('aggregation'),
    description: STACK_SET_DESCRIPTIONS.aggregation,
    resourceFile: templateFile(names.stackSet('aggregation')),
    deployMethod: 'stack_set',
    accounts: [config.aggregation.accountId],
    regions: [config.aggregation.region],
  });
  const memberAccounts = memberStackAccounts(config);
  resources.push({
    name: names.stackSet('member'),
    description: STACK_SET_DESCRIPTIONS.member,
    resourceFile: templateFile(names.stackSet('member')),
    deployMethod: 'stack_set',
    parameters: [
      { key: MEMBER_PARAMETERS.centralBucketName, value: names.centralBucket(config.aggregation.accountId, config.aggregation.region) },
      { key: MEMBER_PARAMETERS.centralAccountId, value: config.aggregation.accountId },
    ],
    organizationalUnits: config.members.organizationalUnits.length > 0 ? config.members.organizationalUnits : undefined,
    // With aggregation.deployMemberStack the aggregation account is a member target too.
    accounts: memberAccounts.length > 0 ? memberAccounts : undefined,
    regions: config.members.regions,
  });
  return { region: config.homeRegion, enableStackSetDeletion: config.enableStackSetDeletion, resources };
}

/** Keys whose string values CfCT needs quoted (IDs, free text, parameter values). */
const QUOTED_KEYS = new Set(['description', 'parameter_value']);
/** Sequences whose items CfCT needs quoted (account IDs read as octal numbers, OU names like `true`). */
const QUOTED_SEQUENCES = new Set(['accounts', 'organizational_units']);

function resourceToYaml(resource: ManifestResource): Record<string, unknown> {
  // `name` first: CfCT's build stage greps `_file:` lines and expects one list item per `- name:`.
  const out: Record<string, unknown> = {
    name: resource.name,
    description: resource.description,
    resource_file: resource.resourceFile,
    deploy_method: resource.deployMethod,
  };
  if (resource.parameters) {
    out.parameters = resource.parameters.map((p) => ({ parameter_key: p.key, parameter_value: p.value }));
  }
  const targets: Record<string, unknown> = {};
  if (resource.organizationalUnits) targets.organizational_units = [...resource.organizationalUnits];
  if (resource.accounts) targets.accounts = [...resource.accounts];
  out.deployment_targets = targets;
  if (resource.regions) out.regions = [...resource.regions];
  return out;
}

/**
 * Renders the manifest the way CfCT's validation and runtime accept it (FACTS.md §1):
 * `version` as an unquoted YAML date, `name` first in each resource, `resource_file` unquoted on its
 * own line, account IDs, OU names, descriptions and parameter values double-quoted.
 */
export function renderManifest(manifest: Manifest, generatedBy: string): string {
  const doc = new Document({
    region: manifest.region,
    version: MANIFEST_VERSION,
    enable_stack_set_deletion: manifest.enableStackSetDeletion,
    resources: manifest.resources.map(resourceToYaml),
  });
  doc.commentBefore = ` ${generatedBy}\n Generated file: do not edit by hand. Change the environment map and rebuild.`;

  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (isScalar(value) && typeof value.value === 'string') {
        value.type = QUOTED_KEYS.has(key) ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
      }
      if (isSeq(value) && QUOTED_SEQUENCES.has(key)) {
        for (const item of value.items) if (isScalar(item)) item.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  // Blank lines before the resource list and between resources, for reading.
  if (isMap(doc.contents)) {
    const resourcesPair = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'resources');
    if (resourcesPair && isScalar(resourcesPair.key)) resourcesPair.key.spaceBefore = true;
  }
  const resources = doc.get('resources', true);
  if (isSeq(resources)) {
    resources.items.forEach((item, i) => {
      if (i > 0 && isMap(item)) item.spaceBefore = true;
    });
  }
  return doc.toString({ directives: true, lineWidth: 0, indentSeq: true });
}
