// Decision tokens (TokenSigner.signDecision): one seal per bid issues the click, impression, scan,
// win and billing tokens. Each verifies as its own kind only, carries the payload a per-kind token
// carries, expires, is canonical, and cannot be forged, altered or turned into another kind;
// tokens issued before (one seal per kind) still verify.
import { describe, expect, it } from 'vitest';
import { nodeAead, nodeDigest } from '../src/runtime/node/digest.ts';
import { webAead } from '../src/security/aead.ts';
import { base64url, fromBase64url } from '../src/security/base64.ts';
import { TokenSigner, type TokenKind } from '../src/security/tokens.ts';
import { demoApp } from './helpers/app.ts';

const SECRET = 'token-test-secret-0123456789';
const base = { d: 'd_1', c: 'c-run', v: 'v-1', p: 'p1', r: 'GB-LND', u: 'https://shop.example.com/p/1', b: 'ctx-1', h: 1 as const, s: 'user-hash-xyz', g: ['pregnancy_test_buyer'] };
const KINDS: TokenKind[] = ['c', 'i', 'q', 'w', 'b'];
const T0 = 1_800_000_000_000;

function signers(clock: () => number) {
  return [new TokenSigner(SECRET, nodeDigest(), undefined, clock, nodeAead), new TokenSigner(SECRET, undefined, undefined, clock, webAead)] as const;
}

