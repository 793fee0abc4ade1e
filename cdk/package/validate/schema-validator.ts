import { createHash } from 'crypto';
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
 * `node_modules/.cache/cfct-validate/<hash>.js`, named after the schema text, the ajv version
 * and the options; later runs load that file and skip ajv. Any cache problem falls back to
 * compiling, so the cache can only make a run faster, never different.
 */
export function manifestSchemaValidator(): SchemaValidator {
  if (validator) return validator;
  const ajvVersion = (JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256')
    .update(JSON.stringify([ajvVersion, AJV_OPTIONS, schema]))
    .digest('hex')
    .slice(0, 20);
  const cached = path.join(SCHEMA_CACHE_DIR, `manifest-v2-${key}.js`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cached module's path is computed
    validator = require(cached) as SchemaValidator;
    return validator;
  } catch {
    // not cached yet (or unreadable): compile below
  }
  validator = compileAndCache(cached);
  return validator;
}

function compileAndCache(file: string): SchemaValidator {
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
    fs.writeFileSync(temp, standaloneCode(ajv, compiled));
    fs.renameSync(temp, file); // atomic: a concurrent run sees the whole file or none
  } catch {
    // read-only node_modules: no cache, same result
  }
  return compiled;
}
