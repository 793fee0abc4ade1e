/**
 * What the guardrails protect and whom they exempt, as ARN patterns derived from the configuration
 * and the name registry (`cdk/names.ts`). Nothing here spells out a resource name.
 */
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, BEDROCK_SERVICE_PRINCIPAL, STACK_SET_NAME_PREFIX } from '../constants';
import type { ResolvedConfig } from '../env/resolve';
import { Names, STACK_SET_ORDER } from '../names';

/** The partition the guardrails are written for (commercial AWS). */
export const PARTITION = 'aws';

/** CloudFormation names every StackSet instance's stack `StackSet-<StackSet name>-<UUID>`. */
export const STACK_INSTANCE_NAME_PREFIX = 'StackSet-';

/**
 * How IAM Identity Center names the roles of a permission set in each account:
 * `role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<permission set>_<suffix>`, the region
 * present unless the instance's identity source is in us-east-1, the suffix 16 characters (AWS's
 * examples: `1234567890abcdef`). Source: "Referencing permission sets in resource policies",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html.
 */
export const IDENTITY_CENTER = {
  rolePath: 'aws-reserved/sso.amazonaws.com/',
  rolePrefix: 'AWSReservedSSO_',
  suffixChars: 16,
} as const;

/**
 * The exemption of one permission set: exactly its roles, in any account and any region path. The
 * `*` after the service path matches `` (identity source in us-east-1) or `<region>/`; the fixed
 * `_` and the exactly 16 `?` after the name mean a name cannot match another permission set's
 * roles (a longer name would leave more than 16 characters, a shorter one fewer). Only Identity
 * Center creates roles under `aws-reserved/`, and the guardrails also protect these ARNs from
 * everyone else (`exemptRoles`). If AWS ever changed the suffix length, the pattern would match
 * nothing: the exemption fails closed.
 */
export function permissionSetRolePattern(account: string, permissionSet: string): string {
  return roleArn(account, `${IDENTITY_CENTER.rolePath}*${IDENTITY_CENTER.rolePrefix}${permissionSet}_${'?'.repeat(IDENTITY_CENTER.suffixChars)}`);
}

/** Condition keys the guardrails read. */
export const KEYS = {
  principalArn: 'aws:PrincipalArn',
  requestedRegion: 'aws:RequestedRegion',
  inferenceProfileArn: 'bedrock:InferenceProfileArn',
  principalOrgId: 'aws:PrincipalOrgID',
  principalIsAwsService: 'aws:PrincipalIsAWSService',
  sourceOrgId: 'aws:SourceOrgID',
  sourceAccount: 'aws:SourceAccount',
  tagKeys: 'aws:TagKeys',
  resourceTag: `aws:ResourceTag/${AUDIT_TAG_KEY}`,
  sourceFunctionArn: 'lambda:SourceFunctionArn',
  functionArn: 'lambda:FunctionArn',
  calledVia: 'aws:CalledVia',
  passedToService: 'iam:PassedToService',
  resourceAliases: 'kms:ResourceAliases',
} as const;

/**
 * Service principals the guardrails compare `aws:CalledVia` with. Athena reads and writes S3 with
 * the caller's own credentials and names itself in `aws:CalledVia` on those requests: "Control access
 * to Amazon S3 from Athena", https://docs.aws.amazon.com/athena/latest/ug/s3-permissions.html, and
 * "Use CalledVia context keys for Athena", https://docs.aws.amazon.com/athena/latest/ug/security-iam-athena-calledvia.html.
 */
export const SERVICE_PRINCIPALS = { athena: 'athena.amazonaws.com', bedrock: BEDROCK_SERVICE_PRINCIPAL } as const;

/** The audit tag's key and value, as the ABAC statements compare them (case-insensitively). */
export const AUDIT_TAG = { key: AUDIT_TAG_KEY, value: AUDIT_TAG_VALUE } as const;

/** The stack name prefix of a StackSet instance of the manifest resource `resourceName`. */
export function stackInstanceName(resourceName: string): string {
  return `${STACK_INSTANCE_NAME_PREFIX}${STACK_SET_NAME_PREFIX}${resourceName}`;
}

