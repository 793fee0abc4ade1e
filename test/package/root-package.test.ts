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
import { readRecord, renderRecord } from '../../cdk/package/record';
import { PACKAGE_ROOT } from '../../cdk/paths';
import { cli } from '../helpers/cli';
import { rootDriftCheck } from '../helpers/root-package';
import { tempDir } from '../scripts/git-sandbox';

const drift = rootDriftCheck(PACKAGE_ROOT);
if (drift.run) {
  test(`the root package is what ${drift.record.map} builds for environment "${drift.record.environment}" (run \`npm run build\` when this fails)`, async () => {
    const result = await cli(['check', '--out', PACKAGE_ROOT, '--map', drift.mapFile, '--env', drift.record.environment]);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ status: 0 });
  }, 120_000);
} else {
  process.stderr.write(`root package drift check skipped: ${drift.reason}\n`);
  test.skip(`the root package drift check (skipped: ${drift.reason})`, () => undefined);
}

describe('rootDriftCheck (the same decision in an operator\'s fork)', () => {
  const fork = tempDir('fork-');
  const record = readRecord(PACKAGE_ROOT)!;

  test('skips, saying why, when the recorded map is not in the checkout (CI of a fork with an uncommitted map.ts)', () => {
    expect(rootDriftCheck(fork)).toEqual({ run: false, reason: `there is no ${RECORD_FILE} at the repository root (no package built there)` });
    fs.writeFileSync(path.join(fork, RECORD_FILE), renderRecord({ ...record, map: 'cdk/env/map.ts' }));
    expect(rootDriftCheck(fork)).toEqual({ run: false, reason: "the root package was built from cdk/env/map.ts, which is not in this checkout (an operator's uncommitted map)" });
  });

  test('runs against the operator\'s map where it is in the checkout', () => {
    fs.mkdirSync(path.join(fork, 'cdk', 'env'), { recursive: true });
    fs.writeFileSync(path.join(fork, 'cdk', 'env', 'map.ts'), 'export const environmentMap = { environments: {} };\n');
    expect(rootDriftCheck(fork)).toMatchObject({ run: true, mapFile: path.join(fork, 'cdk', 'env', 'map.ts') });
  });
});
