import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  docParts,
  exampleLiteral,
  fieldPaths,
  readConfigReference,
  firstSentence,
  renderCompactReference,
  renderConfigReference,
  type FieldDoc,
} from '../../../scripts/docs/config-reference';
import { CONSTRAINTS, RANGES } from '../../../scripts/docs/constraints';
import { validateEnvironment } from '../../../cdk/env/validate';
import { formatIssue } from '../../../cdk/errors';
import { rawExample } from '../../helpers/example';

const reference = readConfigReference();
const markdown = renderConfigReference(reference);

function field(fieldPath: string): FieldDoc {
  const found = reference.objects.flatMap((o) => o.fields).find((f) => f.path === fieldPath);
  if (!found) throw new Error(`no field ${fieldPath}`);
  return found;
}

/** Every field of `EnvironmentConfig` and its nested interfaces, by hand, in declaration order. */
const ENVIRONMENT_FIELDS = [
  'homeRegion', 'organizationId', 'managementAccountId', 'resourcePrefix', 'aggregation', 'members', 'logging',
  'memberBucket', 'centralBucket', 'query', 'encryption', 'cloudWatchLogs', 'policies', 'executionRoleName', 'lambdaRuntime', 'lambdaTrustScope', 'enableStackSetDeletion',
  'aggregation.accountId', 'aggregation.region', 'aggregation.organizationalUnit', 'aggregation.deployMemberStack',
  'members.organizationalUnits', 'members.accounts', 'members.regions', 'members.organizationalUnitIds',
  'logging.dataTypes', 'logging.keyPrefix', 'logging.existingConfiguration', 'logging.requireAllDataTypes',
  'memberBucket.expirationDays',
  'centralBucket.retentionDays', 'centralBucket.objectLock', 'centralBucket.replicationTimeControl',
  'centralBucket.objectLock.mode', 'centralBucket.objectLock.days',
  'query.enabled', 'query.resultsExpirationDays', 'query.bytesScannedCutoffGb', 'query.accounts',
  'encryption.kms', 'encryption.keyDeletionWindowDays',
  'cloudWatchLogs.enabled', 'cloudWatchLogs.retentionDays',
  'policies.scpSizeBudget', 'policies.freeScpSlots', 'policies.exemptRolePatterns', 'policies.exemptPermissionSets',
  'policies.additionalOrganizationalUnits', 'policies.resourceControlPolicy', 'policies.denyBedrockOutsideMemberRegions',
  'policies.denyUnloggedInference', 'policies.acknowledgedCoverageGaps',
  'policies.acknowledgedCoverageGaps.<name>.reason',
];

