// /v1/creative writes its creative answers' headers whole (one plain object, no Headers built per
// creative): exactly the security and CORS headers the app-wide middlewares give every other
// answer, on images and units, 200 and 304, for allowed, other and no origins; replays (which go
// through the middlewares) carry the same; over HTTP the body goes out with its length.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalHeaders, UNIT_CSP } from '../src/http/headers.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';

const ALLOWED = 'https://publisher.example';
let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp({ config: { corsOrigins: [ALLOWED] } });
});
afterAll(async () => v.close());

const at = '2026-11-24T15:00:00Z';
const get = (q: string, headers: Record<string, string> = {}) => v.app.request(`/v1/creative?campaign=c-run&size=300x250&region=AE-DU&${q}`, { headers });
const named = (r: Response) => Object.fromEntries([...r.headers]);

/** What the middlewares give a creative answer on top of the route's own headers. */
function expected(origin: string | undefined, html: boolean): Record<string, string> {
  const allowed = origin === ALLOWED;
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'Origin',
    ...(html ? { 'content-security-policy': UNIT_CSP } : {}),
    ...(allowed ? { 'access-control-allow-origin': ALLOWED, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Vitrine-Decision, X-Vitrine-No-Bid, X-Vitrine-Nbr' } : {}),
  };
}

describe('creative answer headers', () => {
  const formats: Array<[string, string]> = [
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['svg', 'image/svg+xml'],
    ['html', 'text/html; charset=utf-8'],
  ];
  let seed = 100;
  for (const [format, type] of formats) {
    for (const origin of [ALLOWED, 'https://evil.example', undefined]) {
      it(`${format}, origin ${origin ?? 'none'}: 200, 304 and replay carry the security and CORS headers and nothing else`, async () => {
        const q = `format=${format}&seed=${++seed}&at=${at}`;
        const o: Record<string, string> = origin ? { Origin: origin } : {};
        const first = await get(q, o);
        expect(first.status).toBe(200);
        expect(finalHeaders.has(first)).toBe(true);
        const h = named(first);
        expect(h['content-type']).toBe(type);
        const own = { 'content-type': type, 'cache-control': 'no-cache', etag: h.etag!, 'x-vitrine-cache': h['x-vitrine-cache']!, 'x-vitrine-decision': h['x-vitrine-decision']!, 'x-vitrine-variant': h['x-vitrine-variant']! };
        expect(h).toEqual({ ...own, ...expected(origin, format === 'html') });
        const body = new Uint8Array(await first.arrayBuffer());
        expect(body.length).toBeGreaterThan(100);

        // Revalidated by the route (no `at`: not replayable; an HTML unit's ETag covers its freshly sealed links, so never) and by the replay cache.
        if (format !== 'html') {
          const fresh = await get(`format=${format}&seed=${seed}`, o);
          const etag = fresh.headers.get('etag')!;
          await fresh.arrayBuffer();
          const revalidated = await get(`format=${format}&seed=${seed}`, { ...o, 'If-None-Match': etag });
          expect(revalidated.status).toBe(304);
          expect(finalHeaders.has(revalidated)).toBe(true);
          const { 'content-type': _t, 'x-vitrine-cache': _c, etag: _e, ...rest } = own;
          const r = named(revalidated);
          expect(r).toEqual({ ...rest, etag, 'x-vitrine-cache': r['x-vitrine-cache']!, 'x-vitrine-decision': r['x-vitrine-decision']!, ...expected(origin, false) });
        }
        const again = await get(q, { ...o, 'If-None-Match': h.etag! });
        expect(again.status).toBe(304);
        expect(named(again)).toEqual({ ...own, 'x-vitrine-cache': 'replay', ...expected(origin, format === 'html') });

        // A replay asked from another origin gets that origin's CORS answer, not the first one's.
        for (const other of [ALLOWED, 'https://evil.example', undefined]) {
          const replay = await get(q, other ? { Origin: other } : {});
          expect(replay.status).toBe(200);
          expect(named(replay)).toEqual({ ...own, 'x-vitrine-cache': 'replay', ...expected(other, format === 'html') });
          expect(new Uint8Array(await replay.arrayBuffer())).toEqual(body);
        }
      });
    }
  }

  it('a fallback creative (nothing in stock) names its reason with the same security and CORS headers', async () => {
    const empty = await fixtureApp({ seed: { inventory: [] }, config: { corsOrigins: [ALLOWED] } });
    try {
      const res = await empty.app.request(`/v1/creative?campaign=c-run&size=300x250&region=AE-DU&format=png&seed=7&at=${at}`, { headers: { Origin: ALLOWED } });
      expect(res.status).toBe(200);
      expect(finalHeaders.has(res)).toBe(true);
      const h = named(res);
      expect(h['x-vitrine-fallback']).toBe('nothing eligible');
      expect(h).toEqual({ 'content-type': 'image/png', 'cache-control': 'no-cache', etag: h.etag!, 'x-vitrine-cache': 'miss', 'x-vitrine-decision': h['x-vitrine-decision']!, 'x-vitrine-fallback': 'nothing eligible', ...expected(ALLOWED, false) });
      await res.arrayBuffer();
    } finally {
      await empty.close();
    }
  });

  it('the JSON view still gets its headers from the middlewares (Vary: Authorization, Origin)', async () => {
    const res = await get(`format=json&seed=9&at=${at}`, { Origin: ALLOWED });
    expect(finalHeaders.has(res)).toBe(false);
    expect(res.headers.get('vary')).toBe('Authorization, Origin');
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.arrayBuffer();
  });

  it('over HTTP (Node adapter) a PNG goes out whole with its Content-Length and the same headers', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/creative?campaign=c-run&size=300x250&region=AE-DU&format=png&seed=77&at=${at}`;
      const res = await fetch(url, { headers: { Origin: ALLOWED } });
      const body = new Uint8Array(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('content-length'))).toBe(body.length);
      expect(res.headers.get('transfer-encoding')).toBeNull();
      expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const replay = await fetch(url);
      expect(new Uint8Array(await replay.arrayBuffer())).toEqual(body);
      expect(replay.headers.get('x-vitrine-cache')).toBe('replay');
      expect(replay.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
