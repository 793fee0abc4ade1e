import type { Finding, Rule } from '../types';

/** Keys the schema requires: an empty value there is already a `manifest-schema` issue. */
const REQUIRED_KEYS = new Set([
  'region',
  'version',
  'name',
  'resource_file',
  'deploy_method',
  'deployment_targets',
  'parameter_key',
  'parameter_value',
  'value',
]);

export const manifestNullValues: Rule = {
  id: 'manifest-null-values',
  description: 'no key or list item is left empty (`key:` with nothing, `~`, `null`)',
  why: "CfCT's schema lets an optional key be empty, but its parser then reads None where it expects a string or a list, and the pipeline stage fails later",
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest || !ctx.manifestData) return [];
    const findings: Finding[] = [];
    for (const node of manifest.nodes) {
      if (node.scalar?.type !== 'null' || node.path.length === 0) continue;
      const last = node.path[node.path.length - 1];
      if (typeof last === 'string' && REQUIRED_KEYS.has(last)) continue;
      // Items of the resources / parameters / export_outputs lists must be mappings: a schema issue.
      const parent = node.path[node.path.length - 2];
      if (typeof last === 'number' && (parent === 'resources' || parent === 'parameters' || parent === 'export_outputs')) continue;
      findings.push(
        ctx.manifestFinding(
          node.path,
          typeof last === 'number' ? 'empty list item' : 'empty value',
          node.scalar.text,
          typeof last === 'number' ? 'remove the empty `-` item' : 'give it a value, or remove the key',
        ),
      );
    }
    return findings;
  },
};