describe('the reference read from cdk/env/types.ts', () => {
  test('lists every field of EnvironmentConfig and its nested interfaces', () => {
    expect(fieldPaths(reference)).toEqual(['defaultEnvironment', 'environments', ...ENVIRONMENT_FIELDS]);
  });

  test('has one table per object, depth-first from the map', () => {
    expect(reference.objects.map((o) => [o.interfaceName, o.path])).toEqual([
      ['EnvironmentMap', ''], ['EnvironmentConfig', ''], ['AggregationConfig', 'aggregation'], ['MembersConfig', 'members'],
      ['LoggingConfig', 'logging'], ['MemberBucketConfig', 'memberBucket'], ['CentralBucketConfig', 'centralBucket'],
      ['ObjectLockConfig', 'centralBucket.objectLock'], ['QueryConfig', 'query'], ['EncryptionConfig', 'encryption'], ['CloudWatchLogsConfig', 'cloudWatchLogs'],
      ['PoliciesConfig', 'policies'],
      ['CoverageGapAcknowledgement', 'policies.acknowledgedCoverageGaps.<name>'],
    ]);
    for (const object of reference.objects) expect(markdown).toMatch(new RegExp(`^#### .*\`${object.interfaceName}\`\\)$`, 'm'));
  });

  test('every field of the example environment is documented (and the validator knows every documented field)', () => {
    const paths = new Set(fieldPaths(reference));
    const maps = new Map(reference.objects.flatMap((o) => o.fields).filter((f) => f.type.startsWith('map of name to ')).map((f) => [f.path, f]));
    const walk = (value: unknown, prefix: string): void => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const map = maps.get(prefix);
      for (const [key, child] of Object.entries(value)) {
        // The entries of a map field are documented once, as `<field>.<name>`.
        const p = map ? `${prefix}.<name>` : prefix ? `${prefix}.${key}` : key;
        if (!map) expect(paths).toContain(p);
        if (!map || map.objectInterface) walk(child, p);
      }
    };
    walk(rawExample(), '');
  });

  test('resolves type aliases to their literal values', () => {
    expect(field('lambdaRuntime').type).toBe("'nodejs22.x' | 'nodejs24.x'");
    expect(field('logging.existingConfiguration').type).toBe("'merge' | 'overwrite' | 'fail'");
    expect(field('logging.dataTypes').type).toBe("list of ('text' | 'image' | 'embedding' | 'video' | 'audio')");
    expect(field('centralBucket.objectLock.mode').type).toBe("'GOVERNANCE' | 'COMPLIANCE'");
    expect(field('members.regions').type).toBe('list of string');
    expect(field('environments').type).toBe('map of name to EnvironmentConfig');
    expect(field('aggregation').type).toBe('object');
    expect(reference.aliases.map((a) => a.name)).toEqual(
      ['LambdaRuntime', 'LambdaTrustScope', 'LoggedDataType', 'ExistingConfigurationPolicy', 'ObjectLockMode']);
    expect(reference.aliases.find((a) => a.name === 'ExistingConfigurationPolicy')?.items).toHaveLength(3);
  });

  test('reads literal and described defaults, and required fields', () => {
    expect(field('logging.existingConfiguration').default).toEqual({ kind: 'literal', text: "'merge'" });
    expect(field('memberBucket.expirationDays').default).toEqual({ kind: 'literal', text: '1' });
    expect(field('centralBucket.replicationTimeControl').default).toEqual({ kind: 'literal', text: 'false' });
    expect(field('logging.keyPrefix').default).toEqual({ kind: 'described', text: 'no prefix: logs start at `AWSLogs/`' });
    expect(field('aggregation.region').default).toEqual({ kind: 'described', text: 'the home region' });
    expect(field('homeRegion')).toMatchObject({ required: true, default: undefined });
    expect(field('centralBucket.objectLock.days').required).toBe(true);
    expect(field('centralBucket.objectLock').required).toBe(false);
  });

  test('puts each doc comment on one line', () => {
    expect(field('aggregation.organizationalUnit').description).toBe(
      'The OU that holds the aggregation account, as CfCT names it: a top-level OU by its name (`Security`), a nested OU by its path '
      + '(`Parent:Child`), never with a `Root:` prefix. The guardrail SCP is attached to it, so the central bucket is protected too.');
    for (const f of reference.objects.flatMap((o) => o.fields)) expect(f.description).not.toMatch(/\n/);
  });
});

