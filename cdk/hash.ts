/**
 * The one content hash of the project. The pre-commit hook's `validate` loads this file (through
 * the package record) but hashes nothing, so `crypto`, which takes longer to load than the hook's
 * whole YAML parse, is loaded on first use.
 */
import type * as Crypto from 'crypto';

let crypto: typeof Crypto | undefined;

/** The hex SHA-256 of `data`. */
export function sha256Hex(data: string | Uint8Array): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  crypto ??= require('crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(data).digest('hex');
}
