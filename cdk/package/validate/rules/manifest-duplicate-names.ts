import type { Finding, Rule } from '../types';

export const manifestDuplicateNames: Rule = {
  id: 'manifest-duplicate-names',
  description: 'no two resources share a name',
  why: 'the name is the StackSet and policy name: two resources with one name overwrite each other on every pipeline run',
  check(ctx) {
    const findings: Finding[] = [];
    const first = new Map<string, number>();
    for (const resource of ctx.resources) {
      if (resource.name === undefined) continue;
      const at = [...resource.path, 'name'];
      const earlier = first.get(resource.name);
      if (earlier === undefined) {
        first.set(resource.name, resource.index);
        continue;
      }
      const earlierLine = ctx.manifest?.lineOf(['resources', earlier, 'name']);
      findings.push(
        ctx.manifestFinding(at, `duplicate name: resources[${earlier}]${earlierLine ? ` (line ${earlierLine})` : ''} has it too`, resource.name, 'give each resource its own name, or merge the two'),
      );
    }
    return findings;
  },
};
