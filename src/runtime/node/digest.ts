// Node's native crypto, synchronous: no thread-pool round trip per token or cache key.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyCompare } from '../../security/compare.ts';
import type { Digest } from '../../security/digest.ts';

export function nodeDigest(): Digest {
  return {
    hmacSha256: (secret, data) => createHmac('sha256', secret).update(data).digest(),
    sha256: (data) => createHash('sha256').update(data).digest(),
    timingSafeEqual: (a, b) => timingSafeEqual(a, b),
  };
}

/** SHA-256 of both keys, compared with crypto.timingSafeEqual (equal lengths by construction). */
export const nodeKeyCompare: KeyCompare = async (given, expected) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
