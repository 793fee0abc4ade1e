import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository under test (this worktree). */
export const PROJECT_DIR = path.resolve(__dirname, '../..');

const sandboxes: string[] = [];
afterAll(() => {
  for (const dir of sandboxes) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  sandboxes.push(dir);
  return dir;
}

/**
 * An environment for git and npm in throwaway repositories: no GIT_* variables inherited (a test
 * run from inside a hook would otherwise act on the outer repository), no global or system git
 * configuration, a throwaway HOME, and the project's node_modules/.bin and node on PATH.
 */
export function sandboxEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_') && !key.startsWith('npm_')) env[key] = value;
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_CEILING_DIRECTORIES: path.dirname(home),
    PATH: [path.join(PROJECT_DIR, 'node_modules', '.bin'), path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
  };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

/** `git init` with a committer identity and no signing. */
export function gitInit(dir: string, env: NodeJS.ProcessEnv): void {
  for (const args of [
    ['init', '-q'],
    ['config', 'user.name', 'Hook Test'],
    ['config', 'user.email', 'hook-test@example.com'],
    ['config', 'commit.gpgsign', 'false'],
  ]) {
    const result = run('git', args, dir, env);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
}
