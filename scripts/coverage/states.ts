/**
 * The vocabulary of a coverage report: how each account is classified, what state each
 * account × region cell is in, and how every renderer shows them. The JSON schema
 * (docs/coverage.schema.json) lists the same values; a test keeps the two equal.
 */

/** Version of the JSON report's shape; raised on any incompatible change. */
export const SCHEMA_VERSION = 1;

/** How an account relates to the environment's scope. */
export type AccountClass = 'covered' | 'guardrails-only' | 'outside' | 'management' | 'suspended';

/** Every account class, in report order. */
export const ACCOUNT_CLASSES: readonly AccountClass[] = ['covered', 'guardrails-only', 'outside', 'management', 'suspended'];

/** The state of one account × region cell. */
export type CellState =
  | 'logging'
  | 'configured-no-delivery'
  | 'stale'
  | 'delivery-unknown'
  | 'misconfigured'
  | 'stack-missing'
  | 'access-denied'
  | 'error'
  | 'not-checked'
  | 'not-in-scope';

/** How a state is shown and whether it counts as compliant. */
export interface StateInfo {
  /** A word or two for legends and headings. */
  readonly label: string;
  /** At most 7 characters, for the terminal grid. */
  readonly short: string;
  /** What it means, for the legend. */
  readonly description: string;
  /** Background colour of the HTML cell. */
  readonly colour: string;
  /** Text colour on that background (contrast of at least 4.5:1, WCAG AA). */
  readonly text: string;
  /**
   * Whether the cell passes: `always`, `configuration` (passes only with `--configuration-only`),
   * `never`, or `ignored` (not in scope: never counted).
   */
  readonly passes: 'always' | 'configuration' | 'never' | 'ignored';
}

/** Every cell state, from healthy to not in scope: the order of legends and summaries. */
export const STATES: Readonly<Record<CellState, StateInfo>> = {
  logging: {
    label: 'logging', short: 'OK', colour: '#1a7f37', text: '#ffffff', passes: 'always',
    description: 'configured as expected (logging configuration, bucket, replication, stack) and a log object arrived within the stale threshold',
  },
  'configured-no-delivery': {
    label: 'configured, no delivery', short: 'NODLV', colour: '#9a6700', text: '#ffffff', passes: 'configuration',
    description: 'configured as expected, but no log object has ever arrived under its prefix of the central bucket',
  },
  stale: {
    label: 'stale', short: 'STALE', colour: '#bc4c00', text: '#ffffff', passes: 'configuration',
    description: 'configured as expected, but the newest log object is older than the stale threshold',
  },
  'delivery-unknown': {
    label: 'delivery unknown', short: 'DLV?', colour: '#6e40c9', text: '#ffffff', passes: 'configuration',
    description: 'configured as expected, but the central bucket could not be read for delivery evidence',
  },
  misconfigured: {
    label: 'misconfigured', short: 'MISCFG', colour: '#cf222e', text: '#ffffff', passes: 'never',
    description: 'the logging configuration, the member bucket or its replication differs from what the package deploys (the problems say what)',
  },
  'stack-missing': {
    label: 'stack missing', short: 'NOSTACK', colour: '#a40e26', text: '#ffffff', passes: 'never',
    description: 'no live member StackSet instance stack in this account and region',
  },
  'access-denied': {
    label: 'access denied', short: 'DENIED', colour: '#57606a', text: '#ffffff', passes: 'never',
    description: 'the role could not be assumed, or a read was denied: nothing can be said about this cell',
  },
  error: {
    label: 'error', short: 'ERROR', colour: '#24292f', text: '#ffffff', passes: 'never',
    description: 'a read failed for another reason (throttling after every retry, a network error, a region not enabled)',
  },
  'not-checked': {
    label: 'not checked', short: 'SKIP', colour: '#afb8c1', text: '#1f2328', passes: 'never',
    description: 'the time budget ran out before this cell was checked',
  },
  'not-in-scope': {
    label: 'not in scope', short: '-', colour: '#eaeef2', text: '#1f2328', passes: 'ignored',
    description: 'the account is not covered by the member StackSet (see its classification)',
  },
};

/** Every cell state, in legend order. */
export const CELL_STATES = Object.keys(STATES) as CellState[];

/** Whether a cell in `state` passes the run (`configurationOnly`: delivery evidence is reported, not required). */
export function cellPasses(state: CellState, configurationOnly: boolean): boolean {
  const { passes } = STATES[state];
  return passes === 'always' || passes === 'ignored' || (passes === 'configuration' && configurationOnly);
}

/** Status of one check inside a cell. */
export type CheckStatus = 'ok' | 'missing' | 'differs' | 'denied' | 'error' | 'not-checked';

export const CHECK_STATUSES: readonly CheckStatus[] = ['ok', 'missing', 'differs', 'denied', 'error', 'not-checked'];

/** What the central bucket says about a cell's deliveries. */
export type DeliveryStatus = 'recent' | 'stale' | 'none' | 'unknown' | 'not-checked';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['recent', 'stale', 'none', 'unknown', 'not-checked'];
