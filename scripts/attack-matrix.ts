/**
 * The attack matrix: what the generated SCPs and RCP allow and deny, evaluated with a real IAM
 * policy simulator (`@cloud-copilot/iam-simulate`, a dev dependency under AGPL: this file is tooling,
 * never part of the package or the build).
 *
 *   npx tsx scripts/attack-matrix.ts             prints the matrix as a text table
 *   npx tsx scripts/attack-matrix.ts --markdown  prints docs/security-matrix.md
 *   npx tsx scripts/attack-matrix.ts --write     writes docs/security-matrix.md
 *
 * Every principal is given AdministratorAccess (worst case), so a "Denied" result is the guardrails'
 * explicit deny, never a missing permission. Each request names `aws:PrincipalArn` and the tag and
 * Lambda context keys explicitly; a row fails when the simulator ignored any key it was given.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation, type Simulation, type SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, LIMITS } from '../cdk/constants';
import { resolveConfig, type ResolvedConfig } from '../cdk/env/resolve';
import type { EnvironmentConfig } from '../cdk/env/types';
import { Names } from '../cdk/names';
import {
  buildPolicies,
  bucketArn,
  functionArn,
  type GeneratedPolicy,
  KEYS,
  managedPolicyArn,
  objectArn,
  roleArn,
  stackArn,
  stackInstanceName,
} from '../cdk/policies';

// ---------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------

/** The example-like environment the matrix (and the policy tests) evaluate. Placeholder IDs only. */
export const ATTACK_MATRIX_ENVIRONMENT: EnvironmentConfig = {
  homeRegion: 'us-east-1',
  organizationId: 'o-a1b2c3d4e5',
  aggregation: { accountId: '222222222222', region: 'us-east-1', organizationalUnit: 'Security' },
  members: {
    organizationalUnits: ['Workloads', 'Workloads:Prod'],
    accounts: ['111111111111'],
    regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  },
  policies: { exemptRolePatterns: ['BreakGlass*'], resourceControlPolicy: true },
};

export const ATTACK_MATRIX_ENVIRONMENT_NAME = 'example';

export function attackMatrixConfig(): ResolvedConfig {
  return resolveConfig(ATTACK_MATRIX_ENVIRONMENT_NAME, ATTACK_MATRIX_ENVIRONMENT);
}

/** Accounts outside the environment map: the management account and one outside the organization. */
export const MANAGEMENT_ACCOUNT = '333333333333';
export const OUTSIDE_ACCOUNT = '999999999999';
export const OUTSIDE_ORGANIZATION = 'o-zzzzzzzzzz';
/** A region the member StackSet does not (yet) deploy to. */
export const UNDEPLOYED_REGION = 'ap-south-1';
/** A future member account whose bucket name someone might squat. */
export const FUTURE_MEMBER_ACCOUNT = '444444444444';

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ROOT_ID = 'r-root';

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export type Expectation = 'Allowed' | 'Denied';

/** Who makes a request, and the policies that bind them (SCPs follow the principal's account). */
export interface Actor {
  readonly label: string;
  /** The request principal: a role ARN, an account root ARN or a service principal. */
  readonly principal: string;
  /** The principal's account; undefined for a service principal. */
  readonly account?: string;
  readonly context: Readonly<Record<string, string | string[]>>;
  /** Whether the principal has an (AdministratorAccess) identity policy: not for service principals. */
  readonly identity: boolean;
}

export interface MatrixRow {
  readonly id: number;
  readonly group: string;
  readonly attempt: string;
  readonly actor: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly expected: Expectation;
  readonly simulation: Simulation;
}

export interface MatrixResult extends MatrixRow {
  /** The simulator's decision ('Error' when it rejected the input). */
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Error';
  /** Sids of the SCP/RCP statements that denied the request. */
  readonly decidedBy: string[];
  readonly ignoredContextKeys: string[];
  readonly error?: string;
  readonly pass: boolean;
}

interface RequestSpec {
  readonly group: string;
  readonly attempt: string;
  readonly action: string;
  readonly resource: string;
  /** Account that owns the resource (for `*` resources: the account the call is made in). */
  readonly resourceAccount: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  /** Resource policy in force (only cross-account requests and the RCP rows need one). */
  readonly resourcePolicy?: unknown;
}

