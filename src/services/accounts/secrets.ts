// Random secrets and their at-rest form. Web Crypto only, so both runtimes share it.
import type { Digest } from '../../security/digest.ts';

export const TOKEN_PREFIX = 'vt_';

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomSecret(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** An API token: `vt_` + 256 random bits. High entropy, so one SHA-256 is enough at rest. */
export const newApiToken = (): string => TOKEN_PREFIX + randomSecret(32);

/** A generated sign-in password (shown once to whoever creates the account). */
export const newPassword = (): string => randomSecret(18);

export async function sha256Hex(digest: Digest, s: string): Promise<string> {
  const d = await digest.sha256(s);
  let out = '';
  for (const b of d) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Equal strings, in time independent of where they differ (both are hashed to 32 bytes first). */
export async function secretsEqual(digest: Digest, given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest.sha256(given), digest.sha256(expected)]);
  let d = 0;
  for (let i = 0; i < 32; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
