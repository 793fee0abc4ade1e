/**
 * The pykwalify schema generated from the JSON-Schema port: its shape, and real pykwalify (CfCT's
 * check) agreeing with the port's verdict on manifests CfCT accepts and rejects.
 */
import { parse } from 'yaml';
import { validatePackage } from '../../../cdk/package/validate';
import { findCfctCheck, prepareCfctCheck, runCfctCheck } from '../../../scripts/cfct/local-check';
import { pykwalifyRule, pykwalifySchema } from '../../../scripts/cfct/pykwalify-schema';
import { copyFixture, replaceIn } from '../../package/validate/fixture';
import { tempDir } from '../git-sandbox';

describe('pykwalifyRule', () => {
  const root = {};
  test('maps closed objects, required keys, nullable types, lists, unique items, any and enums', () => {
    expect(pykwalifyRule({
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'string' },
        b: { type: ['boolean', 'null'] },
        c: { type: ['array', 'null'], uniqueItems: true, items: { type: ['string', 'null'] } },
        d: { type: 'array', items: {} },
        e: { not: { type: 'null' } },
        f: { type: 'string', enum: ['x', 'y'] },
      },
    }, root, false)).toEqual({
      type: 'map',
      mapping: {
        a: { type: 'str', required: true },
        b: { type: 'bool' },
        c: { type: 'seq', sequence: [{ type: 'str', unique: true }] },
        d: { type: 'seq', sequence: [{ type: 'any' }] },
        e: { type: 'any', required: true },
        f: { type: 'str', enum: ['x', 'y'] },
      },
    });
  });

  test('turns a string enum of ISO dates into pykwalify\'s date type, and inlines $ref', () => {
    const withDefinitions = { definitions: { item: { type: 'object', properties: {} } } };
    expect(pykwalifyRule({ type: 'string', enum: ['2021-03-15'] }, root, true)).toEqual({ type: 'date', required: true, enum: ['2021-03-15'] });
    expect(pykwalifyRule({ type: 'array', items: { $ref: '#/definitions/item' } }, withDefinitions, false)).toEqual({ type: 'seq', sequence: [{ type: 'map', required: true, mapping: {} }] });
  });

  test('fails if the port uses something pykwalify cannot express', () => {
    expect(() => pykwalifyRule({ type: ['string', 'boolean'] }, root, false)).toThrow('several types');
    expect(() => pykwalifyRule({ $ref: '#/definitions/missing' }, root, false)).toThrow('cannot resolve');
  });

  test('writes the version enum as an unquoted YAML date, as CfCT\'s schema has it', () => {
    const text = pykwalifySchema();
    expect(text).toMatch(/^ {2}version:\n {4}type: date\n {4}required: true\n {4}enum:\n {6}- 2021-03-15$/m);
    expect((parse(text, { schema: 'yaml-1.1' }) as { mapping: { version: { enum: unknown[] } } }).mapping.version.enum[0]).toBeInstanceOf(Date);
  });
});

const cfct = findCfctCheck();
if (!cfct.available) process.stderr.write(`pykwalify tests skipped: ${cfct.reason}\n`);
(cfct.available ? describe : describe.skip)(`real pykwalify with the generated schema${cfct.available ? '' : ` [skipped: ${cfct.reason}]`}`, () => {
  const work = tempDir('pykwalify-');
  const check = (dir: string) => runCfctCheck(prepareCfctCheck(work), dir);

  test('accepts the valid package, as the port does', () => {
    const dir = copyFixture();
    expect(validatePackage(dir).filter((i) => i.ruleId === 'manifest-schema')).toEqual([]);
    expect(check(dir)).toMatchObject({ ok: true });
  });

  test.each([
    ['an unknown key', '    deploy_method: scp\n', '    deploy_method: scp\n    colour: blue\n'],
    ['a quoted version', 'version: 2021-03-15', 'version: "2021-03-15"'],
    ['an upper-case deploy_method', 'deploy_method: scp', 'deploy_method: SCP'],
    ['a missing resource_file', /^ {4}resource_file: policies\/bedrock-logs-guardrails\.json\n/m, ''],
    ['a region listed twice', '      - us-east-1\n', '      - us-east-1\n      - us-east-1\n'],
  ])('fails if the manifest has %s, as the port says', (_, from, to) => {
    const dir = copyFixture();
    replaceIn(dir, 'manifest.yaml', from, to);
    expect(validatePackage(dir).map((i) => i.ruleId)).toEqual(expect.arrayContaining([expect.stringMatching(/^manifest-(schema|version-date)$/)]));
    const result = check(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/failed V2 schema validation|does not exist/);
  });
});
