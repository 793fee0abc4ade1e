/**
 * The example map's `all-options` environment (customer managed keys, CloudWatch Logs delivery,
 * Object Lock, RTC, the RCP, ...) builds, through the build command, into a package that passes
 * every `validate` rule, and its member template stays within the build's budget.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIMITS } from '../../cdk/constants';
import { EXAMPLE_MAP_FILE } from '../../cdk/env/load';
import { validatePackage } from '../../cdk/package/validate';
import { Names, templateFile } from '../../cdk/names';
import { cli } from '../helpers/cli';
import { allOptionsConfig } from '../helpers/example';

const config = allOptionsConfig();
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'all-options-'));
  const result = await cli(['build', '--map', EXAMPLE_MAP_FILE, '--env', 'all-options', '--out', dir]);
  if (result.status !== 0) throw new Error(result.stderr);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('passes every validate rule', () => {
  expect(validatePackage(dir, { scpBudget: config.policies.scpSizeBudget })).toEqual([]);
});

test('keeps the member template, with the key, the log group and both roles added, within its budget', () => {
  const member = fs.readFileSync(path.join(dir, templateFile(new Names(config.prefix).stackSet('member'))), 'utf8');
  expect(Buffer.byteLength(member)).toBeLessThanOrEqual(LIMITS.memberTemplateBudgetBytes);
  expect(member).toContain('"AWS::KMS::Key"');
  expect(member).toContain('/aws/bedrock/llm-audit-invocations');
});
