// Issue 14 (events, tokens, privacy): a crafted event name never stops event recording, a 2xx
// means committed, tokens expire and have one spelling, replays are counted once, win/bill
// prices are stored, and nothing a third party sees carries the shopper's hash or segments.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, ADMIN_KEY, fixtureApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

let v: NodeVitrine;
const clock = { now: NOW };
beforeAll(async () => {
  v = await fixtureApp({ clock: () => clock.now });
});
afterAll(async () => v.close());

const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');

async function links(q = ''): Promise<{ click: string; impression: string; scan: string; decision: string }> {
  const res = await v.app.request(`/v1/creative?campaign=c-run&size=300x250&format=json&region=GB-LND&${q}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { decision: { id: string }; urls: { click: string; impression: string; scan: string } };
  return { click: path(body.urls.click), impression: path(body.urls.impression), scan: path(body.urls.scan), decision: body.decision.id };
}

const count = (type: 'impression' | 'click' | 'creative_view', decisionId: string) => v.store.countEvents({ type, decisionId });

describe('event names from the query string', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('e=%s is refused with a 400 naming e, and later events are stored', async (name) => {
    const l = await links('seed=301');
    const poison = await v.app.request(`${l.impression}?e=${name}`);
    expect(poison.status).toBe(400);
    expect(((await poison.json()) as { error: { field: string } }).error.field).toBe('e');
    // No flush: a 200 on a beacon means the event is already committed.
    const before = await Promise.all([count('impression', l.decision), count('creative_view', l.decision), count('click', l.decision)]);
    expect((await v.app.request(l.impression)).status).toBe(200);
    expect((await v.app.request(`${l.impression}?e=creativeView`)).status).toBe(200);
    expect((await v.app.request(l.click)).status).toBe(302);
    expect(await Promise.all([count('impression', l.decision), count('creative_view', l.decision), count('click', l.decision)])).toEqual(before.map((n) => n + 1));
  });

  it('property: any event name never answers 5xx and never breaks the next write', async () => {
    const l = await links('seed=302');
    const names = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'creativeView', 'close', 'error', 'click', 'acceptInvitation'),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    let stored = await count('impression', l.decision);
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const res = await v.app.request(`${l.impression}?e=${encodeURIComponent(name)}`);
        expect(res.status).toBeLessThan(500);
        // The very next real event is committed when it is acknowledged.
        expect((await v.app.request(l.impression)).status).toBe(200);
        stored++;
        expect(await count('impression', l.decision)).toBe(stored);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

describe('tokens', () => {
  it('a replayed click token still redirects but counts once (reports, learning); every use is stored, flagged', async () => {
    const l = await links('seed=303');
    for (let i = 0; i < 5; i++) expect((await v.app.request(l.click)).status).toBe(302);
    // Five uses stored (one counted, four flagged replays); the arm learned one click.
    expect(await count('click', l.decision)).toBe(5);
    const report = (await (await v.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: { clicks: number; replays: number } };
    const arms = await v.store.policyArms(0);
    const armClicks = arms.reduce((n, a) => n + a.clicks, 0);
    // Another click of another token counts again.
    const other = await links('seed=304');
    expect((await v.app.request(other.click)).status).toBe(302);
    const after = (await (await v.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: { clicks: number; replays: number } };
    expect(after.total.clicks - report.total.clicks).toBe(1);
    expect(report.total.replays).toBeGreaterThanOrEqual(4);
    expect((await v.store.policyArms(0)).reduce((n, a) => n + a.clicks, 0) - armClicks).toBe(1);
    // And a QR scan token the same way.
    expect((await v.app.request(l.scan)).status).toBe(302);
    expect((await v.app.request(l.scan)).status).toBe(302);
    const scans = (await (await v.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: { scans: number; replays: number } };
    expect(scans.total.scans).toBe(1);
    expect(scans.total.replays).toBe(after.total.replays + 1);
  });

  it('refuses an expired token: clicks after 30 days, beacons after 1 day, without redirecting or recording', async () => {
    const l = await links('seed=305');
    try {
      clock.now = NOW + 25 * 3_600_000;
      const imp = await v.app.request(l.impression);
      expect(imp.status).toBe(410);
      expect(((await imp.json()) as { error: { message: string } }).error.message).toMatch(/token: token expired/);
      expect((await v.app.request(l.click)).status).toBe(302); // a click is still good after a day
      clock.now = NOW + 31 * 86_400_000;
      const click = await v.app.request(l.click);
      expect(click.status).toBe(410);
      expect(click.headers.get('location')).toBeNull();
      expect(await count('impression', l.decision)).toBe(0);
      expect(await count('click', l.decision)).toBe(1);
    } finally {
      clock.now = NOW;
    }
  });

  it('accepts exactly one spelling of a token: padding, the +/ alphabet, stray bits, case and trailing junk are refused', async () => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let strayTested = 0;
    for (let seed = 310; seed < 330 && strayTested < 2; seed++) {
      const region = ['GB-LND', 'SA-01', 'AE-DU'][seed % 3]!;
      const res = await v.app.request(`/v1/creative?campaign=c-run&size=300x250&format=json&region=${region}&seed=${seed}&weather=${seed % 2 ? 'rain' : 'clear'}`);
      const body = (await res.json()) as { decision: { id: string }; urls: { click: string } };
      const token = path(body.urls.click).slice('/c/'.length);
      const last = token.at(-1)!;
      const spellings = [`${token}=`, `${token}==`, `${token}x`, `${token}.`, token.toUpperCase(), token.replace(/-/g, '+').replace(/_/g, '/'), `${token}%00`];
      // Base64 leaves unused low bits in the last character unless the length is a multiple of 4:
      // a sibling character decodes to the same bytes.
      if (token.length % 4 !== 0) {
        spellings.push(token.slice(0, -1) + A[A.indexOf(last) ^ 1]!);
        strayTested++;
      }
      for (const s of spellings.filter((x) => x !== token)) {
        const r = await v.app.request(`/c/${s}`);
        expect([400, 404], s).toContain(r.status);
        expect(r.headers.get('location')).toBeNull();
      }
      expect(await count('click', body.decision.id)).toBe(0);
      expect((await v.app.request(`/c/${token}`)).status).toBe(302);
    }
    expect(strayTested).toBeGreaterThan(0);
  });

  it('redirects an old link to the product link the feed has now', async () => {
    const l = await links('seed=340');
    const first = new URL((await v.app.request(l.click)).headers.get('location')!);
    const id = first.pathname.split('/').at(-1)!;
    const p = (await v.store.getProduct(id))!;
    await v.store.upsertProducts([{ ...p, link: `https://shop.example.com/moved/${id}` }]);
    const again = new URL((await v.app.request(l.click)).headers.get('location')!);
    expect(again.origin + again.pathname).toBe(`https://shop.example.com/moved/${id}`);
    expect(again.searchParams.get('utm_campaign')).toBe('c-run');
  });
});

