/**
 * The bundle cache on a small project of its own in a temporary folder: an entry is served only
 * while everything it was bundled from is as it was, and a broken cache never breaks a build.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleCacheDir, type BundleKey, lookupBundle, storeBundle } from '../../cdk/bundle-cache';
import { makeFifo } from '../helpers/tree';

const INPUTS = ['src/index.ts', 'src/lib.ts', 'node_modules/dep/index.js', 'node_modules/dep/package.json'];
const CODE = 'exports.handler = async () => {};';

let root: string;
let key: BundleKey;

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

/** Dates every file and folder of the project an hour back: nothing is being edited. */
function settle(): void {
  const past = new Date(Date.now() - 3_600_000);
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      fs.utimesSync(full, past, past);
    }
    fs.utimesSync(dir, past, past);
  };
  visit(root);
}

/** Stores CODE as bundled from INPUTS by a run starting now. */
function store(): void {
  settle();
  storeBundle(key, INPUTS, CODE, Date.now());
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-cache-'));
  write('package.json', '{"name":"project"}');
  write('tsconfig.json', '{"compilerOptions":{"target":"ES2022"}}');
  write('src/index.ts', 'import { f } from "./lib"; export const handler = f;');
  write('src/lib.ts', 'export const f = async () => {};');
  write('node_modules/dep/index.js', 'module.exports = 1;');
  write('node_modules/dep/package.json', '{"name":"dep","main":"index.js"}');
  write('node_modules/.package-lock.json', '{"packages":{}}');
  key = { name: 'handler', root, parts: ['esbuild 0.0.0', 'options {}'] };
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('serves a stored bundle while nothing it depends on changed', () => {
  expect(lookupBundle(key)).toBeUndefined();
  store();
  expect(lookupBundle(key)).toBe(CODE);
  expect(fs.readdirSync(bundleCacheDir(root))).toHaveLength(1);
});

test.each([
  ['an input changed', () => write('src/lib.ts', 'export const f = async () => 1;')],
  ['a file appeared beside an input (it could shadow an import)', () => write('src/lib.js', '')],
  ['a node_modules folder appeared above an input', () => fs.mkdirSync(path.join(root, 'src', 'node_modules'))],
  ['a package.json above an input changed', () => write('package.json', '{"name":"project","sideEffects":false}')],
  ['the tsconfig.json changed', () => write('tsconfig.json', '{"compilerOptions":{"target":"ES2020"}}')],
  ['npm installed something', () => write('node_modules/.package-lock.json', '{"packages":{"x":{}}}')],
  ['an input was deleted', () => fs.rmSync(path.join(root, 'node_modules/dep/index.js'))],
])('misses when %s', (_, change) => {
  store();
  change();
  expect(lookupBundle(key)).toBeUndefined();
});

describe('the status fast path (inputs not read while their status is unchanged)', () => {
  const entryPath = (): string => path.join(bundleCacheDir(root), fs.readdirSync(bundleCacheDir(root))[0]);
  const readEntry = (): Record<string, unknown> => JSON.parse(fs.readFileSync(entryPath(), 'utf8')) as Record<string, unknown>;
  /** Breaks the stored fingerprint: from then on, only the status can make a hit. */
  const breakFingerprint = (): void => fs.writeFileSync(entryPath(), JSON.stringify({ ...readEntry(), fingerprint: 'broken' }));
  /** A time when every file of the project counts as settled (change times are now, and cannot be set back). */
  const later = (): number => Date.now() + 10_000;
  // The cache folder exists already (creating it changes node_modules, a folder above an input).
  beforeEach(() => fs.mkdirSync(bundleCacheDir(root), { recursive: true }));

  test('records no status for files changed in the last seconds, then serves by fingerprint', () => {
    store();
    expect(readEntry().status).toBeUndefined();
    breakFingerprint();
    expect(lookupBundle(key)).toBeUndefined();
  });

  test('serves by status once recorded, without the fingerprint', () => {
    settle();
    storeBundle(key, INPUTS, CODE, later());
    expect(readEntry()).toEqual(expect.objectContaining({ status: expect.stringMatching(/^[0-9a-f]{64}$/), resolutionFiles: ['package.json', 'tsconfig.json', path.join('node_modules', 'dep', 'package.json')] }));
    breakFingerprint();
    expect(lookupBundle(key)).toBe(CODE);
  });

  test('records the status at a lookup whose fingerprint still matches (a fresh clone, a touched file)', () => {
    store();
    fs.utimesSync(path.join(root, 'src', 'lib.ts'), new Date(), new Date());
    expect(lookupBundle(key, later())).toBe(CODE);
    expect(readEntry().status).toEqual(expect.any(String));
    breakFingerprint();
    expect(lookupBundle(key)).toBe(CODE);
  });

  test.each([
    ['an input is rewritten with the same size', () => write('src/lib.ts', 'export const f = async () => {};'.replace('{}', '[]'))],
    ['a file appears beside an input', () => write('src/lib.js', '')],
    ['a recorded resolution file goes', () => fs.rmSync(path.join(root, 'tsconfig.json'))],
    ['a resolution file appears above an input', () => write('src/package.json', '{}')],
    ['npm installs something', () => write('node_modules/.package-lock.json', '{"packages":{"y":{}}}')],
  ])('falls back to the fingerprint when %s', (_, change) => {
    settle();
    storeBundle(key, INPUTS, CODE, later());
    breakFingerprint();
    change();
    expect(lookupBundle(key)).toBeUndefined();
  });
});

test('misses for another key (esbuild version, options or bundler source)', () => {
  store();
  expect(lookupBundle({ ...key, parts: ['esbuild 0.0.1', 'options {}'] })).toBeUndefined();
});

test('does not store a bundle whose inputs changed while it was being made', () => {
  settle();
  const startedAt = Date.now();
  write('src/lib.ts', 'export const f = async () => 2;');
  storeBundle(key, INPUTS, CODE, startedAt);
  expect(lookupBundle(key)).toBeUndefined();
});

test('treats a corrupt or tampered entry as a miss', () => {
  store();
  const [file] = fs.readdirSync(bundleCacheDir(root));
  const entryPath = path.join(bundleCacheDir(root), file);
  const entry = JSON.parse(fs.readFileSync(entryPath, 'utf8')) as { code: string };
  fs.writeFileSync(entryPath, JSON.stringify({ ...entry, code: `${entry.code}// changed` }));
  expect(lookupBundle(key)).toBeUndefined();
  fs.writeFileSync(entryPath, '{ not json');
  expect(lookupBundle(key)).toBeUndefined();
});

test('never reads a pipe left at an entry\'s path (it would wait forever)', () => {
  store();
  const [file] = fs.readdirSync(bundleCacheDir(root));
  fs.rmSync(path.join(bundleCacheDir(root), file));
  makeFifo(path.join(bundleCacheDir(root), file));
  expect(lookupBundle(key)).toBeUndefined();
});

test('never throws when the cache folder cannot be written: the build just bundles again', () => {
  // A file where the cache folder should be: mkdir fails even for root.
  fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
  fs.writeFileSync(path.dirname(bundleCacheDir(root)), 'not a folder');
  expect(() => store()).not.toThrow();
  expect(lookupBundle(key)).toBeUndefined();
});
