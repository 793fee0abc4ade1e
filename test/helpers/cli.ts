/**
 * Runs the CLI the two ways users get it: in-process through `runCli` (fast; most tests), and as a
 * real process of the compiled `lib/scripts/cli.js` (exit codes, streams, the bin itself).
 */
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { PACKAGE_ROOT } from '../../cdk/paths';
import type { Io } from '../../scripts/lib/command';
import { runCli } from '../../scripts/cli';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The compiled CLI, as the package's `bin` runs it. */
export const CLI_JS = path.join(PACKAGE_ROOT, 'lib', 'scripts', 'cli.js');

export interface CliOptions {
  /** Working directory (default: the project root, as the npm scripts run). */
  readonly cwd?: string;
  /** Environment variables (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * `cliProcess` only: run as a user without special rights, for tests of file permissions. Root
   * may read and write anything, so when the tests run as root the CLI runs as nobody (65534), with
   * HOME set to the working directory; otherwise as this user.
   */
  readonly unprivileged?: boolean;
}

/** Whether the tests run as root (CI does): see `CliOptions.unprivileged`. */
export const RUNS_AS_ROOT = process.getuid?.() === 0;

/** Runs `<program> ...argv` in this process, capturing what it writes. */
export async function cli(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? PACKAGE_ROOT,
    env: options.env ?? process.env,
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}

/** Runs the compiled CLI as a child process (blocking). */
export function cliProcess(argv: readonly string[], options: CliOptions = {}): CliResult {
  const cwd = options.cwd ?? PACKAGE_ROOT;
  const asNobody = options.unprivileged === true && RUNS_AS_ROOT;
  const result = spawnSync(process.execPath, [CLI_JS, ...argv], {
    cwd,
    env: { ...(options.env ?? process.env), ...(asNobody ? { HOME: cwd } : {}) },
    encoding: 'utf8',
    timeout: 120_000,
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `cliProcess` without blocking the event loop: needed when the CLI talks to a server that runs in
 * the test process (s3rver, a fake AWS API), which `spawnSync` would starve.
 */
export function cliProcessAsync(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...argv], { cwd: options.cwd ?? PACKAGE_ROOT, env: options.env ?? process.env, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The process environment without any AWS_* variable, shared config files or instance metadata.
 * The SDK's warning that its 2027 releases will need Node 22 is turned off (with the SDK's own
 * switch), so tests can expect an empty stderr; users on Node 20 do see it.
 */
export function envWithoutAws(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