/** Builds every row of the matrix for `config`; pure, deterministic. */
export function buildAttackMatrix(config: ResolvedConfig): MatrixRow[] {
  const policies = buildPolicies(config);
  const names = new Names(config.prefix);
  const org = config.organizationId;
  const member = config.members.accounts[0] ?? '111111111111';
  const aggregation = config.aggregation.accountId;
  const region = config.members.regions[0];
  const centralRegion = config.aggregation.region;
  const memberOu = config.members.organizationalUnits[0] ?? config.policies.additionalOrganizationalUnits[0];
  const aggregationOu = config.aggregation.organizationalUnit;
  const exemptPattern = config.policies.exemptRolePatterns[0];
  const breakGlassRole = exemptPattern ? exemptPattern.replace(/\*/g, 'Admin').replace(/\?/g, 'X') : undefined;

  // --- resources -------------------------------------------------------------------------------
  const loggingFunction = functionArn(region, member, names.loggingConfigFunction);
  const emptierFunction = functionArn(region, member, names.bucketEmptierFunction);
  const teamFunction = functionArn(region, member, 'team-app');
  const loggingRole = roleArn(member, names.loggingConfigRole(region));
  const emptierRole = roleArn(member, names.bucketEmptierRole(region));
  const replicationRole = roleArn(member, names.replicationRole(region));
  const teamRole = roleArn(member, 'team-app-role');
  const memberBucketName = names.memberBucket(member, region);
  const memberBucket = bucketArn(memberBucketName);
  const logKey = (account: string, r: string) =>
    `${config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : ''}AWSLogs/${account}/BedrockModelInvocationLogs/${r}/2026/01/01/00/20260101T000000Z_0123456789abcdef.json.gz`;
  const memberObject = objectArn(memberBucketName, logKey(member, region));
  const centralBucketName = names.centralBucket(aggregation, centralRegion);
  const centralBucket = bucketArn(centralBucketName);
  const centralObject = objectArn(centralBucketName, logKey(member, region));
  const names2 = new Names(config.prefix);
  const stacks = { aggregation: names2.stackSet('aggregation'), member: names2.stackSet('member') };
  const memberStack = stackArn(region, member, `${stackInstanceName(stacks.member)}-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/11111111-2222-4333-8444-555555555555`);
  const aggregationStack = stackArn(
    centralRegion,
    aggregation,
    `${stackInstanceName(stacks.aggregation)}-5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/66666666-7777-4888-8999-000000000000`,
  );

  // --- policies in force --------------------------------------------------------------------------
  const scps = policies.filter((p) => p.kind === 'scp');
  const rcps = policies.filter((p) => p.kind === 'rcp');
  const attached = (list: GeneratedPolicy[], ou: string | undefined) =>
    ou === undefined ? [] : list.filter((p) => p.organizationalUnits.includes(ou)).map((p) => ({ name: p.name, policy: p.document }));
  const scpHierarchy = (account: string | undefined): SimulationOrgPolicies[] => {
    const ou = account === member ? memberOu : account === aggregation ? aggregationOu : undefined;
    if (ou === undefined) return []; // the management account, other organizations, service principals: no SCPs
    return [
      { orgIdentifier: ROOT_ID, policies: [{ name: 'FullAWSAccess', policy: FULL_ACCESS }] },
      { orgIdentifier: ou, policies: [{ name: 'FullAWSAccess', policy: FULL_ACCESS }, ...attached(scps, ou)] },
      { orgIdentifier: account!, policies: [{ name: 'FullAWSAccess', policy: FULL_ACCESS }] },
    ];
  };
  const rcpHierarchy = (account: string): SimulationOrgPolicies[] => {
    const ou = account === member ? memberOu : account === aggregation ? aggregationOu : undefined;
    if (ou === undefined) return [];
    return [
      { orgIdentifier: ROOT_ID, policies: [] },
      { orgIdentifier: ou, policies: attached(rcps, ou) },
      { orgIdentifier: account, policies: [] },
    ];
  };

  /** The central bucket policy the aggregation stack writes (contract): org replication roles, own prefix only. */
  const centralBucketPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowOrganizationReplication',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ReplicateDelete', 's3:ObjectOwnerOverrideToBucketOwner'],
        Resource: objectArn(centralBucketName, `${config.logging.keyPrefix ? `${config.logging.keyPrefix}/` : ''}AWSLogs/\${aws:PrincipalAccount}/*`),
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': org },
          ArnLike: { 'aws:PrincipalArn': roleArn('*', names.replicationRolePattern) },
        },
      },
    ],
  };
  /** Worst case for the RCP rows: someone opened the central bucket policy to everyone. */
  const openBucketPolicy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'WorstCaseOpenToEveryone', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [centralBucket, `${centralBucket}/*`] }],
  };

  // --- actors ---------------------------------------------------------------------------------------
  const person = (label: string, account: string, arn: string, inOrg = true, extra: Record<string, string> = {}): Actor => ({
    label,
    principal: arn,
    account,
    identity: true,
    context: {
      [KEYS.principalArn]: arn,
      'aws:PrincipalAccount': account,
      ...(inOrg ? { [KEYS.principalOrgId]: org } : {}),
      [KEYS.principalIsAwsService]: 'false',
      ...extra,
    },
  });
  const memberAdmin = person('member admin', member, roleArn(member, 'Admin'));
  const memberRoot = person('member root user', member, `arn:aws:iam::${member}:root`);
  const memberExecution = person('execution role (member)', member, roleArn(member, config.executionRoleName));
  const memberBreakGlass = breakGlassRole ? person('break-glass role (member)', member, roleArn(member, breakGlassRole)) : undefined;
  const aggregationAdmin = person('aggregation admin', aggregation, roleArn(aggregation, 'Admin'));
  const aggregationExecution = person('execution role (aggregation)', aggregation, roleArn(aggregation, config.executionRoleName));
  const aggregationBreakGlass = breakGlassRole
    ? person('break-glass role (aggregation)', aggregation, roleArn(aggregation, breakGlassRole))
    : undefined;
  const managementAdmin = person('management-account admin', MANAGEMENT_ACCOUNT, roleArn(MANAGEMENT_ACCOUNT, 'Admin'));
  const outsider = person('principal outside the organization', OUTSIDE_ACCOUNT, roleArn(OUTSIDE_ACCOUNT, 'Outsider'), false);
  const fromFunction = (fn: string) => ({ [KEYS.sourceFunctionArn]: fn });
  const loggingRoleInFunction = person('logging-config role, in its function', member, loggingRole, true, fromFunction(loggingFunction));
  const loggingRoleOutside = person('logging-config role, outside any function', member, loggingRole);
  const loggingRoleInTeamFunction = person('logging-config role, in another function', member, loggingRole, true, fromFunction(teamFunction));
  const emptierRoleInFunction = person('emptier role, in its function', member, emptierRole, true, fromFunction(emptierFunction));
  const emptierRoleOutside = person('emptier role, outside any function', member, emptierRole);
  const replication = person('replication role', member, replicationRole);
  const teamFunctionRole = person("admin's own function", member, teamRole, true, fromFunction(teamFunction));
  const service = (label: string, sourceAccount: string, sourceOrg: string): Actor => ({
    label,
    principal: 'delivery.logs.amazonaws.com',
    identity: false,
    context: {
      [KEYS.principalIsAwsService]: 'true',
      [KEYS.sourceAccount]: sourceAccount,
      [KEYS.sourceOrgId]: sourceOrg,
    },
  });

  // --- request specs --------------------------------------------------------------------------------
  const audited = { [KEYS.resourceTag]: AUDIT_TAG_VALUE };
  const tagging = (key: string, value = AUDIT_TAG_VALUE) => ({ [KEYS.tagKeys]: [key], [`aws:RequestTag/${key}`]: value });
  const untagging = (key: string) => ({ [KEYS.tagKeys]: [key] });
  const rows: MatrixRow[] = [];
  const add = (actor: Actor, spec: RequestSpec, expected: Expectation) => {
    rows.push({
      id: rows.length + 1,
      group: spec.group,
      attempt: spec.attempt,
      actor: actor.label,
      principal: actor.principal,
      action: spec.action,
      resource: spec.resource,
      expected,
      simulation: {
        request: {
          principal: actor.principal,
          action: spec.action,
          resource: { resource: spec.resource, accountId: spec.resourceAccount },
          contextVariables: { ...actor.context, ...(spec.context ?? {}) },
        },
        identityPolicies: actor.identity ? [{ name: 'AdministratorAccess', policy: FULL_ACCESS }] : [],
        serviceControlPolicies: scpHierarchy(actor.account),
        resourceControlPolicies: rcpHierarchy(spec.resourceAccount),
        ...(spec.resourcePolicy ? { resourcePolicy: spec.resourcePolicy } : {}),
      },
    });
  };

  const G = {
    logging: 'Logging configuration',
    functions: 'Custom-resource functions',
    roles: "Project's roles",
    exempt: 'Exempt roles',
    memberBucket: 'Member bucket',
    tag: 'Audit tag',
    stacks: 'StackSet instances',
    org: 'Organization',
    central: 'Central bucket',
    rcp: 'Central bucket (RCP)',
    own: 'Project roles at work',
    read: 'Reading',
    unrelated: 'Unrelated resources',
  };

  // Member-account attacks: denied to the admin, allowed to the execution role (and break-glass).
  const memberAttacks: RequestSpec[] = [
    { group: G.logging, attempt: 'put (overwrite) the logging configuration', action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*', resourceAccount: member },
    { group: G.logging, attempt: 'delete the logging configuration', action: 'bedrock:DeleteModelInvocationLoggingConfiguration', resource: '*', resourceAccount: member },
  ];
  const functionAttacks: [string, string, Record<string, string | string[]>?][] = [
    ['lambda:InvokeFunction', 'invoke it (a forged CloudFormation Delete event)'],
    ['lambda:UpdateFunctionCode', 'change its code'],
    ['lambda:UpdateFunctionConfiguration', 'change its configuration (role, environment, layers)'],
    ['lambda:DeleteFunction', 'delete it'],
    ['lambda:AddPermission', 'add a resource-policy permission to invoke it'],
    ['lambda:PutFunctionConcurrency', 'set its reserved concurrency (0 disables it)'],
    ['lambda:PublishVersion', 'publish a version'],
    ['lambda:CreateAlias', 'create an alias'],
    ['lambda:CreateFunctionUrlConfig', 'create a function URL'],
    ['lambda:UpdateFunctionUrlConfig', 'change its function URL'],
    ['lambda:PutFunctionEventInvokeConfig', 'change its async invoke config'],
    ['lambda:UntagResource', 'remove its audit tag', untagging(AUDIT_TAG_KEY)],
    ['lambda:TagResource', 'change its audit tag to false', tagging(AUDIT_TAG_KEY, 'false')],
  ];
  for (const [fn, fnName] of [
    [loggingFunction, names.loggingConfigFunction],
    [emptierFunction, names.bucketEmptierFunction],
  ]) {
    for (const [action, attempt, context] of functionAttacks) {
      memberAttacks.push({ group: G.functions, attempt: `${fnName}: ${attempt}`, action, resource: fn, resourceAccount: member, context: { ...audited, ...(context ?? {}) } });
    }
  }
  memberAttacks.push(
    {
      group: G.functions,
      attempt: `pre-create ${names.loggingConfigFunction} in a region the stack has not reached`,
      action: 'lambda:CreateFunction',
      resource: functionArn(UNDEPLOYED_REGION, member, names.loggingConfigFunction),
      resourceAccount: member,
    },
    {
      group: G.functions,
      attempt: `map an event source (queue, stream, Kafka) to ${names.loggingConfigFunction}`,
      action: 'lambda:CreateEventSourceMapping',
      resource: '*',
      resourceAccount: member,
      context: { [KEYS.functionArn]: loggingFunction },
    },
    {
      group: G.functions,
      attempt: `re-point an existing event source mapping at ${names.bucketEmptierFunction}`,
      action: 'lambda:UpdateEventSourceMapping',
      resource: `arn:aws:lambda:${region}:${member}:event-source-mapping:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`,
      resourceAccount: member,
      context: { [KEYS.functionArn]: emptierFunction },
    },
  );
  const roleAttacks: [string, string, Record<string, string | string[]>?][] = [
    ['iam:UpdateAssumeRolePolicy', 'change its trust policy'],
    ['iam:AttachRolePolicy', 'attach a managed policy'],
    ['iam:PutRolePolicy', 'put an inline policy'],
    ['iam:DeleteRolePolicy', 'delete its inline policy'],
    ['iam:DetachRolePolicy', 'detach a managed policy'],
    ['iam:PutRolePermissionsBoundary', 'set a permissions boundary'],
    ['iam:DeleteRolePermissionsBoundary', 'remove its permissions boundary'],
    ['iam:UpdateRole', 'change its session duration or description'],
    ['iam:DeleteRole', 'delete it'],
    ['iam:PassRole', 'pass it to an own function or instance'],
    ['sts:AssumeRole', 'assume it'],
    ['iam:UntagRole', 'remove its audit tag (lower-case key)', untagging(AUDIT_TAG_KEY.toLowerCase())],
    ['iam:TagRole', 'change its audit tag to false', tagging(AUDIT_TAG_KEY, 'false')],
  ];
  for (const [role, roleName] of [
    [loggingRole, names.loggingConfigRole(region)],
    [emptierRole, names.bucketEmptierRole(region)],
    [replicationRole, names.replicationRole(region)],
  ]) {
    for (const [action, attempt, context] of roleAttacks) {
      memberAttacks.push({ group: G.roles, attempt: `${roleName}: ${attempt}`, action, resource: role, resourceAccount: member, context: { ...audited, ...(context ?? {}) } });
    }
  }
  memberAttacks.push(
    {
      group: G.roles,
      attempt: `pre-create ${names.loggingConfigRole(UNDEPLOYED_REGION)} (it would inherit the exemption)`,
      action: 'iam:CreateRole',
      resource: roleArn(member, names.loggingConfigRole(UNDEPLOYED_REGION)),
      resourceAccount: member,
    },
    {
      group: G.roles,
      attempt: 'create a role under a path that starts with the exempt role name',
      action: 'iam:CreateRole',
      resource: roleArn(member, `${names.replicationRole(UNDEPLOYED_REGION)}/mine`),
      resourceAccount: member,
    },
    {
      group: G.roles,
      attempt: 'squat a project role name under another path (would block the stack)',
      action: 'iam:CreateRole',
      resource: roleArn(member, `team/${names.bucketEmptierRole(UNDEPLOYED_REGION)}`),
      resourceAccount: member,
    },
    {
      group: G.roles,
      attempt: 'add a version to a customer-managed policy named with the prefix',
      action: 'iam:CreatePolicyVersion',
      resource: managedPolicyArn(member, `${config.prefix}-replication`),
      resourceAccount: member,
    },
    {
      group: G.exempt,
      attempt: `${config.executionRoleName}: change its trust policy`,
      action: 'iam:UpdateAssumeRolePolicy',
      resource: roleArn(member, config.executionRoleName),
      resourceAccount: member,
    },
  );
  if (breakGlassRole) {
    memberAttacks.push(
      { group: G.exempt, attempt: `${breakGlassRole}: trust yourself in its trust policy`, action: 'iam:UpdateAssumeRolePolicy', resource: roleArn(member, breakGlassRole), resourceAccount: member },
      { group: G.exempt, attempt: `${breakGlassRole}: attach a policy`, action: 'iam:AttachRolePolicy', resource: roleArn(member, breakGlassRole), resourceAccount: member },
      { group: G.exempt, attempt: `${breakGlassRole}: pass it to an own function`, action: 'iam:PassRole', resource: roleArn(member, breakGlassRole), resourceAccount: member },
      { group: G.exempt, attempt: `create a role matching the exempt pattern ${exemptPattern}`, action: 'iam:CreateRole', resource: roleArn(member, breakGlassRole.replace(/Admin$/, 'Mine')), resourceAccount: member },
    );
  }
  const bucketAttacks: [string, string][] = [
    ['s3:DeleteBucket', 'delete the bucket'],
    ['s3:PutBucketPolicy', 'change its bucket policy'],
    ['s3:DeleteBucketPolicy', 'delete its bucket policy'],
    ['s3:PutLifecycleConfiguration', 'change its lifecycle'],
    ['s3:PutReplicationConfiguration', 'change or remove its replication'],
    ['s3:PutBucketVersioning', 'suspend versioning'],
    ['s3:PutEncryptionConfiguration', 'change its encryption'],
    ['s3:PutBucketOwnershipControls', 'change object ownership'],
    ['s3:PutBucketPublicAccessBlock', 'remove the public access block'],
    ['s3:PutBucketAcl', 'change its ACL'],
    ['s3:PutBucketObjectLockConfiguration', 'change Object Lock settings'],
    ['s3:PutBucketTagging', 'change its tags (audit tag)'],
  ];
  for (const [action, attempt] of bucketAttacks) {
    memberAttacks.push({ group: G.memberBucket, attempt, action, resource: memberBucket, resourceAccount: member });
  }
  memberAttacks.push(
    { group: G.memberBucket, attempt: 'pause replication', action: 's3:PauseReplication', resource: memberBucket, resourceAccount: member },
    { group: G.memberBucket, attempt: `pre-create the bucket of a region the stack has not reached`, action: 's3:CreateBucket', resource: bucketArn(names.memberBucket(member, UNDEPLOYED_REGION)), resourceAccount: member },
    { group: G.memberBucket, attempt: 'squat the bucket name of a future member account', action: 's3:CreateBucket', resource: bucketArn(names.memberBucket(FUTURE_MEMBER_ACCOUNT, region)), resourceAccount: member },
    { group: G.memberBucket, attempt: 'delete a log object', action: 's3:DeleteObject', resource: memberObject, resourceAccount: member },
    { group: G.memberBucket, attempt: 'delete a log object version', action: 's3:DeleteObjectVersion', resource: memberObject, resourceAccount: member },
    { group: G.memberBucket, attempt: 'forge a log object', action: 's3:PutObject', resource: memberObject, resourceAccount: member },
    { group: G.memberBucket, attempt: 'replicate forged objects into the bucket', action: 's3:ReplicateObject', resource: memberObject, resourceAccount: member },
  );
  for (const [action, attempt] of [
    ['cloudformation:DeleteStack', 'delete the member stack instance'],
    ['cloudformation:UpdateStack', 'update the member stack instance'],
    ['cloudformation:CreateChangeSet', 'create a change set on it'],
    ['cloudformation:ContinueUpdateRollback', 'continue a rollback skipping resources'],
    ['cloudformation:UpdateTerminationProtection', 'change its termination protection'],
    ['cloudformation:SetStackPolicy', 'set its stack policy'],
  ]) {
    memberAttacks.push({ group: G.stacks, attempt, action, resource: memberStack, resourceAccount: member });
  }
  memberAttacks.push({ group: G.org, attempt: 'leave the organization (and its SCPs)', action: 'organizations:LeaveOrganization', resource: '*', resourceAccount: member });

  // Adding the audit tag to unrelated resources, in any letter case.
  const tagAttacks: RequestSpec[] = [];
  for (const key of [AUDIT_TAG_KEY, AUDIT_TAG_KEY.toLowerCase(), AUDIT_TAG_KEY.toUpperCase()]) {
    tagAttacks.push(
      { group: G.tag, attempt: `tag an own function ${key}=${AUDIT_TAG_VALUE}`, action: 'lambda:TagResource', resource: teamFunction, resourceAccount: member, context: tagging(key) },
      { group: G.tag, attempt: `tag an own role ${key}=${AUDIT_TAG_VALUE}`, action: 'iam:TagRole', resource: teamRole, resourceAccount: member, context: tagging(key) },
    );
  }
  tagAttacks.push(
    { group: G.tag, attempt: 'create a function tagged AUDIT=true', action: 'lambda:CreateFunction', resource: functionArn(region, member, 'team-new'), resourceAccount: member, context: tagging(AUDIT_TAG_KEY.toUpperCase()) },
    { group: G.tag, attempt: 'create a role tagged audit=true', action: 'iam:CreateRole', resource: roleArn(member, 'team-new-role'), resourceAccount: member, context: tagging(AUDIT_TAG_KEY.toLowerCase()) },
  );

  // Aggregation-account attacks on the central bucket.
  const centralAttacks: RequestSpec[] = bucketAttacks
    .filter(([action]) => action !== 's3:PutBucketTagging')
    .map(([action, attempt]) => ({ group: G.central, attempt, action, resource: centralBucket, resourceAccount: aggregation }));
  centralAttacks.push(
    { group: G.central, attempt: 'pre-create the central bucket name of another region', action: 's3:CreateBucket', resource: bucketArn(names.centralBucket(aggregation, UNDEPLOYED_REGION)), resourceAccount: aggregation },
    { group: G.central, attempt: 'delete a log object', action: 's3:DeleteObject', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'delete a log object version', action: 's3:DeleteObjectVersion', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'shorten an object retention', action: 's3:PutObjectRetention', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'remove a legal hold', action: 's3:PutObjectLegalHold', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'bypass governance retention', action: 's3:BypassGovernanceRetention', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'forge a log object', action: 's3:PutObject', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'replicate forged objects in with an own role', action: 's3:ReplicateObject', resource: centralObject, resourceAccount: aggregation },
    { group: G.central, attempt: 'delete the aggregation stack instance', action: 'cloudformation:DeleteStack', resource: aggregationStack, resourceAccount: aggregation },
  );

  for (const spec of memberAttacks) add(memberAdmin, spec, 'Denied');
  for (const spec of tagAttacks) add(memberAdmin, spec, 'Denied');
  for (const spec of centralAttacks) add(aggregationAdmin, spec, 'Denied');
  add(memberRoot, memberAttacks[0], 'Denied');
  add(memberRoot, { group: G.memberBucket, attempt: 'delete a log object', action: 's3:DeleteObject', resource: memberObject, resourceAccount: member }, 'Denied');

  // The project's own roles: allowed their own task, nothing else.
  add(loggingRoleInFunction, memberAttacks[0], 'Allowed');
  add(loggingRoleInFunction, memberAttacks[1], 'Allowed');
  add(loggingRoleOutside, { ...memberAttacks[0], group: G.own, attempt: 'put the logging configuration with leaked credentials' }, 'Denied');
  add(loggingRoleInTeamFunction, { ...memberAttacks[1], group: G.own, attempt: 'delete the logging configuration from another function' }, 'Denied');
  add(teamFunctionRole, { ...memberAttacks[1], group: G.own, attempt: "delete the logging configuration from an admin's own function" }, 'Denied');
  add(emptierRoleInFunction, { ...memberAttacks[0], group: G.own, attempt: 'put the logging configuration from the emptier' }, 'Denied');
  add(loggingRoleInFunction, { group: G.own, attempt: 'delete a log object from the logging-config function', action: 's3:DeleteObject', resource: memberObject, resourceAccount: member }, 'Denied');
  add(
    loggingRoleInFunction,
    { group: G.own, attempt: "pass a team's CloudWatch Logs role to Bedrock (merge mode)", action: 'iam:PassRole', resource: roleArn(member, 'team-bedrock-cloudwatch'), resourceAccount: member },
    'Allowed',
  );
  add(emptierRoleInFunction, { group: G.own, attempt: 'empty the member bucket: delete an object', action: 's3:DeleteObject', resource: memberObject, resourceAccount: member }, 'Allowed');
  add(emptierRoleInFunction, { group: G.own, attempt: 'empty the member bucket: delete an object version', action: 's3:DeleteObjectVersion', resource: memberObject, resourceAccount: member }, 'Allowed');
  add(emptierRoleInFunction, { group: G.own, attempt: 'empty the member bucket: list object versions', action: 's3:ListBucketVersions', resource: memberBucket, resourceAccount: member }, 'Allowed');
  add(emptierRoleOutside, { group: G.own, attempt: 'delete object versions with leaked credentials', action: 's3:DeleteObjectVersion', resource: memberObject, resourceAccount: member }, 'Denied');
  add(emptierRoleInFunction, { group: G.own, attempt: 'delete central log objects', action: 's3:DeleteObjectVersion', resource: centralObject, resourceAccount: aggregation }, 'Denied');
  add(emptierRoleInFunction, { group: G.own, attempt: 'delete the member bucket', action: 's3:DeleteBucket', resource: memberBucket, resourceAccount: member }, 'Denied');
  for (const action of ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']) {
    add(replication, { group: G.own, attempt: `replicate into the central bucket (${action.split(':')[1]})`, action, resource: centralObject, resourceAccount: aggregation, resourcePolicy: centralBucketPolicy }, 'Allowed');
  }
  add(replication, { group: G.own, attempt: 'read source versions for replication', action: 's3:GetObjectVersionForReplication', resource: memberObject, resourceAccount: member }, 'Allowed');
  add(replication, { group: G.own, attempt: 'replicate a delete marker into the central bucket', action: 's3:ReplicateDelete', resource: centralObject, resourceAccount: aggregation, resourcePolicy: centralBucketPolicy }, 'Denied');
  add(replication, { group: G.own, attempt: 'write into the central bucket directly', action: 's3:PutObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
  add(replication, { group: G.own, attempt: 'delete a member log object', action: 's3:DeleteObject', resource: memberObject, resourceAccount: member }, 'Denied');

  // RCP: principals the SCPs do not bind.
  if (rcps.length > 0) {
    add(managementAdmin, { group: G.rcp, attempt: 'delete a central log object (bucket policy opened, worst case)', action: 's3:DeleteObjectVersion', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(managementAdmin, { group: G.rcp, attempt: 'change the central bucket policy (worst case)', action: 's3:PutBucketPolicy', resource: centralBucket, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(managementAdmin, { group: G.rcp, attempt: 'change the central lifecycle (worst case)', action: 's3:PutLifecycleConfiguration', resource: centralBucket, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(managementAdmin, { group: G.rcp, attempt: 'read a central log object (worst case)', action: 's3:GetObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Allowed');
    add(outsider, { group: G.rcp, attempt: 'read a central log object (bucket policy opened, worst case)', action: 's3:GetObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(outsider, { group: G.rcp, attempt: 'write a central log object (worst case)', action: 's3:PutObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(outsider, { group: G.rcp, attempt: 'replicate into the central bucket with a role of the same name', action: 's3:ReplicateObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(service('AWS service for an outside account', OUTSIDE_ACCOUNT, OUTSIDE_ORGANIZATION), { group: G.rcp, attempt: 'deliver into the central bucket (confused deputy)', action: 's3:PutObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Denied');
    add(service('AWS service for an org account', member, org), { group: G.rcp, attempt: 'deliver into the central bucket', action: 's3:PutObject', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Allowed');
  }

  // The execution role deploys, updates and deletes everything; break-glass roles are exempt too.
  for (const spec of [...memberAttacks, ...tagAttacks]) add(memberExecution, spec, 'Allowed');
  for (const spec of centralAttacks) add(aggregationExecution, spec, 'Allowed');
  if (rcps.length > 0) {
    add(aggregationExecution, { group: G.rcp, attempt: 'delete a central log object (RCP exemption)', action: 's3:DeleteObjectVersion', resource: centralObject, resourceAccount: aggregation, resourcePolicy: openBucketPolicy }, 'Allowed');
  }
  if (memberBreakGlass && aggregationBreakGlass) {
    for (const spec of [memberAttacks[0], memberAttacks[1], ...memberAttacks.filter((s) => s.action === 's3:DeleteBucket' || s.action === 'lambda:UpdateFunctionCode')]) {
      add(memberBreakGlass, spec, 'Allowed');
    }
    for (const spec of centralAttacks.filter((s) => s.action === 's3:PutBucketPolicy' || s.action === 's3:DeleteObjectVersion')) {
      add(aggregationBreakGlass, spec, 'Allowed');
    }
  }

  // Administrators keep reading, and keep managing everything that is not the project's.
  const reads: RequestSpec[] = [
    { group: G.read, attempt: 'read the logging configuration', action: 'bedrock:GetModelInvocationLoggingConfiguration', resource: '*', resourceAccount: member },
    { group: G.read, attempt: 'invoke a model (using Bedrock stays allowed)', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`, resourceAccount: member },
    { group: G.read, attempt: `read ${names.loggingConfigFunction}`, action: 'lambda:GetFunction', resource: loggingFunction, resourceAccount: member, context: audited },
    { group: G.read, attempt: `read ${names.bucketEmptierFunction}'s configuration`, action: 'lambda:GetFunctionConfiguration', resource: emptierFunction, resourceAccount: member, context: audited },
    { group: G.read, attempt: "list a function's tags", action: 'lambda:ListTags', resource: loggingFunction, resourceAccount: member, context: audited },
    { group: G.read, attempt: 'read a project role', action: 'iam:GetRole', resource: loggingRole, resourceAccount: member, context: audited },
    { group: G.read, attempt: "read a project role's inline policy", action: 'iam:GetRolePolicy', resource: replicationRole, resourceAccount: member, context: audited },
    { group: G.read, attempt: "list a project role's attached policies", action: 'iam:ListAttachedRolePolicies', resource: emptierRole, resourceAccount: member, context: audited },
    { group: G.read, attempt: 'read a log object', action: 's3:GetObject', resource: memberObject, resourceAccount: member },
    { group: G.read, attempt: 'list the member bucket', action: 's3:ListBucket', resource: memberBucket, resourceAccount: member },
    { group: G.read, attempt: "read the member bucket's policy", action: 's3:GetBucketPolicy', resource: memberBucket, resourceAccount: member },
    { group: G.read, attempt: "read the member bucket's replication", action: 's3:GetReplicationConfiguration', resource: memberBucket, resourceAccount: member },
    { group: G.read, attempt: 'describe the member stack instance', action: 'cloudformation:DescribeStacks', resource: memberStack, resourceAccount: member },
  ];
  for (const spec of reads) add(memberAdmin, spec, 'Allowed');
  add(aggregationAdmin, { group: G.read, attempt: 'read a central log object', action: 's3:GetObject', resource: centralObject, resourceAccount: aggregation }, 'Allowed');
  add(aggregationAdmin, { group: G.read, attempt: 'list the central bucket', action: 's3:ListBucket', resource: centralBucket, resourceAccount: aggregation }, 'Allowed');

  const teamBucket = bucketArn(`team-data-${member}`);
  const unrelated: RequestSpec[] = [
    { group: G.unrelated, attempt: 'change the code of an own function', action: 'lambda:UpdateFunctionCode', resource: teamFunction, resourceAccount: member },
    { group: G.unrelated, attempt: 'invoke an own function', action: 'lambda:InvokeFunction', resource: teamFunction, resourceAccount: member },
    { group: G.unrelated, attempt: 'set the concurrency of an own function', action: 'lambda:PutFunctionConcurrency', resource: teamFunction, resourceAccount: member },
    { group: G.unrelated, attempt: 'delete an own function', action: 'lambda:DeleteFunction', resource: teamFunction, resourceAccount: member },
    { group: G.unrelated, attempt: 'create a function', action: 'lambda:CreateFunction', resource: functionArn(region, member, 'team-new'), resourceAccount: member, context: tagging('Team', 'data') },
    { group: G.unrelated, attempt: 'tag an own function with another key', action: 'lambda:TagResource', resource: teamFunction, resourceAccount: member, context: tagging('CostCenter', '42') },
    { group: G.unrelated, attempt: 'map an event source to an own function', action: 'lambda:CreateEventSourceMapping', resource: '*', resourceAccount: member, context: { [KEYS.functionArn]: teamFunction } },
    { group: G.unrelated, attempt: "change an own role's trust policy", action: 'iam:UpdateAssumeRolePolicy', resource: teamRole, resourceAccount: member },
    { group: G.unrelated, attempt: 'attach a policy to an own role', action: 'iam:AttachRolePolicy', resource: teamRole, resourceAccount: member },
    { group: G.unrelated, attempt: 'pass an own role', action: 'iam:PassRole', resource: teamRole, resourceAccount: member },
    { group: G.unrelated, attempt: 'delete an own role', action: 'iam:DeleteRole', resource: teamRole, resourceAccount: member },
    { group: G.unrelated, attempt: 'create a role', action: 'iam:CreateRole', resource: roleArn(member, 'team-new-role'), resourceAccount: member },
    { group: G.unrelated, attempt: 'assume an own role', action: 'sts:AssumeRole', resource: teamRole, resourceAccount: member },
    { group: G.unrelated, attempt: 'create a bucket', action: 's3:CreateBucket', resource: teamBucket, resourceAccount: member },
    { group: G.unrelated, attempt: "change an own bucket's policy", action: 's3:PutBucketPolicy', resource: teamBucket, resourceAccount: member },
    { group: G.unrelated, attempt: "change an own bucket's lifecycle", action: 's3:PutLifecycleConfiguration', resource: teamBucket, resourceAccount: member },
    { group: G.unrelated, attempt: 'delete an object of an own bucket', action: 's3:DeleteObject', resource: `${teamBucket}/report.csv`, resourceAccount: member },
    { group: G.unrelated, attempt: 'delete an own bucket', action: 's3:DeleteBucket', resource: teamBucket, resourceAccount: member },
    { group: G.unrelated, attempt: 'delete an own stack', action: 'cloudformation:DeleteStack', resource: stackArn(region, member, 'team-stack/12345678-1234-4123-8123-123456789012'), resourceAccount: member },
  ];
  for (const spec of unrelated) add(memberAdmin, spec, 'Allowed');
  add(aggregationAdmin, { group: G.unrelated, attempt: "change an own bucket's policy", action: 's3:PutBucketPolicy', resource: bucketArn(`team-archive-${aggregation}`), resourceAccount: aggregation }, 'Allowed');
  add(aggregationAdmin, { group: G.unrelated, attempt: 'delete an object of an own bucket', action: 's3:DeleteObject', resource: objectArn(`team-archive-${aggregation}`, 'old.csv'), resourceAccount: aggregation }, 'Allowed');

  return rows;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

const EXPECTED_RESULT: Record<Expectation, MatrixResult['result']> = { Allowed: 'Allowed', Denied: 'ExplicitlyDenied' };

/** Runs one row through the simulator. */
export async function evaluateRow(row: MatrixRow): Promise<MatrixResult> {
  const response = await runSimulation(row.simulation, {});
  if (response.resultType === 'error') {
    return { ...row, result: 'Error', decidedBy: [], ignoredContextKeys: [], error: JSON.stringify(response.errors), pass: false };
  }
  const single = response.resultType === 'single' ? response.result : response.results[0];
  const analysis = single?.analysis;
  const decidedBy = [
    ...(analysis?.scpAnalysis?.ouAnalysis ?? []).flatMap((ou) => ou.denyStatements.map((s) => s.statement.sid() ?? '?')),
    ...(analysis?.rcpAnalysis?.ouAnalysis ?? []).flatMap((ou) => ou.denyStatements.map((s) => s.statement.sid() ?? '?')),
  ];
  const ignoredContextKeys = response.resultType === 'single' ? single.ignoredContextKeys ?? [] : response.results.flatMap((r) => r.ignoredContextKeys ?? []);
  const result = response.overallResult;
  const pass =
    result === EXPECTED_RESULT[row.expected] &&
    ignoredContextKeys.length === 0 &&
    (row.expected === 'Allowed' ? decidedBy.length === 0 : decidedBy.length > 0);
  return { ...row, result, decidedBy: [...new Set(decidedBy)], ignoredContextKeys, pass };
}

export async function evaluateAttackMatrix(config: ResolvedConfig = attackMatrixConfig()): Promise<MatrixResult[]> {
  const results: MatrixResult[] = [];
  for (const row of buildAttackMatrix(config)) results.push(await evaluateRow(row));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const shown = (r: MatrixResult) => (r.result === 'ExplicitlyDenied' ? 'Denied' : r.result);

export function renderTable(results: readonly MatrixResult[]): string {
  const header = ['#', 'expected', 'result', 'ok', 'principal', 'action', 'resource', 'denied by'];
  const lines = results.map((r) => [String(r.id), r.expected, shown(r), r.pass ? 'yes' : 'NO', r.actor, r.action, r.resource, r.decidedBy.join(' ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format), '', summary(results)].join('\n');
}

function summary(results: readonly MatrixResult[]): string {
  const denied = results.filter((r) => r.expected === 'Denied');
  const allowed = results.filter((r) => r.expected === 'Allowed');
  const failed = results.filter((r) => !r.pass);
  return `${results.length} rows: ${denied.length} expected denied, ${allowed.length} expected allowed; ${failed.length === 0 ? 'all as expected' : `${failed.length} NOT as expected`}.`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => '`' + text + '`';

export function renderMarkdown(config: ResolvedConfig, results: readonly MatrixResult[]): string {
  const policies = buildPolicies(config);
  const denied = results.filter((r) => r.expected === 'Denied').length;
  const out: string[] = [];
  out.push(
    '# Security matrix: what the guardrail policies allow and deny',
    '',
    '<!-- Generated by `npx tsx scripts/attack-matrix.ts --write`; do not edit. A test fails when this file drifts. -->',
    '',
    'Every row below is a request evaluated by a real IAM policy simulator',
    '([`@cloud-copilot/iam-simulate`](https://github.com/cloud-copilot/iam-simulate), a dev dependency only) against the',
    'SCPs and the RCP this package generates. The organization is modelled as root, OU, account, with',
    '`FullAWSAccess` attached at every level and the guardrail SCPs attached to the OUs CfCT targets; the RCP',
    "is attached to the aggregation account's OU (RCPFullAWSAccess is implicit). **Every principal has",
    '`AdministratorAccess`**, so "Denied" means an explicit deny by the guardrails, never a missing permission.',
    'Each request passes `aws:PrincipalArn` and the tag and Lambda context keys explicitly, and a row only',
    'passes when the simulator ignored none of them.',
    '',
    '## Scenario',
    '',
    `- organization ${code(config.organizationId)}, resource prefix ${code(config.prefix)}, execution role ${code(config.executionRoleName)}, exempt role patterns ${config.policies.exemptRolePatterns.map(code).join(', ') || 'none'}`,
    `- member account ${code(config.members.accounts[0] ?? '111111111111')} in OU ${code(config.members.organizationalUnits[0] ?? '')}, region ${code(config.members.regions[0])}; aggregation account ${code(config.aggregation.accountId)} in OU ${code(config.aggregation.organizationalUnit)}; management account ${code(MANAGEMENT_ACCOUNT)}; an account outside the organization ${code(OUTSIDE_ACCOUNT)}`,
    '- the project\'s functions and roles carry the audit tag `Audit=true` (passed as `aws:ResourceTag/Audit`); the custom-resource roles call from inside their functions (`lambda:SourceFunctionArn`) unless the row says otherwise',
    '- cross-account replication is evaluated with the central bucket policy the aggregation stack writes (org replication roles, own prefix); the RCP rows assume the worst case, a central bucket policy opened to everyone',
    '',
    '## Policies',
    '',
    '| policy | kind | targets | statements | size after CfCT rewrite | budget |',
    '|---|---|---|---|---:|---:|',
  );
  for (const p of policies) {
    out.push(
      `| ${code(p.name)} | ${p.kind.toUpperCase()} | ${p.organizationalUnits.map(code).join(', ')} | ${p.document.Statement.map((s) => s.Sid).join(', ')} | ${p.cfctSize.toLocaleString('en-US')} | ${p.budget.toLocaleString('en-US')} |`,
    );
  }
  out.push(
    '',
    `Organizations allows ${LIMITS.scpMaxChars.toLocaleString('en-US')} characters per SCP since 2026-05-15 (5,120 before) and ${LIMITS.rcpMaxChars.toLocaleString('en-US')} per RCP.`,
    '',
    '## Matrix',
    '',
    `${results.length} requests: ${denied} expected denied, ${results.length - denied} expected allowed; ${results.every((r) => r.pass) ? '**all as expected**' : `**${results.filter((r) => !r.pass).length} NOT as expected**`}.`,
    '',
    '| # | area | attempt | principal | action | resource | expected | result | denied by |',
    '|---:|---|---|---|---|---|---|---|---|',
  );
  for (const r of results) {
    out.push(
      `| ${r.id} | ${cell(r.group)} | ${cell(r.attempt)} | ${cell(r.actor)} | ${code(r.action)} | ${code(cell(r.resource))} | ${r.expected} | ${r.pass ? shown(r) : `**${shown(r)}**`} | ${r.decidedBy.join(', ')} |`,
    );
  }
  out.push('', ...RESIDUAL_RISKS);
  return out.join('\n') + '\n';
}

/** What the guardrails cannot cover, and what the evaluation assumes. */
export const RESIDUAL_RISKS: readonly string[] = [
  '## Residual risks (what SCPs and RCPs cannot cover)',
  '',
  '- **The management account.** SCPs never apply to it. Its administrators can detach the guardrails, assume',
  '  `AWSControlTowerExecution` in any account (and so act as the exempt role), or change the StackSets. The RCP',
  '  (when enabled) still stops management-account principals from deleting central objects or changing the central',
  '  bucket, unless they assume the aggregation account\'s execution role. Treat the management account as part of',
  '  the trusted computing base.',
  '- **Service-linked roles and AWS service principals** are outside SCPs. Bedrock writes logs as a service principal',
  '  (intended); a Lambda event source mapping polls and invokes as the service (hence `DenyEventSourceMappings`). S3',
  '  replication is not such a case: it acts with the replication role, which the SCPs bind. The confused-deputy RCP',
  '  statement only binds services that send `aws:SourceAccount`.',
  '- **The exempt roles.** Whoever can act as `AWSControlTowerExecution` or a break-glass role can do everything the',
  '  guardrails forbid. The SCPs stop other principals from creating, re-trusting, re-permissioning or passing those',
  '  roles (and Control Tower\'s own mandatory controls protect the execution role too), but not from assuming a',
  '  break-glass role its trust policy already admits: keep break-glass trust policies narrow and monitored.',
  '  Roles matching an exempt pattern must be managed by an exempt principal, because nobody else may change them.',
  '- **Member root users** are bound by SCPs (they are denied in the matrix). Root in the management account is not.',
  '- **Anything created before the SCPs were attached**: a role, function, bucket or stack already using the',
  '  project\'s names keeps whatever trust and permissions it had. Check for name collisions before the first deployment.',
  '- **Case-variant role names.** IAM role names are unique per account ignoring case, but ARN matching in',
  '  policies is case-sensitive: an administrator can create `BEDROCK-LOGS-logging-config-<new region>`. It gains',
  '  no exemption (its ARN matches no exempt pattern) but blocks the stack from creating its role in that region:',
  '  a visible denial of service (a failed stack instance), not a way around the logging.',
  '- **Bucket-name squatting from outside the targets.** Bucket names are global: an account outside the targeted OUs,',
  '  the management account or another organization can create a bucket with a future member\'s name first, and the',
  '  stack instance then fails. Attach the guardrails at `Root` (or to every OU) to close this inside the organization.',
  '- **Regions outside `members.regions`.** The logging configuration cannot be changed anywhere, but it is only',
  '  *set* where the member stack runs: Bedrock used in another region is not logged. Pair this package with a',
  '  region-deny SCP for Bedrock (mind cross-region inference profiles, whose destination regions must stay allowed).',
  '- **What Bedrock does not log**: only InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream are',
  '  logged (agents, knowledge bases, batch jobs are not, or only indirectly).',
  '- **S3 access points** (inferred): a request through an access point names the access point\'s ARN, which the bucket',
  '  statements do not match, so the bucket policies are the control: the member and central bucket policies must deny',
  '  requests that carry `s3:DataAccessPointArn` (and never delegate to access points); the guardrails stop everyone',
  '  from changing those bucket policies, and creating an access point alone grants nothing the bucket policy denies.',
  '- **KMS**: the guardrails assume SSE-S3. With SSE-KMS, whoever can disable or schedule deletion of the key can stop',
  '  delivery and replication; such a key would need its own protection.',
  '- **Availability, not integrity**: an administrator can still exhaust the account\'s Lambda concurrency or S3 request',
  '  rate, or invoke Bedrock so much that logs cost money; nobody can switch logging off or delete logs.',
  '',
  '## What the stacks must do for the guardrails to hold',
  '',
  '- Name every resource through `cdk/names.ts` with the configured prefix: buckets, roles, functions (and any',
  '  customer-managed policy). Create roles at the default path `/`: the exemptions match `role/<name>` exactly.',
  '- Tag every function and role `Audit=true` (ABAC). Buckets carry it too, but are protected by name.',
  '- Keep the functions unqualified and without event source mappings, function URLs or resource-policy',
  '  permissions: CloudFormation invokes them with the execution role.',
  '- Replicate without delete-marker replication: `s3:ReplicateDelete` is denied to the replication role.',
  '- Give the member and central bucket policies a statement that denies requests through access points',
  '  (`s3:DataAccessPointArn` present), and use SSE-S3 (or protect the KMS key separately).',
  '- Custom-resource handlers should still validate the event (RequestType, ResponseURL host, stack ARN): the',
  '  guardrails make forged invocations impossible for principals in the organization, not for the management account.',
  '',
  '## Assumptions and inferred facts',
  '',
  '- `lambda:SourceFunctionArn` is present on every call made with a function\'s execution-role credentials from inside',
  '  the function (documented by Lambda); the statement `DenyFunctionRolesOutsideFunctions` also accepts the qualified',
  '  function ARN (`...:function:<name>*`). Functions named with the prefix can only be created by exempt roles.',
  '- CloudFormation invokes the custom-resource functions with the stack\'s credentials, i.e. the execution role',
  '  (FACTS.md §4), so denying `lambda:InvokeFunction` to everyone else does not break deployments.',
  '- StackSet instance stacks are named `StackSet-CustomControlTower-<resource name>-<UUID>`; `DenyStackInstanceChanges`',
  '  matches that name.',
  '- `aws:ResourceTag/<key>` works for every Lambda function and IAM role action the simulator\'s service data lists;',
  '  where a real service does not populate it for some action, the name-based statement (`DenyFunctionAndRoleChanges`)',
  '  still denies it: ABAC and RBAC overlap on purpose.',
  '- Negated condition operators (`ArnNotLike`, `StringNotEqualsIfExists`) evaluate to true when the key is absent, so a',
  '  request without `aws:PrincipalArn` (anonymous) is denied, not exempted.',
  '- The simulator implements the documented evaluation logic; it is not AWS. It reports the resource and condition',
  '  keys each action supports from the Service Authorization Reference; a key it ignores fails the row.',
  '- RCP grammar (docs): `Effect` Deny, `Principal` `"*"` only, no `NotPrincipal`, no `NotAction`, no bare `"*"` action,',
  '  only supported services (S3 here); the simulator validates the same rules.',
];

// ---------------------------------------------------------------------------------------------
// Command
// ---------------------------------------------------------------------------------------------

export const SECURITY_MATRIX_FILE = join('docs', 'security-matrix.md');

async function main(argv: readonly string[]): Promise<number> {
  const config = attackMatrixConfig();
  const results = await evaluateAttackMatrix(config);
  if (argv.includes('--write')) {
    writeFileSync(join(__dirname, '..', SECURITY_MATRIX_FILE), renderMarkdown(config, results));
    process.stdout.write(`wrote ${SECURITY_MATRIX_FILE}: ${summary(results)}\n`);
  } else if (argv.includes('--markdown')) {
    process.stdout.write(renderMarkdown(config, results));
  } else {
    process.stdout.write(renderTable(results) + '\n');
  }
  return results.every((r) => r.pass) ? 0 : 1;
}

if (require.main === module) {
  // exitCode, not exit(): exit() would cut off output still queued for a pipe.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
