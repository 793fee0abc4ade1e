/**
 * The environment map: one `EnvironmentConfig` per organization or environment.
 *
 * These types are the single source of truth for configuration. The runtime validator
 * (`validate.ts`) checks every rule a type cannot express, and the README's configuration
 * reference is generated from the doc comments below (which is why this file is longer than
 * the others: the documentation of every field lives here, once).
 */

/** A data type whose request and response bodies Bedrock delivers to the log bucket. */
export type LoggedDataType = 'text' | 'image' | 'embedding' | 'video' | 'audio';

/** Every data type, in the order Bedrock's API lists them. */
export const ALL_DATA_TYPES: readonly LoggedDataType[] = ['text', 'image', 'embedding', 'video', 'audio'];

/** Lambda runtimes the custom-resource handlers are written and tested for. */
export type LambdaRuntime = 'nodejs22.x' | 'nodejs24.x';

/** Lambda runtimes accepted by the validator. */
export const SUPPORTED_RUNTIMES: readonly LambdaRuntime[] = ['nodejs22.x', 'nodejs24.x'];

/**
 * What the logging-configuration custom resource does when an account and region already
 * has a Bedrock model invocation logging configuration that this stack did not write.
 *
 * - `merge`: keep the team's CloudWatch Logs delivery (log group, role, large-data bucket)
 *   and set the organization's S3 delivery and data types next to it.
 * - `overwrite`: replace the whole configuration with the organization's (S3 only).
 * - `fail`: refuse, and fail the stack instance with a reason naming the existing setup.
 */
export type ExistingConfigurationPolicy = 'merge' | 'overwrite' | 'fail';

/** Accepted values of `ExistingConfigurationPolicy`. */
export const EXISTING_CONFIGURATION_POLICIES: readonly ExistingConfigurationPolicy[] = ['merge', 'overwrite', 'fail'];

/**
 * How each custom-resource role restricts `lambda.amazonaws.com` in its trust policy.
 *
 * - `function-arn`: only the project's own function may assume the role
 *   (`ArnLike aws:SourceArn <function ARN>`).
 * - `source-account`: any Lambda function of the same account may assume it
 *   (`StringEquals aws:SourceAccount <account>`); the SCP still stops other principals from
 *   passing the role to a function of their own.
 */
export type LambdaTrustScope = 'function-arn' | 'source-account';

/** Accepted values of `LambdaTrustScope`. */
export const LAMBDA_TRUST_SCOPES: readonly LambdaTrustScope[] = ['function-arn', 'source-account'];

/** Object Lock retention modes of S3. */
export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

/** Accepted values of `ObjectLockMode`. */
export const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['GOVERNANCE', 'COMPLIANCE'];

/**
 * Retention values CloudWatch Logs accepts, in days (`PutRetentionPolicy` `retentionInDays`,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * The waiting period of a KMS key scheduled for deletion, in days (`PendingWindowInDays` of
 * `AWS::KMS::Key`: 7 to 30,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html).
 */
export const KEY_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;

/** The account that collects every member's logs, and where it sits in the organization. */
export interface AggregationConfig {
  /**
   * Account ID of the aggregation account (for example Log Archive), as a quoted string of 12 digits.
   */
  readonly accountId: string;

  /**
   * Region of the central bucket.
   *
   * @default - the home region
   */
  readonly region?: string;

  /**
   * The OU that holds the aggregation account, as CfCT names it: a top-level OU by its name
   * (`Security`), a nested OU by its path (`Parent:Child`), never with a `Root:` prefix. The
   * guardrail SCP is attached to it, so the central bucket is protected too.
   */
  readonly organizationalUnit: string;

  /**
   * Also deploy the member stack to the aggregation account, so Bedrock used there is logged like
   * in any member account (its bucket replicates into the central bucket of the same account). The
   * guardrail SCP binds the aggregation account through its OU either way: without this, the build
   * reports the account as a coverage gap unless `policies.acknowledgedCoverageGaps` names it.
   *
   * @default false
   */
  readonly deployMemberStack?: boolean;
}

/** Where the member StackSet deploys: every listed OU and account, in every listed region. */
export interface MembersConfig {
  /**
   * OUs whose accounts get the member stack, as CfCT names them (`Workloads`, `Workloads:Prod`).
   * StackSets reach only accounts directly in a named OU, not in its sub-OUs: list each OU.
   * The guardrail SCP is attached to each of them.
   *
   * @default - no OUs (then `accounts` must name at least one account)
   */
  readonly organizationalUnits?: readonly string[];

  /**
   * Individual member accounts, as quoted strings of 12 digits. CfCT cannot attach an SCP to an
   * account: list the OU that holds each one in `policies.additionalOrganizationalUnits`. The
   * central bucket's policy names each one, and S3 allows 20 KB per bucket policy: the build
   * refuses a list that would pass it (about 570 accounts); target OUs for more.
   *
   * @default - no individual accounts
   */
  readonly accounts?: readonly string[];

