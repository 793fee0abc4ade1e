import { isRecord } from '../context';
import { policyTargets } from '../targets';
import type { Finding, Rule } from '../types';

export const policyUniqueSids: Rule = {
  id: 'policy-unique-sids',
  description: 'no two statements of one policy share a Sid',
  why: 'Organizations rejects a policy whose Sids repeat, and a repeated Sid makes denials impossible to attribute',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, json } of policyTargets(ctx)) {
      const statements = isRecord(json.value) && Array.isArray(json.value.Statement) ? json.value.Statement : [];
      const first = new Map<string, number>();
      statements.forEach((statement, index) => {
        if (!isRecord(statement) || typeof statement.Sid !== 'string' || statement.Sid === '') return;
        const earlier = first.get(statement.Sid);
        if (earlier === undefined) {
          first.set(statement.Sid, index);
          return;
        }
        findings.push({
          file,
          line: json.lineOf(['Statement', index, 'Sid']),
          path: `Statement[${index}].Sid`,
          message: `duplicate Sid: Statement[${earlier}] has it too`,
          value: statement.Sid,
          fix: 'give each statement its own Sid',
        });
      });
    }
    return findings;
  },
};
