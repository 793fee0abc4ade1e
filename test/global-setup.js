// Brings lib/ (the compiled CLI that some tests run as a process) up to date before any test runs.
'use strict';
module.exports = () => {
  require('../scripts/compile').compile();
};
