/**
 * Loads a handler the way CloudFormation runs it: the inline text `bundleHandler(name)` produces,
 * written as `index.js` and required, so a bundling mistake cannot pass the tests.
 *
 * The file goes under the repository (`.build-handler-tests/`, git-ignored by `.build-*`), so
 * its `require('@aws-sdk/client-s3')` resolves to the same node_modules copy, through jest's
 * module registry, as the test's own import: the `aws-sdk-client-mock` stubs on the client
 * prototypes apply to the bundle.
 */
import * as fs from 'fs';
import * as path from 'path';
import { bundleHandler, HandlerName } from '../../../cdk/bundle';
import type { Handler } from '../../../cdk/handlers/shared/custom-resource';

export const BUNDLE_TEST_DIR = path.join(__dirname, '..', '..', '..', '.build-handler-tests');

export function loadBundledHandler(name: HandlerName): Handler {
  fs.mkdirSync(BUNDLE_TEST_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BUNDLE_TEST_DIR, `${name}-`));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, bundleHandler(name));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { handler: Handler };
  fs.rmSync(dir, { recursive: true, force: true });
  return mod.handler;
}
