// Raw user ids never reach storage: a keyed hash (HMAC-SHA-256 under the server secret, 128 bits,
// base64url) stands for the user everywhere. Without the secret it cannot be reversed or joined.
import { base64url } from './base64.ts';
import type { Digest } from './digest.ts';
import { Lru } from '../privacy/lru.ts';

export const MAX_UID_LENGTH = 256;

const memo = new Lru<string, string>(10_000);

/** Memoized in memory (the same shoppers come back); never stored. */
export async function userKey(digest: Digest, secret: string, uid: string): Promise<string> {
  const k = `${secret.length}:${secret}:${uid}`;
  const hit = memo.get(k);
  if (hit) return hit;
  const mac = await digest.hmacSha256(secret, `vitrine-uid:${uid}`);
  const out = base64url(mac.subarray(0, 16));
  memo.set(k, out);
  return out;
}
