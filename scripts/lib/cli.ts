import { UserError } from '../../cdk/errors';

/**
 * The one top-level error handler of every command: an expected failure (bad input) prints its
 * message and exits 1; anything else is a bug and prints its stack, exit 2.
 */
export function runCli(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      if (err instanceof UserError) {
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`Unexpected error (a bug; please report it):\n${err instanceof Error ? err.stack : String(err)}\n`);
        process.exitCode = 2;
      }
    });
}

/** Milliseconds since `start` as seconds with two decimals. */
export function seconds(startMs: number): string {
  return ((performance.now() - startMs) / 1000).toFixed(2);
}
