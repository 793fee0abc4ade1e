/**
 * Everything the row builders of one scenario share: the world, the resources under attack (named
 * through the names registry), the actors, and `add`, which turns a request and an actor into a row.
 */
import { AUDIT_TAG_VALUE } from '../../../cdk/constants';
import type { ResolvedConfig } from '../../../cdk/env/resolve';
import { Names } from '../../../cdk/names';
import { bucketArn, functionArn, KEYS, kmsKeyArn, logGroupArn, objectArn, roleArn, stackArn, stackInstanceName } from '../../../cdk/policies';
import type { Scenario } from '../scenario';
import { FULL_ACCESS, OUTSIDE_ORGANIZATION, World, type Placement } from '../world';
import type { Actor, Expectation, MatrixRow, RequestSpec, RowOptions } from './types';

/** A region the member StackSet does not deploy to (nor, in the examples, the aggregation stack). */
export const UNDEPLOYED_REGION = 'ap-south-1';

/** Key IDs of the member and central keys (KMS generates them; any UUID stands in). */
const MEMBER_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const CENTRAL_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';

export class MatrixContext {
  readonly rows: MatrixRow[] = [];
  readonly config: ResolvedConfig;
  readonly names: Names;
  readonly world: World;
  readonly region: string;
  readonly member: string;
  readonly aggregation: string;
  readonly exemptPattern?: string;
  /** A role name matching the first exempt pattern (`BreakGlass*` → `BreakGlassAdmin`). */
  readonly breakGlassRole?: string;
  readonly permissionSet?: string;

  // Resources.
  readonly loggingFunction: string;
  readonly emptierFunction: string;
  readonly teamFunction: string;
  readonly loggingRole: string;
  readonly emptierRole: string;
  readonly replicationRole: string;
  readonly teamRole: string;
  readonly memberBucket: string;
  readonly memberObject: string;
  readonly centralBucketName: string;
  readonly centralBucket: string;
  readonly centralObject: string;
  readonly memberStack: string;
  readonly aggregationStack: string;
  /** The options' resources (`cloudWatchLogs`, `encryption.kms`), named whether or not the scenario has them. */
  readonly cloudWatchRole: string;
  readonly invocationLogGroup: string;
  readonly memberKey: string;
  readonly centralKey: string;

  constructor(readonly scenario: Scenario) {
    const config = (this.config = scenario.config);
    const names = (this.names = new Names(config.prefix));
    const world = (this.world = new World(scenario));
    this.region = config.members.regions[0];
    this.member = world.member.account;
    this.aggregation = world.aggregation.account;
    this.exemptPattern = config.policies.exemptRolePatterns[0];
    this.breakGlassRole = this.exemptPattern?.replace(/\*/g, 'Admin').replace(/\?/g, 'X');
    this.permissionSet = config.policies.exemptPermissionSets[0];
    const { region, member, aggregation } = this;

    this.loggingFunction = functionArn(region, member, names.loggingConfigFunction);
    this.emptierFunction = functionArn(region, member, names.bucketEmptierFunction);
    this.teamFunction = functionArn(region, member, 'team-app');
    this.loggingRole = roleArn(member, names.loggingConfigRole(region));
    this.emptierRole = roleArn(member, names.bucketEmptierRole(region));
    this.replicationRole = roleArn(member, names.replicationRole(region));
    this.teamRole = roleArn(member, 'team-app-role');
    const memberBucketName = names.memberBucket(member, region);
    this.memberBucket = bucketArn(memberBucketName);
    this.memberObject = objectArn(memberBucketName, this.logKey(member, region));
    this.centralBucketName = names.centralBucket(aggregation, config.aggregation.region);
    this.centralBucket = bucketArn(this.centralBucketName);
    this.centralObject = objectArn(this.centralBucketName, this.logKey(member, region));
    this.memberStack = stackArn(region, member, `${stackInstanceName(names.stackSet('member'))}-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/11111111-2222-4333-8444-555555555555`);
    this.aggregationStack = stackArn(config.aggregation.region, aggregation,
      `${stackInstanceName(names.stackSet('aggregation'))}-5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/66666666-7777-4888-8999-000000000000`);
    this.cloudWatchRole = roleArn(member, names.cloudWatchRole(region));
    this.invocationLogGroup = logGroupArn(region, member, names.invocationLogGroup);
    this.memberKey = kmsKeyArn(region, member, MEMBER_KEY_ID);
    this.centralKey = kmsKeyArn(config.aggregation.region, aggregation, CENTRAL_KEY_ID);
  }

