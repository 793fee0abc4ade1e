/**
 * A Control Tower organization for the example environment (cdk/env/map.example.ts: member OUs
 * Workloads, Workloads:Prod and Sandbox, account 111111111111, regions us-east-1, us-west-2 and
 * eu-west-1, aggregation account 222222222222 in Security, Infrastructure as an extra guardrail
 * OU), with the package deployed and then broken in the ways an auditor must see.
 */
import type { ResolvedConfig } from '../../../cdk/env/resolve';
import { Names } from '../../../cdk/names';
import { stackInstanceName } from '../../../cdk/policies/scope';
import { FakeOrganization } from '../../helpers/fake-aws';
import { deliver, deployAggregation, deployMember } from '../../helpers/fake-aws/deploy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Account IDs of the scenario, named for what is special about them. */
export const ACCOUNTS = {
  management: '333333333333',
  logArchive: '222222222222',
  audit: '222222222223',
  sharedServices: '111111111111',
  healthy: '100000000001',
  roleMissing: '100000000002',
  stackMissingWest: '100000000003',
  pointsElsewhere: '100000000004',
  deliveryGaps: '100000000005',
  bedrockDenied: '100000000006',
  replicationBroken: '100000000011',
  stackRolledBack: '100000000012',
  throttledStacks: '100000000013',
  teamA: '100000000021',
  sandbox: '100000000031',
  sandboxSuspended: '100000000033',
  exception: '100000000041',
} as const;

