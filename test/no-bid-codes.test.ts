// No-bid reason codes that need more than one request or another store to provoke (the fixture
// harness in openrtb.test.ts covers the rest, in both response forms): nothing eligible (500), a
// shopper at the daily frequency cap (9), per-imp reasons in the auction's trace with the first
// imp's as the response's nbr, the work cap (511), and Prebid.js reading both no-bid forms.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { runAuction } from '../src/services/auction.ts';
import { deadlineIn } from '../src/services/bid-markup.ts';
import { parseBidRequest } from '../src/openrtb/request.ts';
import { NO_BID_REASONS, nbrOf, wantsNbrBody } from '../src/openrtb/no-bid.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { CAMPAIGN } from './helpers/fixture.ts';
import { GRANTING, VENDOR } from './helpers/consent-strings.ts';
import { prebidConverter } from './helpers/prebid.ts';

const apps: NodeVitrine[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});
async function app(opts: Parameters<typeof fixtureApp>[0] = {}): Promise<NodeVitrine> {
  const a = await fixtureApp(opts);
  apps.push(a);
  return a;
}
const post = (a: NodeVitrine, body: unknown) => a.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const site = { domain: 'news.example', page: 'https://news.example/a' };
const gb = { devicetype: 2, geo: { country: 'GBR', region: 'LND' } };

describe('the registry', () => {
  it('gives every reason one code: the IAB list below 500 only where it means what happened, 500+ for Vitrine own, none twice', () => {
    const codes = Object.values(NO_BID_REASONS).map((r) => r.nbr);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c < 500 ? [1, 2, 9, 15] : [c]).toContain(c);
  });

  it('picks the 200 form by the sending exchange, matched like sync partners (host, subdomain either way, schain asi), or for all with *', () => {
    const pbs = (url: string) => parseBidRequest({ id: 'r', imp: [{ id: '1' }], ext: { prebid: { server: { externalurl: url } } } });
    const chain = parseBidRequest({ id: 'r', imp: [{ id: '1' }], source: { schain: { nodes: [{ asi: 'reseller.example' }, { asi: 'ssp.example' }] } } });
    const anon = parseBidRequest({ id: 'r', imp: [{ id: '1' }] });
    expect(wantsNbrBody(['pbs.example'], pbs('https://pbs.example/openrtb2/auction'))).toBe(true);
    expect(wantsNbrBody(['pbs.example'], pbs('https://eu.pbs.example'))).toBe(true);
    expect(wantsNbrBody(['eu.pbs.example'], pbs('https://pbs.example'))).toBe(true);
    expect(wantsNbrBody(['pbs.example'], pbs('https://notpbs.example'))).toBe(false);
    expect(wantsNbrBody(['ssp.example'], chain)).toBe(true);
    expect(wantsNbrBody(['reseller.example'], chain)).toBe(false);
    expect(wantsNbrBody(['pbs.example'], anon)).toBe(false);
    expect(wantsNbrBody(['*'], anon)).toBe(true);
    expect(wantsNbrBody([], pbs('https://pbs.example'))).toBe(false);
  });

  it("is the README's code table, row for row", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\s*\| (\d+) \| `(\w+)` \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(rows).toEqual(Object.entries(NO_BID_REASONS).map(([k, r]) => [r.nbr, k, r.means]));
  });
});

