/**
 * The environment map: one `EnvironmentConfig` per organization or environment.
 *
 * These types are the single source of truth for configuration. The runtime validator
 * (`validate.ts`) checks every rule a type cannot express, and the README's configuration
 * reference is generated from the doc comments below.
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
   * account: list the OU that holds each one in `policies.additionalOrganizationalUnits`.
   *
   * @default - no individual accounts
   */
  readonly accounts?: readonly string[];

  /**
   * Regions in which every member account gets a log bucket and a logging configuration. Bedrock
   * logging is per region: list every region where Bedrock may be used.
   */
  readonly regions: readonly string[];
}

/** What Bedrock delivers, and where under the bucket. */
export interface LoggingConfig {
  /**
   * Data types whose bodies are delivered. `video` and `audio` need a Lambda runtime whose
   * bundled AWS SDK knows those fields; the handler fails loudly when a setting did not stick.
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
   * guardrails need more policies than this.
   *
   * @default 1
   */
  readonly freeScpSlots?: number;

  /**
   * Role name patterns (IAM `ArnLike` wildcards on the role name, for example `BreakGlass*`) that
   * are exempt from the guardrails, like the execution role.
   *
   * @default - none
   */
  readonly exemptRolePatterns?: readonly string[];

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
   * Guardrail policy settings.
   *
   * @default - 5,120-character budget, one free slot, no exemptions beyond the execution role, no RCP
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
