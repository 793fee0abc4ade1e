/**
 * The query layer's statements: what they name, when they exist, and (with the real simulator) that
 * Glue's several ARNs per request cannot make them deny another database's calls.
 */
import { Names } from '../../cdk/names';
import {
  DENY_QUERY_LAYER_CHANGES_SID,
  DENY_QUERY_RESULTS_CHANGES_SID,
  KEYS,
  type PolicyStatement,
  scpStatements,
} from '../../cdk/policies';
import { policyScenarioConfig } from './scenario';
import { decideUnderGuardrails } from './simulate';

const config = policyScenarioConfig();
const scps = scpStatements(config);
const names = new Names(config.prefix);
const role = (name: string) => `arn:aws:iam::*:role/${name}`;
const principalExemptions = (s: PolicyStatement): string | string[] | undefined => s.Condition?.ArnNotLike?.[KEYS.principalArn];

describe('the query-layer statements', () => {
  const find = (statements: PolicyStatement[], sid: string) => statements.find((s) => s.Sid === sid);
  const layer = find(scps, DENY_QUERY_LAYER_CHANGES_SID)!;
  const results = find(scps, DENY_QUERY_RESULTS_CHANGES_SID)!;

  test('is protected only while query.enabled is on', () => {
    const off = scpStatements(policyScenarioConfig({ query: { enabled: false } })).map((s) => s.Sid);
    expect(off).not.toContain(DENY_QUERY_LAYER_CHANGES_SID);
    expect(off).not.toContain(DENY_QUERY_RESULTS_CHANGES_SID);
    expect(scps.slice(-2).map((s) => s.Sid)).toEqual([DENY_QUERY_LAYER_CHANGES_SID, DENY_QUERY_RESULTS_CHANGES_SID]);
  });

  test('names the workgroup, the database and its tables exactly, in the aggregation account and region, never the Glue catalog', () => {
    expect(layer.Resource).toEqual([
      `arn:aws:athena:us-east-1:222222222222:workgroup/${names.queryWorkgroup}`,
      `arn:aws:glue:us-east-1:222222222222:database/${names.queryDatabase}`,
      `arn:aws:glue:us-east-1:222222222222:table/${names.queryDatabase}/*`,
    ]);
    expect(JSON.stringify(layer.Resource)).not.toContain(':catalog');
    expect(principalExemptions(layer)).toEqual([role('AWSControlTowerExecution'), role('BreakGlass*')]);
  });

  test('protects every results bucket name and its objects, except reads and the requests Athena makes', () => {
    expect(results.Resource).toBe(`arn:aws:s3:::${names.queryResultsBucket('*', '*')}`);
    expect(results.NotAction).toEqual(['s3:Get*', 's3:List*']);
    expect(results.Condition?.['ForAllValues:StringNotEquals']).toEqual({ 'aws:CalledVia': 'athena.amazonaws.com' });
  });

  test('follows the prefix and the aggregation account', () => {
    const other = policyScenarioConfig({ resourcePrefix: 'org-llm-audit', aggregation: { accountId: '444444444444', region: 'eu-west-1', organizationalUnit: 'Security' } });
    const text = JSON.stringify(scpStatements(other).slice(-2));
    expect(text).toContain('arn:aws:athena:eu-west-1:444444444444:workgroup/org-llm-audit-invocation-logs');
    expect(text).toContain('arn:aws:glue:eu-west-1:444444444444:table/org_llm_audit/*');
    expect(text).toContain('arn:aws:s3:::athena-org-llm-audit-*-*');
  });

  /** The simulator's decision on `action` for one of the ARNs Glue authorizes it against, under the built SCPs. */
  async function glueDecision(action: string, resource: string): Promise<string> {
    return decideUnderGuardrails(scps, { principal: 'arn:aws:iam::222222222222:role/Admin', action, resource, account: '222222222222' });
  }

  test("denies a table action on the query database whichever of the request's ARNs Glue evaluates, and none of another database's", async () => {
    const arn = (type: string, name: string) => `arn:aws:glue:us-east-1:222222222222:${type}/${name}`;
    const db = names.queryDatabase;
    // Glue authorizes UpdateTable against the catalog, database and table ARNs; one denial denies the call.
    expect(await glueDecision('glue:UpdateTable', arn('database', db))).toBe('ExplicitlyDenied');
    expect(await glueDecision('glue:UpdateTable', arn('table', `${db}/invocations`))).toBe('ExplicitlyDenied');
    for (const resource of ['arn:aws:glue:us-east-1:222222222222:catalog', arn('database', 'team_db'), arn('table', 'team_db/events')]) {
      expect(await glueDecision('glue:UpdateTable', resource)).toBe('Allowed');
    }
    expect(await glueDecision('glue:GetTable', arn('table', `${db}/invocations`))).toBe('Allowed');
  });
});
