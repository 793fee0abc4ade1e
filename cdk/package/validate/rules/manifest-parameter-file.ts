import { isRecord } from '../context';
import type { Finding, Rule } from '../types';

export const manifestParameterFile: Rule = {
  id: 'manifest-parameter-file',
  description: 'a local `parameter_file` is a JSON list of {"ParameterKey", "ParameterValue"} with string values',
  why: "CfCT's build stage only checks that the file is JSON; a wrong shape or a non-string value fails when the StackSet deploys",
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      if (resource.parameterFile === undefined) continue;
      const file = ctx.localPath(resource.parameterFile);
      const json = file === undefined ? undefined : ctx.readJson(file);
      if (file === undefined || json === undefined) continue; // remote or missing: other rules
      if (json.syntaxError) {
        findings.push({ file, line: json.syntaxError.line, path: '', message: `not valid JSON: ${json.syntaxError.message}`, fix: 'fix the JSON syntax at this line' });
        continue;
      }
      if (!Array.isArray(json.value)) {
        findings.push({ file, line: 1, path: '', message: 'not a JSON list', fix: 'write [{"ParameterKey": "Name", "ParameterValue": "value"}, …]' });
        continue;
      }
      json.value.forEach((item, index) => {
        const path = `[${index}]`;
        if (!isRecord(item) || typeof item.ParameterKey !== 'string') {
          findings.push({ file, line: json.lineOf([index]), path, message: 'not a {"ParameterKey": …, "ParameterValue": …} object', fix: 'give each item a string ParameterKey and ParameterValue' });
        } else if (typeof item.ParameterValue !== 'string') {
          findings.push({
            file,
            line: json.lineOf([index, 'ParameterValue']),
            path: `${path}.ParameterValue`,
            message: 'not a string',
            value: JSON.stringify(item.ParameterValue),
            fix: 'write the value as a JSON string ("5", "true", "a,b")',
          });
        }
      });
    }
    return findings;
  },
};