describe('no-bid codes beyond the fixtures', () => {
  let shop: NodeVitrine;
  beforeAll(async () => {
    shop = await app({ config: { nbrExchanges: ['*'] } });
  });

  it('nothing in stock: 500 (no eligible campaign), in the 204 and the 200 form', async () => {
    const empty = await app({ seed: { inventory: [] } });
    const req = { id: 'e1', tmax: 3000, imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], site, device: gb };
    const res = await post(empty, req);
    expect(res.status).toBe(204);
    expect(res.headers.get('x-vitrine-nbr')).toBe('500');
    expect(res.headers.get('x-vitrine-no-bid')).toContain('nothing eligible');
    const asBody = await app({ seed: { inventory: [] }, config: { nbrExchanges: ['*'] } });
    const r2 = await post(asBody, req);
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual({ id: 'e1', seatbid: [], nbr: 500 });
  });

  it("a consented shopper who reached the campaign's daily frequency cap: 9 (Daily User Cap Met)", async () => {
    const capped = await app({ seed: { campaigns: [{ ...CAMPAIGN, frequencyCap: 1 }] }, config: { gvlVendorId: VENDOR } });
    const nreq = JSON.stringify({ assets: [{ id: 1, required: 1, title: { len: 90 } }] });
    const req = { id: 'f1', tmax: 3000, imp: [{ id: '1', tagid: 'pl-home', native: { request: nreq } }], site, device: gb, user: { id: 'shopper-capped', consent: GRANTING }, regs: { gdpr: 1 } };
    const first = await post(capped, req);
    expect(first.status).toBe(200);
    const adm = JSON.parse(((await first.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm) as { imptrackers: string[] };
    // The shopper sees it: the impression is recorded for them (keyed, consented).
    expect((await capped.app.request(adm.imptrackers[0]!.replace('http://localhost', ''))).status).toBe(200);
    await capped.flush();
    const second = await post(capped, { ...req, id: 'f2' });
    expect(second.status).toBe(204);
    expect(second.headers.get('x-vitrine-nbr')).toBe('9');
    // Another shopper (and the same one without consent: context only, no cap is known) still gets the bid.
    expect((await post(capped, { ...req, id: 'f3', user: { id: 'someone-else', consent: GRANTING } })).status).toBe(200);
  });

  it("keeps each imp's reason in the auction's trace; the response's nbr is the first imp's", async () => {
    const body = {
      id: 'm1',
      tmax: 3000,
      imp: [
        { id: 'floor', tagid: 'pl-home', bidfloor: 50, banner: { w: 300, h: 250 } },
        { id: 'pmp', tagid: 'pl-home', banner: { w: 300, h: 250 }, pmp: 'yes' },
        { id: 'linear', tagid: 'pl-home', video: { mimes: ['video/mp4'], linearity: 1, plcmt: 1 } },
        { id: 'private', tagid: 'pl-home', banner: { w: 300, h: 250 }, pmp: { private_auction: 1, deals: [{ id: 'not-booked' }] } },
      ],
      site,
      device: gb,
    };
    const trace = await runAuction(shop.serve, parseBidRequest(body), 'http://localhost', deadlineIn(3000));
    expect(trace.bids).toEqual([]);
    expect(Object.fromEntries([...trace.noBid].map(([imp, n]) => [imp, nbrOf(n)]))).toEqual({ floor: 503, pmp: 2, linear: 501, private: 502 });
    expect(trace.noBid.get('floor')!.reason).toContain('below the floor 50');
    const res = await post(shop, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'm1', seatbid: [], nbr: 503 });
    expect(res.headers.get('x-vitrine-no-bid')).toContain('below the floor');
  });

  it('a store that fails mid-auction: 1 (Technical Error), never a 5xx', async () => {
    const broken = new Proxy(shop.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'candidates') return typeof value === 'function' ? value.bind(target) : value;
        return async () => {
          throw new Error('disk I/O error');
        };
      },
    });
    const failing = createApp({ ...shop.serve, store: broken, config: { ...shop.serve.config, nbrExchanges: [] } });
    const res = await failing.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ id: 't1', tmax: 3000, imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], site, device: gb }) });
    expect(res.status).toBe(204);
    expect([res.headers.get('x-vitrine-nbr'), res.headers.get('x-vitrine-no-bid')]).toEqual(['1', 'internal error']);
  });

  it('names the work cap (511) on the imps past it', async () => {
    // 64 imps × 2 sizes = 128 decisions, past the 96 a request may cost; no campaign books these sizes' floors.
    const imps = Array.from({ length: 64 }, (_, i) => ({ id: String(i + 1), tagid: 'pl-home', bidfloor: 99, banner: { format: [{ w: 300, h: 250 }, { w: 728, h: 90 }] } }));
    const trace = await runAuction(shop.serve, parseBidRequest({ id: 'w1', imp: imps, site, device: gb }), 'http://localhost', deadlineIn(10_000));
    expect(nbrOf(trace.noBid.get('1')!)).toBe(503);
    expect(nbrOf(trace.noBid.get('64')!)).toBe(511);
    expect(trace.noBid.get('64')!.reason).toContain('work cap');
  });
});

describe('Prebid.js reads both no-bid forms as no bids', () => {
  it('204 and 200 {"seatbid":[],"nbr"} each give zero bids through its ortbConverter', async () => {
    const converter = await prebidConverter();
    const bidRequests = [{ bidId: 'b1', bidder: 'vitrine', adUnitCode: 'slot-1', auctionId: 'a', transactionId: 't', mediaTypes: { banner: { sizes: [[300, 250]] } }, params: {}, ortb2Imp: { tagid: 'pl-home', bidfloor: 50, bidfloorcur: 'USD', ext: {} } }];
    const request = converter.toORTB({ bidRequests, bidderRequest: { bidderCode: 'vitrine', auctionId: 'a', bidderRequestId: 'br', timeout: 1000, bids: bidRequests, ortb2: { site, device: gb } } });
    const body = await app({ config: { nbrExchanges: ['*'] } });
    const res = await body.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ ...request, tmax: 3000 }) });
    expect(res.status).toBe(200);
    const response = (await res.json()) as { nbr: number };
    expect(response.nbr).toBe(503);
    expect(converter.fromORTB({ request, response }).bids).toEqual([]);
  });
});
