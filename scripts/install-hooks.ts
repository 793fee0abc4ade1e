/**
 * The `prepare` script (`npm ci`, `npm install`): points git's `core.hooksPath` at the committed
 * `.githooks/` folder, so that `git commit` runs `npm run validate` on the staged package.
 *
 * Never fails an install. It does nothing, saying why, when:
 * - the folder is not a git checkout (an npm tarball, a CI cache, a Docker build context), git is
 *   missing, or git refuses the repository (a checkout owned by another user, as when CI runs as
 *   root: "detected dubious ownership");
 * - `core.hooksPath` is already set (to this folder: nothing to do; elsewhere: the team's choice);
 * - another hook manager already installed `.git/hooks/pre-commit` (the pre-commit framework).
 *
 * Runs in the package folder (npm's working directory for lifecycle scripts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const HOOKS_DIR = '.githooks';
const HOOK = 'pre-commit';

function git(args: string[], cwd: string): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, out: (result.stdout ?? '').trim() };
}

function log(message: string): void {
  process.stdout.write(`install-hooks: ${message}\n`);
}

/** Installs the hooks for the project in `projectDir`; returns what it did, in one line. */
export function installHooks(projectDir: string): string {
  const hook = path.join(projectDir, HOOKS_DIR, HOOK);
  if (!fs.existsSync(hook)) return `no ${HOOKS_DIR}/${HOOK} here: nothing to install`;
  const inside = git(['rev-parse', '--is-inside-work-tree'], projectDir);
  if (!inside.ok || inside.out !== 'true') {
    return 'not a git checkout (or git is missing or refuses this repository): hooks not installed';
  }
  const prefix = git(['rev-parse', '--show-prefix'], projectDir).out;
  const wanted = `${prefix}${HOOKS_DIR}`;
  const current = git(['config', '--get', 'core.hooksPath'], projectDir);
  if (current.ok) {
    return current.out === wanted
      ? `core.hooksPath is already ${wanted}`
      : `core.hooksPath is already "${current.out}": left alone (run ${HOOKS_DIR}/${HOOK} from there to validate on commit)`;
  }
  const gitHooks = git(['rev-parse', '--git-path', 'hooks'], projectDir).out;
  if (gitHooks && fs.existsSync(path.resolve(projectDir, gitHooks, HOOK))) {
    return `${path.join(gitHooks, HOOK)} exists (another hook manager, such as pre-commit): left alone`;
  }
  try {
    fs.chmodSync(hook, 0o755); // a checkout without file modes (core.fileMode false) may have lost the bit
  } catch {
    // read-only checkout: git still runs the hook if the bit is there
  }
  if (!git(['config', 'core.hooksPath', wanted], projectDir).ok) return 'git config core.hooksPath failed: hooks not installed';
  return `core.hooksPath set to ${wanted}: git commit now validates the staged package (skip once with --no-verify)`;
}

if (require.main === module) {
  try {
    log(installHooks(process.cwd()));
  } catch (err) {
    log(`skipped (${(err as Error).message})`);
  }
  process.exitCode = 0;
}
