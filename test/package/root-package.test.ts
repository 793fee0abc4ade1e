/**
 * The one drift check: the package at the repository root is what the map its package record
 * names builds (the committed example here; in an operator's fork, their map). Where that map is not
 * in the checkout (an operator's fork that committed a package built from an uncommitted
 * cdk/env/map.ts, checked out by CI), there is nothing to compare with: the test is skipped, saying
 * why. Operators check their own package in CI with `check` (docs/cfct-repositories.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { RECORD_FILE } from '../../cdk/names';
import { readRecord } from '../../cdk/package/record';
import { PACKAGE_ROOT } from '../../cdk/paths';
import { cli } from '../helpers/cli';

const record = readRecord(PACKAGE_ROOT);
const mapFile = record === undefined ? undefined : path.resolve(PACKAGE_ROOT, record.map);
const skipReason =
  record === undefined ? `there is no ${RECORD_FILE} at the repository root (no package built there)`
  : !fs.existsSync(mapFile as string) ? `the root package was built from ${record.map}, which is not in this checkout (an operator's uncommitted map)`
  : undefined;

if (skipReason === undefined) {
  test(`the root package is what ${record?.map} builds for environment "${record?.environment}" (run \`npm run build\` when this fails)`, async () => {
    const result = await cli(['check', '--out', PACKAGE_ROOT, '--map', mapFile as string, '--env', (record as { environment: string }).environment]);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ status: 0 });
  }, 120_000);
} else {
  process.stderr.write(`root package drift check skipped: ${skipReason}\n`);
  test.skip(`the root package drift check (skipped: ${skipReason})`, () => undefined);
}