/** Builds the organization at time `now`. Every ACTIVE covered account logs unless its name says otherwise. */
export function exampleOrganization(config: ResolvedConfig, now: number): FakeOrganization {
  const org = new FakeOrganization(config.organizationId, ACCOUNTS.management);
  const security = org.addOu('Security');
  const infrastructure = org.addOu('Infrastructure');
  const workloads = org.addOu('Workloads');
  const prod = org.addOu('Prod', workloads);
  const teamA = org.addOu('TeamA', prod);
  const sandbox = org.addOu('Sandbox');
  const exceptions = org.addOu('Exceptions');

  org.addAccount({ id: ACCOUNTS.logArchive, name: 'Log Archive', parentId: security });
  org.addAccount({ id: ACCOUNTS.audit, name: 'Audit', parentId: security });
  org.addAccount({ id: ACCOUNTS.sharedServices, name: 'shared-services', parentId: infrastructure });
  for (const id of [ACCOUNTS.healthy, ACCOUNTS.roleMissing, ACCOUNTS.stackMissingWest, ACCOUNTS.pointsElsewhere, ACCOUNTS.deliveryGaps, ACCOUNTS.bedrockDenied]) {
    org.addAccount({ id, name: `workload-${id.slice(-2)}`, parentId: workloads });
  }
  for (const id of [ACCOUNTS.replicationBroken, ACCOUNTS.stackRolledBack, ACCOUNTS.throttledStacks]) org.addAccount({ id, name: `prod-${id.slice(-2)}`, parentId: prod });
  org.addAccount({ id: ACCOUNTS.teamA, name: 'team-a', parentId: teamA });
  org.addAccount({ id: ACCOUNTS.sandbox, name: 'sandbox-1', parentId: sandbox });
  org.addAccount({ id: ACCOUNTS.sandboxSuspended, name: 'sandbox-closed', parentId: sandbox, state: 'SUSPENDED' });
  org.addAccount({ id: ACCOUNTS.exception, name: 'exception', parentId: exceptions });

  deployAggregation(org, config);
  const recent = [new Date(now - 3 * DAY), new Date(now - 2 * HOUR), new Date(now - HOUR - 60_000), new Date(now - HOUR)];
  const covered = [ACCOUNTS.sharedServices, ACCOUNTS.healthy, ACCOUNTS.roleMissing, ACCOUNTS.stackMissingWest, ACCOUNTS.pointsElsewhere, ACCOUNTS.deliveryGaps,
    ACCOUNTS.bedrockDenied, ACCOUNTS.replicationBroken, ACCOUNTS.stackRolledBack, ACCOUNTS.throttledStacks, ACCOUNTS.sandbox];
  for (const account of covered) {
    for (const region of config.members.regions) {
      if (account === ACCOUNTS.stackMissingWest && region === 'us-west-2') continue;
      deployMember(org, config, account, region, account === ACCOUNTS.deliveryGaps && region !== 'eu-west-1' ? [] : recent);
    }
  }
  // Control Tower's own stacks come first in the listing, so the member stack is on a later page.
  for (const account of covered) {
    for (const region of config.members.regions) {
      const stacks = org.region(account, region).stacks;
      for (const name of ['StackSet-AWSControlTowerBP-BASELINE-CONFIG', 'StackSet-AWSControlTowerBP-BASELINE-CLOUDWATCH']) {
        const full = `${name}-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`;
        stacks.unshift({ name: full, id: org.stackId(account, region, full), status: 'UPDATE_COMPLETE', createdAt: new Date(Date.UTC(2025, 0, 1)) });
      }
    }
  }

  const names = new Names(config.prefix);
  const memberStack = stackInstanceName(names.stackSet('member'));
  org.account(ACCOUNTS.roleMissing).roles.clear();
  // Another manifest resource whose name starts like the member StackSet's is not the member stack.
  const decoy = `${memberStack}-extras-12345678-1234-4234-8234-123456789012`;
  org.region(ACCOUNTS.stackMissingWest, 'us-west-2').stacks.push({ name: decoy, id: org.stackId(ACCOUNTS.stackMissingWest, 'us-west-2', decoy), status: 'CREATE_COMPLETE', createdAt: new Date(now) });
  const elsewhere = org.region(ACCOUNTS.pointsElsewhere, 'eu-west-1').logging;
  if (elsewhere?.s3Config) elsewhere.s3Config = { bucketName: 'team-owned-bedrock-logs' };
  // us-east-1 stopped delivering ten days ago; us-west-2 never delivered.
  deliver(org, config, ACCOUNTS.deliveryGaps, 'us-east-1', new Date(now - 10 * DAY));
  deliver(org, config, ACCOUNTS.deliveryGaps, 'us-east-1', new Date(now - 12 * DAY));
  org.account(ACCOUNTS.bedrockDenied).deniedActions.add('bedrock:GetModelInvocationLoggingConfiguration');
  const broken = org.buckets.get(names.memberBucket(ACCOUNTS.replicationBroken, 'us-east-1'));
  if (broken) broken.replication = undefined;
  const suspended = org.buckets.get(names.memberBucket(ACCOUNTS.replicationBroken, 'us-west-2'));
  if (suspended) suspended.versioning = 'Suspended';
  const rolledBack = org.region(ACCOUNTS.stackRolledBack, 'eu-west-1').stacks.find((s) => s.name.startsWith(memberStack));
  if (rolledBack) rolledBack.status = 'ROLLBACK_COMPLETE';
  return org;
}

/**
 * The smallest organization the example environment resolves in: every OU of the map, the
 * aggregation account, and two covered accounts (one in Workloads, the listed one) deployed in
 * every member region, each cell with one delivery `deliveredAgoMs` before `now`.
 */
export function smallOrganization(config: ResolvedConfig, now: number, deliveredAgoMs = HOUR): FakeOrganization {
  const org = new FakeOrganization(config.organizationId, ACCOUNTS.management);
  const workloads = org.addOu('Workloads');
  org.addOu('Prod', workloads);
  org.addOu('Sandbox');
  org.addAccount({ id: ACCOUNTS.logArchive, name: 'Log Archive', parentId: org.addOu('Security') });
  org.addAccount({ id: ACCOUNTS.sharedServices, name: 'shared-services', parentId: org.addOu('Infrastructure') });
  org.addAccount({ id: ACCOUNTS.healthy, name: 'workload-01', parentId: workloads });
  deployAggregation(org, config);
  for (const account of [ACCOUNTS.healthy, ACCOUNTS.sharedServices]) {
    for (const region of config.members.regions) deployMember(org, config, account, region, [new Date(now - deliveredAgoMs)]);
  }
  return org;
}
