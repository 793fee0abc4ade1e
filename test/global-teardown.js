// After the whole run: removes the run's temporary folder (see test/global-setup.js).
'use strict';
const fs = require('fs');

module.exports = () => {
  const dir = process.env.TMPDIR;
  if (dir !== undefined && /[\\/]bedrock-logging-tests-[^\\/]+$/.test(dir)) fs.rmSync(dir, { recursive: true, force: true });
};
