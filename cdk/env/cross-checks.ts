/**
 * The semantic pass of the environment validator: rules across fields of a configuration that the
 * structural pass accepted. Errors refuse the build; warnings tell the consequence of a choice that
 * can be right (an opt-in region, an opted-out guardrail) and never refuse it.
 */
import { LIMITS } from '../constants';
import { formatCount, issue, type Issue } from '../errors';
import { coverageIssues } from './coverage';
import { memberOrganizationalUnitsWithoutIds, memberStackAccounts } from './reach';
import { BEDROCK_REGIONS, isOptInRegion } from './regions';
import type { ResolvedConfig } from './resolve';
import type { EnvironmentCheck } from './validate';

/** Accounts in roles they cannot have: the aggregation or management account as a member. */
function accountRoles(config: ResolvedConfig): Issue[] {
  const issues: Issue[] = [];
  const management = config.managementAccountId;
  config.members.accounts.forEach((account, i) => {
    if (account === config.aggregation.accountId) {
      issues.push(issue(`members.accounts[${i}]`, 'is the aggregation account', account,
        'remove it from members.accounts and set aggregation.deployMemberStack to true, which deploys the member stack there'));
    } else if (account === management) {
      issues.push(issue(`members.accounts[${i}]`, 'is the management account, which SCPs never bind: nothing there would stop an administrator from switching the logging off', account,
        'remove it; keep Bedrock out of the management account (AWS recommends running no workloads there)'));
    }
  });
  if (management !== undefined && config.aggregation.accountId === management) {
    issues.push(issue('aggregation.accountId', 'is the management account, which SCPs never bind, so the guardrails would not protect the central bucket', management,
      'use a member account for the central bucket, for example Log Archive'));
  }
  return issues;
}

function retention(config: ResolvedConfig): Issue[] {
  const { retentionDays } = config.centralBucket;
  const { expirationDays } = config.memberBucket;
  if (retentionDays >= expirationDays) return [];
  return [issue('centralBucket.retentionDays', `is shorter than memberBucket.expirationDays (${expirationDays}), so the central copy would expire before the member's buffer`, retentionDays,
    `keep logs centrally at least as long as in the member buckets: set centralBucket.retentionDays to ${expirationDays} or more`)];
}

/**
 * Stack instances of the member StackSet the map can count: one per region for every account
 * targeted by ID (accounts in member OUs add more; the `coverage` command counts them live).
 */
function stackInstances(config: ResolvedConfig): Issue[] {
  const accounts = memberStackAccounts(config);
  const instances = accounts.length * config.members.regions.length;
  if (instances <= LIMITS.stackInstancesPerStackSet) return [];
  return [issue('members.accounts', `with ${config.members.regions.length} regions makes at least ${formatCount(instances)} stack instances, over CloudFormation's ${formatCount(LIMITS.stackInstancesPerStackSet)} per StackSet`,
    `${accounts.length} accounts`, 'target OUs instead of accounts, or split the organization into environments of the map')];
}

function regionWarnings(config: ResolvedConfig): Issue[] {
  const warnings: Issue[] = [];
  config.members.regions.forEach((region, i) => {
    const path = `members.regions[${i}]`;
    if (!BEDROCK_REGIONS.includes(region)) {
      warnings.push(issue(path, 'is a region where AWS does not list Amazon Bedrock (cdk/env/regions.ts): the member stack would log nothing there', region,
        'remove it, unless AWS has opened Bedrock there since (then add it to BEDROCK_REGIONS)'));
    } else if (isOptInRegion(region)) {
      warnings.push(issue(path, 'is an opt-in region: the member stack instance fails in every member account that has not enabled it, while cross-region inference profiles may still route requests there', region,
        'enable the region in every member account (or remove it), and check stack instances after each pipeline run'));
    }
  });
  if (isOptInRegion(config.aggregation.region)) {
    warnings.push(issue('aggregation.region', 'is an opt-in region: the central bucket cannot be created until the aggregation account has enabled it', config.aggregation.region,
      'enable the region in the aggregation account before the first pipeline run'));
  }
  return warnings;
}

function guardrailWarnings(config: ResolvedConfig): Issue[] {
  const warnings: Issue[] = [];
  const { policies } = config;
  if (!policies.denyBedrockOutsideMemberRegions) {
    warnings.push(issue('policies.denyBedrockOutsideMemberRegions', `is false: Bedrock stays usable in every region outside members.regions (${config.members.regions.join(', ')}), where nothing is logged`, false,
      'set it to true (the default), or deny Bedrock outside those regions with an SCP of your own'));
  }
  if (!policies.denyUnloggedInference) {
    warnings.push(issue('policies.denyUnloggedInference', 'is false: batch and evaluation jobs, agents, flows, knowledge-base generation, Data Automation and the bedrock-mantle endpoint run models without invocation logs', false,
      'set it to true (the default) unless those paths are monitored otherwise (see docs/security.md)'));
  }
  const missing = memberOrganizationalUnitsWithoutIds(config);
  if (missing.length > 0) {
    warnings.push(issue('members.organizationalUnitIds', `has no ID for ${missing.join(', ')}: policies cannot name OUs, so the central bucket accepts the replication roles (${config.prefix}-replication-*) of every account of the organization, including the management account`, config.members.organizationalUnitIds,
      `add the ID of every member OU (${missing.map((ou) => `'${ou}': 'ou-…'`).join(', ')}), copied from AWS Organizations`));
  }
  return warnings;
}

/** Every cross-field error and warning of a resolved configuration. */
export function crossCheckEnvironment(config: ResolvedConfig): EnvironmentCheck {
  return {
    errors: [...accountRoles(config), ...retention(config), ...stackInstances(config), ...coverageIssues(config)],
    warnings: [...regionWarnings(config), ...guardrailWarnings(config)],
  };
}
