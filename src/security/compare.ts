// Constant-time key comparison behind a port. Both sides are hashed first, so the comparison runs
// over two equal-length digests whatever the keys' lengths (no early exit on length either);
// the runtime supplies the constant-time primitive: Node's crypto.timingSafeEqual, Workers'
// crypto.subtle.timingSafeEqual.
export type KeyCompare = (given: string, expected: string) => Promise<boolean>;

const enc = new TextEncoder();

type SubtleWithEqual = SubtleCrypto & { timingSafeEqual?: (a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView) => boolean };

/** Web Crypto digests; Cloudflare's `crypto.subtle.timingSafeEqual` where it exists, else a branch-free XOR over the 32 bytes. */
export function webKeyCompare(): KeyCompare {
  return async (given, expected) => {
    const [a, b] = await Promise.all([crypto.subtle.digest('SHA-256', enc.encode(given)), crypto.subtle.digest('SHA-256', enc.encode(expected))]);
    const subtle = crypto.subtle as SubtleWithEqual;
    if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    let d = 0;
    for (let i = 0; i < x.length; i++) d |= x[i]! ^ y[i]!;
    return d === 0;
  };
}
