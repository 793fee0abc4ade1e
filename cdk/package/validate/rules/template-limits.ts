import { LIMITS } from '../../../constants';
import { isRecord } from '../context';
import { templateTargets } from '../targets';
import type { Finding, Rule } from '../types';

export const templateLimits: Rule = {
  id: 'template-limits',
  description: `every StackSet template is at most ${LIMITS.templateBytes} bytes, ${LIMITS.templateResources} resources, ${LIMITS.templateParameters} parameters and ${LIMITS.templateOutputs} outputs`,
  why: 'CloudFormation rejects a template over its quotas when the StackSet is created or updated',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of templateTargets(ctx)) {
      const bytes = Buffer.byteLength(json.text, 'utf8');
      if (bytes > LIMITS.templateBytes) {
        findings.push({ file, line: 1, path: '', message: `${bytes} bytes, over the ${LIMITS.templateBytes}-byte budget for templates CfCT deploys`, value: String(bytes), fix: 'split the stack, or move large inline content out of the template' });
      }
      const template = json.value;
      if (!isRecord(template)) continue;
      const sections = [
        ['Resources', LIMITS.templateResources],
        ['Parameters', LIMITS.templateParameters],
        ['Outputs', LIMITS.templateOutputs],
      ] as const;
      for (const [section, limit] of sections) {
        const entries = template[section];
        const count = isRecord(entries) ? Object.keys(entries).length : 0;
        if (count > limit) {
          findings.push({ file, line: json.lineOf([section]), path: section, message: `${count} ${section.toLowerCase()}, over CloudFormation's limit of ${limit}`, value: String(count), fix: 'split the stack into more StackSets' });
        }
      }
    }
    return findings;
  },
};
