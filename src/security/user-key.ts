// Raw user ids never reach storage: a keyed hash (HMAC-SHA-256 under the server secret, 128 bits,
// base64url) stands for the user everywhere. Without the secret it cannot be reversed or joined.
import { base64url } from './base64.ts';
import type { Digest } from './digest.ts';

export const MAX_UID_LENGTH = 256;

export async function userKey(digest: Digest, secret: string, uid: string): Promise<string> {
  const mac = await digest.hmacSha256(secret, `vitrine-uid:${uid}`);
  return base64url(mac.subarray(0, 16));
}
