// user.buyeruid in bid requests: the id is the user only when Vitrine's cookie sync gave it to the
// exchange sending the request, and only with the consent the sync needs. What a user (and an
// exchange) notices is the frequency cap: a campaign capped at one impression a day stops bidding
// for an id it recognises once that id saw the ad, and keeps bidding for ids it must ignore.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { GRANTING, tc } from './helpers/consent-strings.ts';
import { personalApp, type Clock } from './helpers/personal.ts';

const DENYING = tc({ purposes: [1, 2, 3, 7] }); // no purpose 4
const PARTNER = 'exchange.example';

let v: NodeVitrine & { clock: Clock };
beforeAll(async () => {
  v = await personalApp({ campaign: { frequencyCap: 1 }, config: { syncHosts: [PARTNER, 'other-exchange.example'] } });
});
afterAll(async () => v.close());

/** A browser syncing with an exchange through /v1/sync (with consent): the id the exchange receives. */
async function sync(partner = PARTNER): Promise<string> {
  const redir = encodeURIComponent(`https://${partner}/setuid?bidder=vitrine&uid=\${UID}`);
  const res = await v.app.request(`/v1/sync?redir=${redir}&gdpr=1&gdpr_consent=${encodeURIComponent(GRANTING)}`);
  expect(res.status).toBe(302);
  const uid = new URL(res.headers.get('location')!).searchParams.get('uid')!;
  expect(uid).toMatch(/^[\w-]{22}$/);
  return uid;
}

type Extra = Record<string, unknown>;
const native = JSON.stringify({ assets: [{ id: 1, required: 1, title: { len: 80 } }] });

/** One native auction for this buyeruid; the impression tracker, or null for no bid (and why). */
async function auction(app: { request: NodeVitrine['app']['request'] }, buyeruid: string, extra: Extra = {}, consent = GRANTING): Promise<{ imp: string | null; why: string | null }> {
  const body = {
    id: `a-${Math.random()}`,
    tmax: 3000,
    imp: [{ id: '1', tagid: 'pl-home', native: { request: native } }],
    site: { domain: 'news.example' },
    device: { devicetype: 2, geo: { country: 'GBR', region: 'LND' } },
    user: { buyeruid, consent },
    regs: { gdpr: 1 },
    ...extra,
  };
  const res = await app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify(body) });
  if (res.status === 204) return { imp: null, why: res.headers.get('x-vitrine-no-bid') };
  expect(res.status).toBe(200);
  const adm = JSON.parse(((await res.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm) as { imptrackers?: string[]; eventtrackers?: Array<{ url: string }> };
  return { imp: adm.imptrackers?.[0] ?? adm.eventtrackers![0]!.url, why: null };
}

/** Bids, shows the ad (the tracker fires), then asks again: was the id recognised (capped)? */
async function recognised(buyeruid: string, extra: Extra = {}, consent = GRANTING, on: { app: NodeVitrine['app']; flush(): Promise<void> } = v): Promise<boolean> {
  const app = on.app;
  const first = await auction(app, buyeruid, extra, consent);
  expect(first.imp, `first auction: ${first.why}`).not.toBeNull();
  expect((await app.request(new URL(first.imp!).pathname)).status).toBe(200);
  await on.flush();
  const second = await auction(app, buyeruid, extra, consent);
  return second.imp === null;
}

describe('user.buyeruid', () => {
  it('is the user when Vitrine synced it with the exchange: the daily cap holds', async () => {
    expect(await recognised(await sync())).toBe(true);
  });

  it('is ignored when it is not in the sync table (an id Vitrine never issued, or one of the right shape it did not)', async () => {
    expect(await recognised('never-synced-id-000001')).toBe(false);
    expect(await recognised('the-exchanges-own-cookie-id')).toBe(false);
  });

  it('counts only for the exchange it was synced to, when the request names its sender (supply chain or Prebid Server URL)', async () => {
    const uid = await sync(PARTNER);
    const from = (asi: string) => ({ source: { schain: { ver: '1.0', complete: 1, nodes: [{ asi: 'publisher-ssp.example', sid: '1', hp: 1 }, { asi, sid: '9', hp: 1 }] } } });
    expect(await recognised(uid, from('other-exchange.example'))).toBe(false);
    expect(await recognised(uid, { source: { ext: { schain: { nodes: [{ asi: 'other-exchange.example' }] } } } })).toBe(false);
    expect(await recognised(uid, { ext: { prebid: { server: { externalurl: 'https://prebid.other-exchange.example' } } } })).toBe(false);
    // From the exchange it was synced to (its sync host a subdomain of the seller's domain works too).
    expect(await recognised(uid, from(PARTNER))).toBe(true);
    const sub = await sync(PARTNER);
    expect(await recognised(sub, { ext: { prebid: { server: { externalurl: `https://pbs.${PARTNER}/openrtb2/auction` } } } })).toBe(true);
  });

  it('is not even looked up without consent, under COPPA, or after the browser opted out', async () => {
    let lookups = 0;
    const counting = new Proxy(v.serve.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'buyerUidPartners') lookups++;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const app = createApp({ ...v.serve, store: counting });
    const uid = await sync();
    expect(await recognised(uid, {}, DENYING, app)).toBe(false);
    expect(lookups).toBe(0);
    expect(await recognised(uid, { regs: { gdpr: 1, coppa: 1 } }, GRANTING, app)).toBe(false);
    expect(lookups).toBe(0);
    // With consent it is looked up (and recognised); after the opt-out it is forgotten.
    const other = await sync();
    expect(await recognised(other, {}, GRANTING, app)).toBe(true);
    expect(lookups).toBeGreaterThan(0);
    const gone = await sync();
    expect((await v.app.request('/v1/sync/optout', { headers: { Cookie: `vitrine_uid=${gone}` } })).status).toBe(200);
    expect(await recognised(gone)).toBe(false);
  });
});
