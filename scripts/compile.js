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
 *   node scripts/compile.js [--force] [--quiet]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'lib');
const SOURCE_DIRS = ['cdk', 'scripts'];
/** Files compiled as they are, or copied; everything else (READMEs, handlers' tests data) is left out. */
const COMPILED = /\.ts$/;
const COPIED = /\.json$/;

function walk(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, found);
    else if ((COMPILED.test(entry.name) && !entry.name.endsWith('.d.ts')) || COPIED.test(entry.name)) found.push(file);
  }
  return found;
}

function outputOf(source) {
  const relative = path.relative(ROOT, source);
  return path.join(OUT, COMPILED.test(relative) ? relative.replace(COMPILED, '.js') : relative);
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
    const temp = `${output}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, output);
  }
  let removed = 0;
  if (fs.existsSync(OUT)) {
    for (const output of walk(OUT, []).concat(walkJs(OUT))) {
      if (!wanted.has(output)) {
        fs.rmSync(output);
        removed += 1;
      }
    }
  }
  return { compiled: stale.length, removed, total: sources.length };
}

function walkJs(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walkJs(file, found);
    else if (entry.name.endsWith('.js')) found.push(file);
  }
  return found;
}

module.exports = { compile, OUT };

if (require.main === module) {
  const args = process.argv.slice(2);
  const result = compile({ force: args.includes('--force') });
  if (!args.includes('--quiet') || result.compiled > 0) {
    process.stderr.write(`compile: ${result.compiled} of ${result.total} files compiled to lib/${result.removed ? `, ${result.removed} stale removed` : ''}\n`);
  }
}
