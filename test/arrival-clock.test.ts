// The tmax clock starts when the request arrived, as early as the runtime can see it, not when the
// auction handler starts: a body that trickles in (and is read by the body-limit middleware before
// the handler, as a chunked body is) spends the budget. On Node the adapter stamps the request when
// its headers are parsed (src/runtime/node/arrival.ts); elsewhere the app stamps it before any middleware.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { serve } from '@hono/node-server';
import { nodeArrival, stampArrivals } from '../src/runtime/node/arrival.ts';
import { serveNode } from '../src/runtime/node/serve.ts';
import { fixtureApp } from './helpers/app.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
  // The process's first auction (route compilation, config and learning state loads) is not measured.
  await v.app.request('/openrtb2/auction', { method: 'POST', body: bid(5000) });
  await v.serve.exchange.warmer.idle();
});
afterAll(async () => v.close());

function bid(tmax: number): string {
  return JSON.stringify({ id: 'slow', tmax, imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { devicetype: 2, geo: { country: 'GBR' } } });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A body whose first half comes at once and the rest `ms` later (no Content-Length: a chunked upload). */
function trickle(text: string, ms: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const half = bytes.length >> 1;
  return new ReadableStream({
    async start(ctl) {
      ctl.enqueue(bytes.subarray(0, half));
      await sleep(ms);
      ctl.enqueue(bytes.subarray(half));
      ctl.close();
    },
  });
}

describe('in the app (Workers and app.request: the first middleware is the earliest clock)', () => {
  it('a chunked body that takes longer than tmax to arrive is a tmax no-bid (nbr 15), answered as soon as it is read', async () => {
    await v.serve.exchange.warmer.idle();
    const started = performance.now();
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body: trickle(bid(200), 250), duplex: 'half' } as RequestInit);
    const took = performance.now() - started;
    expect(res.status).toBe(204);
    expect([res.headers.get('x-vitrine-no-bid'), res.headers.get('x-vitrine-nbr')]).toEqual(['tmax', '15']);
    expect(took).toBeLessThan(400);
  });

  it('the same slow body with time left still bids', async () => {
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body: trickle(bid(3000), 100), duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
  });

  it("takes the runtime's arrival time when its adapter gives one (the port)", async () => {
    // The adapter says the request arrived 300 ms ago: a 200 ms tmax is already spent.
    const early = createApp({ ...v.serve, arrival: () => performance.now() - 300 });
    const res = await early.app.request('/openrtb2/auction', { method: 'POST', body: bid(200) });
    expect([res.status, res.headers.get('x-vitrine-nbr')]).toEqual([204, '15']);
    const fresh = createApp({ ...v.serve, arrival: () => performance.now() });
    expect((await fresh.app.request('/openrtb2/auction', { method: 'POST', body: bid(3000) })).status).toBe(200);
  });
});

describe('on the Node server (the adapter stamps the request when its headers are parsed)', () => {
  let port = 0;
  let server: ReturnType<typeof serveNode>;
  beforeAll(async () => {
    server = await new Promise((resolve) => {
      // As npm start listens (src/runtime/node/main.ts): Content-Length bodies read whole before the app sees them, arrivals stamped first.
      const s = stampArrivals(serveNode({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  /** Sends the headers and half the body, waits, then the rest; `chunked` leaves out Content-Length. */
  function slowPost(body: string, waitMs: number, chunked: boolean): Promise<{ status: number; headers: Record<string, unknown>; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (!chunked) headers['Content-Length'] = String(Buffer.byteLength(body));
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/openrtb2/auction', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, body.length >> 1));
      setTimeout(() => req.end(body.slice(body.length >> 1)), waitMs);
    });
  }

  it.each([
    ['chunked', true],
    ['with Content-Length', false],
  ])('a %s body arriving 250 ms after its headers spends a 200 ms tmax: no bid, nbr 15', async (_name, chunked) => {
    await v.serve.exchange.warmer.idle();
    const r = await slowPost(bid(200), 250, chunked);
    expect([r.status, r.headers['x-vitrine-no-bid'], r.headers['x-vitrine-nbr']]).toEqual([204, 'tmax', '15']);
  });

  it('bids when the slow body leaves time in the budget', async () => {
    const r = await slowPost(bid(3000), 100, true);
    expect(r.status).toBe(200);
  });

  it('hands the app the time the server saw the request (nodeArrival reads it from the env the adapter passes)', async () => {
    let seen: number | undefined;
    let handled = 0;
    const probe = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve(
        {
          fetch: (_req: Request, env: unknown) => {
            seen = nodeArrival(env);
            handled = performance.now();
            return new Response('ok');
          },
          port: 0,
          hostname: '127.0.0.1',
        },
        () => resolve(s),
      );
      stampArrivals(s);
    });
    try {
      const sent = performance.now();
      await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/`);
      expect(seen).toBeTypeOf('number');
      expect(seen!).toBeGreaterThanOrEqual(sent);
      expect(seen!).toBeLessThanOrEqual(handled);
      expect(nodeArrival(undefined)).toBeUndefined();
      expect(nodeArrival({})).toBeUndefined();
    } finally {
      await new Promise<void>((r) => probe.close(() => r()));
    }
  });
});
