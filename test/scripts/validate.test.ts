import * as fs from 'fs';
import * as path from 'path';
import { PackageError } from '../../cdk/package/errors';
import { runCommand } from '../../scripts/lib/run-command';
import { FIXTURES_DIR, VALID_FIXTURE } from '../package/validate/fixture';
import { runScript } from './cli';
import { PROJECT_DIR } from './git-sandbox';

describe('npm run validate', () => {
  test('exits 0 on the valid fixture', () => {
    const result = runScript('validate', ['--dir', VALID_FIXTURE]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^validate: manifest\.yaml and the files it references are valid \(\d+ ms\)\n$/);
  });

  test('fails with exit 1 and every issue, grouped by file', () => {
    const result = runScript('validate', ['--dir', path.join(FIXTURES_DIR, 'many-problems')]);
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

  test('checks policies against the SCP budget of the environment the package is built from', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'validate-map-'));
    try {
      const example = require('../../cdk/env/map.example').environmentMap.environments.example;
      const map = path.join(dir, 'map.js');
      fs.writeFileSync(map, `exports.environmentMap = ${JSON.stringify({ environments: { tight: { ...example, policies: { ...example.policies, scpSizeBudget: 1000 } } } })};\n`);
      // The committed example SCP is over 1,000 characters: the environment's budget applies...
      const tight = runScript('validate', ['--map', map]);
      expect(tight.status).toBe(1);
      expect(tight.stderr).toMatch(/policies\/bedrock-logs-guardrails\.json.*over.*1,?000/);
      // ...unless --scp-budget overrides it.
      expect(runScript('validate', ['--map', map, '--scp-budget', '5120']).status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails with exit 1 if --scp-budget is over 10240', () => {
    const result = runScript('validate', ['--dir', VALID_FIXTURE, '--scp-budget', '20000']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('--scp-budget must be a whole number from 1 to 10240 (got "20000"); Organizations allows at most 10240 characters per SCP\n');
  });

  test('fails with exit 1 and the usage on an unknown option', () => {
    const result = runScript('validate', ['--folder', 'x']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^validate: Unknown option '--folder'.*; usage: npm run validate -- \[--dir <package folder>\]/);
  });
});

describe('runCommand', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    process.exitCode = undefined;
  });

  test('prints an expected failure without a stack and exits 1', async () => {
    await expect(runCommand(() => Promise.reject(new PackageError('bad input', 'do this')))).resolves.toBe(1);
    expect(stderr).toHaveBeenCalledWith('bad input; do this\n');
    expect(process.exitCode).toBe(1);
  });

  test('prints a bug with its stack and exits 2', async () => {
    await expect(
      runCommand(() => {
        throw new TypeError('boom');
      }),
    ).resolves.toBe(2);
    const output = stderr.mock.calls.map((call) => String(call[0])).join('');
    expect(output).toContain('Unexpected error (a bug; please report it):\nTypeError: boom\n    at ');
    expect(process.exitCode).toBe(2);
  });
});

describe('the validate path', () => {
  /** Every module specifier reachable from a file through relative imports (static and require). */
  function reachable(entry: string): { local: string[]; external: string[] } {
    const local = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (local.has(file)) return;
      local.add(file);
      if (!file.endsWith('.ts')) return;
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)) {
        const spec = match[1];
        if (!spec.startsWith('.')) {
          external.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
          continue;
        }
        const base = path.resolve(path.dirname(file), spec);
        const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
        if (!found) throw new Error(`${file}: cannot resolve ${spec}`);
        visit(found);
      }
    };
    visit(entry);
    return { local: [...local].map((f) => path.relative(PROJECT_DIR, f)).sort(), external: [...external].sort() };
  }

  test('loads neither aws-cdk-lib nor esbuild, nor the stacks or the handler bundler', () => {
    const { local, external } = reachable(path.join(PROJECT_DIR, 'scripts', 'validate.ts'));
    expect(external).toEqual(['ajv', 'crypto', 'fs', 'path', 'util', 'yaml']);
    // The environment map (for the SCP budget) is plain project code: no CDK, no bundler.
    expect(local.filter((f) => !f.startsWith('cdk/package/validate/') && !f.startsWith('scripts/'))).toEqual([
      'cdk/constants.ts',
      'cdk/env/load.ts',
      'cdk/env/regions.ts',
      'cdk/env/resolve.ts',
      'cdk/env/types.ts',
      'cdk/env/validate.ts',
      'cdk/errors.ts',
      'cdk/names.ts',
      'cdk/package/errors.ts',
      'cdk/policies/cfct-size.ts',
    ]);
  });
});
