import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { PROJECT_DIR } from './git-sandbox';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/<name>.ts` in the project folder (as `npm run validate` does: tsx's CommonJS loader), with extra environment. */
export function runScript(name: string, args: string[], env: NodeJS.ProcessEnv = {}, baseEnv: NodeJS.ProcessEnv = process.env): CliResult {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(PROJECT_DIR, 'scripts', `${name}.ts`), ...args], {
    cwd: PROJECT_DIR,
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `runScript` without blocking the event loop: needed when the script talks to a server that
 * runs in the test process (s3rver), which `spawnSync` would starve.
 */
export function runScriptAsync(name: string, args: string[], env: NodeJS.ProcessEnv = {}, baseEnv: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(PROJECT_DIR, 'scripts', `${name}.ts`), ...args], {
      cwd: PROJECT_DIR,
      env: { ...baseEnv, ...env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The process environment without any AWS_* variable, shared config files or instance metadata. */
export function envWithoutAws(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
  };
}
