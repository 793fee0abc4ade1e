import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import schema from '../../../cdk/package/validate/manifest-v2.schema.json';
import { manifestSchemaValidator, SCHEMA_CACHE_DIR } from '../../../cdk/package/validate/schema-validator';

describe('manifest-v2.schema.json', () => {
  test('names the CfCT file and commit it ports', () => {
    expect(schema.$comment).toContain('source/src/cfct/validation/manifest-v2.schema.yaml');
    expect(schema.$comment).toContain('aws-solutions/aws-control-tower-customizations');
    expect(schema.$comment).toMatch(/commit [0-9a-f]{40}/);
  });

  test('every mapping is closed, as pykwalify maps are', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if ('properties' in record && record.additionalProperties !== false) open.push(at);
      for (const [key, value] of Object.entries(record)) walk(value, `${at}/${key}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });

  test('is a valid draft-07 schema under ajv strict mode', () => {
    expect(() => new Ajv({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });
});

describe('manifestSchemaValidator (standalone cache)', () => {
  const documents: unknown[] = [
    { region: 'us-east-1', version: '2021-03-15' },
    { region: 'us-east-1', version: '2021-03-15', resources: [{ name: 'a', resource_file: 'a.json', deploy_method: 'scp', deployment_targets: {} }] },
    { region: 1, version: '2020-01-01', extra: true, resources: [{ name: 'a', deploy_method: 'x', regions: ['a', 'a'], deployment_targets: { ou: [] } }] },
    [],
  ];

  test('gives exactly the errors of a fresh ajv compile, and caches the compiled code', () => {
    const fresh = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const cached = manifestSchemaValidator();
    for (const document of documents) {
      expect(cached(document)).toBe(fresh(document));
      expect(cached.errors ?? null).toEqual(fresh.errors ?? null);
    }
    const files = fs.readdirSync(SCHEMA_CACHE_DIR).filter((f) => /^manifest-v2-[0-9a-f]{20}\.js$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    // Evaluated as CommonJS by hand: jest's resolver caches what it found missing when the test
    // file started, and on a fresh clone the cache file is only written by this test.
    const cachedModule: { exports: unknown } = { exports: {} };
    new Function('module', 'exports', 'require', fs.readFileSync(path.join(SCHEMA_CACHE_DIR, files[0]), 'utf8'))(cachedModule, cachedModule.exports, require);
    const loaded = cachedModule.exports as (d: unknown) => boolean;
    expect(loaded(documents[2])).toBe(false);
  });
});
