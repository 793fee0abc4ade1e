/**
 * The example map's `all-options` environment (customer managed keys, CloudWatch Logs delivery,
 * Object Lock, RTC, the RCP, ...) builds into a package that passes every `validate` rule, and its
 * member template stays within the build's budget.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIMITS } from '../../cdk/constants';
import { buildPackage } from '../../cdk/package/build';
import { validatePackage } from '../../cdk/package/validate';
import { writeFilesTo } from '../../cdk/package/write';
import { Names, templateFile } from '../../cdk/names';
import { allOptionsConfig } from '../helpers/example';

const config = allOptionsConfig();
const built = buildPackage(config, 'Built by `npm run build -- --env all-options` from cdk/env/map.example.ts.');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'all-options-'));
  writeFilesTo(dir, built.files);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('passes every validate rule', () => {
  expect(validatePackage(dir, { scpBudget: config.policies.scpSizeBudget })).toEqual([]);
});

test('keeps the member template, with the key, the log group and both roles added, within its budget', () => {
  const member = built.files.get(templateFile(new Names(config.prefix).stackSet('member')))!;
  const bytes = Buffer.byteLength(member);
  expect(bytes).toBeLessThanOrEqual(LIMITS.memberTemplateBudgetBytes);
  expect(member).toContain('"AWS::KMS::Key"');
  expect(member).toContain('/aws/bedrock/llm-audit-invocations');
});
