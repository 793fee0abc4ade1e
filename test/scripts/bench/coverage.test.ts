/** The coverage benchmark runs end to end on a tiny organization and prints the calls the fake received. */
import { spawnSync } from 'child_process';
import { PACKAGE_ROOT } from '../../../cdk/paths';

test('prints the wall time and the calls per API, one set of reads per cell', () => {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/bench/coverage.ts', '--accounts', '3', '--regions', '2', '--latency', '0', '--throttle', '0'],
    { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('coverage of 3 accounts × 2 regions (6 cells), concurrency 32, latency 0 ms\n');
  expect(result.stdout).toMatch(/^wall time: \d+\.\d s \(the command's own measure: \d+\.\d s\), exit status 0$/m);
  expect(result.stdout).toContain('cells: 6 logging, 4 not-in-scope\n');
  const calls = Object.fromEntries([...result.stdout.matchAll(/^ {2}(\S+) +(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
  expect(calls).toEqual({
    'bedrock:GetModelInvocationLoggingConfiguration': 6,
    'cloudformation:ListStacks': 6,
    'organizations:DescribeOrganization': 1,
    'organizations:ListAccountsForParent': 4,
    'organizations:ListOrganizationalUnitsForParent': 4,
    'organizations:ListRoots': 1,
    // The central bucket's probe, one listing per account, two per cell (the day, then the newest hour).
    's3:GetBucketReplication': 6,
    's3:GetBucketVersioning': 6,
    's3:ListObjectsV2': 1 + 3 + 6 * 2,
    // One session per account and one in the aggregation account.
    'sts:AssumeRole': 4,
    'sts:GetCallerIdentity': 1,
  });
  expect(result.stdout).not.toContain('counted its calls differently');
}, 120_000);
