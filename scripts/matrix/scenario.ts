/**
 * What the attack matrix evaluates: the package as it is built, for every environment of the
 * committed example map (the example, and `all-options` with every option on) and for one variant
 * of its default environment with every opt-out setting taken. For each one: the SCPs and RCP `buildPolicies` writes, and the bucket
 * policies of the synthesized templates, resolved for one concrete stack instance.
 */
import { bundleAllHandlers, type HandlerName } from '../../cdk/bundle';
import { EXAMPLE_MAP_FILE, environmentNames, loadEnvironment } from '../../cdk/env/load';
import { resolveConfig, type ResolvedConfig } from '../../cdk/env/resolve';
import type { EnvironmentConfig } from '../../cdk/env/types';
import { checkEnvironment } from '../../cdk/env/validate';
import { formatIssue } from '../../cdk/errors';
import { MEMBER_PARAMETERS } from '../../cdk/constants';
import { Names } from '../../cdk/names';
import { synthesizeTemplates } from '../../cdk/package/synth';
import { buildPolicies, type GeneratedPolicy } from '../../cdk/policies';
import { bucketPolicyOf } from './intrinsics';

/** Logical-ID prefixes of the buckets' constructs in the stacks (`CentralBucket`, `LogBucket`). */
const CENTRAL_BUCKET_ID = 'CentralBucket';
const MEMBER_BUCKET_ID = 'LogBucket';

/** A bucket policy as the simulator takes it. */
export interface PolicyDoc {
  readonly Version: string;
  readonly Statement: unknown[];
}

export interface Scenario {
  /** The environment's name, or the variant's. */
  readonly name: string;
  readonly description: string;
  readonly config: ResolvedConfig;
  readonly policies: readonly GeneratedPolicy[];
  /** The bucket policies the templates ship, for the aggregation account and the first member account and region. */
  readonly bucketPolicies: { readonly central: PolicyDoc; readonly member: PolicyDoc };
  /** What the central bucket's lifecycle keeps noncurrent versions for, as synthesized (days). */
  readonly centralNoncurrentDays: number;
}

/** The default environment of the example map, with some settings changed (must stay valid). */
interface Variant {
  readonly name: string;
  readonly description: string;
  readonly change: (env: EnvironmentConfig) => EnvironmentConfig;
}

/** Placeholder IDs of the world the matrix models (see `world.ts`). */
export const MATRIX_ACCOUNTS = {
  /** Used when an environment lists no member account. */
  member: '111111111111',
  management: '333333333333',
  futureMember: '444444444444',
  /** An account of the organization in an OU the guardrails and the member StackSet do not target. */
  unmanaged: '555555555555',
  /** An account in a child OU of the first member OU: bound by the inherited SCPs, not reached by the StackSet. */
  childOu: '666666666666',
  outside: '999999999999',
} as const;

const VARIANTS: readonly Variant[] = [
  {
    name: 'opted-out',
    description: 'every opt-out taken: no member OU IDs, Bedrock allowed outside the member regions and on the unlogged APIs, no member stack in the aggregation account (acknowledged)',
    change: (env) => {
      const members = { ...env.members };
      delete (members as { organizationalUnitIds?: unknown }).organizationalUnitIds;
      return {
        ...env,
        aggregation: { ...env.aggregation, deployMemberStack: false },
        members,
        policies: {
          ...env.policies,
          denyBedrockOutsideMemberRegions: false,
          denyUnloggedInference: false,
          acknowledgedCoverageGaps: {
            ...env.policies?.acknowledgedCoverageGaps,
            [env.aggregation.accountId]: { reason: 'opted-out variant of the security matrix: the aggregation account does not use Bedrock' },
          },
        },
      };
    },
  },
];

/** The first member account and region the matrix attacks: the first listed account (or a placeholder) in the first member region. */
export function memberAccountOf(config: ResolvedConfig): string {
  return config.members.accounts[0] ?? MATRIX_ACCOUNTS.member;
}

function buildScenario(
  name: string,
  description: string,
  config: ResolvedConfig,
  handlers: Readonly<Record<HandlerName, string>>,
): Scenario {
  const templates = synthesizeTemplates(config, handlers);
  const names = new Names(config.prefix);
  const aggregation = { account: config.aggregation.accountId, region: config.aggregation.region };
  const central = bucketPolicyOf(templates.aggregation, aggregation, CENTRAL_BUCKET_ID);
  const member = bucketPolicyOf(templates.member, {
    account: memberAccountOf(config),
    region: config.members.regions[0],
    parameters: {
      [MEMBER_PARAMETERS.centralBucketName]: names.centralBucket(aggregation.account, aggregation.region),
      [MEMBER_PARAMETERS.centralAccountId]: aggregation.account,
    },
  }, MEMBER_BUCKET_ID);
  const bucket = Object.entries(templates.aggregation.Resources as Record<string, { Type: string; Properties: { LifecycleConfiguration: { Rules: { NoncurrentVersionExpiration?: { NoncurrentDays: number } }[] } } }>)
    .find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith(CENTRAL_BUCKET_ID))?.[1];
  const centralNoncurrentDays = bucket?.Properties.LifecycleConfiguration.Rules.find((r) => r.NoncurrentVersionExpiration)?.NoncurrentVersionExpiration?.NoncurrentDays ?? 0;
  return { name, description, config, policies: buildPolicies(config), bucketPolicies: { central, member }, centralNoncurrentDays };
}

/** A variant's environment, checked like a map's: a variant that stopped validating is a bug here. */
function variantConfig(variant: Variant, base: EnvironmentConfig): ResolvedConfig {
  const env = variant.change(JSON.parse(JSON.stringify(base)) as EnvironmentConfig);
  const { errors } = checkEnvironment(variant.name, env);
  if (errors.length > 0) throw new Error(`matrix variant ${variant.name} is not a valid environment:\n${errors.map(formatIssue).join('\n')}`);
  return resolveConfig(variant.name, env);
}

/** Every scenario: each environment of the example map, then the variants of its default environment. */
export function matrixScenarios(handlers: Readonly<Record<HandlerName, string>> = bundleAllHandlers(), mapFile = EXAMPLE_MAP_FILE): Scenario[] {
  // One evaluation of the map: loadEnvironment checks every environment of it, so each resolves as is.
  const { map, config } = loadEnvironment(undefined, mapFile);
  const scenarios = environmentNames(map).map((env) =>
    buildScenario(env, `environment "${env}" of the example map, as \`npm run build -- --env ${env}\` builds it`, resolveConfig(env, map.environments[env]), handlers));
  const base = map.environments[config.name];
  for (const variant of VARIANTS) scenarios.push(buildScenario(variant.name, variant.description, variantConfig(variant, base), handlers));
  return scenarios;
}
