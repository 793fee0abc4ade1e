import {
  ALL_DATA_TYPES,
  type CoverageGapAcknowledgement,
  type EnvironmentConfig,
  type ExistingConfigurationPolicy,
  type LambdaRuntime,
  type LambdaTrustScope,
  type LoggedDataType,
  type ObjectLockMode,
} from './types';

/** Defaults of every optional field, in one place (the doc comments in `types.ts` quote them). */
export const DEFAULTS = {
  resourcePrefix: 'bedrock-logs',
  existingConfiguration: 'merge' as ExistingConfigurationPolicy,
  requireAllDataTypes: false,
  memberExpirationDays: 1,
  centralRetentionDays: 365,
  objectLockMode: 'GOVERNANCE' as ObjectLockMode,
  replicationTimeControl: false,
  scpSizeBudget: 5120,
  freeScpSlots: 2,
  resourceControlPolicy: false,
  queryEnabled: true,
  queryResultsExpirationDays: 7,
  queryBytesScannedCutoffGb: 100,
  deployMemberStackToAggregation: false,
  denyBedrockOutsideMemberRegions: true,
  denyUnloggedInference: true,
  kms: false,
  keyDeletionWindowDays: 30,
  cloudWatchLogs: false,
  cloudWatchRetentionDays: 30,
  executionRoleName: 'AWSControlTowerExecution',
  lambdaRuntime: 'nodejs22.x' as LambdaRuntime,
  lambdaTrustScope: 'function-arn' as LambdaTrustScope,
  enableStackSetDeletion: false,
} as const;

/** An environment with every default applied: what the stacks, policies and manifest read. */
export interface ResolvedConfig {
  readonly name: string;
  readonly homeRegion: string;
  readonly organizationId: string;
  readonly managementAccountId?: string;
  readonly prefix: string;
  readonly aggregation: {
    readonly accountId: string;
    readonly region: string;
    readonly organizationalUnit: string;
    readonly deployMemberStack: boolean;
  };
  readonly members: {
    readonly organizationalUnits: readonly string[];
    readonly accounts: readonly string[];
    readonly regions: readonly string[];
    /** OU IDs by member OU, as written in `organizationalUnits` (possibly not all of them). */
    readonly organizationalUnitIds: Readonly<Record<string, string>>;
  };
  readonly logging: {
    readonly dataTypes: readonly LoggedDataType[];
    readonly keyPrefix: string;
    readonly existingConfiguration: ExistingConfigurationPolicy;
    readonly requireAllDataTypes: boolean;
  };
  readonly memberBucket: { readonly expirationDays: number };
  readonly centralBucket: {
    readonly retentionDays: number;
    readonly objectLock?: { readonly mode: ObjectLockMode; readonly days: number };
    readonly replicationTimeControl: boolean;
  };
  readonly query: {
    readonly enabled: boolean;
    readonly resultsExpirationDays: number;
    readonly bytesScannedCutoffGb: number;
    /** Accounts the saved queries name (deduplicated, in order). */
    readonly accounts: readonly string[];
  };
  readonly encryption: {
    readonly kms: boolean;
    readonly keyDeletionWindowDays: number;
  };
  readonly cloudWatchLogs: {
    readonly enabled: boolean;
    readonly retentionDays: number;
  };
  readonly policies: {
    readonly scpSizeBudget: number;
    readonly freeScpSlots: number;
    readonly exemptRolePatterns: readonly string[];
    readonly additionalOrganizationalUnits: readonly string[];
    readonly resourceControlPolicy: boolean;
    readonly exemptPermissionSets: readonly string[];
    readonly denyBedrockOutsideMemberRegions: boolean;
    readonly denyUnloggedInference: boolean;
    /** Reasons by OU (as written in the map) or account ID. */
    readonly acknowledgedCoverageGaps: Readonly<Record<string, CoverageGapAcknowledgement>>;
  };
  readonly executionRoleName: string;
  readonly lambdaRuntime: LambdaRuntime;
  readonly lambdaTrustScope: LambdaTrustScope;
  readonly enableStackSetDeletion: boolean;
}

/**
 * Applies the defaults. Call only on a configuration that `validateEnvironment` accepted:
 * it does not check anything itself.
 */
