/**
 * `npx cdk synth` works for people used to the CDK CLI, and gives the same templates as the build.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLE_MAP_FILE } from '../../cdk/env/load';
import { Names } from '../../cdk/names';
import { PACKAGE_ROOT } from '../../cdk/paths';
import { exampleConfig } from '../helpers/example';
import { synthesize } from '../helpers/synth';

const ROOT = PACKAGE_ROOT;

test('the CDK CLI synthesizes the same templates as the build', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cli-'));
  try {
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--no-notices', '--quiet', '-c', 'env=example', '-c', `map=${EXAMPLE_MAP_FILE}`, '-o', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    });
    // The CDK CLI logs to stderr, or to stdout when CI=true (its `--ci` mode), so look at both.
    const output = `${result.stdout}${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('Successfully synthesized') });
    const names = new Names(exampleConfig().prefix);
    const inProcess = synthesize();
    const cli = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(out, `${name}.template.json`), 'utf8'));
    expect(cli(names.stackSet('member'))).toEqual(inProcess.memberJson);
    expect(cli(names.stackSet('aggregation'))).toEqual(inProcess.aggregationJson);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
