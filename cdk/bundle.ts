/**
 * Bundles each custom-resource handler into the CommonJS text CloudFormation writes as `index.js`
 * from `Code.ZipFile`. Design, sizes and the reasons for each choice: `cdk/handlers/README.md`.
 *
 * - The logging handler bundles `@aws-sdk/client-bedrock` at the lockfile's version: a Lambda
 *   runtime whose own SDK predates a field would drop it silently. The emptier leaves
 *   `@aws-sdk/client-s3` to the runtime: its calls and fields are years older than any runtime.
 * - A bundled SDK is trimmed to what Lambda uses: credentials come from the environment
 *   (`fromEnv()`), so the default credential chain, the bearer-token providers and event-stream
 *   support are replaced by stubs (`cdk/handlers/shared/sdk-stubs/`).
 * - Two esbuild passes, both synchronous: the first bundles into one ES module; between them the
 *   SDK's schema tables get their constant computed keys folded (`{ [_ht]: ... }` becomes
 *   `{ ["http"]: ... }`), which esbuild cannot prove side-effect free otherwise; the second pass
 *   minifies and drops every schema the handler does not use.
 * - Output is deterministic: no source maps, no legal comments, paths relative to the package root.
 * - Bundles are cached in `node_modules/.cache/` (`bundle-cache.ts`), keyed by everything that
 *   decides their content; any cache problem falls back to bundling.
 */
import * as fs from 'fs';
import type { BuildOptions, TransformOptions } from 'esbuild';
import { type BundleKey, lookupBundle, storeBundle } from './bundle-cache';
import { LIMITS } from './constants';
import { esbuild, ESBUILD_VERSION } from './esbuild';
import { PACKAGE_ROOT } from './paths';

/** The custom-resource handlers, by folder under `cdk/handlers/`. */
export const HANDLERS = {
  configureInvocationLogging: 'configure-invocation-logging',
  emptyLogBucket: 'empty-log-bucket',
} as const;

export type HandlerName = (typeof HANDLERS)[keyof typeof HANDLERS];

/** Node.js version the bundle targets: the oldest supported Lambda runtime. */
const BUNDLE_TARGET = 'node22';

/** Packages each handler leaves to the Lambda runtime's own AWS SDK; everything else is bundled. */
const RUNTIME_PACKAGES: Readonly<Record<HandlerName, readonly string[]>> = {
  'configure-invocation-logging': [],
  'empty-log-bucket': ['@aws-sdk/*'],
};

const STUBS_DIR = 'cdk/handlers/shared/sdk-stubs';

/** Modules a bundled SDK imports that Lambda never needs, and what replaces them (relative to the package root). */
const SDK_STUBS: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': `./${STUBS_DIR}/credential-provider-node.ts`,
  '@aws-sdk/token-providers': `./${STUBS_DIR}/token-providers.ts`,
  '@smithy/core/event-streams': `./${STUBS_DIR}/event-streams.ts`,
};

/**
 * The SDK's generated schema tables, as the first pass's module comments name them: paths relative
 * to the package root, so `node_modules/@aws-sdk/…` in a checkout and `../@aws-sdk/…` (or further
 * up) where the package is installed and its dependencies are hoisted beside it.
 */
const SCHEMA_MODULE = /^\/\/ (?:\S*\/)?@aws-sdk\/client-[\w-]+\/dist-es\/schemas\/schemas_\d+\.js\n/;

/**
 * The TypeScript settings the handlers are compiled with, given to esbuild instead of the
 * tsconfig.json it would look for: an installed package has none (npm ships only `files`), and
 * without `strict` esbuild leaves out the stubs' "use strict", so the bundle, and with it the
 * member template, would differ between a checkout and an installed copy.
 */
const HANDLER_TSCONFIG = { compilerOptions: { strict: true, target: 'ES2022' } } as const;
/** Splits the first pass's output before each module comment (`// path/to/module.js`). */
const MODULE_BOUNDARY = /^(?=\/\/ \S+\.[cm]?[jt]s\n)/m;

