import type { Finding, Rule } from '../types';

export const manifestNameFirst: Rule = {
  id: 'manifest-name-first',
  description: 'every resource starts with `- name:`',
  why: "CfCT's build stage takes the third space-separated field of each `_file:` line: on a `- resource_file: x` line that is `resource_file:`, not the path, and the file check fails",
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest) return [];
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      const keys = manifest.node(resource.path)?.keys ?? [];
      if (keys.length === 0 || keys[0] === 'name') continue;
      findings.push(
        ctx.manifestFinding(
          resource.path,
          `the resource starts with \`${keys[0]}\`, not \`name\``,
          keys[0],
          'move `name:` to the first line of the item: `- name: <resource name>`',
        ),
      );
    }
    return findings;
  },
};
