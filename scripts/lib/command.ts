/**
 * The frame every command runs in: `defineCommand` declares a command (name, summary, options,
 * `run`), `runCommand` parses its command line (strict, `--help` once for all commands, usage
 * mistakes as user errors with a did-you-mean), runs it and turns what escapes into an exit code:
 * 0 done, 1 an expected failure (`ExpectedError`: its message, no stack) or a command that
 * returned 1, 2 a bug (the stack).
 */
import { parseArgs } from 'util';
import { ExpectedError, issue, UserError, type Issue } from '../../cdk/errors';
import { PACKAGE_NAME } from '../../cdk/paths';
import { didYouMean } from '../../cdk/suggest';

/** The program's name, as users type it (the package's `bin`). */
export const PROGRAM = PACKAGE_NAME;

/** A stream a command writes to. `isTTY` is set on a terminal (progress output checks it). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** What a command may touch of its process: streams, working directory, environment variables. */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The real process's streams, folder and environment. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder of the value in the help (`<name>`); string options only. */
  readonly value?: string;
  /** One line for the help. */
  readonly description: string;
  /** One-letter alias. */
  readonly short?: string;
}

/** A command's options by long name (without `--`). */
export type Options = Readonly<Record<string, OptionSpec>>;

type ValueOf<T> = T extends 'boolean' ? boolean : string;

/** The parsed values of options `O`: a string or boolean per given option, undefined when not given. */
export type Values<O extends Options> = { -readonly [K in keyof O]?: ValueOf<O[K]['type']> };

/** What `run` gets. */
export interface CommandContext<O extends Options> {
  readonly values: Values<O>;
  readonly positionals: readonly string[];
  readonly io: Io;
}

/** A subcommand of the CLI. */
export interface Command<O extends Options = Options> {
  readonly name: string;
  /** One sentence: the CLI's help lists it, the command's help starts with it. */
  readonly summary: string;
  readonly options: O;
  /** Further help text, printed after the options. */
  readonly details?: string;
  /** Usage of positional arguments (`<file>...`); a command without it takes none. */
  readonly positionals?: string;
  /** Does the work; a returned number is the exit code (0 when nothing is returned). */
  run(context: CommandContext<O>): void | number | Promise<void | number>;
}

/** Declares a command (only for type inference of its options). */
export function defineCommand<O extends Options>(command: Command<O>): Command<O> {
  return command;
}

const HELP_FLAGS = ['--help', '-h'];

/** The arguments before a `--` (after it, everything is a positional). */
function optionArgs(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
}

/** The help of a command: usage, summary, options, details. */
export function commandHelp(command: Command<Options>): string {
  const rows = [
    ...Object.entries(command.options).map(([name, spec]) => ({
      flag: `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`,
      text: spec.description,
    })),
    { flag: '-h, --help', text: 'show this help' },
  ];
  const width = Math.max(...rows.map((row) => row.flag.length));
  return [
    `Usage: ${PROGRAM} ${command.name} [options]${command.positionals === undefined ? '' : ` ${command.positionals}`}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map((row) => `  ${row.flag.padEnd(width)}  ${row.text}`),
    ...(command.details === undefined ? [] : ['', command.details]),
    '',
  ].join('\n');
}

/** The `'...'` quoted in a node parseArgs error message. */
function quoted(message: string): string {
  return /'([^' ]+)/.exec(message)?.[1] ?? message;
}

/** Turns a parseArgs error into the issue the user reads. */
function usageIssue(command: Command<Options>, argv: readonly string[], err: { code?: string; message: string }): Issue {
  const flag = quoted(err.message);
  const help = `run \`${PROGRAM} ${command.name} --help\` for the options`;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flags = Object.keys(command.options).map((name) => `--${name}`);
      return issue(flag, 'is not an option of this command', argv.join(' '), didYouMean(flag, flags, help));
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return issue('argument', 'is not expected: this command takes options only', flag, help);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(err.message)) {
        const value = argv[argv.indexOf(flag) + 1];
        return issue(flag, 'has a value that starts with "-", which reads like another option', value,
          `write it as ${flag}=${value ?? '<value>'} if you meant that value`);
      }
      if (/does not take an argument/.test(err.message)) {
        return issue(flag, 'is a switch and takes no value', argv.find((arg) => arg.startsWith(`${flag}=`)), `write ${flag} alone`);
      }
      return issue(flag, 'needs a value', undefined, `write ${flag} <value>; ${help}`);
    default:
      return issue('arguments', err.message, argv.join(' '), help);
  }
}

/** Parses `argv` for `command` (strict). A usage mistake is a `UserError` naming the flag. */
export function parseCommandLine<O extends Options>(command: Command<O>, argv: readonly string[]): { values: Values<O>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }) }]));
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: command.positionals !== undefined });
    return { values: parsed.values as Values<O>, positionals: parsed.positionals };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw err;
    throw new UserError(`${PROGRAM} ${command.name}`, [usageIssue(command as Command<Options>, argv, { code, message: (err as Error).message })]);
  }
}

/**
 * Prints a failure and returns its exit code: an `ExpectedError` is its message (exit 1), anything
 * else a bug with its stack (exit 2).
 */
export function reportFailure(err: unknown, io: Io): number {
  if (err instanceof ExpectedError) {
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
  io.stderr.write(`Unexpected error (a bug; please report it):\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 2;
}

/** Runs `command` on `argv` (`--help` prints its help); resolves to the exit code. */
export async function runCommand(command: Command<Options>, argv: readonly string[], io: Io): Promise<number> {
  if (optionArgs(argv).some((arg) => HELP_FLAGS.includes(arg))) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const { values, positionals } = parseCommandLine(command, argv);
    return (await command.run({ values, positionals, io })) ?? 0;
  } catch (err) {
    return reportFailure(err, io);
  }
}

/** Milliseconds since `startMs` (a `performance.now()` reading) as seconds with two decimals. */
export function seconds(startMs: number): string {
  return ((performance.now() - startMs) / 1000).toFixed(2);
}
