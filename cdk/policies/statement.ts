/** Builds statements with one canonical key order, so the JSON text is deterministic. */
import { KEYS, unique } from './scope';
import type { PolicyCondition, PolicyStatement } from './types';

export interface DenyProps {
  readonly sid: string;
  /** Only for RCP statements, which must name `Principal: "*"`. */
  readonly principal?: '*';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: string | readonly string[];
  /** Everything but these resources (SCP statements only). */
  readonly notResource?: string | readonly string[];
  readonly condition?: PolicyCondition;
}

export function deny(props: DenyProps): PolicyStatement {
  if ((props.action === undefined) === (props.notAction === undefined)) {
    throw new Error(`statement ${props.sid}: set exactly one of action and notAction`);
  }
  if ((props.resource === undefined) === (props.notResource === undefined)) {
    throw new Error(`statement ${props.sid}: set exactly one of resource and notResource`);
  }
  return {
    Sid: props.sid,
    Effect: 'Deny',
    ...(props.principal ? { Principal: props.principal } : {}),
    ...(props.action ? { Action: unique(props.action) } : {}),
    ...(props.notAction ? { NotAction: unique(props.notAction) } : {}),
    ...(props.resource !== undefined ? { Resource: resources(props.resource) } : {}),
    ...(props.notResource !== undefined ? { NotResource: resources(props.notResource) } : {}),
    ...(props.condition ? { Condition: props.condition } : {}),
  };
}

function resources(value: string | readonly string[]): string | string[] {
  return typeof value === 'string' ? value : single(unique(value));
}

/** `{ ArnNotLike: { aws:PrincipalArn: [...] } }`: the statement applies to everyone else. */
export function principalNotLike(arns: readonly string[]): PolicyCondition {
  return { ArnNotLike: { [KEYS.principalArn]: single(unique(arns)) } };
}

/** Condition values, deduplicated, a single one as a bare string (shorter). */
export function conditionValues(values: readonly string[]): string | string[] {
  return single(unique(values));
}

/** A one-element list as a bare string (shorter); anything else as a list. */
function single(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}
