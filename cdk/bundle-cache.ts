/**
 * A content-addressed cache of esbuild outputs (the handler bundles, and transformed TypeScript
 * environment maps) in `node_modules/.cache/<package name>/`, which can only make a build faster,
 * never different.
 *
 * An entry is found by the bundle's key (handler, esbuild version, options, the bundler's own
 * source) and holds the code with the list of files esbuild read (its metafile). It is served only
 * when a fingerprint computed now equals the stored one. The fingerprint covers:
 *
 * - the content of every input file;
 * - every folder holding an input: its entry names (a new `index.ts` beside `index.js`, or a new
 *   `node_modules`, changes what an import resolves to);
 * - every folder above an input, up to the package root: its `package.json`, `tsconfig.json` and
 *   `jsconfig.json` (module fields, `sideEffects`, compiler settings esbuild reads), whether it
 *   has a `node_modules` folder, and Yarn PnP files;
 * - npm's record of the installed tree (`node_modules/.package-lock.json`), which any install
 *   rewrites.
 *
 * Entries are written only when no input changed while bundling, through a temporary file and a
 * rename. Any failure (read-only folder, corrupt or foreign entry) counts as a miss.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { sha256Hex } from './hash';
import { PACKAGE_NAME } from './paths';

/** What identifies a bundle before its inputs are known. */
export interface BundleKey {
  readonly name: string;
  /** The package root: input paths are stored relative to it. */
  readonly root: string;
  /** Everything else that decides the output (versions, options, the bundler's source). */
  readonly parts: readonly string[];
  /**
   * Where the entry is kept, when not in the root's `node_modules/.cache` (an environment map's
   * folder is the root of its inputs, but no place for a cache).
   *
   * @default bundleCacheDir(root)
   */
  readonly cacheDir?: string;
}

interface CacheEntry {
  readonly version: number;
  readonly inputs: readonly string[];
  readonly fingerprint: string;
  readonly codeSha256: string;
  readonly code: string;
}

const ENTRY_VERSION = 1;

/** Files in a folder above an input that steer how esbuild resolves and compiles it. */
const RESOLUTION_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json', '.pnp.cjs', '.pnp.js', '.pnp.data.json'];

/** Inputs modified this close to the start of bundling (or later) may not be what esbuild read. */
const MTIME_SLACK_MS = 2_000;

/** The cache folder of a package root. */
export function bundleCacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', PACKAGE_NAME, 'bundles');
}

function entryFile(key: BundleKey): string {
  return path.join(key.cacheDir ?? bundleCacheDir(key.root), `${key.name}-${sha256Hex(key.parts.join('\0')).slice(0, 32)}.json`);
}

/** The cached code for `key`, if an entry exists and nothing it depends on has changed. */
export function lookupBundle(key: BundleKey): string | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(entryFile(key), 'utf8')) as CacheEntry;
    if (entry.version !== ENTRY_VERSION || !Array.isArray(entry.inputs) || typeof entry.code !== 'string') return undefined;
    if (sha256Hex(entry.code) !== entry.codeSha256) return undefined;
    return fingerprint(key, entry.inputs) === entry.fingerprint ? entry.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores `code`, bundled from `inputs` (paths relative to the root, as esbuild's metafile gives
 * them) by a run that started at `startedAt`; does nothing when an input or folder changed since.
 */
export function storeBundle(key: BundleKey, inputs: readonly string[], code: string, startedAt: number): void {
  try {
    const sorted = [...inputs].sort();
    const watched = [...sorted.map((input) => path.join(key.root, input)), ...folders(sorted).holding.map((dir) => path.join(key.root, dir))];
    if (watched.some((file) => fs.statSync(file).mtimeMs >= startedAt - MTIME_SLACK_MS)) return;
    const entry: CacheEntry = {
      version: ENTRY_VERSION,
      inputs: sorted,
      fingerprint: fingerprint(key, sorted),
      codeSha256: sha256Hex(code),
      code,
    };
    const file = entryFile(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(entry));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only or full disk: the next build bundles again.
  }
}

/** Folders holding inputs, and the folders above them up to the root (relative paths, `''` = root). */
function folders(inputs: readonly string[]): { holding: string[]; above: string[] } {
  const holding = new Set(inputs.map((input) => path.dirname(input)).map((dir) => (dir === '.' ? '' : dir)));
  const above = new Set<string>();
  for (const dir of holding) {
    for (let parent = dir; parent !== ''; ) {
      parent = path.dirname(parent) === '.' ? '' : path.dirname(parent);
      above.add(parent);
    }
  }
  return { holding: [...holding].sort(), above: [...above].sort() };
}

/** Entry names of a folder, sorted, folders marked with a trailing `/`; dot entries other than Yarn PnP's left out. */
function listing(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') || entry.name.startsWith('.pnp'))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort()
    .join('\0');
}

function hashIfPresent(file: string): string {
  return fs.existsSync(file) ? sha256Hex(fs.readFileSync(file)) : '-';
}

/** A hash of everything the entry's validity depends on (see the module comment). */
function fingerprint(key: BundleKey, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  const line = (text: string) => hash.update(`${text}\n`);
  for (const part of key.parts) line(`key ${sha256Hex(part)}`);
  for (const input of inputs) line(`input ${input} ${sha256Hex(fs.readFileSync(path.join(key.root, input)))}`);
  const { holding, above } = folders(inputs);
  for (const dir of holding) line(`folder ${dir} ${sha256Hex(listing(path.join(key.root, dir)))}`);
  for (const dir of [...new Set([...holding, ...above])].sort()) {
    const absolute = path.join(key.root, dir);
    const resolution = RESOLUTION_FILES.map((file) => `${file}:${hashIfPresent(path.join(absolute, file))}`);
    line(`above ${dir} ${resolution.join(' ')} node_modules:${fs.existsSync(path.join(absolute, 'node_modules'))}`);
  }
  line(`installed ${hashIfPresent(path.join(key.root, 'node_modules', '.package-lock.json'))}`);
  return hash.digest('hex');
}
