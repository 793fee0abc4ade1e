#!/usr/bin/env node
/**
 * Compiles the project's TypeScript (`cdk/`, `scripts/`) to CommonJS in `lib/`, file by file with
 * esbuild (types are checked separately by `tsc --noEmit`), and copies the JSON files they import.
 * Plain JavaScript, so it runs before anything is compiled: `npm ci` (the `prepare` script) and
 * the npm scripts run it first.
 *
 * Incremental: a file is transpiled again only when its source is newer than its output, and
 * outputs whose source is gone are removed, so a run with nothing to do costs a directory walk.
 *
 * It also bundles the pre-commit hook's validator (`scripts/validate-main.ts`) into the single file
 * `lib/validate.bundle.js`, run by `lib/validate.js` (written from `scripts/validate-entry.js`) with
 * V8's code cache; again only when one of the files they were made from (listed in
 * `lib/validate.inputs.json`, with package-lock.json for the dependencies) is newer than them.
 *
 *   node scripts/compile.js [--force] [--quiet]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'lib');
const SOURCE_DIRS = ['cdk', 'scripts'];
/**
 * Development tooling that is never shipped compiled: it runs through tsx (`npm run bench`,
 * `npm run matrix`) and imports the test suite's fakes or dev-only dependencies.
 */
const DEV_ONLY_DIRS = [path.join('scripts', 'bench'), path.join('scripts', 'matrix')];
/** Files compiled as they are, or copied; everything else (READMEs, handlers' tests data) is left out. */
const COMPILED = /\.ts$/;
const COPIED = /\.json$/;

function walk(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && DEV_ONLY_DIRS.includes(path.relative(ROOT, file))) continue;
    if (entry.isDirectory()) walk(file, found);
    else if ((COMPILED.test(entry.name) && !entry.name.endsWith('.d.ts')) || COPIED.test(entry.name)) found.push(file);
  }
  return found;
}

function outputOf(source) {
  const relative = path.relative(ROOT, source);
  return path.join(OUT, COMPILED.test(relative) ? relative.replace(COMPILED, '.js') : relative);
}

/** Writes `text` to `file` through a temporary file and a rename; an entry point (`#!`) stays executable, so `npx` can run it. */
function writeAtomically(file, text) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: text.startsWith('#!') ? 0o755 : 0o644 });
  fs.renameSync(temp, file);
}

function isFresh(source, output) {
  try {
    return fs.statSync(output).mtimeMs >= fs.statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

function compile({ force = false } = {}) {
  const sources = SOURCE_DIRS.flatMap((dir) => walk(path.join(ROOT, dir)));
  const wanted = new Set(sources.map(outputOf));
  const stale = sources.filter((source) => force || !isFresh(source, outputOf(source)));
  let esbuild;
  for (const source of stale) {
    const output = outputOf(source);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    if (COPIED.test(source)) {
      fs.copyFileSync(source, output);
      continue;
    }
    esbuild ??= require('esbuild');
    const { code } = esbuild.transformSync(fs.readFileSync(source, 'utf8'), {
      loader: 'ts',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: path.relative(path.dirname(output), source),
      sourcemap: 'inline',
      sourcesContent: false,
    });
    writeAtomically(output, code);
  }
  let removed = 0;
  if (fs.existsSync(OUT)) {
    for (const output of walkOutputs(OUT)) {
      if (!wanted.has(output) && !VALIDATE_OUTPUTS.includes(output)) {
        fs.rmSync(output);
        removed += 1;
      }
    }
  }
  const bundled = bundleValidate({ force });
  return { compiled: stale.length, removed, total: sources.length, bundled };
}

/** Every file under `dir` that `compile` may have written (`.js`, and the `.ts` and `.json` files `walk` finds). */
function walkOutputs(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walkOutputs(file, found);
    else if (entry.name.endsWith('.js') || (COMPILED.test(entry.name) && !entry.name.endsWith('.d.ts')) || COPIED.test(entry.name)) found.push(file);
  }
  return found;
}

/** The hook's validator, bundled: one file loads faster than the ~120 modules it is made of. */
const VALIDATE_MAIN = path.join(ROOT, 'scripts', 'validate-main.ts');
/** Runs the bundle with V8's code cache; copied to lib/validate.js with the bundle's hash filled in. */
const VALIDATE_ENTRY = path.join(ROOT, 'scripts', 'validate-entry.js');
/** The hook's command: `node lib/validate.js`. */
const VALIDATE_BUNDLE = path.join(OUT, 'validate.js');
const VALIDATE_CODE = path.join(OUT, 'validate.bundle.js');
const VALIDATE_INPUTS = path.join(OUT, 'validate.inputs.json');
const VALIDATE_OUTPUTS = [VALIDATE_BUNDLE, VALIDATE_CODE, VALIDATE_INPUTS];

/** Whether lib/validate.js and its bundle are newer than every file they were made from. */
function validateBundleIsFresh() {
  try {
    const built = Math.min(fs.statSync(VALIDATE_BUNDLE).mtimeMs, fs.statSync(VALIDATE_CODE).mtimeMs);
    const inputs = JSON.parse(fs.readFileSync(VALIDATE_INPUTS, 'utf8'));
    return inputs.every((rel) => fs.statSync(path.join(ROOT, rel)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Bundles lib/validate.js when it is missing or stale (or `force`); returns whether it did. */
function bundleValidate({ force = false } = {}) {
  if (!force && validateBundleIsFresh()) return false;
  const result = require('esbuild').buildSync({
    entryPoints: [VALIDATE_MAIN],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Loaded only when needed (ajv on a compiled-schema cache miss, esbuild for --map), and esbuild
    // finds its binary relative to its own package: both stay outside the bundle.
    external: ['ajv', 'ajv/*', 'esbuild'],
    write: false,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  fs.mkdirSync(OUT, { recursive: true });
  const code = result.outputFiles[0].text;
  const key = require('crypto').createHash('sha256').update(code).digest('hex').slice(0, 16);
  const entry = fs.readFileSync(VALIDATE_ENTRY, 'utf8').replace("'__BUNDLE_KEY__'", `'${key}'`);
  const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');
  const inputs = [...Object.keys(result.metafile.inputs).filter((rel) => !rel.startsWith('node_modules/')), relative(VALIDATE_ENTRY), 'package-lock.json'];
  const outputs = [[VALIDATE_INPUTS, `${JSON.stringify(inputs.sort(), null, 2)}\n`], [VALIDATE_CODE, code], [VALIDATE_BUNDLE, entry]];
  for (const [file, text] of outputs) writeAtomically(file, text);
  return true;
}

module.exports = { compile, bundleValidate };

if (require.main === module) {
  const args = process.argv.slice(2);
  const result = compile({ force: args.includes('--force') });
  if (!args.includes('--quiet') || result.compiled > 0) {
    process.stderr.write(`compile: ${result.compiled} of ${result.total} files compiled to lib/${result.removed ? `, ${result.removed} stale removed` : ''}${result.bundled ? ', lib/validate.js bundled' : ''}\n`);
  }
}
