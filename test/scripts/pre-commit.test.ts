import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { PACKAGE_NAME } from '../../cdk/paths';
import { installHooks } from '../../scripts/install-hooks';
import { FIXTURES_DIR } from '../package/validate/fixture';
import { gitInit, PROJECT_DIR, run, sandboxEnv, tempDir } from './git-sandbox';

const HOOK = path.join(PROJECT_DIR, '.githooks', 'pre-commit');
const INSTALL_HOOKS = path.join(PROJECT_DIR, 'lib', 'scripts', 'install-hooks.js');

/**
 * A throwaway CfCT repository holding the valid fixture package, the committed hook, and this
 * project installed as a dependency (node_modules/<package> linked to it, as npm links a local
 * install). The hook is installed the way `npm ci` does it: by running the `prepare` script there.
 */
function hookRepo(): { dir: string; env: NodeJS.ProcessEnv; prepareOutput: string } {
  const dir = tempDir('cfct-hook-');
  const env = sandboxEnv(tempDir('cfct-home-'));
  fs.cpSync(path.join(FIXTURES_DIR, 'valid'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.githooks'));
  fs.copyFileSync(HOOK, path.join(dir, '.githooks', 'pre-commit'));
  fs.chmodSync(path.join(dir, '.githooks', 'pre-commit'), 0o755);
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'hook-test', private: true }, null, 2)}\n`);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PROJECT_DIR, path.join(dir, 'node_modules', PACKAGE_NAME));
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  gitInit(dir, env);
  const prepare = run('node', [INSTALL_HOOKS], dir, env); // as `npm ci` runs `prepare`
  expect(prepare.status).toBe(0);
  return { dir, env, prepareOutput: prepare.stdout };
}

function commit(dir: string, env: NodeJS.ProcessEnv, message: string) {
  const add = run('git', ['add', '-A'], dir, env);
  expect(add.status).toBe(0);
  return run('git', ['commit', '-q', '-m', message], dir, env);
}

function commitCount(dir: string, env: NodeJS.ProcessEnv): number {
  const log = run('git', ['rev-list', '--count', 'HEAD'], dir, env);
  return log.status === 0 ? Number(log.stdout.trim()) : 0;
}

describe('the pre-commit hook (.githooks/pre-commit, installed by the prepare script)', () => {
  test('accepts a commit of a valid package and rejects one with a broken manifest.yaml', () => {
    const { dir, env, prepareOutput } = hookRepo();
    expect(prepareOutput).toContain('core.hooksPath set to .githooks');

    const good = commit(dir, env, 'Add the package');
    expect(good.status).toBe(0);
    expect(good.stderr).toContain('validate: manifest.yaml and the files it references are valid'); // git shows hook output on stderr
    expect(commitCount(dir, env)).toBe(1);

    const manifest = path.join(dir, 'manifest.yaml');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('deploy_method: scp', 'deploy_method: SCP'));
    const bad = commit(dir, env, 'Break the manifest');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('manifest.yaml has 1 issue:');
    expect(bad.stderr).toContain('- manifest.yaml:11 resources[0].deploy_method: must be one of scp, stack_set, rcp (lower-case) (got "SCP")');
    expect(commitCount(dir, env)).toBe(1);
  });

  test('validates the staged files, not the working tree', () => {
    const { dir, env } = hookRepo();
    const manifest = path.join(dir, 'manifest.yaml');
    const valid = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, valid.replace('version: 2021-03-15', 'version: "2021-03-15"'));
    expect(run('git', ['add', '-A'], dir, env).status).toBe(0);
    fs.writeFileSync(manifest, valid); // fixed on disk, but not staged

    const staged = run('git', ['commit', '-q', '-m', 'Staged manifest is broken'], dir, env);
    expect(staged.status).not.toBe(0);
    expect(staged.stderr).toContain('[manifest-version-date]');

    const fixed = commit(dir, env, 'Stage the fix');
    expect(fixed.status).toBe(0);
    expect(commitCount(dir, env)).toBe(1);
  });

  test('a half-edited environment map does not block an unrelated commit (validate reads the package record, not the map)', () => {
    const { dir, env } = hookRepo();
    expect(commit(dir, env, 'Add the package').status).toBe(0);
    fs.mkdirSync(path.join(dir, 'cdk', 'env'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk', 'env', 'map.ts'), 'export const environmentMap = {\n  environments: { prod: { homeRegion: \n');
    fs.writeFileSync(path.join(dir, 'NOTES.md'), 'unrelated\n');
    const result = commit(dir, env, 'Unrelated change while the map is half-edited');
    expect(result.stderr).toContain('validate: manifest.yaml and the files it references are valid');
    expect(result.status).toBe(0);
    expect(commitCount(dir, env)).toBe(2);
  });

  test('runs validate without NODE_EXTRA_CA_CERTS (node would load that bundle at start-up; validate opens no connection)', () => {
    const { dir, env } = hookRepo();
    // Node warns at start-up about a bundle it cannot load: the warning shows whether it tried.
    const result = commit(dir, { ...env, NODE_EXTRA_CA_CERTS: path.join(dir, 'no-such-bundle.pem') }, 'Add the package');
    expect(result.stderr).toContain('validate: manifest.yaml and the files it references are valid');
    expect(result.stderr).not.toContain('extra certs');
    expect(result.status).toBe(0);
  });

  test('lets commits through while there is no package yet (no manifest.yaml staged)', () => {
    const { dir, env } = hookRepo();
    fs.rmSync(path.join(dir, 'manifest.yaml'));
    const result = commit(dir, env, 'Code before the first build');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('pre-commit: no manifest.yaml staged in the repository root: no CfCT package to validate\n');
  });
});

describe('installHooks (the prepare script)', () => {
  /** Runs `fn` with git isolated from the user's configuration and any outer repository. */
  function isolated<T>(fn: () => T): T {
    const saved = { ...process.env };
    const env = sandboxEnv(tempDir('cfct-home-'));
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, env);
    try {
      return fn();
    } finally {
      for (const key of Object.keys(process.env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  function projectWithHook(dir: string): string {
    fs.mkdirSync(path.join(dir, '.githooks'), { recursive: true });
    fs.copyFileSync(HOOK, path.join(dir, '.githooks', 'pre-commit'));
    return dir;
  }

  test('does nothing outside a git checkout, without failing', () => {
    const dir = projectWithHook(tempDir('cfct-tarball-'));
    expect(isolated(() => installHooks(dir))).toBe('not a git checkout (or git is missing or refuses this repository): hooks not installed');
  });

  test('also exits 0 as the prepare script outside a git checkout', () => {
    const dir = projectWithHook(tempDir('cfct-tarball-'));
    const env = sandboxEnv(tempDir('cfct-home-'));
    const result = run('node', [INSTALL_HOOKS], dir, env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('install-hooks: not a git checkout');
  });

  test('points core.hooksPath at the project folder inside a larger repository', () => {
    const repo = tempDir('cfct-mono-');
    const project = projectWithHook(path.join(repo, 'infra', 'cfct'));
    isolated(() => {
      gitInit(repo, process.env);
      expect(installHooks(project)).toContain('core.hooksPath set to infra/cfct/.githooks');
      expect(run('git', ['config', 'core.hooksPath'], repo, process.env).stdout.trim()).toBe('infra/cfct/.githooks');
      expect(installHooks(project)).toBe('core.hooksPath is already infra/cfct/.githooks');
    });
  });

  test('leaves an existing core.hooksPath or hook manager alone', () => {
    isolated(() => {
      const withPath = projectWithHook(tempDir('cfct-husky-'));
      gitInit(withPath, process.env);
      run('git', ['config', 'core.hooksPath', '.husky'], withPath, process.env);
      expect(installHooks(withPath)).toContain('core.hooksPath is already ".husky": left alone');

      const withManager = projectWithHook(tempDir('cfct-precommit-'));
      gitInit(withManager, process.env);
      fs.writeFileSync(path.join(withManager, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexec pre-commit\n');
      expect(installHooks(withManager)).toContain('exists (another hook manager, such as pre-commit): left alone');
      expect(run('git', ['config', 'core.hooksPath'], withManager, process.env).status).toBe(1);
    });
  });
});

describe('.pre-commit-config.yaml', () => {
  test('declares a local hook that runs the validate command once per commit', () => {
    const config = parse(fs.readFileSync(path.join(PROJECT_DIR, '.pre-commit-config.yaml'), 'utf8'));
    expect(config.repos).toEqual([
      {
        repo: 'local',
        hooks: [
          expect.objectContaining({
            id: 'cfct-validate',
            entry: 'node scripts/run.js validate',
            language: 'system',
            pass_filenames: false,
            always_run: true,
          }),
        ],
      },
    ]);
  });
});

describe('package.json', () => {
  test('installs the hook on npm ci through the prepare script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBe('node scripts/compile.js --quiet && node lib/scripts/install-hooks.js');
    expect(fs.statSync(HOOK).mode & 0o111).not.toBe(0);
  });
});
