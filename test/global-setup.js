// Before any test runs: brings lib/ (the compiled CLI that some tests run as a process) up to date,
// and gives the run its own temporary folder. Every test file and every process a test starts
// inherits it through TMPDIR (os.tmpdir() reads it), so what a test leaves behind (aws-cdk-lib's App
// makes a new `cdk.out*` folder per App without an outdir, and never removes it) is removed with the
// folder by test/global-teardown.js instead of piling up in the machine's /tmp.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = () => {
  require('../scripts/compile').compile();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-logging-tests-')));
  // Open to every user, sticky, as /tmp is: some tests run the CLI as another user (nobody, when
  // root runs them), which needs a temporary folder of its own too.
  fs.chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
};
