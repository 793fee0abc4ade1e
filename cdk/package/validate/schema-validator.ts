import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { projectFile } from '../../paths';
import schema from './manifest-v2.schema.json';

/** A compiled JSON Schema validator, as ajv returns it (only what the rules use). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** ajv options: report every error at once, refuse unknown keywords in the schema. */
const AJV_OPTIONS = { allErrors: true, strict: true } as const;

/** Where compiled validators are kept between runs (a conventional, per-project cache folder). */
export const SCHEMA_CACHE_DIR = projectFile('node_modules/.cache/cfct-validate');

let validator: SchemaValidator | undefined;

/**
 * The compiled port of CfCT's manifest-v2 schema.
 *
 * Loading ajv and compiling the schema costs 100-200 ms, most of `npm run validate`'s own time.
 * The first run therefore also writes ajv's standalone code for the schema to
 * `node_modules/.cache/cfct-validate/manifest-v2-ajv-<version>.js`, with the ajv version, options
 * and schema text it was compiled from; later runs load that file, compare, and skip ajv. A
 * mismatch or any cache problem falls back to compiling, so the cache can only make a run
 * faster, never different.
 */
export function manifestSchemaValidator(): SchemaValidator {
  if (validator) return validator;
  const ajvVersion = (JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
  // What the code was compiled from, kept in the cached file itself and compared in full: exact,
  // and no hash (node's crypto module alone costs more to load than the whole check).
  const compiledFrom = JSON.stringify([ajvVersion, AJV_OPTIONS, schema]);
  const cached = path.join(SCHEMA_CACHE_DIR, `manifest-v2-ajv-${ajvVersion.replace(/[^0-9A-Za-z.-]/g, '_')}.js`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cached module's path is computed
    const loaded = require(cached) as SchemaValidator & { compiledFrom?: string };
    if (loaded.compiledFrom === compiledFrom) {
      validator = loaded;
      return validator;
    }
  } catch {
    // not cached yet (or unreadable): compile below
  }
  validator = compileAndCache(cached, compiledFrom);
  return validator;
}

function compileAndCache(file: string, compiledFrom: string): SchemaValidator {
  // Loaded only on a cache miss, to keep ajv out of the fast path.
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy: ajv costs ~100 ms to load */
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const compiled = ajv.compile(schema);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${standaloneCode(ajv, compiled)}\nmodule.exports.compiledFrom = ${JSON.stringify(compiledFrom)};\n`);
    fs.renameSync(temp, file); // atomic: a concurrent run sees the whole file or none
  } catch {
    // read-only node_modules: no cache, same result
  }
  return compiled;
}
