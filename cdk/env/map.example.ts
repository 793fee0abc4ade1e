import type { EnvironmentMap } from './types';

/**
 * The committed example environment map. Every ID here is a placeholder.
 *
 * For a real organization, copy this file to `cdk/env/map.ts` (git-ignored), fill in your IDs and
 * OU names, and build: `map.ts` wins over this file when it exists.
 */
export const environmentMap: EnvironmentMap = {
  defaultEnvironment: 'example',
  environments: {
    example: {
      homeRegion: 'us-east-1',
      organizationId: 'o-a1b2c3d4e5',
      managementAccountId: '333333333333',
      resourcePrefix: 'bedrock-logs',
      aggregation: {
        accountId: '222222222222',
        region: 'us-east-1',
        organizationalUnit: 'Security',
        deployMemberStack: true,
      },
      members: {
        organizationalUnits: ['Workloads', 'Workloads:Prod', 'Sandbox'],
        accounts: ['111111111111'],
        regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
        organizationalUnitIds: {
          Workloads: 'ou-a1b2-11111111',
          'Workloads:Prod': 'ou-a1b2-22222222',
          Sandbox: 'ou-a1b2-33333333',
        },
      },
      logging: {
        dataTypes: ['text', 'image', 'embedding', 'video', 'audio'],
        existingConfiguration: 'merge',
      },
      memberBucket: { expirationDays: 1 },
      centralBucket: {
        retentionDays: 365,
        replicationTimeControl: false,
      },
      query: {
        enabled: true,
        resultsExpirationDays: 7,
        bytesScannedCutoffGb: 100,
      },
      // Options, off here (see the all-options environment below and docs/kms-and-cloudwatch.md).
      encryption: { kms: false },
      cloudWatchLogs: { enabled: false },
      policies: {
        scpSizeBudget: 5120,
        freeScpSlots: 2,
        additionalOrganizationalUnits: ['Infrastructure'],
        acknowledgedCoverageGaps: {
          Security: {
            reason: 'Audit and Log Archive only; Log Archive runs the member stack (deployMemberStack), Audit does not use Bedrock',
          },
          Infrastructure: {
            reason: 'only 111111111111 (members.accounts) uses Bedrock; the platform SCP denies Bedrock to the rest of the OU',
          },
        },
      },
      lambdaRuntime: 'nodejs22.x',
      enableStackSetDeletion: false,
    },
    // Every option switched on, with its own prefix: the lint gates, the stack tests and
    // `npm run build -- --env all-options` use it. The committed package stays the example's.
    'all-options': {
      homeRegion: 'us-east-1',
      organizationId: 'o-a1b2c3d4e5',
      managementAccountId: '333333333333',
      resourcePrefix: 'llm-audit',
      aggregation: {
        accountId: '222222222222',
        region: 'eu-west-1',
        organizationalUnit: 'Security',
        deployMemberStack: true,
      },
      members: {
        organizationalUnits: ['Workloads', 'Workloads:Prod', 'Sandbox'],
        accounts: ['111111111111'],
        regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
        organizationalUnitIds: {
          Workloads: 'ou-a1b2-11111111',
          'Workloads:Prod': 'ou-a1b2-22222222',
          Sandbox: 'ou-a1b2-33333333',
        },
      },
      logging: {
        dataTypes: ['text', 'image', 'embedding', 'video', 'audio'],
        keyPrefix: 'genai/bedrock',
        existingConfiguration: 'overwrite',
        requireAllDataTypes: true,
      },
      memberBucket: { expirationDays: 2 },
      centralBucket: {
        retentionDays: 730,
        objectLock: { mode: 'COMPLIANCE', days: 365 },
        replicationTimeControl: true,
      },
      query: { enabled: true, resultsExpirationDays: 3, bytesScannedCutoffGb: 20, accounts: ['111111111111', '222222222222'] },
      encryption: { kms: true, keyDeletionWindowDays: 7 },
      cloudWatchLogs: { enabled: true, retentionDays: 90 },
      policies: {
        scpSizeBudget: 10240,
        freeScpSlots: 2,
        exemptRolePatterns: ['BreakGlass*'],
        exemptPermissionSets: ['PlatformAdmin'],
        additionalOrganizationalUnits: ['Infrastructure'],
        resourceControlPolicy: true,
        acknowledgedCoverageGaps: {
          Security: { reason: 'Audit and Log Archive only; Log Archive runs the member stack, Audit does not use Bedrock' },
          Infrastructure: { reason: 'only 111111111111 (members.accounts) uses Bedrock; the platform SCP denies Bedrock to the rest' },
        },
      },
      executionRoleName: 'AWSControlTowerExecution',
      lambdaRuntime: 'nodejs24.x',
      lambdaTrustScope: 'source-account',
      enableStackSetDeletion: false,
    },
  },
};
