import { LIMITS } from '../../../constants';
import { cfctRewrite, cfctSize } from '../../../policies/cfct-size';
import { policyTargets } from '../targets';
import type { Finding, Rule } from '../types';

/** The policy text CfCT sends to Organizations (its whitespace rewrite; see `cfctRewrite`). */
export const cfctPolicyText = cfctRewrite;

/** Characters as Organizations counts them after that rewrite (see `cfctSize`). */
export const policyChars = cfctSize;

export const policySize: Rule = {
  id: 'policy-size',
  description: "every SCP/RCP fits its size budget after CfCT's whitespace rewrite (SCP: --scp-budget, default 5,120; RCP: 5,120)",
  why: 'Organizations rejects an oversized policy when CfCT creates or updates it, mid-pipeline',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, kind, json } of policyTargets(ctx)) {
      const budget = kind === 'scp' ? ctx.scpBudget : LIMITS.rcpMaxChars;
      const chars = policyChars(json.text);
      if (chars <= budget) continue;
      findings.push({
        file,
        line: 1,
        path: '',
        message: `${chars} characters after CfCT's rewrite (\\n → \\r\\n, double spaces removed; ${[...json.text].length} as written), over the ${kind.toUpperCase()} budget of ${budget}`,
        value: String(chars),
        fix:
          kind === 'scp' && budget < LIMITS.scpMaxChars
            ? `rebuild it (npm run build splits the guardrails into numbered policies), or raise policies.scpSizeBudget in the environment map (or pass --scp-budget) up to ${LIMITS.scpMaxChars} if the organization has the 10,240 limit`
            : 'minify it or split it into more policies',
      });
    }
    return findings;
  },
};
