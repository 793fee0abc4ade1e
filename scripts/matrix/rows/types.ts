/** The shapes of the matrix: who asks, what they ask, what the guardrails must answer. */
import type { Simulation } from '@cloud-copilot/iam-simulate';

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

/** One request, before an actor makes it. */
export interface RequestSpec {
  readonly area: string;
  readonly attempt: string;
  readonly action: string;
  readonly resource: string;
  /** Account that owns the resource (for `*` resources: the account the call is made in). */
  readonly resourceAccount: string;
  /** Region the request is made in (`aws:RequestedRegion`). @default - the scenario's first member region */
  readonly region?: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  /** Resource policy in force (cross-account requests and the RCP rows need one). */
  readonly resourcePolicy?: unknown;
}

export interface RowOptions {
  /**
   * Allowed on purpose, but a documented residual risk (an opted-out setting, the management
   * account): the text says which.
   */
  readonly residual?: string;
  /**
   * A cross-account request with the shipped bucket policy: it counts as denied when no policy
   * grants it (implicit deny), not only when a guardrail denies it.
   */
  readonly implicitDenyCounts?: boolean;
}

export interface MatrixRow extends RowOptions {
  /** `<scenario>#<n>`, stable within a run. */
  readonly id: string;
  readonly scenario: string;
  readonly area: string;
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
  /** Sids of the SCP/RCP/bucket-policy statements that denied the request. */
  readonly decidedBy: string[];
  readonly ignoredContextKeys: string[];
  readonly error?: string;
  readonly pass: boolean;
}

/** Area names, in the order the matrix lists them. */
export const AREAS = {
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
  orgPolicies: 'Organizations policies',
  hooks: 'CloudFormation Hooks',
  bedrockSettings: 'Bedrock account settings',
  unlogged: 'Unlogged inference',
  regions: 'Regions',
  identityCenter: 'Identity Center exemptions',
  replication: 'Central bucket replication',
  logs: 'Function logs',
  squatting: 'Name squatting',
  query: 'Query layer',
  passRole: 'Passing roles',
  keys: 'KMS keys',
  keysRcp: 'Central key (RCP)',
  logGroup: 'Invocation log group',
} as const;