  /**
   * Regions in which every member account gets a log bucket and a logging configuration. Bedrock
   * logging is per region: list every region where Bedrock may be used.
   */
  readonly regions: readonly string[];

  /**
   * The IDs (`ou-` then two groups of letters and digits) of the OUs in `organizationalUnits`, keyed
   * by the OU exactly as written there. Policies cannot name an OU by name: only with the ID of every
   * member OU can the central bucket accept replication from just the accounts that run the member
   * stack (`aws:PrincipalOrgPaths` of accounts directly in those OUs, plus `accounts` and, with
   * `aggregation.deployMemberStack`, the aggregation account).
   *
   * @default - no IDs: the central bucket accepts the replication roles of every account of the organization (the build warns)
   */
  readonly organizationalUnitIds?: Readonly<Record<string, string>>;
}

/** What Bedrock delivers, and where under the bucket. */
export interface LoggingConfig {
  /**
   * Data types whose bodies are delivered. The logging handler carries its own AWS SDK, so every
   * type is sent whatever SDK the Lambda runtime has. A region that does not offer a type (Bedrock
   * rejects its flag, or leaves it out of the configuration) gets the others, and the stack
   * reports which are not offered; see `requireAllDataTypes`.
   *
   * @default - all five: text, image, embedding, video, audio
   */
  readonly dataTypes?: readonly LoggedDataType[];

  /**
   * S3 key prefix Bedrock writes under (`<keyPrefix>/AWSLogs/<account>/BedrockModelInvocationLogs/...`).
   * Letters, digits and `!-_.*'()/`, no leading or trailing `/`.
   *
   * @default - no prefix: logs start at `AWSLogs/`
   */
  readonly keyPrefix?: string;

  /**
   * What to do when an account already has a logging configuration this stack did not write.
   *
   * @default 'merge'
   */
  readonly existingConfiguration?: ExistingConfigurationPolicy;

  /**
   * Fail the stack instance when its region does not offer one of `dataTypes`, instead of logging
   * the types the region offers and reporting the others. For teams that need every type logged
   * in every region.
   *
   * @default false
   */
  readonly requireAllDataTypes?: boolean;
}

/** The member account's log bucket: a short-lived buffer that replicates to the central bucket. */
export interface MemberBucketConfig {
  /**
   * Days after which current log objects expire in the member buckets (noncurrent versions are
   * removed one day later). Objects still pending replication are kept until they have replicated.
   *
   * @default 1
   */
  readonly expirationDays?: number;
}

/** Object Lock default retention of the central bucket. */
export interface ObjectLockConfig {
  /**
   * `GOVERNANCE` lets principals with `s3:BypassGovernanceRetention` delete early;
   * `COMPLIANCE` lets nobody, not even the root user, delete before the retention ends.
   *
   * @default 'GOVERNANCE'
   */
  readonly mode?: ObjectLockMode;

  /** Default retention of every replicated object, in days. */
  readonly days: number;
}

/** The central bucket in the aggregation account. */
export interface CentralBucketConfig {
  /**
   * Days after which log objects expire in the central bucket (noncurrent versions one day later).
   *
   * @default 365
   */
  readonly retentionDays?: number;

  /**
   * Object Lock default retention. Object Lock can only be switched on when the bucket is created.
   *
   * @default - no Object Lock
   */
  readonly objectLock?: ObjectLockConfig;

  /**
   * S3 Replication Time Control on every member bucket's replication rule: 99.99 % of objects
   * within 15 minutes, with replication metrics. Costs extra per GB replicated and, above all,
   * four CloudWatch replication metrics per member bucket (see `npm run cost -- --rtc`).
   *
   * @default false
   */
  readonly replicationTimeControl?: boolean;
}

/**
 * The query layer in the aggregation account: a Glue table over the central bucket (partition
 * projection, no crawler), an Athena workgroup with enforced settings, a results bucket and saved
 * queries. Glue and Athena cost nothing while nobody queries; each query costs what it scans.
 */
export interface QueryConfig {
  /**
   * Create the query layer.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Days after which query results expire in the results bucket. Results can hold prompts and
   * responses (the identity query returns bodies): keep this short.
   *
   * @default 7
   */
  readonly resultsExpirationDays?: number;

  /**
   * Most data one query may scan, in GB (whole numbers); Athena cancels a query that reaches it.
   * At $5 per TB scanned, 100 GB caps a query at about $0.49.
   *
   * @default 100
   */
  readonly bytesScannedCutoffGb?: number;

