import { parseArgs, type ParseArgsConfig } from 'util';
import { ExpectedError } from '../../cdk/errors';
import { PackageError } from '../../cdk/package/errors';

/**
 * The one top-level error handler of every command: an expected failure (`ExpectedError`: bad
 * input, an invalid package, AWS refusing) prints its message
 * and exits 1; anything else is a bug and prints its stack, exit 2. Resolves to the exit code,
 * which it also sets on `process.exitCode`.
 */
export async function runCommand(main: () => void | number | Promise<void | number>): Promise<number> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (err) {
    if (err instanceof ExpectedError) {
      process.stderr.write(`${err.message}\n`);
      code = 1;
    } else {
      process.stderr.write(`Unexpected error (a bug; please report it):\n${err instanceof Error ? err.stack : String(err)}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
  return code;
}

/**
 * `util.parseArgs` with strict options and `--help`/`-h`; a usage mistake is an expected failure
 * (exit 1), and `--help` prints the usage and ends the process (exit 0).
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  usage: string,
  options: T,
  args: string[] = process.argv.slice(2),
) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new PackageError(`${command}: ${(err as Error).message}`, `usage: ${usage}`);
  }
}

/** A whole-number option, or a usage error naming it. */
export function integerOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw)) throw new PackageError(`--${name} must be a whole number (got "${raw}")`, `pass for example --${name} 10240`);
  return Number(raw);
}

/** Milliseconds since `startMs` (a `performance.now()` reading) as seconds with two decimals. */
export function seconds(startMs: number): string {
  return ((performance.now() - startMs) / 1000).toFixed(2);
}