  /** A log object key as Bedrock writes it for `account` and `region`. */
  logKey(account: string, region: string): string {
    const prefix = this.config.logging.keyPrefix ? `${this.config.logging.keyPrefix}/` : '';
    return `${prefix}AWSLogs/${account}/BedrockModelInvocationLogs/${region}/2026/01/01/00/20260101T000000Z_0123456789abcdef.json.gz`;
  }

  /** A human (or workload) principal with AdministratorAccess, in the organization unless `inOrg` is false. */
  person(label: string, placement: Placement, principal: string, extra: Record<string, string> = {}, inOrg = true): Actor {
    return {
      label,
      principal,
      account: placement.account,
      identity: true,
      context: {
        [KEYS.principalArn]: principal,
        'aws:PrincipalAccount': placement.account,
        ...(inOrg ? { [KEYS.principalOrgId]: this.config.organizationId, 'aws:PrincipalOrgPaths': [this.world.orgPath(placement)] } : {}),
        [KEYS.principalIsAwsService]: 'false',
        ...extra,
      },
    };
  }

  /** An AWS service principal acting for `sourceAccount` of `sourceOrg`. */
  service(label: string, sourceAccount: string, sourceOrg: string = OUTSIDE_ORGANIZATION): Actor {
    return {
      label,
      principal: 'delivery.logs.amazonaws.com',
      identity: false,
      context: { [KEYS.principalIsAwsService]: 'true', [KEYS.sourceAccount]: sourceAccount, [KEYS.sourceOrgId]: sourceOrg },
    };
  }

  /** Context of a request on a resource tagged with the audit tag. */
  get audited(): Record<string, string> {
    return { [KEYS.resourceTag]: AUDIT_TAG_VALUE };
  }

  tagging(key: string, value = AUDIT_TAG_VALUE): Record<string, string | string[]> {
    return { [KEYS.tagKeys]: [key], [`aws:RequestTag/${key}`]: value };
  }

  /** Adds the row `actor` attempts `spec`, expecting `expected`. */
  add(actor: Actor, spec: RequestSpec, expected: Expectation, options: RowOptions = {}): void {
    const resourcePlacement = this.world.placementOf(spec.resourceAccount);
    this.rows.push({
      id: `${this.scenario.name}#${this.rows.length + 1}`,
      scenario: this.scenario.name,
      area: spec.area,
      attempt: spec.attempt,
      actor: actor.label,
      principal: actor.principal,
      action: spec.action,
      resource: spec.resource,
      expected,
      ...options,
      simulation: {
        request: {
          principal: actor.principal,
          action: spec.action,
          resource: { resource: spec.resource, accountId: spec.resourceAccount },
          contextVariables: { 'aws:RequestedRegion': spec.region ?? this.region, ...actor.context, ...(spec.context ?? {}) },
        },
        identityPolicies: actor.identity ? [{ name: 'AdministratorAccess', policy: FULL_ACCESS }] : [],
        serviceControlPolicies: this.world.scps(actor.account === undefined ? undefined : this.world.placementOf(actor.account)),
        resourceControlPolicies: this.world.rcps(resourcePlacement),
        ...(spec.resourcePolicy ? { resourcePolicy: spec.resourcePolicy } : {}),
      },
    });
  }
}
