import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { cli, CLI_JS } from '../../helpers/cli';
import { FIXTURES_DIR, VALID_FIXTURE } from '../../package/validate/fixture';

describe('validate', () => {
  test('exits 0 on the valid fixture', async () => {
    const result = await cli(['validate', '--dir', VALID_FIXTURE]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^validate: manifest\.yaml and the files it references are valid \(\d+ ms\)\n$/);
  });

  test('fails with exit 1 and every issue, grouped by file', async () => {
    const result = await cli(['validate', '--dir', path.join(FIXTURES_DIR, 'many-problems')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('- '))).toEqual([
      'customizations/bedrock-logs-aggregation.template.json has 1 issue:',
      'manifest.yaml has 4 issues:',
      'policies/bedrock-logs-guardrails.json has 1 issue:',
      'validate: 6 issues in 3 files',
    ]);
    expect(lines).toContain(
      '- manifest.yaml:14 resources[0].deployment_targets.organizational_units[1]: starts with `Root:`: CfCT names OUs from below the root ' +
        '(got "Root:Workloads:Prod"); write "Workloads:Prod" (use "Root" alone for the organization root) [manifest-ou-paths]',
    );
  });

  test('checks policies against the SCP budget of the environment the package is built from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-map-'));
    try {
      const example = require('../../../cdk/env/map.example').environmentMap.environments.example;
      const map = path.join(dir, 'map.js');
      fs.writeFileSync(map, `exports.environmentMap = ${JSON.stringify({ environments: { tight: { ...example, policies: { ...example.policies, scpSizeBudget: 1000 } } } })};\n`);
      // The committed example SCP is over 1,000 characters: the environment's budget applies...
      const tight = await cli(['validate', '--map', map]);
      expect(tight.status).toBe(1);
      expect(tight.stderr).toMatch(/policies\/bedrock-logs-guardrails\.json.*over.*1,?000/);
      // ...unless --scp-budget overrides it.
      expect((await cli(['validate', '--map', map, '--scp-budget', '5120'])).status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails with exit 1 if --scp-budget is over 10240', async () => {
    const result = await cli(['validate', '--dir', VALID_FIXTURE, '--scp-budget', '20000']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('validate has 1 issue:\n- --scp-budget: must be a whole number from 1 to 10240 (got 20000); Organizations allows at most 10240 characters per SCP\n');
  });

  test('fails with exit 1 and a suggestion on a misspelt option', async () => {
    const result = await cli(['validate', '--dri', 'x']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('bedrock-invocation-logging-cfct validate has 1 issue:\n- --dri: is not an option of this command (got "--dri x"); did you mean `--dir`?\n');
  });
});

describe('the validate path', () => {
  /** The packages a real run of the compiled CLI loaded (from node's module cache at exit). */
  function packagesLoaded(argv: string[], cwd: string): string[] {
    const recorder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loaded-')), 'record.js');
    fs.writeFileSync(recorder, `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n`);
    const result = spawnSync(process.execPath, ['--require', recorder, CLI_JS, ...argv], { cwd, encoding: 'utf8' });
    const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
    if (!line) throw new Error(`no module list: ${result.stderr}`);
    const files = JSON.parse(line.slice('LOADED '.length)) as string[];
    const names = files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((n): n is string => n !== undefined && n !== '.cache');
    return [...new Set(names)].sort();
  }

  test('loads neither aws-cdk-lib nor esbuild nor the AWS SDK: only yaml (and ajv on a cache miss)', () => {
    const loaded = packagesLoaded(['validate', '--dir', VALID_FIXTURE], os.tmpdir());
    expect(loaded.filter((name) => name !== 'ajv' && !name.startsWith('fast-') && name !== 'json-schema-traverse' && name !== 'require-from-string')).toEqual(['yaml']);
  });
});
