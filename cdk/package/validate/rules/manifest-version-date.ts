import { MANIFEST_VERSION } from '../../../constants';
import type { Finding, Rule } from '../types';

/** Keys whose values other rules already check for quoting (dates included). */
const QUOTING_CHECKED_ELSEWHERE = new Set(['parameter_value', 'accounts']);

export const manifestVersionDate: Rule = {
  id: 'manifest-version-date',
  description: '`version` is the unquoted YAML date 2021-03-15, and no other value is read as a date',
  why: "CfCT's schema types `version` as a date: quoted it is a string and fails; elsewhere PyYAML turns an unquoted 2021-03-15 into a date, not the string CfCT expects",
  check(ctx) {
    const manifest = ctx.manifest;
    if (!manifest || !ctx.manifestData) return [];
    const findings: Finding[] = [];
    const version = manifest.node(['version']);
    if (version?.scalar && version.scalar.text === MANIFEST_VERSION && version.scalar.type !== 'timestamp') {
      findings.push(
        ctx.manifestFinding(
          ['version'],
          `quoted (${version.scalar.style}): CfCT's schema wants the YAML date ${MANIFEST_VERSION}, and a quoted value is a string`,
          version.scalar.text,
          `write \`version: ${MANIFEST_VERSION}\` without quotes`,
        ),
      );
    }
    for (const node of manifest.nodes) {
      if (node.scalar?.type !== 'timestamp' || node.path.length === 0) continue;
      if (node.path.length === 1 && node.path[0] === 'version') continue;
      if (node.path.some((segment) => typeof segment === 'string' && QUOTING_CHECKED_ELSEWHERE.has(segment))) continue;
      findings.push(
        ctx.manifestFinding(
          node.path,
          'PyYAML (YAML 1.1) reads this unquoted value as a date, not a string',
          node.scalar.text,
          `quote it: "${node.scalar.text}"`,
        ),
      );
    }
    return findings;
  },
};

