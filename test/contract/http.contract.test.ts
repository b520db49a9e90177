// One HTTP contract, two runtimes: the Node server and the worker under wrangler dev (workerd,
// local D1). Every case runs against both; where a runtime cannot do something (WebP without
// sharp) the case states what each one answers. Runs inside `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTING, tc } from '../helpers/consent-strings.ts';
import { ACTOR_KEYS, ADMIN_KEY, CF, DATA_CLOCK, MERCHANT_KEY, NBR_EXCHANGE, startNode, startWorker, type Target } from './targets.ts';

const STARTUP_MS = 240_000;
const targets: Partial<Record<Target['name'], Target>> = {};

beforeAll(async () => {
  // One after the other: both are CPU-heavy at start and CI has two cores.
  targets.node = await startNode();
  targets.worker = await startWorker();
}, STARTUP_MS);

afterAll(async () => {
  await Promise.all(Object.values(targets).map((t) => t.stop()));
}, 30_000);

const replay = `campaign=c-winter-style&size=300x250&region=AE-DU&seed=42&at=${DATA_CLOCK}`;
const adminHeaders = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

/** The text zbarimg reads from a PNG (throws when it finds no code). */
function zbar(png: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vitrine-contract-qr-')), 'code.png');
  writeFileSync(file, png);
  return execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim();
}

