import { targetEntries } from '../context';
import { describePyScalar } from '../pyyaml';
import type { Finding, Rule } from '../types';

const DIGITS = /^[0-9]+$/;

export const manifestAccountIds: Rule = {
  id: 'manifest-account-ids',
  description: 'account targets are quoted 12-digit IDs or account names, never emails',
  why: 'PyYAML reads an unquoted 012345670123 as the octal number 1402433619 and 111111111111 as a number; CfCT does not accept emails, and a wrong ID targets no account',
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest) return [];
    const findings: Finding[] = [];
    for (const { at } of targetEntries(ctx.resources, 'accounts')) {
      const scalar = manifest.node(at)?.scalar;
      if (!scalar) {
        findings.push(ctx.manifestFinding(at, 'not an account: a list or mapping', undefined, 'write a quoted 12-digit account ID, for example "111111111111"'));
        continue;
      }
      if (scalar.type === 'null') continue; // manifest-null-values
      const text = scalar.text;
      if (scalar.style === 'plain' && scalar.type !== 'str') {
        findings.push(
          ctx.manifestFinding(at, `unquoted: PyYAML (YAML 1.1) reads it as ${describePyScalar(scalar)}`, text, `quote it: "${text}"`),
        );
      } else if (scalar.style === 'plain' && DIGITS.test(text)) {
        findings.push(
          ctx.manifestFinding(at, 'unquoted account ID: it stays a string only by luck (an 8 or 9 after a leading 0)', text, `quote it: "${text}"`),
        );
      }
      if (DIGITS.test(text) && text.length !== 12) {
        findings.push(ctx.manifestFinding(at, `an account ID has 12 digits, this has ${text.length}`, text, 'write the full 12-digit ID, leading zeros included'));
      } else if (text.includes('@')) {
        findings.push(ctx.manifestFinding(at, 'an email address: CfCT targets accounts by ID or name only', text, 'write the 12-digit account ID (quoted) or the account name'));
      }
    }
    return findings;
  },
};
