/**
 * The registry of every name the package uses: manifest resources (= stack ids, template and policy
 * file names), AWS resources, IAM wildcard patterns, package files. Stacks, policies, the manifest
 * writer, the validator and the tests read names from here; nothing else spells one out.
 *
 * Per-account names are built from a template with `{account}` and `{region}` slots, so the same
 * definition yields a CloudFormation `Fn::Sub` string (pseudo parameters: one template serves every
 * account and region), a concrete name (length checks, manifest parameters) and an IAM wildcard
 * pattern (the SCPs and bucket policies).
 */

/** The pseudo-parameter strings that fill the slots inside `Fn::Sub`. */
export const SUB_ACCOUNT = '${AWS::AccountId}';
export const SUB_REGION = '${AWS::Region}';
/** An `Fn::Sub` variable for the stack's own UUID (the last part of its stack ID); the stack defines it. */
export const SUB_STACK_UUID = '${StackUuid}';

/** Files and folders of a CfCT package, relative to its root. */
export const MANIFEST_FILE = 'manifest.yaml';
export const TEMPLATES_DIR = 'customizations';
export const POLICIES_DIR = 'policies';
/**
 * The package record: what the package was built for and what it owns (manifest resources, files
 * with their SHA-256). A JSON file at the package root, next to `manifest.yaml`; CfCT ignores it.
 */
export const RECORD_FILE = 'bedrock-invocation-logging.package.json';

/** The StackSets of the package, in manifest order: the central bucket must exist first. */
export type StackSetKind = 'aggregation' | 'member';
export const STACK_SET_ORDER: readonly StackSetKind[] = ['aggregation', 'member'];

/** Manifest descriptions of the StackSets. */
export const STACK_SET_DESCRIPTIONS: Readonly<Record<StackSetKind, string>> = {
  aggregation: "Central bucket that collects every member account's Bedrock model invocation logs",
  member: 'Bedrock model invocation logging to a local bucket that replicates to the central bucket',
};

/**
 * The query-results bucket's name starts with this, not with the resource prefix: the guardrails
 * deny every write to buckets named `<prefix>-*` except replication, and Athena writes query
 * results with the caller's own credentials.
 */
export const QUERY_RESULTS_BUCKET_PREFIX = 'athena-';

/** The Glue table of the invocation logs (inside the project's database). */
export const QUERY_TABLE = 'invocations';

/** Lambda writes a function's logs to the log group `/aws/lambda/<function name>`. */
export const LAMBDA_LOG_GROUP_PREFIX = '/aws/lambda/';

/**
 * Log group of a custom-resource function, under `/aws/lambda/<function>-`, unique per stack with
 * `stackUnique` (for example `SUB_STACK_UUID`): a group that a deleted stack's last log lines
 * re-create can never block the next stack.
 */
export function functionLogGroup(functionName: string, stackUnique: string): string {
  return `${LAMBDA_LOG_GROUP_PREFIX}${functionName}-${stackUnique}`;
}

/** Where the package's invocation log groups live (the `cloudWatchLogs` option). */
export const BEDROCK_LOG_GROUP_PREFIX = '/aws/bedrock/';

/** KMS alias names start with this. */
const KMS_ALIAS_PREFIX = 'alias/';

/** What a concrete name is, for AWS's length and character rules. */
export type NameKind = 'bucket' | 'role' | 'function';

/** Package-relative path of a StackSet's template. */
export function templateFile(resourceName: string): string {
  return `${TEMPLATES_DIR}/${resourceName}.template.json`;
}

/** Package-relative path of a policy file. */
export function policyFile(resourceName: string): string {
  return `${POLICIES_DIR}/${resourceName}.json`;
}

/**
 * Where Bedrock delivers one account's invocation logs inside a bucket:
 * `<keyPrefix>/AWSLogs/<account>/BedrockModelInvocationLogs/`, then `<region>/` (no leading part
 * without a key prefix; https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html).
 * Without `region`, the account's folder of every region.
 */
export function invocationLogPrefix(keyPrefix: string, account: string, region?: string): string {
  return `${keyPrefix === '' ? '' : `${keyPrefix}/`}AWSLogs/${account}/BedrockModelInvocationLogs/${region === undefined ? '' : `${region}/`}`;
}

/** Every name of one deployment of the package, derived from its resource prefix. */
export class Names {
  constructor(public readonly prefix: string) {}

  // --- manifest resources ---------------------------------------------------------------------

  /** The guardrail SCP of number `index` (1-based); the first has no suffix. */
  scp(index: number): string {
    return index <= 1 ? `${this.prefix}-guardrails` : `${this.prefix}-guardrails-${index}`;
  }

  /** The optional RCP protecting the central bucket. */
  get rcp(): string {
    return `${this.prefix}-central-bucket-rcp`;
  }

  /** A StackSet's manifest resource name (also its stack id and template file stem). */
  stackSet(kind: StackSetKind): string {
    return `${this.prefix}-${kind}`;
  }

  // --- AWS resources ----------------------------------------------------------------------------

