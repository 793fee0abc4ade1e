/**
 * The CLI's module code cache, in real node processes on a small package of its own: modules load
 * and behave the same with it as without it, saved code is served only for the very source it was
 * made from, and a bad cache file only costs a compile.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import Module from 'module';
import { PACKAGE_ROOT } from '../../../cdk/paths';
import { readCodeCache, writeCodeCache } from '../../../scripts/lib/code-cache';
import { cliProcess } from '../../helpers/cli';
import { makeFifo } from '../../helpers/tree';
import { codeCacheFile } from '../../../scripts/cli';

const CODE_CACHE_JS = path.join(PACKAGE_ROOT, 'lib', 'scripts', 'lib', 'code-cache.js');

let root: string;
let cacheFile: string;

function write(relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

/** What the probe module reports about itself: the same with and without the cache. */
const PROBE = `
const path = require('path');
exports.report = () => ({
  dirname: path.relative(${JSON.stringify('ROOT')}, __dirname),
  filename: path.basename(__filename),
  thisIsExports: this === module.exports,
  resolved: path.basename(require.resolve('./answer')),
  resolvePaths: Array.isArray(require.resolve.paths('x')),
  mainIsTheEntry: require.main === process.mainModule,
  cacheHolds: Object.keys(require.cache).some((file) => file.endsWith('answer.js')),
  answer: require('./answer').answer(),
  stackLine: new Error('probe').stack.split('\\n')[1].replace(/.*[\\/]/, ''),
});
`;

/** Runs the entry in a fresh node, with the cache (`enable`) or without; returns what it printed. */
function run(enable: boolean, entry = 'entry.js'): { status: number | null; out: Record<string, unknown>; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(root, entry), enable ? 'cache' : 'plain'], { encoding: 'utf8' });
  let out: Record<string, unknown> = {};
  try {
    out = JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    // the assertions on status and stderr say what went wrong
  }
  return { status: result.status, out, stderr: result.stderr };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  cacheFile = path.join(root, 'cache', 'code.bin');
  write('node_modules/dep/index.js', PROBE.replace('ROOT', root.replace(/\\/g, '/')));
  write('node_modules/dep/answer.js', "exports.answer = () => 'one';\n");
  write('map.js', "exports.fromOutside = () => 'outside';\n");
  write(
    'entry.js',
    [
      `if (process.argv[2] === 'cache') var stats = require(${JSON.stringify(CODE_CACHE_JS)}).enableCodeCache(${JSON.stringify(cacheFile)}, ${JSON.stringify(root)});`,
      "const report = require('dep').report();",
      "report.outside = require('./map.js').fromOutside();",
      'report.stats = stats;',
      'process.stdout.write(JSON.stringify(report));',
    ].join('\n'),
  );
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('modules behave the same with the cache as without it, cold and warm', () => {
  const plain = run(false);
  expect(plain.status).toBe(0);
  expect(plain.out).toEqual(expect.objectContaining({ dirname: 'node_modules/dep', filename: 'index.js', thisIsExports: true, resolved: 'answer.js', answer: 'one', outside: 'outside' }));
  const { stats: _none, ...expected } = plain.out;
  const cold = run(true);
  const warm = run(true);
  for (const result of [cold, warm]) {
    expect(result.stderr).toBe('');
    const { stats, ...rest } = result.out;
    expect(rest).toEqual(expected);
    expect(stats).toBeDefined();
  }
  // Both node_modules files: compiled on the first run, served on the second; map.js never cached.
  expect(cold.out.stats).toEqual({ served: 0, compiled: 2 });
  expect(warm.out.stats).toEqual({ served: 2, compiled: 0 });
  expect([...readCodeCache(cacheFile).keys()].map((file) => path.relative(root, file)).sort()).toEqual(['node_modules/dep/answer.js', 'node_modules/dep/index.js'].map((file) => path.normalize(file)));
});

test('a run with nothing new leaves the cache file as it was', () => {
  run(true);
  const before = fs.statSync(cacheFile, { bigint: true });
  expect(run(true).out.stats).toEqual({ served: 2, compiled: 0 });
  const after = fs.statSync(cacheFile, { bigint: true });
  expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
});

test('a run that loads other modules adds theirs and keeps the rest', () => {
  run(true);
  write('other.js', `require(${JSON.stringify(CODE_CACHE_JS)}).enableCodeCache(${JSON.stringify(cacheFile)}, ${JSON.stringify(root)}); require('dep/answer.js'); require('dep/extra.js');`);
  write('node_modules/dep/extra.js', 'exports.extra = true;\n');
  expect(spawnSync(process.execPath, [path.join(root, 'other.js')]).status).toBe(0);
  expect([...readCodeCache(cacheFile).keys()].map((file) => path.basename(file)).sort()).toEqual(['answer.js', 'extra.js', 'index.js']);
  fs.rmSync(path.join(root, 'node_modules', 'dep', 'extra.js'));
  write('node_modules/dep/answer.js', "exports.answer = () => 'new';\n");
  expect(run(true).out).toEqual(expect.objectContaining({ answer: 'new', stats: { served: 1, compiled: 1 } }));
  // A module whose file is gone is dropped when the cache is next written.
  expect([...readCodeCache(cacheFile).keys()].map((file) => path.basename(file)).sort()).toEqual(['answer.js', 'index.js']);
});

