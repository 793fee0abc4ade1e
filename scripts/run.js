#!/usr/bin/env node
/**
 * Runs the CLI from a checkout of this repository: brings `lib/` up to date first (only files whose
 * source changed are compiled, so an up-to-date tree costs a few milliseconds), then runs the
 * compiled `lib/scripts/cli.js` in the same process (`validate`: the bundled `lib/validate.js`). The npm scripts and the pre-commit hook use
 * it; an installed package runs `lib/scripts/cli.js` (its `bin`) directly.
 *
 *   node scripts/run.js <command> [options]
 */
'use strict';
const { bundleValidate, compile } = require('./compile');

const [command, ...rest] = process.argv.slice(2);
if (command === 'validate') {
  // The pre-commit hook and `npm run validate`: only the single-file bundle needs to be current
  // (it is made from the sources directly), which costs a stat of the ~60 files it lists.
  bundleValidate();
  require('../lib/validate.js').main(rest);
} else {
  compile();
  require('../lib/scripts/cli.js').main(process.argv.slice(2));
}
