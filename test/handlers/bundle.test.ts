/**
 * The handlers as CloudFormation runs them: inline `index.js` text of at most 4,096 characters,
 * CommonJS, requiring only Node built-ins and the runtime's bundled AWS SDK, exporting an async
 * two-argument handler (nodejs24.x rejects callback-style handlers and has no `context.done`).
 */
import { bundleHandler, HANDLERS } from '../../cdk/bundle';
import { LIMITS } from '../../cdk/constants';
import { loadBundledHandler } from './helpers/bundled-handler';

const ALLOWED_REQUIRES: Record<string, string[]> = {
  'configure-invocation-logging': ['@aws-sdk/client-bedrock', 'http', 'https'],
  'empty-log-bucket': ['@aws-sdk/client-s3', 'http', 'https'],
};

describe.each(Object.values(HANDLERS))('%s', (name) => {
  const code = bundleHandler(name);

  test(`fits CloudFormation's inline code limit (${LIMITS.inlineCodeChars} characters)`, () => {
    console.info(`${name}: ${code.length} characters`);
    expect(code.length).toBeLessThanOrEqual(LIMITS.inlineCodeChars);
  });

  test('requires only Node built-ins and its AWS SDK client', () => {
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).sort();
    expect(required).toEqual(ALLOWED_REQUIRES[name]);
  });

  test('never uses cfn-response or context.done', () => {
    expect(code).not.toMatch(/cfn-response|\.done\(|\.succeed\(|\.fail\(/);
  });

  test('exports an async (event, context) handler', () => {
    const handler = loadBundledHandler(name);
    expect(handler.constructor.name).toBe('AsyncFunction');
    expect(handler.length).toBe(2);
  });

  test('is byte-identical across builds', () => {
    expect(bundleHandler(name)).toBe(code);
  });
});
