import { isRecord } from '../context';
import { dotPath, type PathSegment } from '../paths';
import { policyTargets } from '../targets';
import type { Finding, Rule } from '../types';

const POLICY_KEYS = ['Version', 'Id', 'Statement'];
const SCP_STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const RCP_STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'NotResource', 'Condition'];
const SID = /^[A-Za-z0-9]*$/;
/** `service:Action`, wildcards allowed, or `*`. */
const ACTION = /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
/** The IAM condition operators, with the optional set prefix and `IfExists` suffix. */
const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const OPERATOR = new RegExp(`^(?:ForAllValues:|ForAnyValue:)?(${OPERATORS.join('|')})(IfExists)?$`);

export const policyGrammar: Rule = {
  id: 'policy-grammar',
  description: 'every SCP/RCP follows the policy grammar: Version, Statement, Effect, Action/NotAction, Resource/NotResource, Condition shapes, Sid characters',
  why: 'Organizations rejects a malformed policy only when CfCT creates or updates it, after the pipeline has started deploying',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { file, kind, json } of policyTargets(ctx)) {
      if (!isRecord(json.value)) continue; // policy-json
      const add = (at: PathSegment[], message: string, value: unknown, fix: string): void => {
        findings.push({ file, line: json.lineOf(at), path: dotPath(at), message, value: value === undefined ? undefined : show(value), fix });
      };
      checkPolicy(json.value, kind, add);
    }
    return findings;
  },
};

type Add = (at: PathSegment[], message: string, value: unknown, fix: string) => void;

function checkPolicy(policy: Record<string, unknown>, kind: 'scp' | 'rcp', add: Add): void {
  const KIND = kind.toUpperCase();
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.includes(key)) add([key], `not a policy element`, key, `remove it (a policy has ${POLICY_KEYS.join(', ')})`);
  }
  const versions = kind === 'rcp' ? ['2012-10-17'] : ['2012-10-17', '2008-10-17'];
  if (!('Version' in policy)) add([], 'no Version', undefined, 'add "Version": "2012-10-17"');
  else if (!versions.includes(policy.Version as string)) add(['Version'], `Version must be ${versions.join(' or ')}`, policy.Version, 'write "Version": "2012-10-17"');

  const statement = policy.Statement;
  if (statement === undefined) {
    add([], 'no Statement', undefined, 'add "Statement": [ … ]');
    return;
  }
  const statements: [PathSegment[], unknown][] = Array.isArray(statement)
    ? statement.map((s, i) => [['Statement', i], s])
    : [[['Statement'], statement]];
  if (Array.isArray(statement) && statement.length === 0) add(['Statement'], 'empty Statement list', '[]', 'add at least one statement');
  for (const [at, s] of statements) {
    if (!isRecord(s)) {
      add(at, 'a statement must be an object', s, 'write {"Effect": …, "Action": …}');
      continue;
    }
    checkStatement(at, s, kind, KIND, add);
  }
}

