// Sealed tokens: the Web Crypto (Workers) and native (Node) ciphers read each other's tokens, the
// kind is bound, and the payload is not readable from the token.
import { describe, expect, it } from 'vitest';
import { nodeAead, nodeDigest } from '../src/runtime/node/digest.ts';
import { webAead } from '../src/security/aead.ts';
import { TokenSigner } from '../src/security/tokens.ts';

const SECRET = 'token-test-secret-0123456789';
const payload = { k: 'c' as const, d: 'd_1', c: 'c-run', v: 'v-1', p: 'p1', r: 'GB-LND', u: 'https://shop.example.com/p/1', s: 'user-hash-xyz', g: ['pregnancy_test_buyer'] };

describe('sealed tokens', () => {
  it('a token sealed with Web Crypto opens with the native cipher and the other way round', async () => {
    const now = () => 1_800_000_000_000;
    const web = new TokenSigner(SECRET, undefined, undefined, now, webAead);
    const node = new TokenSigner(SECRET, nodeDigest(), undefined, now, nodeAead);
    const a = await web.sign(payload);
    const b = await node.sign(payload);
    expect(a).not.toBe(b); // a fresh nonce each time
    for (const [signer, token] of [[node, a], [web, b]] as const) {
      const r = await signer.verify(token, 'c');
      expect(r.ok && r.payload.g).toEqual(['pregnancy_test_buyer']);
      expect((await signer.verify(token, 'i')).ok).toBe(false);
      expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('pregnancy');
    }
    // Another server's secret cannot open it.
    expect(await new TokenSigner('another-secret-0123456789', nodeDigest(), undefined, now, nodeAead).verify(a, 'c')).toMatchObject({ ok: false, status: 404 });
  });
});
