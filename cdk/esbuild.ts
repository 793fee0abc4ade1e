/**
 * esbuild, loaded only when something is actually bundled or transformed: a build whose handler
 * bundles and map come from the cache (`bundle-cache.ts`) never loads it. The version, which every
 * cache key holds, is read from esbuild's package.json (the same string esbuild's `version` export
 * returns; esbuild refuses to run a binary of another version).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point of this module */
type Esbuild = typeof import('esbuild');

let loaded: Esbuild | undefined;

/** The esbuild module, loaded on first use. */
export function esbuild(): Esbuild {
  return (loaded ??= require('esbuild') as Esbuild);
}

/** esbuild's version, without loading esbuild. */
export const ESBUILD_VERSION = (require('esbuild/package.json') as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */
