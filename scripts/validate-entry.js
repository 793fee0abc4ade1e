#!/usr/bin/env node
/**
 * The pre-commit hook's validator: `node lib/validate.js [validate options]`.
 *
 * `scripts/compile.js` writes this file to `lib/validate.js` (with BUNDLE_KEY filled in) next to
 * `lib/validate.bundle.js`, the validate command bundled into one file. This entry runs the bundle
 * with V8's code cache, which is what Node 22's `module.enableCompileCache()` does and Node 20 lacks:
 * the first run compiles the bundle as usual and, on exit, saves the code V8 compiled for it (every
 * function that ran, not only the top level: the `v8-compile-cache` package saves the code before the
 * run and measured no faster than no cache at all); later runs reuse it and skip most of the parsing
 * and compiling. `npm run bench` measures the hook's command with it.
 *
 * The cache can only make a run faster, never different: V8 rejects a cache made by another V8
 * version or with other flags (the run then compiles and replaces it), the file is named after the
 * bundle's content (BUNDLE_KEY, a hash compile.js computes), and any cache problem (read-only
 * install, no space) falls back to an ordinary run.
 *
 * It stands alone, near the CLI's `lib/scripts/lib/code-cache.js` rather than on it: `run.js`
 * brings only this file and the bundle up to date before the hook runs, so nothing else of `lib/`
 * may be needed here.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/** sha256 of lib/validate.bundle.js, first 16 hex digits; written by scripts/compile.js. */
const BUNDLE_KEY = '__BUNDLE_KEY__';
const BUNDLE = path.join(__dirname, 'validate.bundle.js');
/** The package's conventional cache folder (the one its other caches use). */
const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'bedrock-invocation-logging-cfct');
const CACHE_PREFIX = 'validate-code-';
const CACHE_FILE = path.join(CACHE_DIR, `${CACHE_PREFIX}${BUNDLE_KEY}-${process.version}-${process.arch}.bin`);

/** The bundle's exports, compiled with the code cache when there is a usable one. */
function loadBundle() {
  let source = fs.readFileSync(BUNDLE, 'utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`; // same length, so line:column stay true
  let cachedData;
  try {
    // Only a regular file: reading a pipe left at this path would wait forever.
    if (fs.statSync(CACHE_FILE).isFile()) cachedData = fs.readFileSync(CACHE_FILE);
  } catch {
    // no cache yet: this run makes one
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => saveCache(script));
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, __dirname);
  bundle.loaded = true;
  return bundle.exports;
}

/** Writes the code V8 compiled during this run (atomically), and removes caches of older bundles. */
function saveCache(script) {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${CACHE_FILE}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, CACHE_FILE);
    for (const name of fs.readdirSync(CACHE_DIR)) {
      if (name.startsWith(CACHE_PREFIX) && !name.startsWith(`${CACHE_PREFIX}${BUNDLE_KEY}-`)) fs.rmSync(path.join(CACHE_DIR, name), { force: true });
    }
  } catch {
    // read-only or full: the next run compiles again, with the same result
  }
}

/** Runs `validate` with `argv` (its options) as the process. */
function main(argv) {
  loadBundle().main(argv);
}

module.exports = { main };

if (require.main === module) main(process.argv.slice(2));
