/** The shapes of the generated Organizations policies. */

/** A condition block: operator, then condition key, then one value or a list of values. */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

/**
 * One statement of an SCP or RCP. The guardrails only deny; an RCP statement also names
 * `Principal: "*"` (the only principal RCPs accept). Exactly one of `Action` and `NotAction` is set
 * (RCPs accept only `Action`), and exactly one of `Resource` and `NotResource` (SCPs accept both:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html).
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Principal?: '*';
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: PolicyCondition;
}

/** An SCP or RCP document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** One policy file of the package and its manifest entry. */
export interface GeneratedPolicy {
  readonly kind: 'scp' | 'rcp';
  /** Manifest resource name = policy name = file name stem. */
  readonly name: string;
  /** Manifest `description` (CfCT uses it as the policy description): at most 512 plain ASCII characters. */
  readonly description: string;
  /** CfCT targets: OU names or `Parent:Child` paths. */
  readonly organizationalUnits: readonly string[];
  readonly document: PolicyDocument;
  /** Exact file content: minified JSON, no trailing newline. */
  readonly text: string;
  /** Length of `text` after CfCT's whitespace rewrite. */
  readonly cfctSize: number;
  /** The size budget the policy was checked against. */
  readonly budget: number;
}
