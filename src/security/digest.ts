// Hashing behind a port: Web Crypto (async, every runtime) by default; a runtime may hand in a
// synchronous native implementation for the hot path (Node's crypto is ~20× cheaper per call).
export interface Digest {
  /** HMAC-SHA-256 of `data` under `secret`. */
  hmacSha256(secret: string, data: string): Uint8Array | Promise<Uint8Array>;
  /** SHA-256 of `data`. */
  sha256(data: string): Uint8Array | Promise<Uint8Array>;
  /** The runtime's constant-time comparison of two equal-length byte strings (Node: crypto.timingSafeEqual). */
  timingSafeEqual?(a: Uint8Array, b: Uint8Array): boolean;
}

const enc = new TextEncoder();

export function webDigest(): Digest {
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyFor = (secret: string) => {
    let k = keys.get(secret);
    if (!k) {
      k = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      keys.set(secret, k);
    }
    return k;
  };
  return {
    async hmacSha256(secret, data) {
      return new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(secret), enc.encode(data)));
    },
    async sha256(data) {
      return new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(data)));
    },
  };
}