/** Keeps the first occurrence of every value: exemptions listed twice would only cost characters. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export const roleArn = (account: string, roleName: string): string => `arn:${PARTITION}:iam::${account}:role/${roleName}`;
export const functionArn = (region: string, account: string, functionName: string): string =>
  `arn:${PARTITION}:lambda:${region}:${account}:function:${functionName}`;
export const bucketArn = (bucketName: string): string => `arn:${PARTITION}:s3:::${bucketName}`;
export const objectArn = (bucketName: string, key: string): string => `${bucketArn(bucketName)}/${key}`;
export const managedPolicyArn = (account: string, policyName: string): string =>
  `arn:${PARTITION}:iam::${account}:policy/${policyName}`;
export const stackArn = (region: string, account: string, stackName: string): string =>
  `arn:${PARTITION}:cloudformation:${region}:${account}:stack/${stackName}`;
export const logGroupArn = (region: string, account: string, logGroupName: string): string =>
  `arn:${PARTITION}:logs:${region}:${account}:log-group:${logGroupName}`;
/** KMS keys and aliases: `key/<key id>`, `alias/<alias name without alias/>` (an alias ARN names the alias, never its key). */
export const kmsKeyArn = (region: string, account: string, keyId: string): string => `arn:${PARTITION}:kms:${region}:${account}:key/${keyId}`;
export const kmsAliasArn = (region: string, account: string, aliasName: string): string => `arn:${PARTITION}:kms:${region}:${account}:${aliasName}`;
/** Organizations policy ARNs: `policy/o-<org>/<policy type, lower case>/p-<id>` in the management account. */
export const organizationsPolicyArn = (managementAccount: string, organizationId: string, policyType: string, policyId: string): string =>
  `arn:${PARTITION}:organizations::${managementAccount}:policy/${organizationId}/${policyType}/${policyId}`;
/**
 * Athena workgroups and Glue Data Catalog databases and tables, as the Service Authorization Reference
 * writes their ARNs (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonathena.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html).
 */
export const athenaWorkgroupArn = (region: string, account: string, workgroup: string): string =>
  `arn:${PARTITION}:athena:${region}:${account}:workgroup/${workgroup}`;
export const glueCatalogArn = (region: string, account: string): string => `arn:${PARTITION}:glue:${region}:${account}:catalog`;
export const glueDatabaseArn = (region: string, account: string, database: string): string =>
  `arn:${PARTITION}:glue:${region}:${account}:database/${database}`;
export const glueTableArn = (region: string, account: string, database: string, table: string): string =>
  `arn:${PARTITION}:glue:${region}:${account}:table/${database}/${table}`;
/** A system-defined (`inference-profile/`) or application (`application-inference-profile/`) inference profile. */
export const inferenceProfileArn = (region: string, account: string, profile: string): string =>
  `arn:${PARTITION}:bedrock:${region}:${account}:${profile}`;

/** Every ARN pattern the statements use, computed once from the configuration. */
export interface GuardrailScope {
  readonly names: Names;
  /** Principals exempt from every guardrail: the execution role and the configured patterns, any account. */
  readonly exemptPrincipals: string[];
  /** The same roles, but only in the aggregation account (the RCP protects one account's bucket). */
  readonly exemptPrincipalsInAggregationAccount: string[];
  readonly loggingConfigRole: string;
  readonly bucketEmptierRole: string;
  readonly replicationRole: string;
  /** The custom-resource functions, any qualifier (version or alias). */
  readonly loggingConfigFunction: string;
  readonly bucketEmptierFunction: string;
  /** Every function, role, customer-managed policy of the project (RBAC on the prefix). */
  readonly projectFunctions: string;
  readonly projectRoles: string;
  /**
   * Project role names under any path: IAM role names are unique per account whatever the path, so
   * `/x/<prefix>-logging-config-<region>` would block the stack from creating its role there.
   */
  readonly projectRolesUnderAnyPath: string;
  readonly projectManagedPolicies: string;
  /** The exempt roles themselves (and the permission sets' roles), which must not be taken over. */
  readonly exemptRoles: string[];
  /** Every role name the guardrails protect: the project's and the exempt ones, under any path. */
  readonly protectedRoles: string[];
  /**
   * The exempt role names under any other path: IAM role names are unique per account whatever the
   * path, so `role/x/AWSControlTowerExecution` would block the real role's creation.
   */
  readonly exemptRolesUnderAnyPath: string[];
  /** The organization's SCPs and RCPs (the guardrails among them; their IDs are known only after CfCT creates them). */
  readonly organizationGuardrailPolicies: string;
  /** The log groups of the project's functions (and their streams). */
  readonly functionLogGroups: string;
  /** The invocation log groups Bedrock delivers to (`cloudWatchLogs`), and their streams. */
  readonly invocationLogGroups: string;
  /** The roles Bedrock assumes to write to them, in every account and region. */
  readonly cloudWatchRoles: string;
  /** The project's key aliases (`alias/<prefix>-*`) in every account and region. */
  readonly keyAliases: string;
  /** The central key, by its alias (`kms:ResourceAliases`), and the keys of the aggregation account and region it is among. */
  readonly centralKeyAlias: string;
  readonly aggregationKeys: string;
  /** Inference profiles (system-defined and application) of the member regions, any account. */
  readonly memberRegionInferenceProfiles: string[];
  /** Every bucket of the project and every object in them. */
  readonly projectBuckets: string;
  readonly projectObjects: string;
  /** The central bucket and its objects. */
  readonly centralBuckets: string;
  readonly centralObjects: string;
  /** The stacks of the package's StackSet instances (aggregation, member) in every account and region. */
  readonly stackInstances: string[];
  /**
   * The query layer, which only the aggregation stack creates. The workgroup and the database by
   * exact ARN in the aggregation account and region: their names are not `<prefix>-*` (Glue takes no
   * `-`) and hold no account, so a wildcard account would also bind namesakes member teams create in
   * their own accounts.
   */
  readonly queryWorkgroup: string;
  readonly queryDatabase: string;
  /** Every table of the query database, the invocation-log table and any other one. */
  readonly queryTables: string;
  /**
   * Every results bucket (`athena-<prefix>-<account>-<region>`) and its objects, one pattern like
   * the central bucket's: bucket names are global, so the name is protected from every bound account.
   */
  readonly queryResultsBuckets: string;
  /** Any function, any role (the ABAC statements select by tag). */
  readonly anyFunction: string;
  readonly anyRole: string;
  /** Any KMS key (the ABAC statement selects the project's by tag). */
  readonly anyKey: string;
}