describe('the rendered tables', () => {
  test('one row per field with type, required, default, constraints, example and description', () => {
    expect(markdown).toContain(
      "| `logging.existingConfiguration` | `'merge' \\| 'overwrite' \\| 'fail'` | optional | `'merge'` | — | `'merge'` | "
      + 'What to do when an account already has a logging configuration this stack did not write. |');
    expect(markdown).toContain('| `policies.scpSizeBudget` | `number` | optional | `5120` | whole number, 1,000 to 10,240 | `5120` |');
    expect(markdown).toContain("| `members.regions` | `list of string` | required | — | at least one;");
    expect(markdown).toContain("`['us-east-1', 'us-west-2', 'eu-west-1']`");
    expect(markdown).toContain('| `logging.keyPrefix` | `string` | optional | no prefix: logs start at `AWSLogs/` |');
  });

  test('every table row has the seven columns (pipes inside cells are escaped)', () => {
    for (const row of markdown.split('\n').filter((l) => l.startsWith('| `'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(9);
    }
  });

  test('examples are written as TypeScript values', () => {
    expect(exampleLiteral('x')).toBe("'x'");
    expect(exampleLiteral(5120)).toBe('5120');
    expect(exampleLiteral(false)).toBe('false');
    expect(exampleLiteral(['a', 'b'])).toBe("['a', 'b']");
    expect(exampleLiteral({ a: 1 })).toBeUndefined();
  });
});

describe('the hand-kept constraints', () => {
  test('every constraint names a field that exists in the types', () => {
    const paths = new Set(fieldPaths(reference));
    for (const key of [...Object.keys(CONSTRAINTS), ...Object.keys(RANGES)]) expect(paths).toContain(key);
  });

  test('every range is one the validator enforces, at both bounds', () => {
    const set = (env: Record<string, any>, dotted: string, value: number) => {
      const keys = dotted.split('.');
      let target = env;
      for (const key of keys.slice(0, -1)) target = target[key] ??= {};
      target[keys[keys.length - 1]] = value;
    };
    for (const [fieldPath, { min, max }] of Object.entries(RANGES)) {
      const issuesWith = (value: number) => {
        const env = rawExample();
        set(env, 'centralBucket.retentionDays', 36_500); // so that objectLock.days may reach its own maximum
        set(env, fieldPath, value);
        return validateEnvironment('example', env).map(formatIssue).filter((i) => i.startsWith(`- ${fieldPath}:`));
      };
      expect([fieldPath, issuesWith(min)]).toEqual([fieldPath, []]);
      expect([fieldPath, issuesWith(max)]).toEqual([fieldPath, []]);
      expect([fieldPath, issuesWith(min - 1)]).toEqual([fieldPath, [expect.stringContaining(`from ${min} to ${max}`)]]);
      expect([fieldPath, issuesWith(max + 1)]).toEqual([fieldPath, [expect.stringContaining(`from ${min} to ${max}`)]]);
    }
  });
});

describe('other type files', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-reference-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function typesFile(body: string): string {
    const file = path.join(dir, `types-${Math.random().toString(36).slice(2)}.ts`);
    fs.writeFileSync(file, body);
    return file;
  }

  const MAP = 'export interface EnvironmentMap { readonly environments: Readonly<Record<string, EnvironmentConfig>>; }\n';

  test('follows a described default, a nested object and a boolean union', () => {
    const ref = readConfigReference(typesFile(`${MAP}
      /** Mode. */
      export type Mode = 'a' | 'b';
      export interface Inner {
        /**
         * Flag.
         * @default true
         */
        readonly flag?: true | false;
      }
      export interface EnvironmentConfig {
        /**
         * The mode,
         * over two lines.
         *
         * @default - whatever the service picks
         */
        readonly mode?: readonly Mode[];
        /** Inner. */
        readonly inner: Inner;
      }`));
    expect(fieldPaths(ref)).toEqual(['environments', 'mode', 'inner', 'inner.flag']);
    expect(ref.objects[1].fields[0]).toMatchObject({
      type: "list of ('a' | 'b')", description: 'The mode, over two lines.', default: { kind: 'described', text: 'whatever the service picks' },
    });
    expect(ref.objects[2].fields[0]).toMatchObject({ type: 'true | false', default: { kind: 'literal', text: 'true' } });
  });

  test('fails if a type form is unknown, naming the field', () => {
    const file = typesFile(`${MAP} export interface EnvironmentConfig { /** T. */ readonly when: Date; }`);
    expect(() => readConfigReference(file)).toThrow('EnvironmentConfig.when: unsupported type "Date"');
  });

  test('fails if an optional field has no @default', () => {
    const file = typesFile(`${MAP} export interface EnvironmentConfig { /** Name. */ readonly name?: string; }`);
    expect(() => readConfigReference(file)).toThrow('EnvironmentConfig.name is optional but has no @default tag');
  });

  test('fails if the root interface is missing', () => {
    const file = typesFile('export interface Other { readonly a: string; }');
    expect(() => readConfigReference(file)).toThrow('no interface EnvironmentMap');
  });
});

test('splits a doc comment into its lead and list items', () => {
  expect(docParts('Lead\ntext.\n\n- `a`: one\n  continued.\n- `b`: two')).toEqual({
    lead: 'Lead text.', items: ['`a`: one continued.', '`b`: two'],
  });
});

describe('the compact table of the README', () => {
  const compact = renderCompactReference(reference);

  test('has one row per leaf field, in reference order, and no row for an object field', () => {
    const rows = compact.split('\n').slice(2).map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1]);
    const leaves = reference.objects.flatMap((o) => o.fields).filter((f) => !(f.objectInterface && f.type === 'object')).map((f) => f.path);
    expect(rows).toEqual(leaves);
    expect(rows).not.toContain('centralBucket');
  });

  test('says `required` for required fields and the default for the others', () => {
    expect(compact).toContain('| `homeRegion` | `string` | required |');
    expect(compact).toContain("| `resourcePrefix` | `string` | `'bedrock-logs'` |");
  });

  test.each([
    ['Stops at the first sentence. Not here.', 'Stops at the first sentence.'],
    ['Keeps `a.b` and `x. y` in code. Then stops.', 'Keeps `a.b` and `x. y` in code.'],
    ['No full stop', 'No full stop'],
  ])('firstSentence(%p)', (text, expected) => {
    expect(firstSentence(text)).toBe(expected);
  });
});