test('saved code is never served for another source of the same length (which V8 alone would accept)', () => {
  run(true);
  write('node_modules/dep/answer.js', "exports.answer = () => 'two';\n");
  // The premise: V8's own check compares only the length, and takes the old code for the new source.
  const saved = readCodeCache(cacheFile).get(path.join(root, 'node_modules', 'dep', 'answer.js'));
  expect(saved).toBeDefined();
  const wrapped = (Module as unknown as { wrap(source: string): string }).wrap("exports.answer = () => 'two';\n");
  expect(new vm.Script(wrapped, { cachedData: saved?.data }).cachedDataRejected).toBe(false);
  const result = run(true);
  expect(result.out.answer).toBe('two');
  expect(result.out.stats).toEqual({ served: 1, compiled: 1 });
  expect(run(true).out).toEqual(expect.objectContaining({ answer: 'two', stats: { served: 2, compiled: 0 } }));
});

test.each([
  ['not a cache file', 'hello'],
  ['a truncated one', null],
])('a damaged cache file (%s) costs a compile and is replaced', (_, content) => {
  run(true);
  if (content === null) fs.truncateSync(cacheFile, fs.statSync(cacheFile).size - 10);
  else fs.writeFileSync(cacheFile, content);
  expect(readCodeCache(cacheFile).size).toBe(0);
  const result = run(true);
  expect(result.out).toEqual(expect.objectContaining({ answer: 'one', stats: { served: 0, compiled: 2 } }));
  expect(readCodeCache(cacheFile).size).toBe(2);
});

test('a cache file that cannot be written changes nothing but the speed', () => {
  // A file where the cache folder should be: no one can write the cache, root included.
  fs.writeFileSync(path.dirname(cacheFile), 'not a folder');
  for (let i = 0; i < 2; i += 1) {
    const result = run(true);
    expect(result.status).toBe(0);
    expect(result.out).toEqual(expect.objectContaining({ answer: 'one', stats: { served: 0, compiled: 2 } }));
  }
  expect(writeCodeCache(cacheFile, new Map())).toBe(false);
});

test('a module that may call import() is left to Node: it works on every run, with no warning', () => {
  write('node_modules/dep/dynamic.js', "exports.load = () => import('node:os').then((os) => typeof os.cpus);\n");
  write('dynamic.js', `require(${JSON.stringify(CODE_CACHE_JS)}).enableCodeCache(${JSON.stringify(cacheFile)}, ${JSON.stringify(root)}); require('dep/answer.js'); require('dep/dynamic.js').load().then((type) => process.stdout.write(type));`);
  for (let i = 0; i < 2; i += 1) {
    const result = spawnSync(process.execPath, [path.join(root, 'dynamic.js')], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: 'function', stderr: '' });
  }
  expect([...readCodeCache(cacheFile).keys()].map((file) => path.basename(file))).toEqual(['answer.js']);
});

test('stays off under a policy manifest, whose integrity checks live in the compile step it replaces', () => {
  fs.writeFileSync(path.join(root, 'policy.json'), JSON.stringify({ onerror: 'log', resources: {} }));
  const result = spawnSync(process.execPath, ['--experimental-policy', path.join(root, 'policy.json'), path.join(root, 'entry.js'), 'cache'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(expect.objectContaining({ answer: 'one', stats: { served: 0, compiled: 0 } }));
  expect(fs.existsSync(cacheFile)).toBe(false);
});

test('a module V8 cannot compile as a script is left to Node, which reports it as it would without the cache', () => {
  write('node_modules/dep/answer.js', 'exports.answer = () => {;\n');
  const plain = run(false);
  const cached = run(true);
  expect(plain.status).not.toBe(0);
  expect(cached.status).toBe(plain.status);
  const firstLines = (stderr: string) => stderr.split('\n').slice(0, 5).join('\n');
  expect(firstLines(cached.stderr)).toBe(firstLines(plain.stderr));
  expect(firstLines(cached.stderr)).toContain('SyntaxError');
});

test('a pipe at the cache path is never read (it would wait forever): the run goes on without the cache', () => {
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  makeFifo(cacheFile);
  expect(readCodeCache(cacheFile).size).toBe(0);
  expect(run(true).out).toEqual(expect.objectContaining({ answer: 'one', stats: { served: 0, compiled: 2 } }));
});

test('writeCodeCache and readCodeCache round-trip, and a missing file reads as empty', () => {
  const modules = new Map([
    ['/a.js', { sha256: 'a'.repeat(64), data: Buffer.from([1, 2, 3]) }],
    ['/b.js', { sha256: 'b'.repeat(64), data: Buffer.from([4]) }],
  ]);
  expect(writeCodeCache(cacheFile, modules)).toBe(true);
  expect(readCodeCache(cacheFile)).toEqual(modules);
  expect(readCodeCache(path.join(root, 'missing.bin')).size).toBe(0);
});

test('the CLI keeps a cache file per command and answers the same from it', () => {
  const file = codeCacheFile('cost', []); // the CLI process runs with no node options
  fs.rmSync(file, { force: true });
  const args = ['cost', '--accounts', '3', '--regions', '2', '--gb-per-day', '1'];
  const cold = cliProcess(args);
  expect(fs.existsSync(file)).toBe(true);
  const warm = cliProcess(args);
  expect([cold.status, warm.status]).toEqual([0, 0]);
  expect(warm.stdout).toBe(cold.stdout);
  expect([...readCodeCache(file).keys()]).toEqual(expect.arrayContaining([path.join(PACKAGE_ROOT, 'lib', 'scripts', 'commands', 'cost.js')]));
});
