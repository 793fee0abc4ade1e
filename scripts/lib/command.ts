/**
 * The frame every command runs in: one option parser, `--help` handled once, one top-level error
 * handler. A command is a plain object (`defineCommand`) whose `run` gets parsed values and an `Io`;
 * `runCommand(command, argv, io)` runs it in-process, which is how the tests run every command.
 *
 * Exit codes: 0 done; 1 an expected failure (`ExpectedError`: bad input, an invalid package, AWS
 * refusing) or a negative answer (`check` found differences); 2 a bug (the stack is printed).
 */
import { parseArgs } from 'util';
import { ExpectedError, UserError, issue, messageOf, plainUserError } from '../../cdk/errors';
import { PACKAGE_NAME } from '../../cdk/paths';
import { didYouMean } from '../../cdk/suggest';

/** Where a command writes. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** What a command may touch of the outside world besides files and AWS. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  /** The working directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The running process's streams, directory and environment. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** One command-line option. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** May be given more than once (values collected in order). */
  readonly multiple?: boolean;
  /** One line for `--help`. */
  readonly description: string;
  /** The value's placeholder in `--help` (`<name>`); strings only. */
  readonly value?: string;
}

export type Options = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : string;

/** The parsed options: each absent, or its value (a list for `multiple` options). */
export type Values<O extends Options> = {
  readonly [K in keyof O]?: O[K]['multiple'] extends true ? ValueOf<O[K]>[] : ValueOf<O[K]>;
};

/** What `run` gets. */
export interface Invocation<O extends Options> {
  readonly values: Values<O>;
  readonly positionals: readonly string[];
  readonly io: Io;
}

export interface Command<O extends Options = Options> {
  /** The subcommand (`build`). */
  readonly name: string;
  /** One line: what it does. */
  readonly summary: string;
  readonly options: O;
  /** Positional arguments it takes, for `--help`; none are accepted without this. */
  readonly positionals?: { readonly name: string; readonly description: string };
  /** More text for `--help`, after the options. */
  readonly details?: string;
  /** Resolves to the exit code (0 when nothing is returned). */
  run(invocation: Invocation<O>): number | void | Promise<number | void>;
}

/** Types a command's options without repeating them (`defineCommand({ options: {...}, run({ values }) {...} })`). */
export function defineCommand<O extends Options>(command: Command<O>): Command<O> {
  return command;
}

/** The program name users type (`npx <program> build`), as in package.json's `bin`. */
export const PROGRAM = PACKAGE_NAME;

/** `--help` text of a command. */
export function commandHelp(command: Command<Options>): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
    return [flag, `${spec.description}${spec.multiple ? ' (repeatable)' : ''}`];
  });
  rows.push(['-h, --help', 'print this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const positional = command.positionals ? ` [${command.positionals.name}...]` : '';
  return [
    `Usage: ${PROGRAM} ${command.name} [options]${positional}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(command.positionals ? ['', `Arguments:`, `  ${command.positionals.name}  ${command.positionals.description}`] : []),
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

/** The long option a parse error names (`'--foo'` in node's message), if any. */
function optionIn(message: string): string | undefined {
  return /'(-{1,2}[^' <]+)/.exec(message)?.[1];
}

/**
 * Parses `argv` strictly. A usage mistake (unknown or misspelt option, missing or ambiguous value,
 * a value for a flag, an unexpected argument) is a `UserError` with the fix.
 */
export function parseCommandLine<O extends Options>(command: Command<O>, argv: readonly string[]): { values: Values<O>; positionals: string[] } {
  const subject = `${PROGRAM} ${command.name}`;
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    config[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: command.positionals !== undefined });
    return { values: parsed.values as Values<O>, positionals: parsed.positionals };
  } catch (err) {
    const message = messageOf(err).split('\n')[0];
    const code = (err as { code?: string }).code;
    const flag = optionIn(message) ?? '';
    const help = `see \`${PROGRAM} ${command.name} --help\``;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = flag.split('=')[0];
      const fix = didYouMean(typed.replace(/^-+/, ''), Object.keys(command.options), help, (name) => `\`--${name}\``);
      throw new UserError(subject, [issue(typed, 'is not an option of this command', argv.join(' '), fix)]);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const word = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new UserError(subject, [issue('arguments', 'takes no positional arguments', word, `remove it, or write it as an option's value; ${help}`)]);
    }
    if (/ambiguous/.test(message)) {
      const next = argv[argv.indexOf(flag) + 1];
      throw new UserError(subject, [
        issue(flag, 'has a value that starts with "-", which reads like another option', next, `write it as ${flag}=${next ?? '<value>'} if you meant that value`),
      ]);
    }
    if (/argument missing/.test(message)) {
      throw plainUserError(subject, flag, 'needs a value', `write ${flag} ${command.options[flag.replace(/^-+/, '')]?.value ?? '<value>'}`);
    }
    if (/does not take an argument/.test(message)) {
      throw new UserError(subject, [issue(flag, 'is a switch and takes no value', argv.find((a) => a.startsWith(`${flag}=`)), `write ${flag} alone`)]);
    }
    throw new UserError(subject, [issue('arguments', message, argv.join(' '), help)]);
  }
}

/** Reports what escaped a command: an expected failure as its message (exit 1), anything else as a bug (exit 2). */
export function reportFailure(err: unknown, io: Io): number {
  if (err instanceof ExpectedError) {
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(`Unexpected error (a bug; please report it with the command you ran):\n${detail}\n`);
  return 2;
}

/**
 * A reader that went away (`| head`, a closed pager) is not a bug: say so once and exit 1. Any other
 * error on stdout is reported like every other failure. Call once, in the process's entry point.
 */
export function watchStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      const closed = new UserError('stdout', [{ path: 'pipe', message: 'was closed early by the program reading it (EPIPE)', fix: 'read the whole output, or ignore this if you meant to stop early' }]);
      process.stderr.write(`${closed.message}\n`);
      process.exit(1);
    }
    process.exit(reportFailure(err, processIo()));
  });
}

/** Runs one command with `argv` (the arguments after its name); resolves to the exit code. */
export async function runCommand<O extends Options>(command: Command<O>, argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(commandHelp(command as unknown as Command<Options>));
      return 0;
    }
    const { values, positionals } = parseCommandLine(command, argv);
    return (await command.run({ values, positionals, io })) ?? 0;
  } catch (err) {
    return reportFailure(err, io);
  }
}

/** A whole number from a string option (`min` or more, and one a double holds exactly), or a usage error naming it. */
export function integerOption(command: string, name: string, raw: string | undefined, example: number, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (!/^[0-9]+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    const what = min > 0 ? `must be a whole number of at least ${min}` : 'must be a whole number';
    throw new UserError(`${PROGRAM} ${command}`, [issue(`--${name}`, what, raw, `pass for example --${name} ${example}`)]);
  }
  return value;
}

/** Milliseconds since `startMs` (a `performance.now()` reading) as seconds with two decimals. */
export function seconds(startMs: number): string {
  return ((performance.now() - startMs) / 1000).toFixed(2);
}
