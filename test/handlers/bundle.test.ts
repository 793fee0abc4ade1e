/**
 * The handlers as CloudFormation runs them: inline `index.js` text, CommonJS, exporting an async
 * two-argument handler (nodejs24.x rejects callback-style handlers and has no `context.done`). The
 * logging handler carries its own Bedrock client and requires only Node.js built-ins; the emptier
 * takes the S3 client from the Lambda runtime.
 */
import { builtinModules } from 'module';
import { bundleHandler, foldSchemaKeys, HANDLERS } from '../../cdk/bundle';
import { LIMITS } from '../../cdk/constants';
import { ALL_DATA_TYPES, deliveryFlag } from '../../cdk/handlers/configure-invocation-logging/properties';
import { loadBundledHandler } from './helpers/bundled-handler';

const RUNTIME_PACKAGES: Record<string, string[]> = {
  'configure-invocation-logging': [],
  'empty-log-bucket': ['@aws-sdk/client-s3'],
};

const isBuiltin = (id: string) => builtinModules.includes(id.replace(/^node:/, ''));

describe.each(Object.values(HANDLERS))('%s', (name) => {
  const code = bundleHandler(name);

  test(`fits CloudFormation's inline code limit (${LIMITS.inlineCodeBytes} bytes)`, () => {
    console.info(`${name}: ${Buffer.byteLength(code)} bytes`);
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(LIMITS.inlineCodeBytes);
  });

  test('requires only Node.js built-ins and the SDK packages it leaves to the runtime', () => {
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required].filter((id) => !isBuiltin(id)).sort()).toEqual(RUNTIME_PACKAGES[name]);
    expect(code).not.toMatch(/\bimport\("(?!node:)/);
  });

  test('never uses cfn-response or context.done', () => {
    expect(code).not.toMatch(/cfn-response|\.done\(|\.succeed\(|\.fail\(/);
  });

  test('exports an async (event, context) handler', () => {
    const handler = loadBundledHandler(name);
    expect(handler.constructor.name).toBe('AsyncFunction');
    expect(handler.length).toBe(2);
  });

  test('is byte-identical across builds, with the cache and without', () => {
    expect(bundleHandler(name, { cache: false })).toBe(code);
    expect(bundleHandler(name)).toBe(code);
  });
});

describe('the pinned Bedrock client in the logging handler', () => {
  const code = bundleHandler('configure-invocation-logging');

  test('knows every data-type flag the environment map can request', () => {
    for (const type of ALL_DATA_TYPES) expect(code).toContain(`"${deliveryFlag(type)}"`);
  });

  test('carries the three logging-configuration operations and none of the others', () => {
    for (const op of ['Get', 'Put', 'Delete']) expect(code).toContain(`${op}ModelInvocationLoggingConfiguration`);
    for (const other of ['CreateGuardrail', 'ListFoundationModels', 'CreateModelCustomizationJob']) expect(code).not.toContain(other);
  });

  test('carries no credential provider but the environment one', () => {
    expect(code).toContain('AWS_ACCESS_KEY_ID');
    for (const other of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'sso_start_url', 'credential_process', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      expect(code).not.toContain(other);
    }
  });
});

describe('foldSchemaKeys', () => {
  const schemaModule = [
    '// node_modules/@aws-sdk/client-bedrock/dist-es/schemas/schemas_0.js',
    'var _ht = "http";',
    'var Put$ = [9, n0, { [_ht]: ["PUT", "/logging/modelinvocations", 200] }, { [_unknown]: 1 }];',
    '',
  ].join('\n');
  const otherModule = ['// node_modules/@smithy/core/dist-es/other.js', 'var _ht = "x";', 'var o = { [_ht]: 1 };', ''].join('\n');

  test('replaces computed keys naming a string constant of a schema module by the literal', () => {
    expect(foldSchemaKeys(schemaModule)).toContain('{ ["http"]: ["PUT", "/logging/modelinvocations", 200] }');
  });

  test('leaves keys it cannot resolve, and every other module, as they are', () => {
    const folded = foldSchemaKeys(otherModule + schemaModule + otherModule);
    expect(folded).toContain('{ [_unknown]: 1 }');
    expect(folded.split(otherModule)).toHaveLength(3);
  });
});
