// Exchange-facing behaviour beyond the fixture cases: the deadline while every render is cold
// (a slowed rasterizer), native images that show the titled product, CORS for browser bidders
// and players, and ETags that never let one decision's unit stand in for another's.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { withoutBrand } from '../src/render/brand.ts';
import type { RenderEngine } from '../src/render/types.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { MemoryRenderCache } from '../src/services/render-cache.ts';
import { nodeAead, nodeDigest } from '../src/runtime/node/digest.ts';
import { TokenSigner } from '../src/security/tokens.ts';
import { demoApp, fixtureApp, SECRET } from './helpers/app.ts';
import { CAMPAIGN, NOW, VARIANTS } from './helpers/fixture.ts';

const local = (url: string) => url.replace('http://localhost', '');
const pngSize = (b: Uint8Array) => [new DataView(b.buffer, b.byteOffset).getUint32(16), new DataView(b.buffer, b.byteOffset).getUint32(20)];

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp({ config: { corsOrigins: ['https://publisher.example'], syncHosts: ['exchange.example'] } });
});
afterAll(async () => v.close());

const auction = {
  id: 'cold-1',
  imp: [
    { id: 'b', tagid: 'pl-home', banner: { format: [{ w: 300, h: 250 }] } },
    { id: 'n', tagid: 'pl-home', native: { request: JSON.stringify({ assets: [{ id: 1, required: 1, title: { len: 80 } }, { id: 2, required: 1, img: { type: 3, w: 1200, h: 627 } }] }) } },
    { id: 'v', tagid: 'pl-home', video: { mimes: ['video/mp4'], w: 1400, h: 400, plcmt: 9, protocols: [13] } },
  ],
  site: { domain: 'news.example' },
  device: { devicetype: 3, geo: { country: 'GBR', region: 'LND' } },
};

describe('tmax while renders are cold', () => {
  it('answers every request inside tmax − 10 ms with a slowed rasterizer, and the markup renders on fetch', async () => {
    // A render engine that holds the thread 250 ms per image, as a cold render of a big canvas can.
    let rasterized = 0;
    const real = v.serve.engine;
    const slow: RenderEngine = {
      name: real.name,
      rasterFormats: real.rasterFormats,
      svg: (tree, size, extra) => real.svg(tree, size, extra),
      async raster(tree, size, format, extra) {
        const until = performance.now() + 250;
        while (performance.now() < until);
        rasterized++;
        return real.raster(tree, size, format, extra);
      },
    };
    const cold = createApp({ ...v.serve, engine: slow, renderCache: new MemoryRenderCache() });
    // The process's first request (route compilation, config and learning state loads) is not what is measured.
    await cold.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ id: 'warm', imp: [{ id: '1', tagid: 'pl-home', banner: { w: 728, h: 90 } }], device: { geo: { country: 'GBR' } } }) });
    await cold.serve.exchange.warmer.idle();
    rasterized = 0;
    for (const tmax of [100, 200]) {
      const started = performance.now();
      const res = await cold.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ ...auction, id: `cold-${tmax}`, tmax }) });
      const took = performance.now() - started;
      expect(res.status).toBe(200);
      expect(took).toBeLessThan(tmax - 10);
      const bids = ((await res.json()) as { seatbid: Array<{ bid: Array<{ impid: string; adm: string; w: number; h: number }> }> }).seatbid[0]!.bid;
      expect(bids.map((b) => b.impid).sort()).toEqual(['b', 'n', 'v']);
      if (tmax === 100) expect(rasterized).toBe(0); // the bids waited on no render
      // Each render-on-fetch URL renders at the declared size (slowly, the first time) and is cached after.
      const vast = bids.find((b) => b.impid === 'v')!.adm;
      const png = /<StaticResource creativeType="image\/png"><!\[CDATA\[([^\]]+)\]\]>/.exec(vast)![1]!;
      const first = await cold.app.request(local(png));
      expect(first.headers.get('x-vitrine-cache')).toBe('miss');
      expect(pngSize(new Uint8Array(await first.arrayBuffer()))).toEqual([1400, 400]);
      expect((await cold.app.request(local(png))).headers.get('x-vitrine-cache')).toBe('hit');
      const banner = bids.find((b) => b.impid === 'b')!.adm;
      const frame = /<iframe src="([^"]+)"/.exec(banner)?.[1];
      const html = frame ? await (await cold.app.request(local(frame.replace(/&amp;/g, '&')))).text() : banner;
      expect(html).toContain('class="v-cta"');
      expect(html).toMatch(/\/c\/[\w-]{20,}/);
    }
    await cold.events.flush();
  });
});

