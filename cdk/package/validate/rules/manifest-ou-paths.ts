import { targetEntries } from '../context';
import type { Finding, Rule } from '../types';

export const manifestOuPaths: Rule = {
  id: 'manifest-ou-paths',
  description: 'OU targets are `Name` or `Parent:Child` paths, never `Root:…`, without empty parts',
  why: 'CfCT resolves nested OUs from the paths below the root: `Root:Workloads` names no OU, and an unresolved OU fails the StackSet stage (and leaves SCPs unattached)',
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest) return [];
    const findings: Finding[] = [];
    for (const { value: ou, at } of targetEntries(ctx.resources, 'organizational_units')) {
      if (typeof ou !== 'string') continue; // manifest-schema / manifest-null-values
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
    }
    return findings;
  },
};