  /** Member log bucket: one per member account and region. */
  memberBucket(account: string, region: string): string {
    return `${this.prefix}-${account}-${region}`;
  }

  /** Central bucket in the aggregation account. */
  centralBucket(account: string, region: string): string {
    return `${this.prefix}-central-${account}-${region}`;
  }

  /** Replication role of the member bucket; IAM names are global per account, so it names the region. */
  replicationRole(region: string): string {
    return `${this.prefix}-replication-${region}`;
  }

  /** Function that puts and deletes the Bedrock logging configuration (function names are regional). */
  get loggingConfigFunction(): string {
    return `${this.prefix}-logging-config`;
  }

  /** Role of the logging-configuration function. */
  loggingConfigRole(region: string): string {
    return `${this.prefix}-logging-config-${region}`;
  }

  /** Function that empties the member bucket when the stack is deleted. */
  get bucketEmptierFunction(): string {
    return `${this.prefix}-bucket-emptier`;
  }

  /** Role of the bucket-emptier function. */
  bucketEmptierRole(region: string): string {
    return `${this.prefix}-bucket-emptier-${region}`;
  }

  /**
   * Role Bedrock assumes to write invocation logs to the CloudWatch Logs log group (the
   * `cloudWatchLogs` option). It starts with the prefix, so the prefix-based guardrails cover it; IAM
   * names are global per account, so it names the region.
   */
  cloudWatchRole(region: string): string {
    return `${this.prefix}-cloudwatch-${region}`;
  }

  /**
   * Log group Bedrock delivers invocation logs to (the `cloudWatchLogs` option), one per member
   * account and region. A fixed name: alerting and queries find it in every account.
   */
  get invocationLogGroup(): string {
    return `${BEDROCK_LOG_GROUP_PREFIX}${this.prefix}-invocations`;
  }

  /** Alias of the member key (`encryption.kms`): one key per member account and region. */
  get memberKeyAlias(): string {
    return `${KMS_ALIAS_PREFIX}${this.prefix}-member`;
  }

  /**
   * Alias of the central key in the aggregation account. Member stacks name the key that encrypts
   * replicas by this alias's fully qualified ARN, which names the aggregation account and region.
   */
  get centralKeyAlias(): string {
    return `${KMS_ALIAS_PREFIX}${this.prefix}-central`;
  }

  // --- query layer (aggregation account) --------------------------------------------------------

  /** Glue database of the invocation logs: Glue and Athena names take letters, digits and `_`, not `-`. */
  get queryDatabase(): string {
    return this.prefix.replace(/-/g, '_');
  }

  /** Glue table of the invocation logs. */
  get queryTable(): string {
    return QUERY_TABLE;
  }

  /** Athena workgroup whose settings every query of the logs runs with. */
  get queryWorkgroup(): string {
    return `${this.prefix}-invocation-logs`;
  }

  /** Bucket Athena writes query results to, in the aggregation account. */
  queryResultsBucket(account: string, region: string): string {
    return `${QUERY_RESULTS_BUCKET_PREFIX}${this.prefix}-${account}-${region}`;
  }

  /** A saved (named) query of the workgroup, as the Athena console lists it. */
  namedQuery(id: string): string {
    return `${this.prefix}-${id}`;
  }

  // --- patterns ---------------------------------------------------------------------------------

  /**
   * Every name the project gives (buckets, roles, functions, customer-managed policies should a
   * stack ever create one), as an IAM/ARN wildcard on the name: RBAC by prefix.
   */
  get any(): string {
    return `${this.prefix}-*`;
  }

  /** The log groups Lambda creates for the project's functions (and any function named with the prefix). */
  get functionLogGroups(): string {
    return `${LAMBDA_LOG_GROUP_PREFIX}${this.any}`;
  }

  /** The invocation log groups (`/aws/bedrock/<prefix>-*`), and any other of that name the prefix owns. */
  get invocationLogGroups(): string {
    return `${BEDROCK_LOG_GROUP_PREFIX}${this.any}`;
  }

  /** The replication roles of every member account and region. */
  get replicationRolePattern(): string {
    return this.replicationRole('*');
  }

  /** Every key alias of the project (`alias/<prefix>-*`). */
  get keyAliasPattern(): string {
    return `${KMS_ALIAS_PREFIX}${this.any}`;
  }

  /**
   * Every name a stack instance creates, concretely, for length and character checks (including the
   * role the `cloudWatchLogs` option adds).
   */
  concreteNames(account: string, region: string): { kind: NameKind; name: string }[] {
    return [
      { kind: 'bucket', name: this.memberBucket(account, region) },
      { kind: 'role', name: this.replicationRole(region) },
      { kind: 'role', name: this.cloudWatchRole(region) },
      { kind: 'role', name: this.loggingConfigRole(region) },
      { kind: 'role', name: this.bucketEmptierRole(region) },
      { kind: 'function', name: this.loggingConfigFunction },
      { kind: 'function', name: this.bucketEmptierFunction },
    ];
  }
}
