// The auction writes its answers' headers whole (one plain object, no Headers built per bid): the
// same security and CORS headers the app-wide middlewares give every other answer, on bids,
// no-bids and refusals alike.
import { describe, expect, it } from 'vitest';
import { demoApp } from './helpers/app.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { ADMIN_KEY, SECRET } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

const bid = { id: 'h1', tmax: 1000, imp: [{ id: '1', tagid: 'pl-home-top', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { geo: { country: 'ARE', region: 'DU' } } };

describe('auction answer headers', () => {
  it('bids, no-bids and refusals carry nosniff, no-referrer, Vary: Origin and CORS for an allowed origin only', async () => {
    const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => NOW, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET, corsOrigins: ['https://publisher.example'] } });
    const post = (body: unknown, origin?: string) => v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) }, body: JSON.stringify(body) });
    const cases: Array<[string, unknown, number]> = [
      ['bid', bid, 200],
      ['no bid (floor)', { ...bid, imp: [{ ...bid.imp[0], bidfloor: 999 }] }, 204],
      ['refused (no id)', { imp: bid.imp }, 400],
    ];
    for (const [name, body, status] of cases) {
      for (const origin of ['https://publisher.example', 'https://evil.example', undefined]) {
        const res = await post(body, origin);
        expect(res.status, name).toBe(status);
        expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
        expect(res.headers.get('vary'), name).toBe('Origin');
        const allowed = origin === 'https://publisher.example';
        expect(res.headers.get('access-control-allow-origin'), `${name} ${origin}`).toBe(allowed ? origin : null);
        expect(res.headers.get('access-control-allow-credentials'), `${name} ${origin}`).toBe(allowed ? 'true' : null);
        expect(res.headers.get('access-control-expose-headers'), `${name} ${origin}`).toBe(allowed ? 'X-Vitrine-Decision, X-Vitrine-No-Bid, X-Vitrine-Nbr' : null);
        if (status === 200) {
          expect(res.headers.get('content-type')).toBe('application/json');
          expect(res.headers.get('x-openrtb-version')).toBe('2.6');
        }
        if (status === 204) expect(res.headers.get('x-vitrine-nbr')).toBeTruthy();
        await res.arrayBuffer();
      }
    }
    // The other routes still get theirs from the middlewares.
    const health = await v.app.request('/healthz');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    await v.close();
  });

  it('refusals the route maps itself (bad JSON, over the body limit, chunked over it) keep the error JSON and the headers', async () => {
    const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => NOW, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET, corsOrigins: ['https://publisher.example'] } });
    const big = 'x'.repeat(300 * 1024);
    const chunked = () =>
      new ReadableStream<Uint8Array>({
        start(ctl) {
          for (let i = 0; i < 5; i++) ctl.enqueue(new TextEncoder().encode(big.slice(0, 64 * 1024)));
          ctl.close();
        },
      });
    const cases: Array<[string, RequestInit, number, string]> = [
      ['not JSON', { body: '{nope' }, 400, 'body'],
      ['declared too large', { body: big, headers: { 'Content-Length': String(big.length) } }, 413, 'body'],
      ['chunked too large', { body: chunked(), duplex: 'half' } as RequestInit, 413, 'body'],
    ];
    for (const [name, init, status, field] of cases) {
      const res = await v.app.request('/openrtb2/auction', { method: 'POST', ...init, headers: { 'Content-Type': 'application/json', Origin: 'https://publisher.example', ...(init.headers as Record<string, string> | undefined) } });
      expect(res.status, name).toBe(status);
      const json = (await res.json()) as { error: { field?: string; message: string } };
      expect(json.error.field, name).toBe(field);
      if (status === 413) expect(json.error.message, name).toContain('256 KiB');
      expect(res.headers.get('content-type'), name).toBe('application/json');
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('vary'), name).toBe('Origin');
      expect(res.headers.get('access-control-allow-origin'), name).toBe('https://publisher.example');
    }
    // A preflight still goes through the CORS middleware.
    const pre = await v.app.request('/openrtb2/auction', { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://publisher.example');
    await v.close();
  });

  it('the demo answers a cached bid with the same header names as any JSON answer', async () => {
    const v = await demoApp();
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify(bid) });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].sort()).toEqual(['content-type', 'referrer-policy', 'vary', 'x-content-type-options', 'x-openrtb-version']);
    await res.arrayBuffer();
  });
});
