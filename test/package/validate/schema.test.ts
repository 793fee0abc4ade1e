import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import Ajv from 'ajv';
import schema from '../../../cdk/package/validate/manifest-v2.schema.json';
import { projectFile } from '../../../cdk/paths';
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
    const files = fs.readdirSync(SCHEMA_CACHE_DIR).filter((f) => /^manifest-v2-ajv-[0-9.]+\.js$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    // Evaluated as CommonJS by hand: jest's resolver caches what it found missing when the test
    // file started, and on a fresh clone the cache file is only written by this test.
    const cachedModule: { exports: unknown } = { exports: {} };
    new Function('module', 'exports', 'require', fs.readFileSync(path.join(SCHEMA_CACHE_DIR, files[0]), 'utf8'))(cachedModule, cachedModule.exports, require);
    const loaded = cachedModule.exports as ((d: unknown) => boolean) & { compiledFrom?: string };
    expect(loaded(documents[2])).toBe(false);
    // The file says what it was compiled from, so a changed schema or ajv cannot reuse it.
    expect(JSON.parse(loaded.compiledFrom ?? 'null')).toEqual([expect.any(String), { allErrors: true, strict: true }, schema]);
  });

  test('a cached file compiled from something else is not used, and is rewritten', () => {
    manifestSchemaValidator(); // make sure the file exists
    const [file] = fs.readdirSync(SCHEMA_CACHE_DIR).filter((f) => /^manifest-v2-ajv-[0-9.]+\.js$/.test(f));
    const cachePath = path.join(SCHEMA_CACHE_DIR, file);
    const original = fs.readFileSync(cachePath, 'utf8');
    try {
      fs.writeFileSync(cachePath, 'module.exports = () => true;\nmodule.exports.compiledFrom = "[\\"an older schema\\"]";\n');
      // In a real node process: jest keeps the text of files it has read for the whole test file.
      const run = spawnSync(process.execPath, ['-e', `const v = require(${JSON.stringify(projectFile('lib/cdk/package/validate/schema-validator.js'))}).manifestSchemaValidator(); process.stdout.write(String(v(${JSON.stringify(documents[2])})))`], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('false');
      expect(fs.readFileSync(cachePath, 'utf8')).toContain('module.exports.compiledFrom = ');
      expect(fs.readFileSync(cachePath, 'utf8')).not.toContain('an older schema');
    } finally {
      fs.writeFileSync(cachePath, original);
    }
  });
});