function get(t: Target, path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${t.url}${path}`, { redirect: 'manual', ...init });
}

/** Width and height from a PNG's IHDR chunk (and proof the bytes are a PNG). */
function pngSize(bytes: Uint8Array): { w: number; h: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { w: dv.getUint32(16), h: dv.getUint32(20) };
}

interface DecisionBody {
  decision: { id: string; seed: number; at: string; campaign: string; variant: string; template: string; score: number; personalized: boolean; products: Array<{ id: string; quantity: number; price: unknown }> };
  signals: { region: string; tz: string; [k: string]: unknown };
  urls: Record<string, string>;
}

/** The decision as an operator sees it: the internal fields (score, stock, personalization) need a credential. */
async function decision(t: Target, query: string): Promise<{ res: Response; body: DecisionBody }> {
  const res = await get(t, `/v1/creative?${query}&format=json`, { headers: { Authorization: adminHeaders.Authorization } });
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, body: (await res.json()) as DecisionBody };
}

describe('across runtimes', () => {
  it('the worker decides exactly as Node for the same seed, clock and data', async () => {
    const queries = [replay, `campaign=c-tech-deals&size=728x90&region=SA-01&lang=ar&seed=7&at=${DATA_CLOCK}`, `placement=pl-article-side&size=160x600&region=GB-LND&weather=rain&seed=123456&at=2026-11-27T19:30:00Z`];
    for (const q of queries) {
      const [n, w] = await Promise.all([decision(targets.node!, q), decision(targets.worker!, q)]);
      const pick = (b: DecisionBody) => ({ ...b.decision, score: b.decision.score.toFixed(12) });
      expect(pick(w.body), q).toEqual(pick(n.body));
      expect(w.body.signals, q).toEqual(n.body.signals);
    }
  });
});

describe('worker static assets', () => {
  it('registers the 11 Noto Emoji faces from the ASSETS binding at isolate start', () => {
    expect(targets.worker!.log()).toMatch(/fonts: 11 Noto Emoji faces loaded from ASSETS/);
    expect(targets.worker!.log()).not.toMatch(/fonts: (no ASSETS binding|could not read Noto Emoji)/);
  });

  it('registers the symbols fallback (‰, arrows, ✓, ★) from the ASSETS binding too', () => {
    expect(targets.worker!.log()).toMatch(/fonts: the symbols face \(DejaVu Sans\) loaded from ASSETS/);
    expect(targets.worker!.log()).not.toMatch(/could not read the symbols font/);
  });

  it('keeps the font files off public URLs: the app answers their path with its own 404 JSON', async () => {
    const res = await get(targets.worker!, '/_fonts/noto-emoji-0-400-normal.woff');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe.each(['node', 'worker'] as const)('%s', (name) => {
  const t = () => targets[name]!;

  it('answers /healthz 200', async () => {
    const res = await get(t(), '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it.each([
    ['300x250', 300, 250],
    ['728x90', 728, 90],
    ['1920x1080', 1920, 1080],
  ])('renders a %s PNG of exactly that size', async (size, w, h) => {
    const res = await get(t(), `/v1/creative?campaign=c-winter-style&size=${size}&region=AE-DU&seed=42&at=${DATA_CLOCK}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-vitrine-fallback')).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ w, h });
    expect(bytes.byteLength).toBeGreaterThan(2000);
  });

  it('renders Arabic (RTL) and the transparent CTV overlay', async () => {
    const ar = await get(t(), `/v1/creative?campaign=c-winter-style&size=300x600&region=SA-01&lang=ar&seed=3&at=${DATA_CLOCK}`);
    expect(pngSize(new Uint8Array(await ar.arrayBuffer()))).toEqual({ w: 300, h: 600 });
    const overlay = await get(t(), `/v1/creative?campaign=c-winter-style&size=1920x1080&layout=overlay&region=AE-DU&seed=3&at=${DATA_CLOCK}`);
    const bytes = new Uint8Array(await overlay.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ w: 1920, h: 1080 });
    expect(bytes[25]).toBe(6); // colour type 6: RGBA, the overlay keeps its transparency
  });

  it('serves SVG and a self-contained HTML unit with a signed click link', async () => {
    const svg = await get(t(), `/v1/creative?${replay}&format=svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[^>]*width="300"[^>]*height="250"/);
    const html = await (await get(t(), `/v1/creative?${replay}&format=html`)).text();
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/c\/[\w-]{40,}"/);
    expect(html).not.toMatch(/<script/i);
  });

  it.each(['en', 'ar'])('format=svg (%s) draws what the PNG draws: text as outlines, the photo and the Arabic marks included', async (lang) => {
    const q = `/v1/creative?campaign=c-winter-style&size=300x600&region=SA-01&lang=${lang}&seed=7&at=${DATA_CLOCK}&variant=v-ws-evening`;
    const [png, svg] = await Promise.all([get(t(), `${q}&format=png`), get(t(), `${q}&format=svg`)]);
    expect(svg.headers.get('x-vitrine-fallback')).toBeNull();
    const text = await svg.text();
    expect(text).not.toMatch(/<text[\s>]/);
    expect(text).toMatch(/<image[^>]+href="data:image\/png;base64,/);
    const raw = async (b: Buffer) => new Uint8Array(await sharp(b, { density: 72 }).resize(300, 600).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer());
    const [a, b] = await Promise.all([raw(Buffer.from(await png.arrayBuffer())), raw(Buffer.from(text))]);
    expect(pixelmatch(a, b, undefined, 300, 600, { threshold: 0.1 }) / (300 * 600)).toBeLessThan(0.03);
  });

  it('answers 304 to a matching If-None-Match and says when it served from cache', async () => {
    const q = `/v1/creative?campaign=c-home-beauty&size=320x50&region=GB-LND&seed=9&at=${DATA_CLOCK}`;
    const first = await get(t(), q);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get(t(), q, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('WebP: both runtimes encode it (takumi native on Node, takumi wasm on Workers), no substitution', async () => {
    const res = await get(t(), `/v1/creative?${replay}&format=webp`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WEBP');
    expect(res.headers.get('x-vitrine-format-fallback')).toBeNull();
  });

  it.each([
    ['size=301x250', 400, 'size'],
    ['size=300x250&format=gif', 400, 'format'],
    ['size=300x250&region=XX-99', 400, 'region'],
    ['size=300x250&tz=Mars/Olympus', 400, 'tz'],
    ['size=300x250&seed=-1', 400, 'seed'],
    ['size=300x250&layout=banner', 400, 'layout'],
  ])('bad input %s → %i JSON naming the field', async (q, status, field) => {
    const res = await get(t(), `/v1/creative?campaign=c-winter-style&${q}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
  });

  it('unknown campaign → 404 JSON; unknown path → 404 JSON', async () => {
    const res = await get(t(), '/v1/creative?campaign=nope&size=300x250');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('campaign');
    expect((await get(t(), '/nope')).status).toBe(404);
  });

  it('geo: without region, country or tz, Node assumes the default region; the worker uses request.cf', async () => {
    const { res, body } = await decision(t(), 'campaign=c-winter-style&size=300x250&seed=5');
    if (name === 'node') {
      expect(body.signals.region).toBe('US-CA');
      expect(res.headers.get('x-vitrine-geo')).toBeNull();
    } else {
      expect(body.signals.region).toBe(`${CF.country}-${CF.regionCode}`);
      expect(body.signals.tz).toBe(CF.timezone);
      expect(res.headers.get('x-vitrine-geo')).toBe(`cf; region=SA-01; tz=${CF.timezone}`);
    }
    // Geo in the request wins over the edge's.
    expect((await decision(t(), 'campaign=c-winter-style&size=300x250&seed=5&region=GB-LND')).body.signals.region).toBe('GB-LND');
  });

  it('a click redirects with UTM tags and is recorded; a tampered token never redirects', async () => {
    const { body } = await decision(t(), replay);
    const click = body.urls.click!;
    const res = await fetch(click, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.searchParams.get('utm_campaign')).toBe('c-winter-style');
    expect(to.searchParams.get('utm_content')).toBe(body.decision.variant);
    expect(await t().countEvents(body.decision.id)).toBe(1);
    // One character in the middle of the sealed token changed: still canonical, no longer authentic.
    const token = click.split('/c/')[1]!;
    const tampered = await get(t(), `/c/${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`);
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('location')).toBeNull();
    expect((await get(t(), '/c/not-a-token')).status).toBe(400);
  });

  it('VAST 4.2 with a NonLinear overlay', async () => {
    const res = await get(t(), `/v1/vast?campaign=c-winter-style&region=AE-DU&seed=42&at=${DATA_CLOCK}`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<VAST version="4.2"');
    expect(xml).toContain('<NonLinear');
    expect(xml).toMatch(/<StaticResource creativeType="image\/png">/);
  });

  it('the overlay QR code is a short link (≤ 40 characters of path) that scans to the product, counted once', async () => {
    const xml = await (await get(t(), `/v1/vast?campaign=c-winter-style&region=AE-DU&seed=43&at=${DATA_CLOCK}`)).text();
    const decisionId = /<AdServingId>([^<]+)<\/AdServingId>/.exec(xml)![1]!;
    const png = /<StaticResource creativeType="image\/png"><!\[CDATA\[([^\]]+)\]\]>/.exec(xml)![1]!;
    const scanned = new URL(zbar(new Uint8Array(await (await fetch(png)).arrayBuffer())));
    expect(scanned.pathname.length).toBeLessThanOrEqual(40);
    expect(scanned.pathname).toMatch(/^\/q\/[\w-]{20}$/);
    for (let i = 0; i < 2; i++) {
      const scan = await get(t(), scanned.pathname);
      expect(scan.status).toBe(302);
      expect(new URL(scan.headers.get('location')!).searchParams.get('vitrine_did')).toBe(decisionId);
    }
    // Both scans are stored (the second as a replay).
    expect(await t().countEvents(decisionId)).toBe(2);
  });

  it('OpenRTB: a banner bid with signed notices; malformed JSON → 400 naming nothing it cannot', async () => {
    const request = { id: 'auction-1', imp: [{ id: '1', banner: { format: [{ w: 300, h: 250 }] } }], device: { geo: { country: 'ARE', region: 'DU' } }, cur: ['USD'] };
    const res = await get(t(), '/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    expect(res.status).toBe(200);
    const bid = ((await res.json()) as { seatbid: Array<{ bid: Array<{ impid: string; adm: string; nurl: string; w: number; h: number }> }> }).seatbid[0]!.bid[0]!;
    expect([bid.impid, bid.w, bid.h]).toEqual(['1', 300, 250]);
    // Inline (the signed click link in the unit) or render-on-fetch (a signed unit URL that renders on first request).
    expect(bid.adm).toMatch(/\/c\/[\w-]{40,}|\/v1\/unit\/[\w-]{40,}/);
    expect(bid.nurl).toMatch(/\/w\/[\w-]{40,}\?price=\$\{AUCTION_PRICE\}$/);
    const bad = await get(t(), '/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":' });
    expect(bad.status).toBe(400);
    // Prebid Server may gzip the request (DecompressionStream on both runtimes).
    const gz = new Uint8Array(await new Response(new Blob([JSON.stringify(request)]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const zipped = await get(t(), '/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: gz });
    expect(zipped.status).toBe(200);
    expect(((await zipped.json()) as { id: string }).id).toBe('auction-1');
  });

  it('OpenRTB no-bid reason codes: 204 with X-Vitrine-Nbr by default, 200 {"id","seatbid":[],"nbr"} for a configured exchange', async () => {
    const ask = (over: Record<string, unknown>) => get(t(), '/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'nbr-1', tmax: 3000, imp: [{ id: '1', banner: { format: [{ w: 300, h: 250 }] } }], device: { geo: { country: 'ARE', region: 'DU' } }, ...over }) });
    const plain = await ask({ wseat: ['another-seat'] });
    expect(plain.status).toBe(204);
    expect([plain.headers.get('x-vitrine-nbr'), plain.headers.get('x-vitrine-no-bid')]).toEqual(['507', 'wseat does not list seat "vitrine"']);
    const pbs = { ext: { prebid: { server: { externalurl: `https://${NBR_EXCHANGE}/openrtb2/auction` } } } };
    const body = await ask({ wseat: ['another-seat'], ...pbs });
    expect(body.status).toBe(200);
    expect(await body.json()).toEqual({ id: 'nbr-1', seatbid: [], nbr: 507 });
    expect(body.headers.get('x-vitrine-nbr')).toBe('507');
    // Too little time: 15 (Insufficient Auction Time), decided before any work.
    const late = await ask({ tmax: 5, ...pbs });
    expect(await late.json()).toEqual({ id: 'nbr-1', seatbid: [], nbr: 15 });
    // The same exchange still gets its bids.
    expect(((await (await ask(pbs)).json()) as { seatbid: unknown[] }).seatbid).toHaveLength(1);
  });

  it('profiles with consent: a cart abandoner sees the cart product, a denying TC string does not; a clicked decision converts once; reports count it; erasure forgets the user', async () => {
    const merchant = { Authorization: `Bearer ${MERCHANT_KEY}`, 'Content-Type': 'application/json' };
    const base = `campaign=c-winter-style&size=300x250&region=GB-LND&at=${DATA_CLOCK}`;
    const cartProduct = (await decision(t(), `${base}&seed=900`)).body.decision.products[1]?.id ?? (await decision(t(), `${base}&seed=900`)).body.decision.products[0]!.id;
    const addedAt = new Date(Date.parse(DATA_CLOCK) - 5 * 3_600_000).toISOString();
    const put = await get(t(), `/v1/profiles/contract-shopper-${name}`, { method: 'PUT', headers: merchant, body: JSON.stringify({ segments: ['contract'], cart: [{ product_id: cartProduct, added_at: addedAt }] }) });
    expect(put.status, await put.clone().text()).toBe(200);
    const consented = `${base}&seed=901&uid=contract-shopper-${name}&gdpr=1&gdpr_consent=${encodeURIComponent(GRANTING)}`;
    // Which variant shows it is learned (Thompson sampling); that the cart product is shown is the profile's doing.
    const yes = (await decision(t(), consented)).body;
    expect([yes.decision.personalized, yes.decision.products[0]!.id, yes.signals.consent]).toEqual([true, cartProduct, { rule: 'tcf_granted', personalize: true, gdpr_applies: true }]);
    const no = (await decision(t(), `${base}&seed=901&uid=contract-shopper-${name}&gdpr=1&gdpr_consent=${encodeURIComponent(tc({ purposes: [1, 2, 3] }))}`)).body;
    expect([no.decision.personalized, (no.signals.consent as { rule: string }).rule]).toEqual([false, 'tcf_denied']);

    expect((await fetch(yes.urls.click!, { redirect: 'manual' })).status).toBe(302);
    expect(await t().countEvents(yes.decision.id)).toBe(1);
    const order = { order_id: `contract-order-${name}`, decision_id: yes.decision.id, value: 149.5, currency: 'USD' };
    const conv = await get(t(), '/v1/events/conversion', { method: 'POST', headers: merchant, body: JSON.stringify(order) });
    expect(conv.status, await conv.clone().text()).toBe(201);
    expect((await get(t(), '/v1/events/conversion', { method: 'POST', headers: merchant, body: JSON.stringify(order) })).status).toBe(200);
    const report = (await (await get(t(), '/v1/admin/reports?campaign=c-winter-style&by=variant', { headers: adminHeaders })).json()) as { rows: Array<{ key: string; conversions: number; revenue: number }> };
    expect(report.rows.find((r) => r.key === yes.decision.variant)).toMatchObject({ conversions: 1, revenue: 149.5 });

    // Bulk profiles: more rows than one D1 statement may bind, one bad line reported.
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ uid: `bulk-${name}-${i}`, segments: ['bulk'], purchases: [cartProduct] }));
    lines.splice(30, 0, '{"uid": 7}');
    const bulk = await get(t(), '/v1/profiles/import', { method: 'POST', headers: { ...merchant, 'Content-Type': 'application/x-ndjson' }, body: lines.join('\n') });
    expect(bulk.status, await bulk.clone().text()).toBe(200);
    expect(await bulk.json()).toMatchObject({ read: 61, stored: 60, rejected: 1, problems: [{ line: 31, field: 'uid' }] });

    const erased = await get(t(), `/v1/profiles/contract-shopper-${name}`, { method: 'DELETE', headers: merchant });
    expect(await erased.json()).toMatchObject({ erased: true, profile: true });
    const after = (await decision(t(), consented)).body;
    expect([after.decision.personalized, after.signals.segments]).toEqual([true, []]);
  });

  it('admin: a stock write (one D1 batch on the worker) is seen by the next decision', async () => {
    const q = `campaign=c-winter-style&size=300x250&region=AE-DU&seed=11&at=${DATA_CLOCK}`;
    const before = (await decision(t(), q)).body.decision.products[0]!.id;
    expect((await get(t(), '/v1/admin/stock', { method: 'POST', body: '[]' })).status).toBe(401);
    const sold = await get(t(), '/v1/admin/stock', { method: 'POST', headers: adminHeaders, body: JSON.stringify([{ product_id: before, region: 'AE-DU', quantity: 0 }]) });
    expect(sold.status, await sold.clone().text()).toBeLessThan(300);
    const after = (await decision(t(), q)).body.decision.products[0]!.id;
    expect(after).not.toBe(before);
    const product = (await (await get(t(), `/v1/admin/products/${before}`, { headers: adminHeaders })).json()) as { inventory: Array<{ region: string; storeCode: string | null; quantity: number }> };
    expect(product.inventory.find((i) => i.region === 'AE-DU' && !i.storeCode)?.quantity).toBe(0);
    const bad = await get(t(), '/v1/admin/stock', { method: 'POST', headers: adminHeaders, body: JSON.stringify([{ product_id: before, region: 'AE-DU', quantity: -3 }]) });
    expect(bad.status).toBe(400);
  });

  it('studio: signs in, serves its chart library from its own origin, and draws a tearsheet cell and a report', async () => {
    const js = await get(t(), '/studio/assets/uplot.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('uPlot');
    const signin = await get(t(), '/studio/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: t().url }, body: new URLSearchParams({ key: ADMIN_KEY, next: '/studio/campaigns' }) });
    expect(signin.status).toBe(303);
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const list = await get(t(), '/studio/campaigns?lang=ar', { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('<html lang="ar" dir="rtl">');
    // A simulated cart abandoner's cell: the overlay store over D1 / SQLite, nothing written.
    const page = await (await get(t(), '/studio/campaigns/c-winter-style/tearsheet?region=AE-DU&shopper=cart&cart_item=p0199&size=300x250', { headers: { Cookie: cookie } })).text();
    const src = /<img src="([^"]+\.png)"/.exec(page)![1]!;
    const img = await get(t(), src, { headers: { Cookie: cookie } });
    expect(img.status).toBe(200);
    expect(pngSize(new Uint8Array(await img.arrayBuffer()))).toEqual({ w: 300, h: 250 });
    const report = await get(t(), '/studio/campaigns/c-winter-style/report.csv?by=daypart&days=7', { headers: { Cookie: cookie } });
    expect(report.status).toBe(200);
    expect((await report.text()).split('\r\n')[0]).toMatch(/^daypart,impressions,/);
    // The campaign page: its pre-flight through the runtime's renderer, its history, and the pause confirmation.
    const campaign = await (await get(t(), '/studio/campaigns/c-winter-style', { headers: { Cookie: cookie } })).text();
    expect(campaign).toContain('data-blocking="0"');
    expect(campaign).toContain('History of versions and comments');
    const confirm = await get(t(), '/studio/campaigns/c-winter-style/pause', { headers: { Cookie: cookie } });
    expect(await confirm.text()).toContain('OpenRTB bids stop');
  });

  it('studio editor: the live preview draws an unsaved Arabic variant (PNG and HTML) and a save goes through the authoring service', async () => {
    const signin = await get(t(), '/studio/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: t().url }, body: new URLSearchParams({ key: ADMIN_KEY, next: '/studio/campaigns/new' }) });
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const page = await get(t(), '/studio/campaigns/new', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/studio/assets/editor.js"></script>');
    expect(await (await get(t(), '/studio/assets/editor.js')).text()).toContain('sessionStorage');
    const id = `c-contract-${t().name}`;
    const form = new URLSearchParams([
      ['id', id], ['name', 'Contract edit'], ['advertiser', 'Nord & Co'], ['adomain', 'nord.example'], ['startsLocal', '2026-01-01T00:00'], ['endsLocal', '2036-01-01T00:00'],
      ['regions', 'SA-01'], ['sizes', '320x50'], ['channels', 'web'], ['fallback.headline.en', 'Winter'], ['fallback.link', 'https://nord.example/'],
      ['variants.0.id', `${id}-v`], ['variants.0.name', 'Arabic'], ['variants.0.template', 'hero'],
      ['variants.0.copy.en.headline', 'Evening {title}'], ['variants.0.copy.en.cta', 'Shop'], ['variants.0.copy.ar.headline', 'أمسية {title}'], ['variants.0.copy.ar.cta', 'تسوق'],
    ]);
    const post = (path: string, extra: Array<[string, string]> = []) => get(t(), path, { method: 'POST', headers: { Cookie: cookie, Origin: t().url, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([...form, ...extra]) });
    const preview = (await (await post('/studio/editor/preview', [['preview.region', 'SA-01']])).json()) as { cells: Array<{ size: string; lang: string; status: string; png: string; html: string }> };
    expect(preview.cells.map((c) => `${c.size}/${c.lang}/${c.status}`)).toEqual(['320x50/en/ok', '320x50/ar/ok']);
    const png = Uint8Array.from(atob(preview.cells[1]!.png.split(',')[1]!), (ch) => ch.charCodeAt(0));
    expect(pngSize(png)).toEqual({ w: 320, h: 50 });
    expect(preview.cells[1]!.html).toContain('dir="rtl"');
    const saved = await post('/studio/campaigns/new');
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { version: number; status: string })).toMatchObject({ version: 1, status: 'draft' });
  });

  it('admin: a streamed Merchant Center feed imports in batches under D1’s parameter limit, and again changes nothing', async () => {
    const header = 'id\ttitle\tdescription\tlink\timage_link\tavailability\tprice\tbrand\tproduct_type';
    // 10 products × 25 columns: several multi-row statements on D1 (100 bound parameters each).
    const rows = Array.from({ length: 10 }, (_, i) => `cf-${i}\tContract Coat ${i}\tWarm.\thttps://shop.example.com/p/cf-${i}\thttps://shop.example.com/img/cf-${i}.png\tin_stock\t${100 + i}.00 USD\tNord & Co\tOuterwear > Coats`);
    rows.push('cf-bad\tNo price\tx\thttps://shop.example.com/p/x\thttps://shop.example.com/img/x.png\tin_stock\t\tNord & Co\tOuterwear');
    const post = () => get(t(), '/v1/admin/feeds/products', { method: 'POST', headers: { ...adminHeaders, 'Content-Type': 'text/tab-separated-values' }, body: [header, ...rows].join('\n') });
    const first = (await (await post()).json()) as { read: number; inserted: number; unchanged: number; rejected: number; problems: Array<{ id: string; field: string }> };
    expect([first.read, first.inserted, first.rejected]).toEqual([11, 10, 1]);
    expect(first.problems[0]).toMatchObject({ id: 'cf-bad', field: 'price' });
    const again = (await (await post()).json()) as { inserted: number; unchanged: number };
    expect([again.inserted, again.unchanged]).toEqual([0, 10]);
    const p = (await (await get(t(), '/v1/admin/products/cf-7', { headers: adminHeaders })).json()) as { product: { title: string; price: number } };
    expect([p.product.title, p.product.price]).toEqual(['Contract Coat 7', 107]);
  });
});

describe('worker without its migrations', () => {
  let bare: Target;
  beforeAll(async () => {
    bare = await startWorker({ migrate: false });
  }, STARTUP_MS);
  afterAll(() => bare?.stop(), 30_000);

  it('answers /healthz 503 naming the fix, logs it at startup, and still serves ads a fallback creative', async () => {
    const res = await get(bare, '/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/migrations not applied \(0000_init\.sql.*wrangler d1 migrations apply vitrine/);
    expect(bare.log()).toMatch(/startup: D1 migrations not applied/);
    const ad = await get(bare, '/v1/creative?campaign=c-winter-style&size=300x250&region=AE-DU');
    expect(ad.status).toBe(200);
    expect(ad.headers.get('x-vitrine-fallback')).toMatch(/^error: /);
    expect(pngSize(new Uint8Array(await ad.arrayBuffer()))).toEqual({ w: 300, h: 250 });
  });

  it('recovers without a restart once the migrations are applied', async () => {
    await bare.migrate!();
    let status = 0;
    // The isolate looks at D1 again at most every 5 s while it is unusable.
    for (const until = Date.now() + 20_000; Date.now() < until && status !== 200; await new Promise((r) => setTimeout(r, 500))) {
      status = (await get(bare, '/healthz')).status;
    }
    expect(status).toBe(200);
    // An empty store now: a clear 400 naming the field, not a fallback.
    const res = await get(bare, '/v1/creative?campaign=c-winter-style&size=300x250&region=AE-DU');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('region');
  }, 60_000);
});

// Campaign authoring on both runtimes: roles, lifecycle, serving semantics and the audit trail.
describe.each(['node', 'worker'] as const)('%s authoring', (name) => {
  const t = () => targets[name]!;
  const headers = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
  const send = (key: string, method: string, path: string, body?: unknown) => get(t(), path, { method, headers: headers(key), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const doc = (headline: string) => ({
    name: 'Contract run',
    advertiser: 'Stride',
    adomain: 'stride.example',
    startsLocal: wall(Date.now() - 86_400_000),
    endsLocal: wall(Date.now() + 30 * 86_400_000),
    regions: ['SA-01', 'AE-DU'],
    selector: { categories: ['Shoes'] },
    fallback: { headline: { en: 'Run with Stride', ar: 'اركض مع سترايد' }, link: 'https://shop.vitrine.example/run' },
    optimization: 'rules',
    holdoutShare: 0,
    bidCpm: 9,
    placements: ['pl-contract'],
    variants: [
      { id: 'v-ct-hero', name: 'Hero', template: 'hero', copy: { en: { headline, cta: 'Shop' }, ar: { headline: 'موسم جديد: {title}', cta: 'تسوق' } }, prior: 0.05 },
      { id: 'v-ct-low', name: 'Low stock', template: 'promo', copy: { en: { headline: 'Only {stock} left', cta: 'Buy' }, ar: { headline: 'بقي {stock} فقط', cta: 'اشترِ' } }, conditions: [{ signal: 'low_stock', op: 'eq', value: true }], prior: 0.01 },
    ],
  });
  const decide = async (lang = 'en') => {
    const res = await get(t(), `/v1/creative?campaign=c-ct&size=300x250&region=SA-01&lang=${lang}&format=json`);
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as { decision: { campaign: string }; slots: { headline: string } }) : null };
  };
  /** Workers: another isolate may hold the old configuration for up to the documented 5 s. */
  const eventually = async (check: () => Promise<boolean>) => {
    for (const until = Date.now() + 7000; Date.now() < until; await new Promise((r) => setTimeout(r, 300))) if (await check()) return true;
    return check();
  };
  const auction = () => get(t(), '/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'ct', tmax: 3000, imp: [{ id: '1', tagid: 'pl-contract', banner: { format: [{ w: 300, h: 250 }] } }], site: { domain: 'news.example' }, device: { geo: { country: 'SAU', region: '01' } } }) });

  it('an editor drafts an en/ar campaign that serves only once an approver approves it', async () => {
    expect((await send(ADMIN_KEY, 'POST', '/v1/admin/placements', { id: 'pl-contract', name: 'Contract slot', channel: 'web' })).status).toBe(201);
    expect((await send(ACTOR_KEYS.viewer, 'POST', '/v1/admin/campaigns', { id: 'c-ct', ...doc('New: {title}') })).status).toBe(403);
    const created = await send(ACTOR_KEYS.editor, 'POST', '/v1/admin/campaigns', { id: 'c-ct', ...doc('New: {title}') });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await decide()).status).toBe(404);
    expect((await send(ACTOR_KEYS.editor, 'POST', '/v1/admin/campaigns/c-ct/submit', { version: 1 })).status).toBe(200);
    expect((await decide()).status).toBe(404);
    expect((await send(ACTOR_KEYS.editor, 'POST', '/v1/admin/campaigns/c-ct/approve', { version: 1 })).status).toBe(403);
    expect((await send(ACTOR_KEYS.viewer, 'POST', '/v1/admin/campaigns/c-ct/approve', { version: 1 })).status).toBe(403);
    // The pre-flight approval enforces, through the runtime's own renderer: every variant × size × language laid out.
    const pf = await get(t(), '/v1/admin/campaigns/c-ct/preflight', { headers: { Authorization: `Bearer ${ACTOR_KEYS.viewer}` } });
    expect(pf.status, await pf.clone().text()).toBe(200);
    const report = (await pf.json()) as { blocking: number; checked: { layouts: number; languages: string[] } };
    expect(report.blocking).toBe(0);
    expect(report.checked.languages).toEqual(['en', 'ar']);
    expect(report.checked.layouts).toBeGreaterThan(0);
    expect((await send(ACTOR_KEYS.approver, 'POST', '/v1/admin/campaigns/c-ct/approve', { version: 1 })).status).toBe(200);
    expect(await eventually(async () => (await decide('ar')).body?.slots.headline.startsWith('موسم جديد: ') ?? false)).toBe(true);
    expect((await decide('en')).body!.slots.headline).toMatch(/^New: /);
  });

  it('an edit keeps the approved version serving until it is approved; pausing no-bids and falls back', async () => {
    const put = await send(ACTOR_KEYS.editor, 'PUT', '/v1/admin/campaigns/c-ct', { version: 1, ...doc('Edited: {title}') });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await send(ACTOR_KEYS.editor, 'PUT', '/v1/admin/campaigns/c-ct', { version: 1, ...doc('Stale: {title}') })).status).toBe(409);
    expect((await decide()).body!.slots.headline).toMatch(/^New: /);
    const preview = await get(t(), '/v1/preview?campaign=c-ct&version=2&region=SA-01&lang=en', { headers: headers(ACTOR_KEYS.viewer) });
    expect(((await preview.json()) as { slots: { headline: string } }).slots.headline).toMatch(/^Edited: /);
    await send(ACTOR_KEYS.editor, 'POST', '/v1/admin/campaigns/c-ct/submit', { version: 2 });
    expect((await send(ACTOR_KEYS.approver, 'POST', '/v1/admin/campaigns/c-ct/approve', { version: 2 })).status).toBe(200);
    expect(await eventually(async () => (await decide()).body?.slots.headline.startsWith('Edited: ') ?? false)).toBe(true);
    expect((await auction()).status).toBe(200);
    expect((await send(ACTOR_KEYS.approver, 'POST', '/v1/admin/campaigns/c-ct/pause')).status).toBe(200);
    expect(await eventually(async () => (await auction()).status === 204)).toBe(true);
    const png = await get(t(), '/v1/creative?campaign=c-ct&size=300x250&region=SA-01');
    expect(png.status).toBe(200);
    expect(png.headers.get('x-vitrine-fallback')).toBe('paused');
    expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual({ w: 300, h: 250 });
    expect((await send(ACTOR_KEYS.approver, 'POST', '/v1/admin/campaigns/c-ct/archive')).status).toBe(200);
  });

  it('the audit trail holds every step', async () => {
    expect(await t().auditTrail('c-ct')).toEqual([
      'campaign.create by ed@example.com',
      'campaign.submit by ed@example.com',
      'campaign.approve by ap@example.com',
      'campaign.update by ed@example.com',
      'campaign.submit by ed@example.com',
      'campaign.approve by ap@example.com',
      'campaign.pause by ap@example.com',
      'campaign.archive by ap@example.com',
    ]);
  });
});

// Brand kit fonts on both runtimes: a WOFF (Latin) and a WOFF2 (Arabic) uploaded through the API,
// drawn in the PNG (takumi native on Node, WebAssembly on workerd), embedded in the HTML unit.
describe.each(['node', 'worker'] as const)('%s brand kit fonts', (name) => {
  const t = () => targets[name]!;
  const headers = (key: string, type = 'application/json') => ({ Authorization: `Bearer ${key}`, 'Content-Type': type });
  const fontFile = async (file: string) => new Uint8Array(await (await import('node:fs/promises')).readFile(new URL(`../../node_modules/@fontsource/${file}`, import.meta.url)));
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);

  it('serves creatives drawn and fitted with the uploaded WOFF and WOFF2 fonts, the HTML unit loading the same files', async () => {
    const kit = { id: 'bk-ct', name: 'Contract kit', colors: { primary: '#0f766e', secondary: '#99f6e4', text: '#111827', background: '#ffffff' }, cta: { shape: 'pill', background: '#111827', text: '#ffffff' } };
    expect((await get(t(), '/v1/admin/brand-kits', { method: 'POST', headers: headers(ADMIN_KEY), body: JSON.stringify(kit) })).status).toBe(201);
    const latin = await get(t(), '/v1/admin/brand-kits/bk-ct/fonts/latin?revision=1', { method: 'PUT', headers: headers(ADMIN_KEY, 'font/woff'), body: (await fontFile('noto-sans/files/noto-sans-latin-100-normal.woff')) as BodyInit });
    expect(latin.status, await latin.clone().text()).toBe(200);
    const arabic = await get(t(), '/v1/admin/brand-kits/bk-ct/fonts/arabic?revision=2', { method: 'PUT', headers: headers(ADMIN_KEY, 'font/woff2'), body: (await fontFile('noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2')) as BodyInit });
    expect(arabic.status, await arabic.clone().text()).toBe(200);
    const arabicUrl = ((await arabic.json()) as { asset: { url: string } }).asset.url;
    const doc = {
      id: 'c-ct-kit',
      name: 'Kit run',
      advertiser: 'Stride',
      adomain: 'stride.example',
      startsLocal: wall(Date.now() - 86_400_000),
      endsLocal: wall(Date.now() + 30 * 86_400_000),
      regions: ['SA-01'],
      selector: { categories: ['Shoes'] },
      fallback: { headline: { en: 'Run with Stride', ar: 'اركض مع سترايد' }, link: 'https://shop.vitrine.example/run' },
      optimization: 'rules',
      holdoutShare: 0,
      brandKitId: 'bk-ct',
      variants: [{ id: 'v-ct-kit', name: 'Hero', template: 'hero', copy: { en: { headline: 'New: {title}', cta: 'Shop' }, ar: { headline: 'أمسية بأناقة: {title}', cta: 'تسوق الآن' } }, prior: 0.05 }],
    };
    const created = await get(t(), '/v1/admin/campaigns', { method: 'POST', headers: headers(ACTOR_KEYS.editor), body: JSON.stringify(doc) });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await get(t(), '/v1/admin/campaigns/c-ct-kit/submit', { method: 'POST', headers: headers(ACTOR_KEYS.editor), body: JSON.stringify({ version: 1 }) })).status).toBe(200);
    expect((await get(t(), '/v1/admin/campaigns/c-ct-kit/approve', { method: 'POST', headers: headers(ACTOR_KEYS.approver), body: JSON.stringify({ version: 1 }) })).status).toBe(200);
    const creative = (lang: string, format: string) => get(t(), `/v1/creative?campaign=c-ct-kit&size=300x250&region=SA-01&lang=${lang}&format=${format}`);
    let png = await creative('ar', 'png');
    for (const until = Date.now() + 7000; png.status !== 200 && Date.now() < until; await new Promise((r) => setTimeout(r, 300))) png = await creative('ar', 'png');
    for (const lang of ['ar', 'en']) {
      const res = await creative(lang, 'png');
      expect(res.status, lang).toBe(200);
      expect(res.headers.get('x-vitrine-fallback'), lang).toBeNull();
      expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ w: 300, h: 250 });
    }
    const html = await creative('ar', 'html');
    const body = await html.text();
    // The Latin WOFF is small enough to travel inline; the Arabic WOFF2 is linked from its content-addressed URL.
    expect(body).toMatch(/@font-face\{font-family:'kit-[^']+';src:url\('data:font\/woff;base64,/);
    expect(body).toContain(`src:url('${t().url}${arabicUrl}') format('woff2')`);
    expect(html.headers.get('content-security-policy')).toContain(`font-src data: ${t().url};`);
    const font = await get(t(), arabicUrl);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('cache-control')).toContain('immutable');
  }, 120_000);
});
