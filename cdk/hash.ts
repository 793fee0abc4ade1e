/** The one content hash of the project. Light on purpose (crypto only): `validate` loads it. */
import { createHash } from 'crypto';

/** The hex SHA-256 of `data`. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