  /**
   * Accounts written into the saved queries' account list, as quoted strings of 12 digits. The
   * table's account partition is injected, so every query names its accounts: list the member
   * accounts whose logs the saved queries should cover (`usage` finds them in the bucket itself).
   *
   * @default - `members.accounts` and the aggregation account
   */
  readonly accounts?: readonly string[];
}

/**
 * Why an OU or account that the guardrail SCPs bind but the member StackSet does not reach (so
 * Bedrock can be used there without logging) is accepted on purpose.
 */
export interface CoverageGapAcknowledgement {
  /** Why the gap is acceptable (for example: Bedrock is denied there by another SCP), for reviewers. */
  readonly reason: string;
}

/** The guardrail SCPs (and optional RCP). */
export interface PoliciesConfig {
  /**
   * Maximum size in characters of one SCP after CfCT's whitespace rewrite. Organizations allows
   * 10,240 since 2026-05-15 (5,120 before): raise it only where the organization has the new limit.
   *
   * @default 5120
   */
  readonly scpSizeBudget?: number;

  /**
   * SCP slots still free on every target OU (Organizations allows 10 attached per target since
   * 2026-05-15, 5 before; Control Tower and FullAWSAccess take some). The build fails when the
   * guardrails need more policies than this. At the default budget of 5,120 characters the
   * guardrails take two policies.
   *
   * @default 2
   */
  readonly freeScpSlots?: number;

  /**
   * Role name patterns (IAM `ArnLike` wildcards on the role name, for example `BreakGlass*`) that
   * are exempt from the guardrails, like the execution role. Roles at the default path `/` only; a
   * pattern may not start with a wildcard (`*Admin` would also match roles IAM Identity Center
   * creates for any permission set named `...Admin`): use `exemptPermissionSets` for those.
   *
   * @default - none
   */
  readonly exemptRolePatterns?: readonly string[];

  /**
   * IAM Identity Center permission sets whose roles are exempt from the guardrails, by permission
   * set name (for example `PlatformAdmin`). The exemption matches exactly the roles Identity Center
   * creates for that permission set in every account,
   * `role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<name>_<16-character suffix>`,
   * and no role of another permission set.
   *
   * @default - none
   */
  readonly exemptPermissionSets?: readonly string[];

  /**
   * Further OUs the guardrail SCP is attached to, for example the OUs that hold accounts listed
   * in `members.accounts`.
   *
   * @default - none
   */
  readonly additionalOrganizationalUnits?: readonly string[];

  /**
   * Also write a resource control policy that keeps principals outside the organization away from
   * the central bucket, attached to the aggregation account's OU.
   *
   * @default false
   */
  readonly resourceControlPolicy?: boolean;

  /**
   * Deny Bedrock (and the `bedrock-mantle` endpoint) outside `members.regions`, where no logging
   * configuration is set, except the destination half of cross-region inference started through an
   * inference profile of a member region (logged in that source region).
   *
   * @default true
   */
  readonly denyBedrockOutsideMemberRegions?: boolean;

  /**
   * Deny the inference APIs whose model calls model invocation logging does not record (batch and
   * evaluation jobs, agents, flows, knowledge-base generation, Data Automation, the `bedrock-mantle`
   * endpoint; the list and its sources are in docs/security.md).
   *
   * @default true
   */
  readonly denyUnloggedInference?: boolean;

  /**
   * OUs and accounts the guardrail SCPs bind but the member StackSet does not reach, each accepted
   * with a reason, keyed by the OU as written in the map (the aggregation OU, one of
   * `additionalOrganizationalUnits`, or a child `Parent:Child` of a bound OU) or by the aggregation
   * account's ID. The build refuses every other such gap.
   *
   * @default - none
   */
  readonly acknowledgedCoverageGaps?: Readonly<Record<string, CoverageGapAcknowledgement>>;
}

/**
 * Customer managed KMS keys for the log buckets (SSE-KMS) instead of SSE-S3. What each key policy
 * allows, what happens on stack deletion, and the runbook: docs/kms-and-cloudwatch.md.
 */
export interface EncryptionConfig {
  /**
   * Encrypt with customer managed KMS keys: one key per member account and region (its member bucket
   * and, with `cloudWatchLogs`, its log group) and one in the aggregation account for the central
   * bucket. S3 Bucket Keys on, yearly automatic rotation on, replication of SSE-KMS objects with the
   * central key. About $1 a month per key (see `npm run cost -- --kms`).
   *
   * @default false
   */
  readonly kms?: boolean;

  /**
   * Days a member key waits in the `PendingDeletion` state after its stack is deleted (or after
   * `kms` is switched off), during which the deletion can be cancelled. CloudFormation deletes the key
   * only after the bucket, which the stack empties first. The central key is never deleted by a stack:
   * it is retained with the central bucket.
   *
   * @default 30
   */
  readonly keyDeletionWindowDays?: number;
}

