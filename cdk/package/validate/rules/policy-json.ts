import { dotPath } from '../paths';
import { policyTargets } from '../targets';
import type { Finding, Rule } from '../types';

export const policyJson: Rule = {
  id: 'policy-json',
  description: 'every SCP/RCP file is one JSON object, without duplicate keys',
  why: "CfCT's build stage does not check policy files: a syntax error surfaces only when Organizations rejects the policy, and a duplicate key silently drops the first value",
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of policyTargets(ctx)) {
      if (json.syntaxError) {
        findings.push({ file, line: json.syntaxError.line, path: '', message: `not valid JSON: ${json.syntaxError.message}`, fix: 'fix the JSON at this line (`npm run build` writes valid policies)' });
        continue;
      }
      if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
        findings.push({ file, line: 1, path: '', message: 'not a JSON object', value: json.text.slice(0, 40), fix: 'write {"Version": "2012-10-17", "Statement": [...]}' });
      }
      for (const duplicate of json.duplicateKeys) {
        findings.push({
          file,
          line: duplicate.line,
          path: dotPath(duplicate.path),
          message: 'duplicate key: only the last one counts',
          value: String(duplicate.path[duplicate.path.length - 1]),
          fix: 'merge the two into one key',
        });
      }
    }
    return findings;
  },
};
