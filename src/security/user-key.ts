// Raw user ids never reach storage: a keyed hash (HMAC-SHA-256 under the server secret, 128 bits,
// base64url) stands for the user everywhere. Without the secret it cannot be reversed or joined.
import { base64url } from './base64.ts';
import type { Digest } from './digest.ts';

export const MAX_UID_LENGTH = 256;

const memo = new Map<string, string>();
const MEMO = 10_000;

/** Memoized (the same shoppers come back): a bounded map, oldest first out. */
export async function userKey(digest: Digest, secret: string, uid: string): Promise<string> {
  const k = `${secret.length}:${secret}:${uid}`;
  const hit = memo.get(k);
  if (hit) return hit;
  const mac = await digest.hmacSha256(secret, `vitrine-uid:${uid}`);
  const out = base64url(mac.subarray(0, 16));
  if (memo.size >= MEMO) memo.delete(memo.keys().next().value!);
  memo.set(k, out);
  return out;
}