export function resolveConfig(name: string, config: EnvironmentConfig): ResolvedConfig {
  const objectLock = config.centralBucket?.objectLock;
  return {
    name,
    homeRegion: config.homeRegion,
    organizationId: config.organizationId,
    managementAccountId: config.managementAccountId,
    prefix: config.resourcePrefix ?? DEFAULTS.resourcePrefix,
    aggregation: {
      accountId: config.aggregation.accountId,
      region: config.aggregation.region ?? config.homeRegion,
      organizationalUnit: config.aggregation.organizationalUnit,
      deployMemberStack: config.aggregation.deployMemberStack ?? DEFAULTS.deployMemberStackToAggregation,
    },
    members: {
      organizationalUnits: [...(config.members.organizationalUnits ?? [])],
      accounts: [...(config.members.accounts ?? [])],
      regions: [...config.members.regions],
      organizationalUnitIds: { ...(config.members.organizationalUnitIds ?? {}) },
    },
    logging: {
      dataTypes: [...(config.logging?.dataTypes ?? ALL_DATA_TYPES)],
      keyPrefix: config.logging?.keyPrefix ?? '',
      existingConfiguration: config.logging?.existingConfiguration ?? DEFAULTS.existingConfiguration,
      requireAllDataTypes: config.logging?.requireAllDataTypes ?? DEFAULTS.requireAllDataTypes,
    },
    memberBucket: { expirationDays: config.memberBucket?.expirationDays ?? DEFAULTS.memberExpirationDays },
    centralBucket: {
      retentionDays: config.centralBucket?.retentionDays ?? DEFAULTS.centralRetentionDays,
      objectLock: objectLock ? { mode: objectLock.mode ?? DEFAULTS.objectLockMode, days: objectLock.days } : undefined,
      replicationTimeControl: config.centralBucket?.replicationTimeControl ?? DEFAULTS.replicationTimeControl,
    },
    query: {
      enabled: config.query?.enabled ?? DEFAULTS.queryEnabled,
      resultsExpirationDays: config.query?.resultsExpirationDays ?? DEFAULTS.queryResultsExpirationDays,
      bytesScannedCutoffGb: config.query?.bytesScannedCutoffGb ?? DEFAULTS.queryBytesScannedCutoffGb,
      accounts: [...new Set(config.query?.accounts ?? [...(config.members.accounts ?? []), config.aggregation.accountId])],
    },
    encryption: {
      kms: config.encryption?.kms ?? DEFAULTS.kms,
      keyDeletionWindowDays: config.encryption?.keyDeletionWindowDays ?? DEFAULTS.keyDeletionWindowDays,
    },
    cloudWatchLogs: {
      enabled: config.cloudWatchLogs?.enabled ?? DEFAULTS.cloudWatchLogs,
      retentionDays: config.cloudWatchLogs?.retentionDays ?? DEFAULTS.cloudWatchRetentionDays,
    },
    policies: {
      scpSizeBudget: config.policies?.scpSizeBudget ?? DEFAULTS.scpSizeBudget,
      freeScpSlots: config.policies?.freeScpSlots ?? DEFAULTS.freeScpSlots,
      exemptRolePatterns: [...(config.policies?.exemptRolePatterns ?? [])],
      additionalOrganizationalUnits: [...(config.policies?.additionalOrganizationalUnits ?? [])],
      resourceControlPolicy: config.policies?.resourceControlPolicy ?? DEFAULTS.resourceControlPolicy,
      exemptPermissionSets: [...(config.policies?.exemptPermissionSets ?? [])],
      denyBedrockOutsideMemberRegions: config.policies?.denyBedrockOutsideMemberRegions ?? DEFAULTS.denyBedrockOutsideMemberRegions,
      denyUnloggedInference: config.policies?.denyUnloggedInference ?? DEFAULTS.denyUnloggedInference,
      acknowledgedCoverageGaps: { ...(config.policies?.acknowledgedCoverageGaps ?? {}) },
    },
    executionRoleName: config.executionRoleName ?? DEFAULTS.executionRoleName,
    lambdaRuntime: config.lambdaRuntime ?? DEFAULTS.lambdaRuntime,
    lambdaTrustScope: config.lambdaTrustScope ?? DEFAULTS.lambdaTrustScope,
    enableStackSetDeletion: config.enableStackSetDeletion ?? DEFAULTS.enableStackSetDeletion,
  };
}