function checkStatement(at: PathSegment[], s: Record<string, unknown>, kind: 'scp' | 'rcp', KIND: string, add: Add): void {
  const allowed = kind === 'scp' ? SCP_STATEMENT_KEYS : RCP_STATEMENT_KEYS;
  for (const key of Object.keys(s)) {
    if (!allowed.includes(key)) {
      add([...at, key], `${KIND}s do not support ${key}`, key, `remove it (an ${KIND} statement may have ${allowed.join(', ')})`);
    }
  }
  if ('Sid' in s && (typeof s.Sid !== 'string' || !SID.test(s.Sid))) {
    add([...at, 'Sid'], 'a Sid may only hold letters and digits', s.Sid, `write "${String(s.Sid).replace(/[^A-Za-z0-9]/g, '')}"`);
  }
  const effects = kind === 'rcp' ? ['Deny'] : ['Allow', 'Deny'];
  if (!('Effect' in s)) add(at, 'no Effect', undefined, `add "Effect": "${effects[effects.length - 1]}"`);
  else if (!effects.includes(s.Effect as string)) {
    add([...at, 'Effect'], kind === 'rcp' ? 'an RCP statement must deny (only RCPFullAWSAccess allows)' : 'Effect must be Allow or Deny', s.Effect, `write "Effect": "Deny"`);
  }

  const actionKeys = (kind === 'rcp' ? ['Action'] : ['Action', 'NotAction']).filter((k) => k in s);
  if (actionKeys.length === 0) add(at, kind === 'rcp' ? 'no Action' : 'neither Action nor NotAction', undefined, 'add "Action": ["service:Operation"]');
  if (actionKeys.length > 1) add([...at, 'NotAction'], 'both Action and NotAction', undefined, 'keep one of the two');
  for (const key of actionKeys) {
    checkStringList([...at, key], s[key], add, (value) =>
      ACTION.test(value) ? undefined : ['not an action: "service:Operation" or "*"', 'write it as "s3:PutObject", "bedrock:*"'],
    );
  }

  const resourceKeys = ['Resource', 'NotResource'].filter((k) => k in s);
  if (resourceKeys.length > 1) add([...at, 'NotResource'], 'both Resource and NotResource', undefined, 'keep one of the two');
  for (const key of resourceKeys) {
    checkStringList([...at, key], s[key], add, (value) =>
      value === '*' || value.startsWith('arn:') ? undefined : ['not a resource: an ARN or "*"', 'write an ARN such as "arn:aws:s3:::bucket/*"'],
    );
  }

  if (kind === 'rcp') {
    const principal = s.Principal;
    const isStar = principal === '*' || (isRecord(principal) && Object.keys(principal).length === 1 && principal.AWS === '*');
    if (!('Principal' in s)) add(at, 'no Principal', undefined, 'add "Principal": "*" and narrow it with conditions');
    else if (!isStar) add([...at, 'Principal'], 'an RCP Principal must be "*"', principal, 'write "Principal": "*" and narrow it with a Condition on aws:PrincipalArn');
  }

  if ('Condition' in s) checkCondition([...at, 'Condition'], s.Condition, add);
}

function checkStringList(at: PathSegment[], value: unknown, add: Add, checkOne: (value: string) => [string, string] | undefined): void {
  const items: [PathSegment[], unknown][] = Array.isArray(value) ? value.map((v, i) => [[...at, i], v]) : [[at, value]];
  if (Array.isArray(value) && value.length === 0) add(at, 'empty list', '[]', 'give at least one value');
  for (const [itemAt, item] of items) {
    if (typeof item !== 'string') {
      add(itemAt, 'must be a string or a list of strings', item, 'write a string');
      continue;
    }
    const problem = checkOne(item);
    if (problem) add(itemAt, problem[0], item, problem[1]);
  }
}

function checkCondition(at: PathSegment[], condition: unknown, add: Add): void {
  if (!isRecord(condition)) {
    add(at, 'a Condition must be an object of operators', condition, 'write {"StringEquals": {"aws:PrincipalArn": "…"}}');
    return;
  }
  for (const [operator, block] of Object.entries(condition)) {
    const opAt = [...at, operator];
    const match = OPERATOR.exec(operator);
    if (!match) {
      add(opAt, 'not a condition operator', operator, 'use an IAM operator such as StringEquals, ArnNotLike, ForAnyValue:StringEqualsIgnoreCase');
    } else if (match[1] === 'Null' && match[2]) {
      add(opAt, 'Null cannot take IfExists', operator, 'write "Null"');
    }
    if (!isRecord(block) || Object.keys(block).length === 0) {
      add(opAt, 'an operator takes an object of condition keys and values', block, 'write {"aws:PrincipalArn": ["arn:aws:iam::*:role/Name"]}');
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      const keyAt = [...opAt, key];
      if (!/^[A-Za-z0-9-]+:\S+$/.test(key)) add(keyAt, 'not a condition key ("service:key")', key, 'write a key such as aws:PrincipalArn');
      const list = Array.isArray(values) ? values : [values];
      if (list.length === 0) add(keyAt, 'no values', '[]', 'give at least one value');
      for (const v of list) {
        if (!['string', 'number', 'boolean'].includes(typeof v)) {
          add(keyAt, 'condition values are strings, numbers or booleans (or a list of them)', v, 'write a string or a list of strings');
          break;
        }
      }
    }
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
