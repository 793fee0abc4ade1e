import * as fs from 'fs';
import * as path from 'path';
import { formatIssue } from '../../../cdk/errors';
import { cfctPolicyText, policyChars } from '../../../cdk/package/validate';
import { copyFixture, editJson, issuesOf, onlyIssue, POLICY, replaceIn } from './fixture';

/** A copy of the valid package whose SCP is rewritten, pretty-printed so that lines mean something. */
function withPolicy(edit: (policy: any) => void): string {
  const dir = copyFixture();
  editJson(dir, POLICY, edit);
  return dir;
}

/** A copy of the valid package whose SCP is deployed as an RCP instead. */
function asRcp(edit: (policy: any) => void): string {
  const dir = withPolicy(edit);
  replaceIn(dir, 'manifest.yaml', 'deploy_method: scp', 'deploy_method: rcp');
  return dir;
}

describe('policy-json', () => {
  test('fails if the policy is not valid JSON, with the line', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, POLICY), '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    const issue = onlyIssue(dir, 'policy-json');
    expect(issue).toMatchObject({ file: POLICY, line: 3, path: '' });
    expect(issue.message).toBe('not valid JSON: unexpected ","');
  });

  test('fails if a key is repeated', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, POLICY), '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Action":"iam:*"}}');
    const issue = onlyIssue(dir, 'policy-json');
    expect(issue).toMatchObject({ line: 1, path: 'Statement.Action', value: 'Action' });
    expect(issue.fix).toBe('merge the two into one key');
  });
});

describe('policy-grammar', () => {
  test('fails if Version is missing', () => {
    const dir = withPolicy((p) => delete p.Version);
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ line: 1, path: '' });
    expect(issue.fix).toBe('add "Version": "2012-10-17"');
  });

  test('fails if Effect is neither Allow nor Deny', () => {
    const dir = withPolicy((p) => (p.Statement[1].Effect = 'deny'));
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ file: POLICY, path: 'Statement[1].Effect', value: 'deny' });
    expect(issue.line).toBe(fs.readFileSync(path.join(dir, POLICY), 'utf8').split('\n').findIndex((l) => l.includes('"deny"')) + 1);
  });

  test('fails if a statement has both Action and NotAction', () => {
    const dir = withPolicy((p) => (p.Statement[0].NotAction = ['s3:GetObject']));
    expect(onlyIssue(dir, 'policy-grammar')).toMatchObject({ path: 'Statement[0].NotAction', message: 'both Action and NotAction' });
  });

  test('fails if a statement has neither Action nor NotAction', () => {
    const dir = withPolicy((p) => delete p.Statement[2].Action);
    expect(onlyIssue(dir, 'policy-grammar')).toMatchObject({ path: 'Statement[2]', message: 'neither Action nor NotAction' });
  });

  test('fails if an action is not service:Operation', () => {
    const dir = withPolicy((p) => (p.Statement[1].Action[0] = 'S3 DeleteBucket'));
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ path: 'Statement[1].Action[0]', value: 'S3 DeleteBucket' });
    expect(issue.fix).toContain('"s3:PutObject"');
  });

  test('fails if a resource is not an ARN', () => {
    const dir = withPolicy((p) => (p.Statement[1].Resource = 'bedrock-logs-*'));
    expect(onlyIssue(dir, 'policy-grammar')).toMatchObject({ path: 'Statement[1].Resource', message: 'not a resource: an ARN or "*"' });
  });

  test('fails if an SCP has a Principal', () => {
    const dir = withPolicy((p) => (p.Statement[0].Principal = '*'));
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ path: 'Statement[0].Principal', message: 'SCPs do not support Principal' });
  });

  test('fails if a Sid has characters outside [A-Za-z0-9]', () => {
    const dir = withPolicy((p) => (p.Statement[0].Sid = 'Protect-Invocation_Logging'));
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ path: 'Statement[0].Sid', value: 'Protect-Invocation_Logging' });
    expect(issue.fix).toBe('write "ProtectInvocationLogging"');
  });

  test('fails if a condition operator is unknown', () => {
    const dir = withPolicy((p) => {
      p.Statement[0].Condition = { ArnNotLikeIgnoreCase: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/X' } };
    });
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ path: 'Statement[0].Condition.ArnNotLikeIgnoreCase', value: 'ArnNotLikeIgnoreCase' });
    expect(issue.message).toBe('not a condition operator');
  });

  test('fails if a condition block is not an object of keys and values', () => {
    const dir = withPolicy((p) => {
      p.Statement[2].Condition['ForAnyValue:StringEqualsIgnoreCase'] = ['aws:TagKeys', 'Audit'];
    });
    expect(onlyIssue(dir, 'policy-grammar').message).toBe('an operator takes an object of condition keys and values');
  });

  test('fails if a condition value is an object', () => {
    const dir = withPolicy((p) => {
      p.Statement[1].Condition.ArnNotLike['aws:PrincipalArn'] = { role: 'x' };
    });
    expect(onlyIssue(dir, 'policy-grammar')).toMatchObject({
      path: 'Statement[1].Condition.ArnNotLike.aws:PrincipalArn',
      message: 'condition values are strings, numbers or booleans (or a list of them)',
    });
  });

  test('fails if Null takes IfExists', () => {
    const dir = withPolicy((p) => {
      p.Statement[0].Condition = { NullIfExists: { 'aws:ResourceTag/Audit': 'true' } };
    });
    expect(onlyIssue(dir, 'policy-grammar').message).toBe('Null cannot take IfExists');
  });

  test('fails if an RCP allows, has no Principal or uses NotAction', () => {
    const dir = asRcp((p) => {
      p.Statement = [{ Sid: 'A', Effect: 'Allow', NotAction: 's3:GetObject', Resource: '*' }];
    });
    const messages = issuesOf(dir, 'policy-grammar').map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'RCPs do not support NotAction',
        'an RCP statement must deny (only RCPFullAWSAccess allows)',
        'no Principal',
        'no Action',
      ]),
    );
  });

  test('fails if an RCP Principal is not "*"', () => {
    const dir = asRcp((p) => {
      p.Statement = [{ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:*', Resource: '*' }];
    });
    const issue = onlyIssue(dir, 'policy-grammar');
    expect(issue).toMatchObject({ path: 'Statement[0].Principal', message: 'an RCP Principal must be "*"' });
    expect(issue.value).toBe('{"AWS":"arn:aws:iam::111111111111:root"}');
  });
});

