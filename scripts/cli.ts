#!/usr/bin/env node
/**
 * The command-line entry (`bin` in package.json): `<program> <command> [options]`. Everything
 * else lives in `scripts/commands/`; this file only dispatches, turns a command that cannot load
 * into a report, turns on the command's code cache (`lib/code-cache.ts`) and keeps the process
 * honest about a closed stdout (`... | head`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { issue, UserError } from '../cdk/errors';
import { sha256Hex } from '../cdk/hash';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../cdk/paths';
import { didYouMean } from '../cdk/suggest';
import { COMMANDS } from './commands';
import { enableCodeCache } from './lib/code-cache';
import { PROGRAM, processIo, reportFailure, runCommand, watchStdout, type Io } from './lib/command';

/** The CLI's own help: every command with its summary. */
export function programHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    `Run \`${PROGRAM} <command> --help\` for a command's options.`,
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(programHelp());
    return name === undefined ? 1 : 0;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    const names = Object.keys(COMMANDS);
    return reportFailure(new UserError(PROGRAM, [issue('command', 'is not a command', name, didYouMean(name, names, `use one of: ${names.join(', ')}`))]), io);
  }
  let command: ReturnType<typeof entry.load>;
  try {
    command = entry.load();
  } catch (err) {
    return reportFailure(missingDevDependency(name, err) ?? err, io);
  }
  return runCommand(command, rest, io);
}

/**
 * A command that needs one of this project's development dependencies, run where only the runtime
 * ones are installed (the package installed in a CfCT repository): `docs` regenerates this
 * project's own documentation with the TypeScript compiler. A user error saying where to run it.
 */
function missingDevDependency(command: string, err: unknown): UserError | undefined {
  const missing = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? /Cannot find module '([^']+)'/.exec((err as Error).message)?.[1] : undefined;
  if (missing === undefined) return undefined;
  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  if (manifest.devDependencies?.[missing] === undefined) return undefined;
  return new UserError(PROGRAM, [
    issue('command', `needs ${missing}, a development dependency of ${PACKAGE_NAME}, which is not installed here`, command, `run it in a checkout of ${PACKAGE_NAME} after \`npm ci\` (an installed package has its runtime dependencies only)`),
  ]);
}

/**
 * The code cache file of a command (`code-cache.ts`): one per command, as each loads its own
 * modules, and per Node.js version, architecture and node options (V8 rejects code compiled
 * under other flags: runs with and without an option must not take turns rewriting one file).
 * `execArgv`: the node options of the process that runs the command (this one's by default).
 */
export function codeCacheFile(command: string, execArgv: readonly string[] = process.execArgv): string {
  const options = sha256Hex(JSON.stringify([execArgv, process.env.NODE_OPTIONS ?? ''])).slice(0, 8);
  return path.join(PACKAGE_ROOT, 'node_modules', '.cache', PACKAGE_NAME, 'code', `${command}-${process.version}-${process.arch}-${options}.bin`);
}

/** Runs the CLI as the process: `argv` without the node and script paths. */
export function main(argv: readonly string[]): void {
  watchStdout();
  const [name] = argv;
  if (name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name)) enableCodeCache(codeCacheFile(name), PACKAGE_ROOT);
  void runCli(argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main(process.argv.slice(2));