describe('Prebid Server bidder params', () => {
  it('takes the placement from imp.ext.bidder (or imp.ext.prebid.bidder.vitrine) when there is no tagid', async () => {
    const side = { ...CAMPAIGN, id: 'c-side', name: 'Side', placements: ['pl-side'], deals: [], bidCpm: 1.5, advertiserDomain: 'side.example' };
    const app = await fixtureApp({ seed: { campaigns: [CAMPAIGN, side], variants: [...VARIANTS, ...VARIANTS.map((x) => ({ ...x, id: `${x.id}-side`, campaignId: 'c-side' }))] } });
    try {
      const ask = async (ext: Record<string, unknown>) => {
        const res = await app.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ id: 'pbs', tmax: 3000, imp: [{ id: '1', banner: { w: 300, h: 250 }, ext }], site: { domain: 'news.example' }, device: { geo: { country: 'GBR' } } }) });
        expect(res.status).toBe(200);
        return ((await res.json()) as { seatbid: Array<{ bid: Array<{ cid: string }> }> }).seatbid[0]!.bid[0]!.cid;
      };
      expect(await ask({ bidder: { placement: 'pl-side' } })).toBe('c-side');
      expect(await ask({ bidder: { placement: 'pl-home' } })).toBe('c-run');
      expect(await ask({ prebid: { bidder: { vitrine: { placement: 'pl-side' } } } })).toBe('c-side');
    } finally {
      await app.close();
    }
  });
});

