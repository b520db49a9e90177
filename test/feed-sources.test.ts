// Feed URLs fetched on a schedule: allow-listed hosts over HTTPS only, conditional GET (an unchanged
// feed answers 304 and imports nothing), oversized and slow feeds refused naming the limit.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

const FEED = 'id\ttitle\tlink\timage link\tavailability\tprice\nS-1\tMug\thttps://feeds.example.com/p/1\thttps://feeds.example.com/i/1.png\tin stock\t9.00 USD\n';
const requests: Array<{ url: string; headers: Record<string, string> }> = [];
let mode: 'ok' | 'huge' | 'slow' = 'ok';

const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  requests.push({ url: String(input), headers });
  if (mode === 'slow') {
    await new Promise((resolve, reject) => {
      const t = setTimeout(resolve, 5000);
      init?.signal?.addEventListener('abort', () => (clearTimeout(t), reject(init.signal!.reason)));
    });
  }
  if (mode === 'huge') return new Response(new Uint8Array(4096).fill(0x41), { status: 200, headers: { 'Content-Type': 'text/plain' } });
  if (headers['if-none-match'] === '"v1"') return new Response(null, { status: 304 });
  return new Response(gzipSync(FEED), { status: 200, headers: { ETag: '"v1"', 'Content-Type': 'application/gzip' } });
}) as typeof fetch;

let v: NodeVitrine;
let now = NOW;
beforeAll(async () => {
  v = await fixtureApp({ clock: () => now, fetch: fakeFetch, config: { feedFetch: { hosts: ['feeds.example.com'], ports: [], maxBytes: 1024, timeoutMs: 300 } } });
});
afterAll(async () => v.close());

const put = (id: string, body: unknown) => v.app.request(`/v1/admin/feeds/sources/${id}`, { method: 'PUT', headers: admin, body: JSON.stringify(body) });

describe('scheduled feed fetches', () => {
  it('refuses hosts off the allow-list, plain http, credentials and odd ports, naming why', async () => {
    for (const [url, reason] of [
      ['https://evil.example.net/feed.tsv', /not in VITRINE_FEED_HOSTS/],
      ['http://feeds.example.com/feed.tsv', /only https/],
      ['https://u:p@feeds.example.com/feed.tsv', /credentials/],
      ['https://feeds.example.com:8443/feed.tsv', /port 8443/],
    ] as const) {
      const res = await put('x', { url, kind: 'products', every_minutes: 60 });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { field: string; message: string } }).error).toMatchObject({ field: 'url', message: expect.stringMatching(reason) });
    }
  });

  it('imports on schedule, then sends If-None-Match and imports nothing on a 304', async () => {
    expect((await put('shop', { url: 'https://feeds.example.com/feed.tsv.gz', kind: 'products', every_minutes: 60 })).status).toBe(201);
    expect(await v.runScheduledFeeds()).toEqual([{ id: 'shop', status: 'imported' }]);
    expect((await v.app.request('/v1/admin/products/S-1', { headers: admin })).status).toBe(200);
    expect(await v.runScheduledFeeds()).toEqual([]); // not due yet
    now += 61 * 60_000;
    expect(await v.runScheduledFeeds()).toEqual([{ id: 'shop', status: 'not_modified' }]);
    expect(requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    const list = (await (await v.app.request('/v1/admin/feeds/sources', { headers: admin })).json()) as { sources: Array<{ lastStatus: string; etag: string }> };
    expect(list.sources[0]).toMatchObject({ lastStatus: 'not_modified', etag: '"v1"' });
  });

  it('an oversized or slow feed is refused with the limit it broke', async () => {
    mode = 'huge';
    await put('big', { url: 'https://feeds.example.com/big.tsv', kind: 'products', every_minutes: 60 });
    const big = (await (await v.app.request('/v1/admin/feeds/sources/big/fetch', { method: 'POST', headers: admin })).json()) as { status: string; reason: string };
    expect(big).toMatchObject({ status: 'refused', reason: expect.stringMatching(/1024-byte limit/) });
    mode = 'slow';
    const slow = (await (await v.app.request('/v1/admin/feeds/sources/big/fetch', { method: 'POST', headers: admin })).json()) as { status: string; reason: string };
    expect(slow).toMatchObject({ status: 'refused', reason: expect.stringMatching(/0.3-second limit/) });
    mode = 'ok';
  });
});
