/**
 * Loads a handler the way CloudFormation runs it: the inline text `bundleHandler(name)` produces,
 * written as `index.js` and required.
 *
 * In-process (`loadBundledHandler`), the file goes under the repository (`.build-handler-tests/`,
 * git-ignored by `.build-*`), so the emptier's `require('@aws-sdk/client-s3')` resolves, through
 * jest's module registry, to the same node_modules copy as the test's own import: the
 * `aws-sdk-client-mock` stubs on the client prototypes apply, as they would to the Lambda
 * runtime's SDK.
 *
 * In a separate Node.js process (`LambdaSandbox`), the file goes into a temporary folder outside
 * the repository, where no `@aws-sdk/*` package resolves unless the test puts one there: a Lambda
 * runtime whose SDK is older, or missing. The bundled logging handler runs only there: its pinned
 * SDK loads Node's `http` with a dynamic `import()`, which jest's module sandbox does not support.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { bundleHandler, type HandlerName } from '../../../cdk/bundle';
import { PACKAGE_ROOT } from '../../../cdk/paths';
import { type CfnEvent, type Handler, RESERVE_MS } from '../../../cdk/handlers/shared/custom-resource';
import { LAMBDA_ENV } from './events';

export const BUNDLE_TEST_DIR = path.join(PACKAGE_ROOT, '.build-handler-tests');

export function loadBundledHandler(name: HandlerName): Handler {
  fs.mkdirSync(BUNDLE_TEST_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BUNDLE_TEST_DIR, `${name}-`));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, bundleHandler(name));
  const mod = require(file) as { handler: Handler };
  fs.rmSync(dir, { recursive: true, force: true });
  return mod.handler;
}

export interface InvokeOptions {
  /** Extra environment variables (on top of `PATH` and `LAMBDA_ENV`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The work budget of each invocation (see `lambdaContext`). */
  readonly workMs?: number;
}

export interface ProcessRun {
  /** The process's exit code: 0 when every invocation resolved. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether `require.resolve(module)` succeeded in the process, for each module asked about. */
  readonly resolvable: Readonly<Record<string, boolean>>;
  /** The JSON lines the handler logged (`console.log`), parsed. */
  readonly logged: unknown[];
}

/**
 * What each process runs: the resolve checks, then the handler once per event, in order (as a warm
 * Lambda execution environment would), each with a Lambda-like context.
 */
const PROCESS_SCRIPT = `
const [events, workMs, modules, reserveMs] = JSON.parse(process.argv[1]);
const resolvable = {};
for (const m of modules) { try { require.resolve(m); resolvable[m] = true; } catch { resolvable[m] = false; } }
console.log('RESOLVABLE ' + JSON.stringify(resolvable));
const { handler } = require('./index.js');
(async () => {
  for (const event of events) {
    const end = Date.now() + reserveMs + workMs;
    await handler(event, { getRemainingTimeInMillis: () => end - Date.now() });
  }
})().then(() => process.exit(0), (error) => { console.error('HANDLER FAILED ' + error.message); process.exit(1); });
`;

/**
 * A bundled handler as Lambda runs it: `index.js` alone in a folder outside the repository, run
 * by a fresh Node.js process per `invoke` with only `PATH`, the Lambda environment and the given
 * variables (no `NODE_PATH`), so no `@aws-sdk/*` package resolves unless the test puts one there
 * with `files` (a decoy for a Lambda runtime's own, older SDK).
 */
export class LambdaSandbox {
  private constructor(readonly dir: string) {}

  static create(name: HandlerName, files: Readonly<Record<string, string>> = {}): LambdaSandbox {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lambda-${name}-`));
    fs.writeFileSync(path.join(dir, 'index.js'), bundleHandler(name));
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return new LambdaSandbox(dir);
  }

  /** Runs the handler for each event in turn, in one process. */
  async invoke(events: readonly CfnEvent[], options: InvokeOptions = {}, resolveChecks: readonly string[] = []): Promise<ProcessRun> {
    const args = ['-e', PROCESS_SCRIPT, JSON.stringify([events, options.workMs ?? 30_000, resolveChecks, RESERVE_MS])];
    const env = { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, ...options.env };
    let exitCode = 0;
    let stdout: string;
    let stderr: string;
    try {
      ({ stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: this.dir, env, timeout: 60_000 }));
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      exitCode = typeof failed.code === 'number' ? failed.code : -1;
      stdout = failed.stdout ?? '';
      stderr = failed.stderr ?? '';
    }
    const lines = stdout.split('\n');
    const marker = lines.find((line) => line.startsWith('RESOLVABLE '));
    const resolvable = marker ? (JSON.parse(marker.slice('RESOLVABLE '.length)) as Record<string, boolean>) : {};
    const logged = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as unknown);
    return { exitCode, stdout, stderr, resolvable, logged };
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
