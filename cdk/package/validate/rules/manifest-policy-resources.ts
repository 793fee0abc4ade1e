import { isRecord } from '../context';
import type { Finding, Rule } from '../types';

export const manifestPolicyResources: Rule = {
  id: 'manifest-policy-resources',
  description: 'scp and rcp resources have a description and target OUs only',
  why: "CfCT uses the description as the policy's description (its parser can fail without one), ignores account targets for policies, and attaches a policy without OUs nowhere",
  check(ctx) {
    const findings: Finding[] = [];
    for (const resource of ctx.resources) {
      if (resource.deployMethod !== 'scp' && resource.deployMethod !== 'rcp') continue;
      const kind = resource.deployMethod.toUpperCase();
      const description = resource.data.description;
      if (typeof description !== 'string' || description.trim() === '') {
        findings.push(
          ctx.manifestFinding(
            [...resource.path, 'description'],
            `missing or empty: CfCT uses it as the ${kind}'s description`,
            typeof description === 'string' ? description : undefined,
            `add \`description: "<what the ${kind} enforces>"\``,
            ctx.manifest?.lineOf(resource.path),
          ),
        );
      }
      const targets = resource.data.deployment_targets;
      if (!isRecord(targets)) continue; // manifest-schema
      if (Array.isArray(targets.accounts) && targets.accounts.length > 0) {
        findings.push(
          ctx.manifestFinding(
            [...resource.path, 'deployment_targets', 'accounts'],
            `CfCT ignores account targets for an ${kind}: it is attached to OUs only`,
            targets.accounts.map(String).join(', '),
            "remove `accounts` and list the accounts' OUs under `organizational_units`",
          ),
        );
      }
      const ous = targets.organizational_units;
      if (!Array.isArray(ous) || ous.length === 0) {
        findings.push(
          ctx.manifestFinding(
            [...resource.path, 'deployment_targets', 'organizational_units'],
            `no OUs: the ${kind} would be attached nowhere`,
            undefined,
            'list the OUs to attach it to under `deployment_targets.organizational_units`',
          ),
        );
      }
    }
    return findings;
  },
};
