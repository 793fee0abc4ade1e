import { isRecord } from '../context';
import type { Finding, Rule } from '../types';

export const manifestOuPaths: Rule = {
  id: 'manifest-ou-paths',
  description: 'OU targets are `Name` or `Parent:Child` paths, never `Root:…`, without empty parts',
  why: 'CfCT resolves nested OUs from the paths below the root: `Root:Workloads` names no OU, and an unresolved OU fails the StackSet stage (and leaves SCPs unattached)',
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest) return [];
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      const targets = resource.data.deployment_targets;
      if (!isRecord(targets) || !Array.isArray(targets.organizational_units)) continue;
      targets.organizational_units.forEach((ou, index) => {
        if (typeof ou !== 'string') return; // manifest-schema / manifest-null-values
        const at = [...resource.path, 'deployment_targets', 'organizational_units', index];
        const parts = ou.split(':');
        if (parts.length > 1 && parts[0] === 'Root') {
          findings.push(
            ctx.manifestFinding(at, 'starts with `Root:`: CfCT names OUs from below the root', ou, `write "${parts.slice(1).join(':')}" (use "Root" alone for the organization root)`),
          );
        } else if (parts.some((part) => part.trim() === '')) {
          findings.push(ctx.manifestFinding(at, 'has an empty part', ou, 'write a top-level OU by its name, a nested OU as "Parent:Child"'));
        } else if (parts.some((part) => part !== part.trim())) {
          findings.push(ctx.manifestFinding(at, 'has blanks around a `:` or at an end', ou, `write "${parts.map((p) => p.trim()).join(':')}"`));
        }
      });
    }
    return findings;
  },
};