describe('policy-unique-sids', () => {
  test('fails if two statements share a Sid', () => {
    const dir = withPolicy((p) => (p.Statement[2].Sid = 'ProtectLogBuckets'));
    const issue = onlyIssue(dir, 'policy-unique-sids');
    expect(issue).toMatchObject({ path: 'Statement[2].Sid', value: 'ProtectLogBuckets', message: 'duplicate Sid: Statement[1] has it too' });
  });
});

describe('policy-size', () => {
  test("measures the size after CfCT's rewrite (\\n → \\r\\n, every double space removed)", () => {
    expect(cfctPolicyText('{\n    "a":  "b"\n}')).toBe('{\r\n"a":"b"\r\n}');
    expect(cfctPolicyText('a   b')).toBe('a b'); // Python's replace: non-overlapping, left to right
    expect(policyChars('{"é":"\u{1F600}"}')).toBe(9); // code points, like Python's len
  });

  function bigPolicy(chars: number): string {
    const head = '{"Version":"2012-10-17","Statement":[{"Sid":"Big","Effect":"Deny","Action":"s3:*","Resource":[';
    const tail = ']}]}';
    const items: string[] = [];
    let length = head.length + tail.length;
    for (let i = 0; length < chars; i++) {
      const item = `${i === 0 ? '' : ','}"arn:aws:s3:::bucket-${String(i).padStart(6, '0')}"`;
      items.push(item);
      length += item.length;
    }
    return head + items.join('') + tail;
  }

  test('fails if an SCP is over the default 5,120 budget', () => {
    const dir = copyFixture();
    const text = bigPolicy(5200);
    fs.writeFileSync(path.join(dir, POLICY), text);
    const issue = onlyIssue(dir, 'policy-size');
    expect(issue).toMatchObject({ file: POLICY, line: 1, value: String(text.length) });
    expect(issue.message).toContain('over the SCP budget of 5120');
    expect(issue.fix).toContain('raise policies.scpSizeBudget in the environment map (or pass --scp-budget) up to 10240');
    expect(formatIssue(issue)).toMatch(/^- policies\/bedrock-logs-guardrails\.json:1: /);
  });

  test('accepts the same SCP with --scp-budget 10240', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, POLICY), bigPolicy(5200));
    expect(issuesOf(dir, 'policy-size', { scpBudget: 10_240 })).toEqual([]);
  });

  test('fails if an SCP under the budget as written grows past it through \\r\\n', () => {
    const dir = copyFixture();
    const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":[\n';
    const items: string[] = [];
    while (head.length + items.join(',\n').length < 5_050) items.push(`"arn:aws:s3:::b-${items.length}"`);
    const text = `${head}${items.join(',\n')}\n]}]}`;
    fs.writeFileSync(path.join(dir, POLICY), text);
    const newlines = text.split('\n').length - 1;
    expect(text.length).toBeLessThanOrEqual(5_120);
    expect(text.length + newlines).toBeGreaterThan(5_120);
    const issue = onlyIssue(dir, 'policy-size');
    expect(issue.value).toBe(String(text.length + newlines));
    expect(issue.message).toContain(`${text.length} as written`);
  });

  test('fails if an RCP is over 5,120 even with a larger SCP budget', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, POLICY), bigPolicy(5200).replace('"Effect":"Deny",', '"Effect":"Deny","Principal":"*",'));
    replaceIn(dir, 'manifest.yaml', 'deploy_method: scp', 'deploy_method: rcp');
    const issue = onlyIssue(dir, 'policy-size', { scpBudget: 10_240 });
    expect(issue.message).toContain('over the RCP budget of 5120');
    expect(issue.fix).toBe('minify it or split it into more policies');
  });
});