/**
 * Delivery of the same invocation logs to CloudWatch Logs, next to the S3 delivery (which stays), for
 * teams that alert in real time.
 */
export interface CloudWatchLogsConfig {
  /**
   * Also deliver to a log group in every member account and region (`/aws/bedrock/<prefix>-invocations`),
   * through a role Bedrock assumes; bodies too large for CloudWatch Logs go to the member bucket, under
   * `logging.keyPrefix`, so they replicate like every log object. Encrypted with the member key when
   * `encryption.kms` is on. Replaces a team's own CloudWatch delivery in each account and region (there
   * is one per account and region). Costs CloudWatch Logs ingestion and storage (`npm run cost -- --cloudwatch`).
   *
   * @default false
   */
  readonly enabled?: boolean;

  /**
   * Days the log group keeps events: one of the values CloudWatch Logs accepts. The central bucket
   * keeps the audit record; this copy is for alerting and recent queries.
   *
   * @default 30
   */
  readonly retentionDays?: number;
}

/** One organization or environment. */
export interface EnvironmentConfig {
  /** Control Tower home region: the manifest's `region` and where CfCT runs. */
  readonly homeRegion: string;

  /** AWS Organizations ID (`o-` then 10 to 32 lower-case letters or digits). */
  readonly organizationId: string;

  /**
   * Management account ID, as a quoted string of 12 digits. The build records it in the package
   * record; `publish` names the CfCT source bucket after it and uploads only with this account's
   * credentials.
   *
   * @default - `publish` refuses the package: the CfCT source bucket is unknown
   */
  readonly managementAccountId?: string;

  /**
   * Prefix of every resource name (buckets, roles, functions, manifest resources, policies).
   * Lower-case letters, digits and hyphens, starting with a letter; short enough that every
   * derived name fits AWS's length limits in every configured region. The SCPs protect resources
   * by this prefix, so choose one no team uses for its own resources.
   *
   * @default 'bedrock-logs'
   */
  readonly resourcePrefix?: string;

  /** The aggregation account and its OU. */
  readonly aggregation: AggregationConfig;

  /** Member OUs, accounts and regions. */
  readonly members: MembersConfig;

  /**
   * What Bedrock logs and where.
   *
   * @default - every data type, no key prefix, merge with an existing configuration
   */
  readonly logging?: LoggingConfig;

  /**
   * Member log bucket settings.
   *
   * @default - objects expire after 1 day
   */
  readonly memberBucket?: MemberBucketConfig;

  /**
   * Central bucket settings.
   *
   * @default - 365-day retention, no Object Lock, no Replication Time Control
   */
  readonly centralBucket?: CentralBucketConfig;

  /**
   * The query layer over the central bucket (Glue table, Athena workgroup, results bucket, saved queries).
   *
   * @default - on, results kept 7 days, 100 GB scanned at most per query
   */
  readonly query?: QueryConfig;

  /**
   * Customer managed KMS keys for the buckets and the log group.
   *
   * @default - SSE-S3 (S3 managed keys), no customer managed key
   */
  readonly encryption?: EncryptionConfig;

  /**
   * CloudWatch Logs delivery next to the S3 delivery.
   *
   * @default - no CloudWatch Logs delivery
   */
  readonly cloudWatchLogs?: CloudWatchLogsConfig;

  /**
   * Guardrail policy settings.
   *
   * @default - 5,120-character budget, two free slots, no exemptions beyond the execution role, no RCP, Bedrock denied outside the member regions and on unlogged inference APIs
   */
  readonly policies?: PoliciesConfig;

  /**
   * Role through which CfCT deploys the StackSets in every account; exempt from the guardrails.
   *
   * @default 'AWSControlTowerExecution'
   */
  readonly executionRoleName?: string;

  /**
   * Lambda runtime of the custom-resource functions.
   *
   * @default 'nodejs22.x'
   */
  readonly lambdaRuntime?: LambdaRuntime;

  /**
   * Scope of the custom-resource roles' trust in `lambda.amazonaws.com`.
   *
   * @default 'function-arn'
   */
  readonly lambdaTrustScope?: LambdaTrustScope;

  /**
   * The manifest's `enable_stack_set_deletion`: when true, CfCT deletes every CfCT StackSet that is
   * missing from the manifest (including other packages' StackSets in the same pipeline).
   *
   * @default false
   */
  readonly enableStackSetDeletion?: boolean;
}

/** The shape of `cdk/env/map.ts` and `cdk/env/map.example.ts`. */
export interface EnvironmentMap {
  /**
   * The environment built when `--env` is not given.
   *
   * @default - the only environment, when there is exactly one
   */
  readonly defaultEnvironment?: string;

  /** Environments by name (letters, digits, `-` and `_`). */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
}
