#!/usr/bin/env node
/**
 * The validate command on its own, for the pre-commit hook: `node lib/validate.js [validate
 * options]`. `scripts/compile.js` bundles it with everything it imports into the single file
 * `lib/validate.js` (ajv stays outside: it is loaded only when the compiled-schema cache misses).
 * One file instead of about 120 modules saves a quarter of the hook's CPU time (`npm run bench`
 * measures it next to CfCT's own check). It behaves as `<program> validate` does.
 */
import { validate } from './commands/validate';
import { runCommand, watchStdout } from './lib/command';

/** Runs `validate` with `argv` (its options) as the process. */
export function main(argv: readonly string[]): void {
  watchStdout();
  void runCommand(validate, argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main(process.argv.slice(2));