describe('OpenRTB notices', () => {
  async function notices(): Promise<{ nurl: string; burl: string; cid: string }> {
    const req = { id: 'n1', imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], device: { geo: { country: 'GBR' } }, tmax: 5000 };
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) });
    expect(res.status).toBe(200);
    const bid = ((await res.json()) as { seatbid: Array<{ bid: Array<{ nurl: string; burl: string; cid: string }> }> }).seatbid[0]!.bid[0]!;
    return { nurl: path(bid.nurl), burl: path(bid.burl), cid: bid.cid };
  }
  const total = async () => ((await (await v.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: { wins: number; bills: number; spend: number; avg_clearing_cpm: number | null } }).total;

  it('stores ${AUCTION_PRICE} on win and bill as the price and reports spend; a garbled price is a 400 naming price', async () => {
    const before = await total();
    const n = await notices();
    expect((await v.app.request(n.nurl.replace('${AUCTION_PRICE}', '2.40'))).status).toBe(204);
    expect((await v.app.request(n.burl.replace('${AUCTION_PRICE}', '2.40'))).status).toBe(204);
    const bad = await v.app.request(n.burl.replace('${AUCTION_PRICE}', 'NaN'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('price');
    // An exchange that does not substitute the macro: the notice counts, without a price.
    expect((await v.app.request(n.burl)).status).toBe(204);
    const after = await total();
    expect(after.wins - before.wins).toBe(1);
    expect(after.bills - before.bills).toBe(2);
    expect(after.spend - before.spend).toBeCloseTo(0.0024, 6);
    expect(after.avg_clearing_cpm).toBeCloseTo(2.4, 4);
  });
});

describe('public JSON shows only what the creative shows', () => {
  it('a future promo is hidden from the public (403 naming at), visible to the admin; stock counts and traces are internal', async () => {
    const promo = {
      id: 'pr-secret',
      name: 'Unreleased winter sale',
      regions: ['GB-LND'],
      startsLocal: '2026-12-10T00:00',
      endsLocal: '2026-12-20T00:00',
      discount: { kind: 'percent', value: 40 },
      selector: { categories: ['Shoes'] },
      code: 'SECRET40',
      priority: 10,
      copy: { en: 'Secret sale: 40% off with {code}' },
    };
    const put = await v.app.request('/v1/admin/promos', { method: 'POST', headers: admin, body: JSON.stringify(promo) });
    expect(put.status).toBeLessThan(300);
    const q = '/v1/creative?campaign=c-run&size=300x250&region=GB-LND&seed=350&at=2026-12-12T12:00:00Z';
    const pub = await v.app.request(`${q}&format=json`);
    expect(pub.status).toBe(403);
    const text = await pub.text();
    expect(JSON.parse(text).error.field).toBe('at');
    expect(text).not.toContain('SECRET40');
    expect(text).not.toContain('pr-secret');
    // The image and the HTML of that moment are refused too, not just the JSON.
    expect((await v.app.request(`${q}&format=html`)).status).toBe(403);
    expect((await v.app.request(`/v1/preview?campaign=c-run&region=GB-LND&at=2026-12-12T12:00:00Z`)).status).toBe(403);
    const internal = await v.app.request(`${q}&format=json`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    expect(internal.status).toBe(200);
    expect(await internal.text()).toContain('SECRET40');
    // Now: the public view has no trace and no stock count.
    const now = (await (await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&seed=351&format=json')).json()) as Record<string, unknown> & { decision: { products: Array<Record<string, unknown>> } };
    expect(now.trace).toBeUndefined();
    expect(now.decision.products[0]).not.toHaveProperty('quantity');
    expect(JSON.stringify(now)).not.toMatch(/"(score|bucket|segments|consent)"/);
    await v.app.request('/v1/admin/promos/pr-secret', { method: 'DELETE', headers: admin });
  });
});
