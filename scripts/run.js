#!/usr/bin/env node
/**
 * Runs the CLI from a checkout of this repository: brings `lib/` up to date first (only files whose
 * source changed are compiled, so an up-to-date tree costs a few milliseconds), then runs the
 * compiled `lib/scripts/cli.js` in the same process. The npm scripts and the pre-commit hook use
 * it; an installed package runs `lib/scripts/cli.js` (its `bin`) directly.
 *
 *   node scripts/run.js <command> [options]
 */
'use strict';
const { compile } = require('./compile');

compile();
const [command, ...rest] = process.argv.slice(2);
// `validate` (the pre-commit hook, `npm run validate`) runs from its single-file bundle.
if (command === 'validate') require('../lib/validate.js').main(rest);
else require('../lib/scripts/cli.js').main(process.argv.slice(2));
