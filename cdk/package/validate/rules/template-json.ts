import { isRecord } from '../context';
import { dotPath } from '../paths';
import { templateTargets } from '../targets';
import type { Finding, Rule } from '../types';

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];

export const templateJson: Rule = {
  id: 'template-json',
  description: 'every JSON StackSet template (named .json, or starting with `{`; YAML templates are left to CloudFormation) is a JSON object with known sections and at least one resource, without duplicate keys',
  why: 'templates under customizations/ skip CfCT\'s validate-template step (it only scans templates/), so a broken template fails only when the StackSet deploys',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of templateTargets(ctx)) {
      if (json.syntaxError) {
        findings.push({ file, line: json.syntaxError.line, path: '', message: `not valid JSON: ${json.syntaxError.message}`, fix: 'fix the JSON at this line, or run `npm run build` to rewrite the template' });
        continue;
      }
      for (const duplicate of json.duplicateKeys) {
        findings.push({ file, line: duplicate.line, path: dotPath(duplicate.path), message: 'duplicate key: only the last one counts', value: String(duplicate.path[duplicate.path.length - 1]), fix: 'merge the two into one key' });
      }
      const template = json.value;
      if (!isRecord(template)) {
        findings.push({ file, line: 1, path: '', message: 'not a JSON object', fix: 'a template is {"Resources": { … }}' });
        continue;
      }
      for (const key of Object.keys(template)) {
        if (!SECTIONS.includes(key)) {
          findings.push({ file, line: json.lineOf([key]), path: dotPath([key]), message: 'not a template section', value: key, fix: `remove it (sections: ${SECTIONS.join(', ')})` });
        }
      }
      if ('AWSTemplateFormatVersion' in template && template.AWSTemplateFormatVersion !== '2010-09-09') {
        findings.push({ file, line: json.lineOf(['AWSTemplateFormatVersion']), path: 'AWSTemplateFormatVersion', message: 'the only template format version is 2010-09-09', value: String(template.AWSTemplateFormatVersion), fix: 'write "AWSTemplateFormatVersion": "2010-09-09"' });
      }
      const resources = template.Resources;
      if (!isRecord(resources) || Object.keys(resources).length === 0) {
        findings.push({ file, line: json.lineOf(['Resources']), path: 'Resources', message: 'no resources: CloudFormation requires at least one', fix: 'add the resources (or remove the StackSet from the manifest)' });
        continue;
      }
      for (const [id, resource] of Object.entries(resources)) {
        if (!isRecord(resource) || typeof resource.Type !== 'string') {
          findings.push({ file, line: json.lineOf(['Resources', id]), path: dotPath(['Resources', id]), message: 'a resource needs a "Type" string', fix: 'add "Type": "AWS::Service::Resource"' });
        }
      }
    }
    return findings;
  },
};
