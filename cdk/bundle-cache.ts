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
 *
 * Reading and hashing every input (about 600 files for the handlers) took a tenth of a warm
 * build, so an entry also records the files' status, as git's index does: inode, size, and
 * modification and change times to the nanosecond, of every input, every folder named above and
 * every resolution file and package lock present. While that status is unchanged, the entry is
 * served without reading an input. Writing a file always sets its change time, which no user can
 * set back, and creating or removing an entry in a folder sets the folder's; so any change the
 * fingerprint sees also changes the status, and a changed status only means the fingerprint is
 * computed again (and the status refreshed when it still matches). A status is recorded only when
 * every file is more than `MTIME_SLACK_MS` old, so a file written twice within a filesystem's
 * timestamp granularity is never mistaken for unchanged.
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
  /** The status of every file the fingerprint read (see the module comment), when all were settled. */
  readonly status?: string;
  /** The resolution files that status covers (the ones present when it was recorded). */
  readonly resolutionFiles?: readonly string[];
  readonly codeSha256: string;
  readonly code: string;
}

const ENTRY_VERSION = 2;

/** Files in a folder above an input that steer how esbuild resolves and compiles it. */
const RESOLUTION_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json', '.pnp.cjs', '.pnp.js', '.pnp.data.json'];

/** npm's record of the installed tree, relative to the root; any install rewrites it. */
const LOCK = path.join('node_modules', '.package-lock.json');

/** Inputs modified this close to the start of bundling (or later) may not be what esbuild read. */
const MTIME_SLACK_MS = 2_000;

/** The cache folder of a package root. */
export function bundleCacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', PACKAGE_NAME, 'bundles');
}

function entryFile(key: BundleKey): string {
  return path.join(key.cacheDir ?? bundleCacheDir(key.root), `${key.name}-${sha256Hex(key.parts.join('\0')).slice(0, 32)}.json`);
}

/**
 * The cached code for `key`, if an entry exists and nothing it depends on has changed. `now`
 * (milliseconds) decides whether the files are settled enough to record their status.
 */
export function lookupBundle(key: BundleKey, now: number = Date.now()): string | undefined {
  try {
    const file = entryFile(key);
    // Never wait on a pipe someone left at an entry's path: a cache is only ever a regular file.
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile() !== true) return undefined;
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    if (entry.version !== ENTRY_VERSION || !Array.isArray(entry.inputs) || typeof entry.code !== 'string') return undefined;
    if (sha256Hex(entry.code) !== entry.codeSha256) return undefined;
    if (entry.status !== undefined && Array.isArray(entry.resolutionFiles)) {
      if (fileStatus(key.root, entry.inputs, entry.resolutionFiles).status === entry.status) return entry.code;
    }
    if (fingerprint(key, entry.inputs) !== entry.fingerprint) return undefined;
    // Unchanged content under a new status (a fresh clone, `npm ci`, a touched file): record it.
    const current = fileStatus(key.root, entry.inputs);
    if (current.settledBefore(now)) writeEntry(key, { ...entry, status: current.status, resolutionFiles: current.resolutionFiles });
    return entry.code;
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
    const current = fileStatus(key.root, sorted);
    writeEntry(key, {
      version: ENTRY_VERSION,
      inputs: sorted,
      fingerprint: fingerprint(key, sorted),
      ...(current.settledBefore(startedAt) ? { status: current.status, resolutionFiles: current.resolutionFiles } : {}),
      codeSha256: sha256Hex(code),
      code,
    });
  } catch {
    // A read-only or full disk: the next build bundles again.
  }
}

/** Writes an entry through a temporary file and a rename; a failure leaves the previous one. */
function writeEntry(key: BundleKey, entry: CacheEntry): void {
  try {
    const file = entryFile(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(entry));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only or full disk: the next build looks again.
  }
}

/** The files' status (see the module comment) and the resolution files it covered. */
interface FileStatus {
  readonly status: string;
  readonly resolutionFiles: readonly string[];
  /** Whether every file was last changed at least `MTIME_SLACK_MS` before `time` (milliseconds). */
  settledBefore(time: number): boolean;
}

/**
 * The status of every file and folder the fingerprint reads: inputs, the folders holding them and
 * above them, the package lock, and the resolution files present (`known`: the ones an entry
 * recorded, else every candidate is looked for). A resolution file appearing or going changes its
 * folder's status, so a recorded list is enough to notice it.
 */
function fileStatus(root: string, inputs: readonly string[], known?: readonly string[]): FileStatus {
  const hash = createHash('sha256');
  let latestNs = 0n;
  /** Adds a file's status (`optional`: nothing when it is absent); returns whether it exists. */
  const add = (relative: string, optional = false): boolean => {
    const stats = fs.statSync(path.join(root, relative), { bigint: true, throwIfNoEntry: false });
    if (stats === undefined) {
      if (!optional) hash.update(`${relative} -\n`);
      return false;
    }
    const changedNs = stats.ctimeNs > stats.mtimeNs ? stats.ctimeNs : stats.mtimeNs;
    if (changedNs > latestNs) latestNs = changedNs;
    hash.update(`${relative} ${stats.ino} ${stats.size} ${stats.mtimeNs} ${stats.ctimeNs}\n`);
    return true;
  };
  for (const input of inputs) add(input);
  const { holding, above } = folders(inputs);
  const dirs = [...new Set([...holding, ...above])].sort();
  for (const dir of dirs) add(`${dir}/`);
  // A recorded file now absent still counts (as absent); an absent candidate is only looked for.
  const resolutionFiles = known !== undefined ? known.filter((file) => add(file)) : dirs.flatMap((dir) => RESOLUTION_FILES.map((file) => path.join(dir, file))).filter((file) => add(file, true));
  add(LOCK);
  return {
    status: hash.digest('hex'),
    resolutionFiles,
    settledBefore: (time) => latestNs < BigInt(Math.floor(time - MTIME_SLACK_MS)) * 1_000_000n,
  };
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
  line(`installed ${hashIfPresent(path.join(key.root, LOCK))}`);
  return hash.digest('hex');
}
