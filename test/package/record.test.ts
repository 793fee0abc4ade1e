import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RECORD_FILE } from '../../cdk/names';
import { identityMismatches, parseRecord, readRecord, renderRecord, type PackageRecord } from '../../cdk/package/record';
import { userError } from '../helpers/errors';

const RECORD: PackageRecord = {
  format: 1,
  generator: 'bedrock-invocation-logging-cfct',
  environment: 'prod',
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '333333333333',
  homeRegion: 'us-east-1',
  resourcePrefix: 'bedrock-logs',
  scpSizeBudget: 5120,
  map: 'bedrock-logging.map.ts',
  resources: ['bedrock-logs-guardrails'],
  files: { 'policies/b.json': 'b'.repeat(64), 'policies/a.json': 'a'.repeat(64) },
};

test('renders 2-space JSON with a fixed key order and sorted files, and reads it back', () => {
  const text = renderRecord(RECORD);
  expect(text.endsWith('}\n')).toBe(true);
  expect(Object.keys(JSON.parse(text))).toEqual(['format', 'generator', 'environment', 'organizationId', 'managementAccountId', 'homeRegion', 'resourcePrefix', 'scpSizeBudget', 'map', 'resources', 'files']);
  expect(Object.keys(JSON.parse(text).files)).toEqual(['policies/a.json', 'policies/b.json']);
  expect(parseRecord(text, RECORD_FILE)).toEqual(RECORD);
  const { managementAccountId: _left, ...without } = RECORD;
  expect(JSON.parse(renderRecord(without))).not.toHaveProperty('managementAccountId');
});

test('a folder without a record has none', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-'));
  try {
    expect(readRecord(dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, RECORD_FILE), renderRecord(RECORD));
    expect(readRecord(dir)).toEqual(RECORD);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fails if the record is not JSON, naming the file and the fix', () => {
  expect(userError(() => parseRecord('{', RECORD_FILE)).message).toMatch(/^bedrock-invocation-logging\.package\.json has 1 issue:\n- \(file\): is not valid JSON \(.*\); rebuild the package/);
});

test('fails if fields are missing or wrong, listing each', () => {
  const bad = { ...RECORD, format: 2, managementAccountId: '123', files: { 'a.json': 'not-a-hash' } };
  expect(userError(() => parseRecord(JSON.stringify(bad), RECORD_FILE)).issues).toEqual([
    '- format: must be 1 (got 2); rebuild the package (`bedrock-invocation-logging-cfct build`) to rewrite it; it is generated, do not edit it',
    '- managementAccountId: must be a 12-digit string (got "123"); rebuild the package (`bedrock-invocation-logging-cfct build`) to rewrite it; it is generated, do not edit it',
    '- files: must be an object of path: SHA-256 (got {"a.json":"not-a-hash"}); rebuild the package (`bedrock-invocation-logging-cfct build`) to rewrite it; it is generated, do not edit it',
  ]);
});

test('names each identity field where the record and a map entry differ', () => {
  const issues = identityMismatches(RECORD, { environment: 'staging', organizationId: 'o-zzzzzzzzzz', homeRegion: 'us-east-1' }, 'environment "staging" of map.ts', 'fix');
  expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
    'environment: is "prod" in the package record but "staging" in environment "staging" of map.ts',
    'organizationId: is "o-a1b2c3d4e5" in the package record but "o-zzzzzzzzzz" in environment "staging" of map.ts',
  ]);
});
