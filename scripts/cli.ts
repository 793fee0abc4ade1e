#!/usr/bin/env node
/**
 * The command-line entry (`bin` in package.json): `<program> <command> [options]`. Everything
 * else lives in `scripts/commands/`; this file only dispatches and keeps the process honest about
 * a closed stdout (`... | head`).
 */
import { issue, UserError } from '../cdk/errors';
import { didYouMean } from '../cdk/suggest';
import { COMMANDS } from './commands';
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
  return runCommand(entry.load(), rest, io);
}

/** Runs the CLI as the process: `argv` without the node and script paths. */
export function main(argv: readonly string[]): void {
  watchStdout();
  void runCli(argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main(process.argv.slice(2));
