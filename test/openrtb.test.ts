// OpenRTB 2.6: one harness runs the JSON cases in test/fixtures/openrtb; then win notices,
// native click-through, body size and tmax.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';

interface ExpectedBid {
  impid: string;
  mtype: number;
  w?: number;
  h?: number;
  crid?: string;
  price?: number;
  admContains?: string[];
  nativeAssetIds?: number[];
  vast?: boolean;
}
interface Case {
  name: string;
  request?: unknown;
  raw?: string;
  expect: { status: number; bids?: ExpectedBid[]; errorField?: string };
}
interface Bid extends ExpectedBid {
  id: string;
  adm: string;
  nurl: string;
  burl: string;
  adomain: string[];
  cat: string[];
}

const dir = fileURLToPath(new URL('./fixtures/openrtb/', import.meta.url));
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);
const XSD = fileURLToPath(new URL('./schemas/vast_4.2.xsd', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'vitrine-ortb-'));

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

const post = (body: string, headers: Record<string, string> = {}) => v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

function checkBid(bid: Bid, want: ExpectedBid, file: string): void {
  expect(bid.impid).toBe(want.impid);
  expect(bid.mtype).toBe(want.mtype);
  if (want.w !== undefined) expect([bid.w, bid.h]).toEqual([want.w, want.h]);
  if (want.crid !== undefined) expect(bid.crid).toBe(want.crid);
  if (want.price !== undefined) expect(bid.price).toBe(want.price);
  expect(bid.adomain).toEqual(['stride.example']);
  expect(bid.cat).toEqual(['IAB18']);
  expect(bid.nurl).toMatch(/\/w\/[\w-]{40,}\?price=\$\{AUCTION_PRICE\}$/);
  expect(bid.burl).toMatch(/\/b\/[\w-]{40,}\?price=\$\{AUCTION_PRICE\}$/);
  for (const s of want.admContains ?? []) expect(bid.adm).toContain(s);
  if (want.nativeAssetIds) {
    const native = JSON.parse(bid.adm) as { ver: string; assets: Array<{ id: number }>; link: { url: string }; eventtrackers: unknown[] };
    expect(native.ver).toBe('1.2');
    expect(native.assets.map((a) => a.id)).toEqual(want.nativeAssetIds);
    expect(native.link.url).toMatch(/\/c\/[\w-]{40,}$/);
    expect(native.eventtrackers).toHaveLength(1);
  }
  if (want.vast) {
    const file2 = join(tmp, `${file}.xml`);
    writeFileSync(file2, bid.adm);
    execFileSync('xmllint', ['--noout', '--schema', XSD, file2], { stdio: 'pipe' });
  }
}

describe('OpenRTB fixtures', () => {
  it.each(cases)('%s', async (file, c) => {
    const res = await post(c.raw ?? JSON.stringify(c.request));
    expect(res.status, c.name).toBe(c.expect.status);
    if (c.expect.status === 204) {
      expect(await res.text()).toBe('');
      return;
    }
    if (c.expect.errorField) {
      const body = (await res.json()) as { error: { field: string; message: string } };
      expect(body.error.field).toBe(c.expect.errorField);
      return;
    }
    const body = (await res.json()) as { id: string; cur: string; seatbid: Array<{ bid: Bid[] }> };
    expect(body.id).toBe((c.request as { id: string }).id);
    expect(body.cur).toBe('USD');
    const bids = body.seatbid.flatMap((s) => s.bid);
    expect(bids).toHaveLength(c.expect.bids!.length);
    c.expect.bids!.forEach((want, i) => checkBid(bids[i]!, want, file));
  });
});

const banner = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'x1', imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { devicetype: 2, geo: { country: 'GBR' } }, ...over });

describe('notices, links and limits', () => {
  it('records a win and a bill when the exchange calls nurl and burl with the price filled in; a tampered notice is refused', async () => {
    const bid = ((await (await post(banner({ test: 1 }))).json()) as { seatbid: Array<{ bid: Bid[] }> }).seatbid[0]!.bid[0]!;
    const nurl = bid.nurl.replace('${AUCTION_PRICE}', '1.87').replace('http://localhost', '');
    expect((await v.app.request(nurl)).status).toBe(204);
    expect((await v.app.request(bid.burl.replace('${AUCTION_PRICE}', '1.87').replace('http://localhost', ''), { method: 'POST' })).status).toBe(204);
    const token = nurl.split('/w/')[1]!.split('?')[0]!;
    const tampered = await v.app.request(`/w/${token.slice(0, -3)}xyz`);
    expect([400, 404]).toContain(tampered.status);
    const asClick = await v.app.request(`/c/${token}`);
    expect(asClick.status).toBe(404);
    expect(asClick.headers.get('location')).toBeNull();
    await v.flush();
    const decision = bid.id.replace(/-1$/, '');
    expect(await v.store.countEvents({ type: 'win', decisionId: decision })).toBe(1);
    expect(await v.store.countEvents({ type: 'bill', decisionId: decision })).toBe(1);
  });

  it('sends the native link through the signed click redirect to the product with UTM tags', async () => {
    const nreq = { assets: [{ id: 1, required: 1, title: { len: 90 } }, { id: 2, data: { type: 12 } }] };
    const res = await post(JSON.stringify({ id: 'n1', imp: [{ id: '1', tagid: 'pl-home', native: { request: nreq } }], device: { geo: { country: 'GBR' } } }));
    const adm = JSON.parse(((await res.json()) as { seatbid: Array<{ bid: Bid[] }> }).seatbid[0]!.bid[0]!.adm) as { link: { url: string }; imptrackers: string[] };
    expect(adm.imptrackers[0]).toMatch(/\/i\//); // the request offered no event trackers
    const click = await v.app.request(adm.link.url.replace('http://localhost', ''));
    expect(click.status).toBe(302);
    const to = new URL(click.headers.get('location')!);
    expect(to.hostname).toBe('shop.example.com');
    expect(to.searchParams.get('utm_source')).toBe('vitrine');
    expect(to.searchParams.get('utm_campaign')).toBe('c-run');
  });

  it('refuses a body over 256 KB with 413', async () => {
    const res = await post(banner({ ext: { pad: 'x'.repeat(300 * 1024) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('body');
  });

  it('answers no bid within tmax when the store is slow, and bids when there is time', async () => {
    // The same app over a store whose candidate lookup takes 60 ms.
    const slowStore = new Proxy(v.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'candidates') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<typeof target.candidates>) => {
          await new Promise((r) => setTimeout(r, 60));
          return target.candidates(...args);
        };
      },
    });
    const slow = createApp({ ...v.serve, store: slowStore });
    const ask = (tmax: number) => slow.app.request('/openrtb2/auction', { method: 'POST', body: banner({ tmax }) });
    const started = performance.now();
    const late = await ask(30);
    expect(performance.now() - started).toBeLessThan(60);
    expect(late.status).toBe(204);
    expect(late.headers.get('x-vitrine-no-bid')).toBe('tmax');
    expect((await ask(1000)).status).toBe(200);
  });
});
