// Node's native crypto, synchronous: no thread-pool round trip per token or cache key.
import { createHash, createHmac } from 'node:crypto';
import type { Digest } from '../../security/digest.ts';

export function nodeDigest(): Digest {
  return {
    hmacSha256: (secret, data) => createHmac('sha256', secret).update(data).digest(),
    sha256: (data) => createHash('sha256').update(data).digest(),
  };
}
