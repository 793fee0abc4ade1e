import { LIMITS, STACK_SET_NAME_PREFIX } from '../../../constants';
import type { Finding, Rule } from '../types';

/** CfCT's documented resource-name pattern. */
const NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

export const manifestResourceNames: Rule = {
  id: 'manifest-resource-names',
  description: 'resource names match ^[A-Za-z][A-Za-z0-9-]*$ and fit the StackSet and policy name limits',
  why: `CfCT names each StackSet ${STACK_SET_NAME_PREFIX}<name> (at most ${LIMITS.stackSetNameChars} characters) and each policy <name> (at most ${LIMITS.policyNameChars}); other characters fail those APIs`,
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      const name = resource.name;
      if (name === undefined) continue; // manifest-schema
      const at = [...resource.path, 'name'];
      if (!NAME.test(name)) {
        findings.push(
          ctx.manifestFinding(at, 'not a valid resource name: a letter, then letters, digits and hyphens', name, `rename it, for example "${suggest(name)}"`),
        );
      }
      if (resource.deployMethod === 'stack_set') {
        const full = `${STACK_SET_NAME_PREFIX}${name}`;
        if (full.length > LIMITS.stackSetNameChars) {
          findings.push(
            ctx.manifestFinding(at, `the StackSet name ${STACK_SET_NAME_PREFIX}<name> is ${full.length} characters, over ${LIMITS.stackSetNameChars}`, name, 'shorten the name (or the resource prefix)'),
          );
        }
      } else if (resource.deployMethod !== undefined && name.length > LIMITS.policyNameChars) {
        findings.push(
          ctx.manifestFinding(at, `the policy name is ${name.length} characters, over ${LIMITS.policyNameChars}`, name, 'shorten the name (or the resource prefix)'),
        );
      }
    }
    return findings;
  },
};

function suggest(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '');
  return cleaned === '' ? 'bedrock-logs-member' : cleaned;
}
