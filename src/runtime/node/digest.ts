// Node's native crypto, synchronous: no thread-pool round trip per token or cache key.
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyCompare } from '../../security/compare.ts';
import type { AeadFactory } from '../../security/aead.ts';
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
/** AES-256-GCM through Node's native cipher, synchronous. */
export const nodeAead: AeadFactory = (raw) => {
  const key = Buffer.from(raw);
  return {
    seal(iv, aad, plain) {
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(aad);
      return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    },
    open(iv, aad, sealed) {
      if (sealed.length < 16) return null;
      try {
        const d = createDecipheriv('aes-256-gcm', key, iv);
        d.setAAD(aad);
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
      } catch {
        return null;
      }
    },
  };
};