export function guardrailScope(config: ResolvedConfig): GuardrailScope {
  const names = new Names(config.prefix);
  const exemptRoleNames = unique([config.executionRoleName, ...config.policies.exemptRolePatterns]);
  const anyAccount = '*';
  const anyRegion = '*';
  const { accountId: aggregationAccount, region: aggregationRegion } = config.aggregation;
  const exempt = (account: string): string[] => [
    ...exemptRoleNames.map((name) => roleArn(account, name)),
    ...unique(config.policies.exemptPermissionSets).map((set) => permissionSetRolePattern(account, set)),
  ];
  const projectRoles = roleArn(anyAccount, names.any);
  const projectRolesUnderAnyPath = roleArn(anyAccount, `*/${names.any}`);
  const exemptRolesUnderAnyPath = exemptRoleNames.map((name) => roleArn(anyAccount, `*/${name}`));
  return {
    names,
    exemptPrincipals: exempt(anyAccount),
    exemptPrincipalsInAggregationAccount: exempt(aggregationAccount),
    loggingConfigRole: roleArn(anyAccount, names.loggingConfigRole(anyRegion)),
    bucketEmptierRole: roleArn(anyAccount, names.bucketEmptierRole(anyRegion)),
    replicationRole: roleArn(anyAccount, names.replicationRolePattern),
    loggingConfigFunction: functionArn(anyRegion, anyAccount, `${names.loggingConfigFunction}*`),
    bucketEmptierFunction: functionArn(anyRegion, anyAccount, `${names.bucketEmptierFunction}*`),
    projectFunctions: functionArn(anyRegion, anyAccount, names.any),
    projectRoles,
    projectRolesUnderAnyPath,
    projectManagedPolicies: managedPolicyArn(anyAccount, names.any),
    exemptRoles: exempt(anyAccount),
    exemptRolesUnderAnyPath,
    protectedRoles: [projectRoles, projectRolesUnderAnyPath, ...exempt(anyAccount), ...exemptRolesUnderAnyPath],
    // `*_control_policy` is `service_control_policy` and `resource_control_policy`, the lower-case
    // policy types of SCP and RCP ARNs (the other policy types end in `_policy` only).
    organizationGuardrailPolicies: organizationsPolicyArn(anyAccount, config.organizationId, '*_control_policy', '*'),
    functionLogGroups: logGroupArn(anyRegion, anyAccount, names.functionLogGroups),
    invocationLogGroups: logGroupArn(anyRegion, anyAccount, names.invocationLogGroups),
    cloudWatchRoles: roleArn(anyAccount, names.cloudWatchRole(anyRegion)),
    keyAliases: kmsAliasArn(anyRegion, anyAccount, names.keyAliasPattern),
    centralKeyAlias: names.centralKeyAlias,
    aggregationKeys: kmsKeyArn(aggregationRegion, aggregationAccount, '*'),
    memberRegionInferenceProfiles: config.members.regions.map((region) => inferenceProfileArn(region, anyAccount, '*inference-profile/*')),
    projectBuckets: bucketArn(names.any),
    projectObjects: objectArn(names.any, '*'),
    centralBuckets: bucketArn(names.centralBucket(anyAccount, anyRegion)),
    centralObjects: objectArn(names.centralBucket(anyAccount, anyRegion), '*'),
    stackInstances: STACK_SET_ORDER.map((kind) => names.stackSet(kind)).map((name) =>
      stackArn(anyRegion, anyAccount, `${stackInstanceName(name)}-*`),
    ),
    queryWorkgroup: athenaWorkgroupArn(aggregationRegion, aggregationAccount, names.queryWorkgroup),
    queryDatabase: glueDatabaseArn(aggregationRegion, aggregationAccount, names.queryDatabase),
    queryTables: glueTableArn(aggregationRegion, aggregationAccount, names.queryDatabase, '*'),
    queryResultsBuckets: bucketArn(names.queryResultsBucket(anyAccount, anyRegion)),
    anyFunction: functionArn(anyRegion, anyAccount, '*'),
    anyRole: roleArn(anyAccount, '*'),
    anyKey: kmsKeyArn(anyRegion, anyAccount, '*'),
  };
}