function firstPassOptions(name: HandlerName): BuildOptions {
  return {
    entryPoints: [`cdk/handlers/${name}/index.ts`],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: BUNDLE_TARGET,
    // ES module entry points first, so the SDK's unused parts can be dropped.
    mainFields: ['module', 'main'],
    external: [...RUNTIME_PACKAGES[name]],
    alias: RUNTIME_PACKAGES[name].length === 0 ? { ...SDK_STUBS } : {},
    tsconfigRaw: HANDLER_TSCONFIG,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    logLevel: 'silent',
  };
}

const SECOND_PASS: TransformOptions = {
  format: 'cjs',
  platform: 'node',
  target: BUNDLE_TARGET,
  minify: true,
  treeShaking: true,
  legalComments: 'none',
  charset: 'utf8',
  sourcemap: false,
  logLevel: 'silent',
};

export interface BundleOptions {
  /**
   * Read and write the bundle cache.
   *
   * @default true
   */
  readonly cache?: boolean;
}

/**
 * The inline `index.js` text of one handler. Throws when it exceeds what CloudFormation accepts
 * in `Code.ZipFile` (the member template's own budget is checked by the build).
 */
export function bundleHandler(name: HandlerName, options: BundleOptions = {}): string {
  const key = bundleKey(name);
  const useCache = options.cache ?? true;
  const cached = useCache ? lookupBundle(key) : undefined;
  const code = cached ?? bundleUncached(name, key, useCache);
  const bytes = Buffer.byteLength(code);
  if (bytes > LIMITS.inlineCodeBytes) {
    throw new Error(
      `cdk/handlers/${name}/index.ts: the bundled handler is ${bytes} bytes, over the ${LIMITS.inlineCodeBytes} bytes ` +
        'CloudFormation accepts in Code.ZipFile; bundle less of the SDK (cdk/bundle.ts)',
    );
  }
  return code;
}

/** Bundles every handler once; the stacks read from the result. */
export function bundleAllHandlers(options: BundleOptions = {}): Record<HandlerName, string> {
  const out = {} as Record<HandlerName, string>;
  for (const name of Object.values(HANDLERS)) {
    out[name] = bundleHandler(name, options);
  }
  return out;
}

/** This file's own text (it decides the output too), read once. */
let bundlerSource: string | undefined;

function bundleKey(name: HandlerName): BundleKey {
  const { entryPoints, ...rest } = firstPassOptions(name);
  return {
    name,
    root: PACKAGE_ROOT,
    parts: [
      `esbuild ${ESBUILD_VERSION}`,
      `entry ${JSON.stringify(entryPoints)}`,
      `first pass ${JSON.stringify(rest)}`,
      `second pass ${JSON.stringify(SECOND_PASS)}`,
      // The bundler's own code (the fold below) decides the output too.
      `bundler ${(bundlerSource ??= fs.readFileSync(__filename, 'utf8'))}`,
    ],
  };
}

function bundleUncached(name: HandlerName, key: BundleKey, store: boolean): string {
  const startedAt = Date.now();
  const { buildSync, transformSync } = esbuild();
  const { outputFiles, metafile } = buildSync(firstPassOptions(name));
  if (outputFiles === undefined || metafile === undefined) throw new Error(`cdk/handlers/${name}: esbuild returned no output`);
  const code = transformSync(foldSchemaKeys(outputFiles[0].text), SECOND_PASS).code.trimEnd();
  if (store) storeBundle(key, Object.keys(metafile.inputs), code, startedAt);
  return code;
}

/**
 * In the SDK's schema modules, replaces computed keys that name a module constant
 * (`{ [_ht]: [...] }`, with `var _ht = "http";`) by the constant's string literal, so the second
 * pass can drop unused schemas. Other modules are left as they are.
 */
export function foldSchemaKeys(bundled: string): string {
  return bundled
    .split(MODULE_BOUNDARY)
    .map((module) => {
      if (!SCHEMA_MODULE.test(module)) return module;
      const constants = new Map([...module.matchAll(/^var (_\w+) = ("[^"\\\n]*");$/gm)].map(([, id, literal]) => [id, literal]));
      return module.replace(/\[(_\w+)\]:/g, (whole: string, id: string) => {
        const literal = constants.get(id);
        return literal === undefined ? whole : `[${literal}]:`;
      });
    })
    .join('');
}