describe('secure imps', () => {
  it('never puts http markup into a secure imp; bids there from an https origin with https URLs only', async () => {
    const req = (secure: number) => JSON.stringify({ id: 's1', tmax: 3000, imp: [{ id: '1', tagid: 'pl-home', secure, banner: { w: 300, h: 250 } }], site: { page: 'https://news.example/a' }, device: { geo: { country: 'GBR' } } });
    const plain = await fixtureApp({ config: { publicUrl: 'http://ads.example' } });
    const secure = await fixtureApp({ config: { publicUrl: 'https://ads.example' } });
    try {
      const refused = await plain.app.request('/openrtb2/auction', { method: 'POST', body: req(1) });
      expect(refused.status).toBe(204);
      expect(refused.headers.get('x-vitrine-no-bid')).toContain('imp.secure');
      expect(refused.headers.get('x-vitrine-nbr')).toBe('509');
      expect((await plain.app.request('/openrtb2/auction', { method: 'POST', body: req(0) })).status).toBe(200);
      const ok = await secure.app.request('/openrtb2/auction', { method: 'POST', body: req(1) });
      expect(ok.status).toBe(200);
      const bid = ((await ok.json()) as { seatbid: Array<{ bid: Array<{ adm: string; nurl: string; burl: string }> }> }).seatbid[0]!.bid[0]!;
      expect([bid.nurl, bid.burl]).toEqual([expect.stringMatching(/^https:\/\/ads\.example\//), expect.stringMatching(/^https:\/\/ads\.example\//)]);
      expect(bid.adm).not.toMatch(/http:\/\//);
    } finally {
      await plain.close();
      await secure.close();
    }
  });
});

describe('CORS', () => {
  it('answers the preflight and echoes a configured origin with credentials on /openrtb2/auction', async () => {
    const pre = await v.app.request('/openrtb2/auction', { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://publisher.example');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { Origin: 'https://publisher.example', 'Content-Type': 'text/plain' }, body: JSON.stringify({ id: 'c1', imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], device: { geo: { country: 'GBR' } } }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://publisher.example');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('allows the request headers a browser bidder asks for in the preflight, and lets it read every error (400, 413, 204)', async () => {
    const pre = await v.app.request('/openrtb2/auction', { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-openrtb-version, x-prebid-version' } });
    expect(pre.status).toBe(204);
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-openrtb-version', 'x-prebid-version']));
    // A header name that is not a token is not echoed.
    const odd = await v.app.request('/openrtb2/auction', { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, bad header\u0001' } });
    expect(odd.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('bad');
    const post = (body: string) => v.app.request('/openrtb2/auction', { method: 'POST', headers: { Origin: 'https://publisher.example', 'Content-Type': 'text/plain' }, body });
    for (const [body, status] of [['{', 400], [JSON.stringify({ id: 'x', imp: [{ id: '1' }], pad: 'x'.repeat(300 * 1024) }), 413], [JSON.stringify({ id: 'x', imp: [{ id: '1', banner: { w: 1, h: 1 } }] }), 204]] as const) {
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin'), String(status)).toBe('https://publisher.example');
    }
  });

  it('refuses an origin that is not configured', async () => {
    const pre = await v.app.request('/openrtb2/auction', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const json = await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&format=json', { headers: { Origin: 'https://evil.example' } });
    expect(json.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&format=json', { headers: { Origin: 'https://publisher.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://publisher.example');
  });

  it('lets a credentialed player on any page read /v1/vast', async () => {
    const res = await v.app.request('/v1/vast?campaign=c-run&region=GB-LND', { headers: { Origin: 'https://player.example' } });
    expect(res.status).toBe(200);
    // Credentialed requests need the origin echoed, never `*`.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://player.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('ETags of units that carry signed links', () => {
  it("never answers 304 to another decision's ETag", async () => {
    const url = (seed: number) => `/v1/creative?campaign=c-run&variant=v-default&size=300x250&region=GB-LND&format=html&seed=${seed}&at=2026-11-24T15:00:00.000Z`;
    const a = await v.app.request(url(1));
    const b = await v.app.request(url(2));
    const [ta, tb] = [await a.text(), await b.text()];
    expect(a.headers.get('x-vitrine-decision')).not.toBe(b.headers.get('x-vitrine-decision'));
    expect(ta).not.toBe(tb); // different signed links
    expect(a.headers.get('etag')).not.toBe(b.headers.get('etag'));
    const revalidate = await v.app.request(url(3), { headers: { 'If-None-Match': a.headers.get('etag')! } });
    expect(revalidate.status).toBe(200);
    const same = await v.app.request(url(1), { headers: { 'If-None-Match': a.headers.get('etag')! } });
    expect(same.status).toBe(304);
  });
});

describe('native image of the demo store', () => {
  it('is the titled product photo, filling exactly 1200x627', async () => {
    const demo = await demoApp();
    try {
      const req = { id: 'nat', imp: [{ id: '1', native: { request: JSON.stringify({ assets: [{ id: 1, required: 1, title: { len: 140 } }, { id: 2, required: 1, img: { type: 3, w: 1200, h: 627 } }] }) } }], device: { geo: { country: 'ARE', region: 'DU' } } };
      for (let i = 0; i < 3; i++) {
        const res = await demo.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ ...req, id: `nat-${i}` }) });
        expect(res.status).toBe(200);
        const adm = JSON.parse(((await res.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm) as { assets: Array<{ title?: { text: string }; img?: { url: string } }>; link: { url: string } };
        const title = adm.assets[0]!.title!.text;
        // The click token (sealed since hardening-events) names the product the link goes to.
        const opened = await new TokenSigner(SECRET, nodeDigest(), undefined, () => NOW, nodeAead).verify(adm.link.url.split('/c/')[1]!.split('?')[0]!, 'c');
        if (!opened.ok) throw new Error('click token does not open');
        const payload = opened.payload;
        const product = (await demo.store.getProduct(payload.p!))!;
        // The unit shows the brand once (creatives-content), so the title may drop the advertiser's name.
        const titles = [product.title, product.i18n.ar?.title].filter((t): t is string => !!t);
        expect([...titles, ...titles.map((t) => withoutBrand(t, product.brand ?? ''))]).toContain(title);
        const file = new Uint8Array(await (await demo.app.request(local(adm.assets[1]!.img!.url))).arrayBuffer());
        expect(pngSize(file)).toEqual([1200, 627]);
        // The picture is that product's photo (cover-fitted), far closer to it than to another product's.
        const ours = await sharp(file).resize(120, 63).removeAlpha().raw().toBuffer();
        const photo = async (link: string) => sharp((await demo.store.getAsset(link))!.bytes).resize(120, 63, { fit: 'cover' }).removeAlpha().raw().toBuffer();
        const diff = (x: Buffer, y: Buffer) => x.reduce((s, b, k) => s + Math.abs(b - y[k]!), 0) / x.length;
        const other = (await demo.store.listCampaigns()).length >= 0 ? await demo.store.candidates({ region: 'AE-DU', selector: {}, limit: 40 }) : [];
        const different = other.find((c) => c.product.imageLink !== product.imageLink)!.product;
        const dSame = diff(ours, await photo(product.imageLink));
        expect(dSame).toBeLessThan(12);
        expect(dSame).toBeLessThan(diff(ours, await photo(different.imageLink)) / 2);
      }
    } finally {
      await demo.close();
    }
  });
});

describe('CTV overlay copy', () => {
  it("names the product even when the variant's headline does not", async () => {
    const xml = await (await v.app.request('/v1/vast?campaign=c-run&variant=v-rain&weather=rain&region=GB-LND')).text();
    expect(xml).toContain('Rain-ready picks');
    const html = /<HTMLResource><!\[CDATA\[([\s\S]*?)\]\]><\/HTMLResource>/.exec(xml)![1]!;
    expect(html).toMatch(/class="v-product-title"[^>]*>.*Trail Runner p\d/);
  });
});

describe('VAST error URL', () => {
  it('carries the [ERRORCODE] macro in the encoding that validates, and the player-filled ping records an error', async () => {
    const xml = await (await v.app.request('/v1/vast?campaign=c-run&region=GB-LND')).text();
    const err = /<Error><!\[CDATA\[([^\]]+)\]\]><\/Error>/.exec(xml)![1]!;
    expect(err).toMatch(/\/i\/[\w-]{20,}\?e=error&code=%5BERRORCODE%5D$/);
    const res = await v.app.request(local(err.replace('%5BERRORCODE%5D', '405')));
    expect(res.status).toBe(200);
    // A 2xx means the error event is committed against this decision.
    const decisionId = /<AdServingId>([^<]+)<\/AdServingId>/.exec(xml)![1]!;
    expect(await v.store.countEvents({ type: 'error', decisionId })).toBe(1);
  });
});

describe('pre-rendering at approval', () => {
  it("puts a campaign's most-served units in the cache, so a tight-deadline bid carries the unit inline", async () => {
    const { prerenderCampaign } = await import('../src/services/prerender.ts');
    const auctionFor = async (app: ReturnType<typeof createApp>, size: { w: number; h: number }, tmax: number, retries = 0) => {
      // What is asserted is where the markup comes from, not speed: on the pre-rendered app a loaded machine that misses the tight deadline (204 tmax) asks again.
      for (let attempt = 0; ; attempt++) {
        const res = await app.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ id: 'pre', tmax, imp: [{ id: '1', tagid: 'pl-home', banner: size }], device: { geo: { country: 'GBR', region: 'LND' } } }) });
        if (res.status === 204 && res.headers.get('x-vitrine-no-bid') === 'tmax' && attempt < retries) continue;
        return res.status === 200 ? ((await res.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm : null;
      }
    };
    const fresh = async () => {
      const app = createApp({ ...v.serve, renderCache: new MemoryRenderCache() });
      await auctionFor(app, { w: 728, h: 90 }, 1000); // a new app's first request is not what is compared
      await app.serve.exchange.warmer.idle();
      return app;
    };
    const cold = await fresh();
    expect(await auctionFor(cold, { w: 300, h: 250 }, 40)).toContain('/v1/unit/'); // nothing cached: render on fetch
    const approved = await fresh();
    const result = await prerenderCampaign(approved.serve, 'c-run');
    expect(result.rendered).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    const adm = (await auctionFor(approved, { w: 300, h: 250 }, 40, 4))!;
    expect(adm).not.toContain('/v1/unit/');
    expect(adm).toContain('class="v-cta"');
  });
});

describe('cookie sync', () => {
  const redir = encodeURIComponent('https://exchange.example/setuid?bidder=vitrine&uid=${UID}');
  it('refuses a missing redirect or a host that is not a sync partner, naming redir', async () => {
    for (const q of ['', `redir=${encodeURIComponent('https://evil.example/x?u=${UID}')}`, `redir=${encodeURIComponent('http://exchange.example/x?u=${UID}')}`]) {
      const res = await v.app.request(`/v1/sync?${q}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('redir');
    }
  });

  it("fills ${UID} with Vitrine's id, sets it as a cookie and records it as a buyeruid", async () => {
    const res = await v.app.request(`/v1/sync?redir=${redir}&gdpr=0`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.host).toBe('exchange.example');
    const uid = to.searchParams.get('uid')!;
    expect(uid).toMatch(/^[\w-]{22}$/);
    expect(res.headers.get('set-cookie')).toContain(`vitrine_uid=${uid}`);
    expect(res.headers.get('set-cookie')).toContain('SameSite=None');
    expect((await v.store.getBuyerUid(uid))?.partner).toBe('exchange.example');
    // The same browser keeps its id.
    const again = await v.app.request(`/v1/sync?redir=${redir}&gdpr=0`, { headers: { Cookie: `vitrine_uid=${uid}` } });
    expect(new URL(again.headers.get('location')!).searchParams.get('uid')).toBe(uid);
  });

  it('without consent redirects with an empty id and stores nothing; opting out forgets the id and stops syncing', async () => {
    const denied = await v.app.request(`/v1/sync?redir=${redir}&gdpr=1`);
    expect(denied.status).toBe(302);
    expect(new URL(denied.headers.get('location')!).searchParams.get('uid')).toBe('');
    expect(denied.headers.get('set-cookie')).toBeNull();
    const synced = new URL((await v.app.request(`/v1/sync?redir=${redir}&gdpr=0`)).headers.get('location')!).searchParams.get('uid')!;
    const out = await v.app.request('/v1/sync/optout', { headers: { Cookie: `vitrine_uid=${synced}` } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('vitrine_optout=1');
    expect(await v.store.getBuyerUid(synced)).toBeNull();
    const after = await v.app.request(`/v1/sync?redir=${redir}&gdpr=0`, { headers: { Cookie: 'vitrine_optout=1' } });
    expect(new URL(after.headers.get('location')!).searchParams.get('uid')).toBe('');
    expect(after.headers.get('set-cookie')).toBeNull();
  });
});

describe('landing URL', () => {
  it('carries the decision id (vitrine_did) with the UTM tags', async () => {
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&format=json');
    const body = (await res.json()) as { urls: { click: string } };
    const click = await v.app.request(local(body.urls.click));
    expect(click.status).toBe(302);
    const to = new URL(click.headers.get('location')!);
    expect(to.searchParams.get('vitrine_did')).toBe(res.headers.get('x-vitrine-decision'));
    expect(to.searchParams.get('utm_source')).toBe('vitrine');
  });
});