describe('decision tokens', () => {
  it('each kind verifies as itself only, with the per-kind payload, on both ciphers', async () => {
    const [node, web] = signers(() => T0);
    const t = await node.signDecision(base, KINDS);
    expect(new Set(Object.values(t)).size).toBe(5);
    for (const k of KINDS) {
      for (const signer of [node, web]) {
        const r = await signer.verify(t[k], k);
        expect(r.ok, k).toBe(true);
        if (!r.ok) continue;
        // What a per-kind `sign` would have carried: notices (w, b) never had the learning context or user fields.
        const one = await signer.verify(await signer.sign({ k, ...base }), k);
        const expected = one.ok ? { ...one.payload } : null;
        if (k === 'w' || k === 'b') for (const f of ['b', 'h', 's', 'g'] as const) delete expected![f];
        expect(r.payload).toEqual(expected);
        for (const other of KINDS.filter((o) => o !== k)) expect((await signer.verify(t[k], other)).ok, `${k} as ${other}`).toBe(false);
      }
      // Unique per token (the replay counter's id).
    }
    const ids = await Promise.all(KINDS.map(async (k) => ((await node.verify(t[k], k)) as { id: string }).id));
    expect(new Set(ids).size).toBe(5);
    // Issued through Web Crypto (Workers), opened natively.
    const fromWeb = await web.signDecision(base, ['c', 'w']);
    expect(await node.verify(fromWeb.c, 'c')).toMatchObject({ ok: true, payload: { k: 'c', s: 'user-hash-xyz' } });
    expect(await node.verify(fromWeb.w, 'w')).toMatchObject({ ok: true, payload: { k: 'w', d: 'd_1' } });
    // Two decisions never share a token or an id.
    const t2 = await node.signDecision(base, ['c']);
    expect(t2.c).not.toBe(t.c);
    expect(((await node.verify(t2.c, 'c')) as { id: string }).id).not.toBe(ids[0]);
    // The user's hash and segments are not readable in any token.
    for (const k of KINDS) expect(Buffer.from(t[k], 'base64url').toString('latin1')).not.toMatch(/pregnancy|user-hash/);
  });

  it('refuses a kind swapped in the head, a nonce, a blob or a tag altered, another server, a non-canonical spelling', async () => {
    const [node] = signers(() => T0);
    const t = await node.signDecision(base, ['c', 'i', 'w']);
    const bytes = fromBase64url(t.c)!;
    // The head of a click token relabelled as an impression: the impression's nonce is secret.
    const relabel = new Uint8Array(bytes);
    relabel[1] = 'i'.charCodeAt(0);
    expect(await node.verify(base64url(relabel), 'i')).toMatchObject({ ok: false, status: 404 });
    // The impression token's head on the click token's blob is the impression token itself (same blob): fine; a head from another decision is not.
    const other = fromBase64url((await node.signDecision(base, ['i'])).i)!;
    const mixed = new Uint8Array(bytes);
    mixed.set(other.subarray(0, 12));
    expect(await node.verify(base64url(mixed), 'i')).toMatchObject({ ok: false, status: 404 });
    for (const at of [2, 11, 12, 23, 24, 60, bytes.length - 1]) {
      const bad = new Uint8Array(bytes);
      bad[at] = bad[at]! ^ 1;
      expect(await node.verify(base64url(bad), 'c'), `byte ${at}`).toMatchObject({ ok: false, status: 404 });
    }
    expect(await node.verify(base64url(bytes.subarray(0, bytes.length - 1)), 'c')).toMatchObject({ ok: false });
    expect(await new TokenSigner('another-secret-0123456789', nodeDigest(), undefined, () => T0, nodeAead).verify(t.c, 'c')).toMatchObject({ ok: false, status: 404 });
    expect(await node.verify(`${t.c}=`, 'c')).toMatchObject({ ok: false, status: 400 });
    expect(await node.verify(t.c.replace(/-/g, '+').replace(/_/g, '/') + (t.c.includes('-') || t.c.includes('_') ? '' : '+'), 'c')).toMatchObject({ ok: false, status: 400 });
  });

  it('expires like a per-kind token: clicks after 30 days, notices and impressions after one', async () => {
    let now = T0;
    const [node] = signers(() => now);
    const t = await node.signDecision(base, KINDS);
    now = T0 + 2 * 86_400_000;
    expect(await node.verify(t.c, 'c')).toMatchObject({ ok: true });
    for (const k of ['i', 'w', 'b'] as const) expect(await node.verify(t[k], k)).toMatchObject({ ok: false, status: 410 });
    now = T0 + 31 * 86_400_000;
    for (const k of ['c', 'q'] as const) expect(await node.verify(t[k], k)).toMatchObject({ ok: false, status: 410 });
  });

  it('per-kind tokens issued before still verify, whatever their first byte', async () => {
    const [node] = signers(() => T0);
    // An old token whose random IV begins with the decision tokens' format byte is tried both ways.
    let lookalike: string | null = null;
    for (let n = 0; n < 20_000 && !lookalike; n++) {
      const tok = await node.sign({ k: 'c', ...base });
      if (fromBase64url(tok)![0] === 2) lookalike = tok;
    }
    expect(lookalike).not.toBeNull();
    expect(await node.verify(lookalike!, 'c')).toMatchObject({ ok: true, payload: { d: 'd_1', s: 'user-hash-xyz' } });
    expect((await node.verify(lookalike!, 'i')).ok).toBe(false);
    for (const k of KINDS) {
      const tok = await node.sign({ k, ...base });
      expect((await node.verify(tok, k)).ok, k).toBe(true);
    }
  });

  it("a bid's click, impression, win and billing URLs are accepted by their routes and not by each other's", async () => {
    const v = await demoApp();
    const auction = async () => {
      const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'r1', tmax: 1000, imp: [{ id: '1', tagid: 'pl-home-top', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { geo: { country: 'ARE', region: 'DU' } } }) });
      expect(res.status).toBe(200);
      return (await res.json()).seatbid[0].bid[0];
    };
    // The first bids carry render-on-fetch units; once the unit is cached the links are inline.
    let bid = await auction();
    for (let n = 0; n < 50 && !/\/c\/[A-Za-z0-9_-]+/.test(bid.adm); n++) {
      await new Promise((r) => setTimeout(r, 100));
      bid = await auction();
    }
    const path = (u: string) => new URL(u).pathname;
    const token = (u: string) => path(u).split('/')[2]!;
    const click = /\/c\/[A-Za-z0-9_-]+/.exec(bid.adm)![0];
    const imp = /\/i\/[A-Za-z0-9_-]+/.exec(bid.adm)![0];
    // The auction issues decision tokens (format byte 2, then the kind).
    for (const [u, k] of [[click, 'c'], [imp, 'i'], [path(bid.nurl), 'w'], [path(bid.burl), 'b']] as const) expect([...fromBase64url(u.split('/')[2]!)!.subarray(0, 2)]).toEqual([2, k.charCodeAt(0)]);
    expect((await v.app.request(click)).status).toBe(302);
    expect((await v.app.request(imp)).status).toBe(200);
    expect((await v.app.request(`${path(bid.nurl)}?price=1.5`)).status).toBe(204);
    expect((await v.app.request(`${path(bid.burl)}?price=1.5`)).status).toBe(204);
    // Each token on another kind's route: refused.
    expect((await v.app.request(`/w/${token(bid.burl)}?price=1`)).status).toBe(404);
    expect((await v.app.request(`/c/${imp.split('/')[2]}`)).status).toBe(404);
    expect((await v.app.request(`/b/${click.split('/')[2]}`)).status).toBe(404);
    await v.flush();
  });
});
