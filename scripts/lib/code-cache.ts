/**
 * V8's code cache for the modules a CLI command loads: what Node 22's `module.enableCompileCache()`
 * does and Node 20 lacks. A build loads about 470 modules (5 MB of JavaScript, most of it
 * aws-cdk-lib), and compiling them is the largest part of its run after synthesis itself.
 *
 * The first run of a command compiles its modules as usual and, on exit, saves the code V8
 * compiled for each: every function that ran, not only each module's top level (the
 * `v8-compile-cache` package saves the code right after compiling, which holds little more than the
 * top level, and measured no faster than no cache at all for this project's hook). Later runs hand
 * each module its saved code and skip most of the parsing and compiling. `npm run bench` measures
 * the build with it.
 *
 * The cache can only make a run faster, never different:
 * - a module's saved code is used only when the module's source is byte for byte the one it was
 *   made from (its SHA-256 is kept with it: V8's own check compares only the source's length);
 * - V8 rejects code made by another V8 version or with other flags, and the module is compiled;
 * - only CommonJS `.js` files of this package's `lib/` and of `node_modules` are served (an
 *   environment map, evaluated from its own file, is never cached), and a module V8 cannot compile
 *   as a script, or that may call `import()`, goes to Node's own loader, which reports the error or
 *   loads it its own way;
 * - any problem with the cache file (missing, corrupt, read-only folder, full disk) means a run
 *   without it, and the file is written through a temporary file and a rename.
 * The file is rewritten only when a module had no usable code, so a run with nothing new writes
 * nothing; modules the run did not load keep their saved code.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { sha256Hex } from '../../cdk/hash';

/** What `Module.prototype._compile` is (Node's own, and this one). */
type Compile = (this: NodeModule, content: string, filename: string, format?: string) => unknown;

/** Node's module internals this file relies on (public in practice since Node 0.x: `v8-compile-cache` uses them). */
interface ModuleInternals {
  prototype: { _compile: Compile };
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
  wrap(script: string): string;
}

const MODULE = Module as unknown as ModuleInternals;

/** The process's main module, which every module's `require.main` names. */
const MAIN = require.main;

/**
 * A module whose text may call `import()` (in code, a string or a comment alike) is left to Node's
 * loader: a script compiled by `vm` has no loader for `import()` unless given one, and on Node 20
 * the one it can be given is experimental (a warning on every run) and is lost when the script
 * comes from a code cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on the second run).
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The first bytes of a cache file: its format. */
const MAGIC = 'bilc-code-cache 1\n';

interface SavedModule {
  /** The hex SHA-256 of the source the code was compiled from. */
  readonly sha256: string;
  readonly data: Buffer;
}

/** The cache file's modules by file name; an empty map when there is no usable file. */
export function readCodeCache(file: string): Map<string, SavedModule> {
  const saved = new Map<string, SavedModule>();
  let blob: Buffer;
  try {
    // Never wait on a pipe someone left at the cache's path: a cache is only ever a regular file.
    if (!fs.statSync(file).isFile()) return saved;
    blob = fs.readFileSync(file);
  } catch {
    return saved;
  }
  try {
    if (blob.toString('latin1', 0, MAGIC.length) !== MAGIC) return saved;
    const headerLength = blob.readUInt32LE(MAGIC.length);
    let offset = MAGIC.length + 4 + headerLength;
    const header = JSON.parse(blob.toString('utf8', MAGIC.length + 4, offset)) as [string, string, number][];
    for (const [filename, sha256, length] of header) {
      if (offset + length > blob.length) return new Map();
      saved.set(filename, { sha256, data: blob.subarray(offset, offset + length) });
      offset += length;
    }
    return saved;
  } catch {
    return new Map();
  }
}

/** Writes modules' code to `file` (through a temporary file and a rename); false when it could not. */
export function writeCodeCache(file: string, modules: ReadonlyMap<string, SavedModule>): boolean {
  const header: [string, string, number][] = [];
  for (const [filename, { sha256, data }] of modules) header.push([filename, sha256, data.length]);
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, headerBytes, ...[...modules.values()].map(({ data }) => data)]));
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written (the folder could not be made)
    }
    return false;
  }
}

/** What the running process did with the cache (for tests and the benchmark). */
export interface CodeCacheStats {
  /** Modules given their saved code, and V8 took it. */
  served: number;
  /** Modules compiled from source (no saved code, another source, or V8 rejected it). */
  compiled: number;
}

/** The figures of the cache this process enabled, once it has. */
let installed: CodeCacheStats | undefined;

/**
 * From now on, compiles the modules this process loads (`.js` files of `packageRoot/lib` and of any
 * `node_modules`) with the code saved in `file`, and saves their code there on exit when any had
 * none. Once per process; returns the process's figures.
 */
export function enableCodeCache(file: string, packageRoot: string): CodeCacheStats {
  if (installed !== undefined) return installed;
  const stats: CodeCacheStats = { served: 0, compiled: 0 };
  installed = stats;
  // Under a policy manifest, Node checks each module's integrity in the compile step this replaces.
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((option) => option.includes('--experimental-policy'))) return stats;
  const saved = readCodeCache(file);
  const scripts = new Map<string, { sha256: string; script: vm.Script }>();
  const lib = path.join(packageRoot, 'lib') + path.sep;
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  const cacheable = (filename: string) => filename.endsWith('.js') && (filename.startsWith(lib) || filename.includes(nodeModules));
  const original = MODULE.prototype._compile;

  MODULE.prototype._compile = function compile(this: NodeModule, content: string, filename: string, format?: string): unknown {
    if ((format !== undefined && format !== 'commonjs') || !cacheable(filename) || scripts.has(filename) || DYNAMIC_IMPORT.test(content)) {
      return original.call(this, content, filename, format);
    }
    const sha256 = sha256Hex(content);
    const previous = saved.get(filename);
    const cachedData = previous?.sha256 === sha256 ? previous.data : undefined;
    let script: vm.Script;
    try {
      // Same length as the shebang it replaces, so lines and columns stay true.
      const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new vm.Script(MODULE.wrap(source), { filename, cachedData });
    } catch {
      // Not a script V8 compiles (ECMAScript module syntax, an error): Node's loader decides.
      return original.call(this, content, filename, format);
    }
    if (cachedData !== undefined && !script.cachedDataRejected) stats.served += 1;
    else stats.compiled += 1;
    scripts.set(filename, { sha256, script });
    return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    if (stats.compiled === 0) return;
    // Modules this run did not load keep their code (a run that fails early loads few), unless gone.
    const modules = new Map<string, SavedModule>();
    for (const [filename, module] of saved) {
      if (!scripts.has(filename) && fs.existsSync(filename)) modules.set(filename, module);
    }
    for (const [filename, { sha256, script }] of scripts) {
      try {
        modules.set(filename, { sha256, data: script.createCachedData() });
      } catch {
        // this module's code cannot be saved: the next run compiles it
      }
    }
    writeCodeCache(file, modules);
  });
  return stats;
}

/** The `require` a module's code gets: Node's, for `module`. */
function requireFor(module: NodeModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => MODULE._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => MODULE._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = MAIN;
  require.extensions = MODULE._extensions;
  require.cache = MODULE._cache;
  return require;
}
