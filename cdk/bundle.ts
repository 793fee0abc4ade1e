import * as path from 'path';
import { buildSync } from 'esbuild';
import { LIMITS } from './constants';
import { projectFile } from './paths';

/** The custom-resource handlers, by folder under `cdk/handlers/`. */
export const HANDLERS = {
  configureInvocationLogging: 'configure-invocation-logging',
  emptyLogBucket: 'empty-log-bucket',
} as const;

export type HandlerName = (typeof HANDLERS)[keyof typeof HANDLERS];

export const HANDLERS_DIR = projectFile(path.join('cdk', 'handlers'));

/** Node.js version the bundle targets: the oldest supported Lambda runtime. */
const BUNDLE_TARGET = 'node22';

/**
 * Bundles one handler into the CommonJS text Lambda runs as `index.js` from `Code.ZipFile`:
 * minified, `@aws-sdk/*` left to the runtime's bundled SDK, no comments or source maps, so the
 * output depends only on the sources (byte-identical builds).
 *
 * Throws when the bundle exceeds CloudFormation's 4,096-character inline limit.
 */
export function bundleHandler(name: HandlerName): string {
  const entry = path.join(HANDLERS_DIR, name, 'index.ts');
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: BUNDLE_TARGET,
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    logLevel: 'silent',
    absWorkingDir: HANDLERS_DIR,
  });
  const code = result.outputFiles[0].text.trimEnd();
  if (code.length > LIMITS.inlineCodeChars) {
    throw new Error(
      `cdk/handlers/${name}/index.ts: the bundled handler is ${code.length} characters, over ` +
        `CloudFormation's inline-code limit of ${LIMITS.inlineCodeChars}; shrink the handler or move shared code out of it`,
    );
  }
  return code;
}

/** Bundles every handler once; the stacks read from the result. */
export function bundleAllHandlers(): Record<HandlerName, string> {
  const out = {} as Record<HandlerName, string>;
  for (const name of Object.values(HANDLERS)) {
    out[name] = bundleHandler(name);
  }
  return out;
}
