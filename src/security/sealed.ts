// Signed, expiring JSON blobs for the studio (session cookies, shared tearsheet links):
// base64url(JSON {k, e, p}) "." base64url(HMAC-SHA-256). The kind is signed in, so a session can
// never be replayed as a share link or the reverse; the expiry is checked before the payload is read.
import { base64url, fromBase64url } from './base64.ts';
import type { Digest } from './digest.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const MAC_BYTES = 16;
/** Longest sealed string accepted (a tearsheet spec is well under this). */
export const MAX_SEALED = 4096;

export type Unsealed<T> = { ok: true; payload: T; expires: number } | { ok: false; reason: 'malformed' | 'bad signature' | 'wrong kind' | 'expired' };

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

export class Sealer {
  constructor(
    private readonly secret: string,
    private readonly digest: Digest,
  ) {}

  /** `expires` in epoch ms; the key order is fixed so equal inputs seal to equal strings. */
  async seal(kind: string, payload: unknown, expires: number): Promise<string> {
    const body = base64url(enc.encode(JSON.stringify({ k: kind, e: Math.floor(expires / 1000), p: payload })));
    const mac = await this.digest.hmacSha256(`sealed:${this.secret}`, body);
    return `${body}.${base64url(mac.subarray(0, MAC_BYTES))}`;
  }

  async open<T>(kind: string, sealed: string, now: number): Promise<Unsealed<T>> {
    const dot = sealed.indexOf('.');
    if (sealed.length > MAX_SEALED || dot <= 0) return { ok: false, reason: 'malformed' };
    const body = sealed.slice(0, dot);
    const mac = fromBase64url(sealed.slice(dot + 1));
    const raw = fromBase64url(body);
    if (!mac || !raw || mac.length !== MAC_BYTES) return { ok: false, reason: 'malformed' };
    const full = await this.digest.hmacSha256(`sealed:${this.secret}`, body);
    if (!equal(full.subarray(0, MAC_BYTES), mac)) return { ok: false, reason: 'bad signature' };
    let v: { k?: unknown; e?: unknown; p?: unknown };
    try {
      v = JSON.parse(dec.decode(raw)) as typeof v;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (v.k !== kind) return { ok: false, reason: 'wrong kind' };
    if (typeof v.e !== 'number' || v.e * 1000 <= now) return { ok: false, reason: 'expired' };
    return { ok: true, payload: v.p as T, expires: v.e * 1000 };
  }
}
