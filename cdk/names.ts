/**
 * The registry of every name the package uses. Stacks, policies, the manifest writer, the
 * validator and the tests read names from here; nothing else spells one out.
 *
 * Per-account names are built from a template with `{account}` and `{region}` slots, so the same
 * definition yields a CloudFormation `Fn::Sub` string (pseudo parameters: one template serves
 * every account and region), a concrete name (length checks, manifest parameters) and an IAM
 * wildcard pattern (the SCPs and bucket policies).
 */

/** The pseudo-parameter strings that fill the slots inside `Fn::Sub`. */
export const SUB_ACCOUNT = '${AWS::AccountId}';
export const SUB_REGION = '${AWS::Region}';
/** An `Fn::Sub` variable for the stack's own UUID (the last part of its stack ID); the stack defines it. */
export const SUB_STACK_UUID = '${StackUuid}';

/** Resource names of the manifest entries (also stack ids, template and policy file names). */
export interface ResourceNames {
  /** The guardrail SCP of number `index` (1-based); the first has no suffix. */
  scp(index: number): string;
  /** The optional RCP protecting the central bucket. */
  readonly rcp: string;
  /** The aggregation StackSet. */
  readonly aggregation: string;
  /** The member StackSet. */
  readonly member: string;
}

export function resourceNames(prefix: string): ResourceNames {
  return {
    scp: (index: number) => (index <= 1 ? `${prefix}-guardrails` : `${prefix}-guardrails-${index}`),
    rcp: `${prefix}-central-bucket-rcp`,
    aggregation: `${prefix}-aggregation`,
    member: `${prefix}-member`,
  };
}

/** Names of the AWS resources the stacks create. */
export class Names {
  constructor(public readonly prefix: string) {}

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
   * Log group of a custom-resource function, under `/aws/lambda/<function>-`, unique per stack with
   * `stackUnique` (for example `SUB_STACK_UUID`): a group that a deleted stack's last log lines
   * re-create can never block the next stack.
   */
  functionLogGroup(functionName: string, stackUnique: string): string {
    return `/aws/lambda/${functionName}-${stackUnique}`;
  }

  /** Every bucket of the project, as an IAM/ARN wildcard on the bucket name. */
  get bucketPattern(): string {
    return `${this.prefix}-*`;
  }

  /** Every role of the project, as an IAM wildcard on the role name. */
  get rolePattern(): string {
    return `${this.prefix}-*`;
  }

  /** Every function of the project, as an IAM wildcard on the function name. */
  get functionPattern(): string {
    return `${this.prefix}-*`;
  }

  /**
   * Customer-managed IAM policies of the project (should a stack ever create one instead of inline
   * policies), as an IAM wildcard on the policy name: the guardrails protect them like the roles.
   */
  get managedPolicyPattern(): string {
    return `${this.prefix}-*`;
  }

  /** The replication roles of every member account and region. */
  get replicationRolePattern(): string {
    return this.replicationRole('*');
  }

  /** Every name a stack instance creates, concretely, for length and character checks. */
  concreteNames(account: string, region: string): { kind: NameKind; name: string }[] {
    return [
      { kind: 'bucket', name: this.memberBucket(account, region) },
      { kind: 'role', name: this.replicationRole(region) },
      { kind: 'role', name: this.loggingConfigRole(region) },
      { kind: 'role', name: this.bucketEmptierRole(region) },
      { kind: 'function', name: this.loggingConfigFunction },
      { kind: 'function', name: this.bucketEmptierFunction },
    ];
  }
}

export type NameKind = 'bucket' | 'role' | 'function';
