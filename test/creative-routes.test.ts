// /v1/creative formats and sizes, caching, escaping, Arabic, tokens, bad input, admin auth.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { inventory } from './helpers/fixture.ts';

const SIZES = ['300x250', '728x90', '160x600', '320x50', '300x600', '970x250', '1920x1080'];
let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

const get = (q: string, init?: RequestInit) => v.app.request(`/v1/creative?campaign=c-run&${q}`, init);

describe('formats and sizes', () => {
  it.each(SIZES)('renders %s as PNG and WebP at exactly that size, and SVG with those dimensions', async (size) => {
    const [w, h] = size.split('x').map(Number);
    for (const format of ['png', 'webp'] as const) {
      const res = await get(`size=${size}&format=${format}&region=SA-01`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`image/${format}`);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, w, h]);
    }
    const svg = await get(`size=${size}&format=svg&region=GB-LND`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toMatch(new RegExp(`^<svg[^>]*width="${w}"[^>]*height="${h}"`));
  });

  it('returns a self-contained HTML unit with a signed buy button and an impression pixel', async () => {
    const res = await get('size=300x250&format=html&region=GB-LND&seed=9');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).toMatch(/<a [^>]*href="http:\/\/localhost\/c\/[\w-]{40,}"/);
    expect(html).toMatch(/<img src="http:\/\/localhost\/i\/[\w-]{40,}" width="1" height="1"/);
    expect(html).toContain('Shop now');
  });

  it('returns the decision, trace, slots and the URL of every format as JSON', async () => {
    // The trace (stock counts, scores) is for an internal reader: the admin key here.
    const res = await get('size=160x600&format=json&region=AE-DU&seed=4', { headers: admin });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { decision: { id: string; variant: string }; trace: unknown[]; slots: { size: { w: number } }; urls: Record<string, string> };
    expect(body.decision.id).toMatch(/^d_[0-9a-f]{16}$/);
    expect(body.trace.length).toBeGreaterThan(3);
    expect(body.slots.size.w).toBe(160);
    expect(Object.keys(body.urls).sort()).toEqual(['click', 'html', 'impression', 'json', 'png', 'scan', 'svg', 'webp']);
    // The png URL replays the same decision.
    const png = await v.app.request(body.urls.png!.replace('http://localhost', ''));
    expect(png.headers.get('x-vitrine-decision')).toBe(body.decision.id);
  });
});

describe('render cache and ETag', () => {
  it('serves a repeat request from the content-addressed cache and answers 304 to If-None-Match', async () => {
    const q = 'size=970x250&format=png&region=GB-LND&seed=11';
    const first = await get(q);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get(q.replace('seed=11', 'seed=12'));
    expect(again.headers.get('x-vitrine-cache')).toBe('hit');
    expect(again.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(await first.arrayBuffer()))).toBe(true);
    const cond = await get(q, { headers: { 'If-None-Match': etag } });
    expect(cond.status).toBe(304);
  });

  it('replays a fully specified request (seed and at) from the response cache until the data changes', async () => {
    const q = 'size=300x250&format=png&region=AE-DU&seed=21&at=2026-11-24T15:00:00Z';
    const first = await get(q);
    expect(first.headers.get('x-vitrine-cache')).not.toBe('replay');
    const again = await get(q);
    expect(again.headers.get('x-vitrine-cache')).toBe('replay');
    expect(again.headers.get('x-vitrine-decision')).toBe(first.headers.get('x-vitrine-decision'));
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(await first.arrayBuffer()))).toBe(true);
    const chosen = (await (await get(q.replace('format=png', 'format=json'))).json()) as { decision: { products: Array<{ id: string }> } };
    // Selling out the chosen product retires the replayed response at once.
    const sold = await v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify([{ product_id: chosen.decision.products[0]!.id, region: 'AE-DU', quantity: 0 }]) });
    expect(sold.status).toBe(200);
    const after = await get(q.replace('format=png', 'format=json'));
    expect(after.headers.get('x-vitrine-cache')).not.toBe('replay');
    const body = (await after.json()) as { decision: { products: Array<{ id: string }> } };
    expect(body.decision.products[0]!.id).not.toBe(chosen.decision.products[0]!.id);
    await v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify([{ product_id: chosen.decision.products[0]!.id, region: 'AE-DU', quantity: 50 }]) });
  });
});

describe('escaping and Arabic', () => {
  it('escapes a catalog title with <script> and quotes in the HTML unit', async () => {
    // Only p2, whose title is hostile, is in stock: the hero must show it.
    const only = await fixtureApp({ seed: { inventory: inventory().map((r) => ({ ...r, quantity: r.productId === 'p2' ? 9 : 0 })) } });
    const res = await only.app.request('/v1/creative?campaign=c-run&size=1920x1080&format=html&region=GB-LND');
    const html = await res.text();
    await only.close();
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;Runner&quot; &amp; &#39;Co&#39;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('renders Arabic right to left: dir=rtl in HTML, Arabic copy in the slots, a different image', async () => {
    const html = await (await get('size=300x250&format=html&region=SA-01&lang=ar&seed=1')).text();
    expect(html).toMatch(/<html[^>]*dir="rtl"/);
    expect(html).toContain('حذاء جري');
    const json = (await (await get('size=300x250&format=json&region=SA-01&seed=1')).json()) as { slots: { dir: string; lang: string; cta: string } };
    expect(json.slots).toMatchObject({ dir: 'rtl', lang: 'ar', cta: 'تسوق الآن' });
    const ar = await get('size=300x250&format=png&region=SA-01&lang=ar&seed=1');
    const en = await get('size=300x250&format=png&region=SA-01&lang=en&seed=1');
    expect(ar.headers.get('etag')).not.toBe(en.headers.get('etag'));
  });
});

describe('click and impression tokens', () => {
  async function clickUrl(): Promise<string> {
    const body = (await (await get('size=300x250&format=json&region=GB-LND&seed=21')).json()) as { urls: { click: string; impression: string } };
    return body.urls.click.replace('http://localhost', '');
  }

  it('redirects a valid click to the product with UTM tags and records the click', async () => {
    const url = await clickUrl();
    const res = await v.app.request(url);
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.origin + loc.pathname).toMatch(/^https:\/\/shop\.example\.com\/p\/p\d$/);
    expect(loc.searchParams.get('ref')).toBe('feed');
    expect(Object.fromEntries([...loc.searchParams].filter(([k]) => k.startsWith('utm_')))).toEqual({
      utm_source: 'vitrine',
      utm_medium: 'display',
      utm_campaign: 'c-run',
      utm_content: 'v-default',
    });
    await v.flush();
    expect(await v.store.countEvents({ type: 'click', campaignId: 'c-run' })).toBeGreaterThanOrEqual(1);
  });

  it('never redirects a tampered, unsigned or malformed token', async () => {
    const url = await clickUrl();
    const token = url.slice('/c/'.length);
    // Sealed (AES-GCM): flipping any byte of the ciphertext fails authentication.
    const bytes = Buffer.from(token, 'base64url');
    bytes[bytes.length - 20]! ^= 1;
    const forged = bytes.toString('base64url');
    const unsigned = Buffer.from(JSON.stringify({ k: 'c', d: 'd', c: 'c-run', v: null, p: null, r: 'GB-LND', u: 'https://evil.example/phish', t: 0 })).toString('base64url');
    for (const [path, status] of [
      [`/c/${forged}`, 404],
      [`/c/${unsigned}`, 404],
      [`/c/${token.slice(0, 40)}`, 404],
      ['/c/not-a-token', 400],
      [`/c/${token}.x`, 400],
    ] as const) {
      const res = await v.app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('location')).toBeNull();
    }
    // An impression token is not a click token.
    const imp = ((await (await get('size=300x250&format=json&region=GB-LND')).json()) as { urls: { impression: string } }).urls.impression;
    expect((await v.app.request(imp.replace('http://localhost/i/', '/c/'))).status).toBe(404);
    expect((await v.app.request(imp.replace('http://localhost', ''))).headers.get('content-type')).toBe('image/gif');
  });
});

describe('bad input', () => {
  it.each([
    ['size=301x250', 'size', '300x250'],
    ['size=300x250&format=gif', 'format', 'webp'],
    ['size=300x250&region=XX-99', 'region', 'SA-01'],
    ['size=300x250&lang=fr', 'lang', 'ar'],
  ])('%s → 400 naming the parameter and the accepted values', async (q, field, acceptedExample) => {
    const res = await get(q);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { field: string; accepted: string[]; message: string } };
    expect(body.error.field).toBe(field);
    expect(body.error.accepted).toContain(acceptedExample);
  });

  it('rejects an unknown time zone and names it', async () => {
    const res = await get('size=300x250&tz=Mars/Olympus');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('tz');
  });

  it('answers 404 JSON for an unknown campaign or placement', async () => {
    const a = await v.app.request('/v1/creative?campaign=nope&size=300x250');
    expect(a.status).toBe(404);
    expect(((await a.json()) as { error: { field: string } }).error.field).toBe('campaign');
    const b = await v.app.request('/v1/creative?placement=nope&size=300x250');
    expect(b.status).toBe(404);
    const ok = await v.app.request('/v1/creative?placement=pl-home&size=300x250&region=SA-01');
    expect(ok.status).toBe(200);
  });
});

describe('admin', () => {
  it('requires the bearer key', async () => {
    expect((await v.app.request('/v1/admin/campaigns')).status).toBe(401);
    expect((await v.app.request('/v1/admin/campaigns', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await v.app.request('/v1/admin/campaigns', { headers: admin });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { campaigns: Array<{ id: string; variants: unknown[] }> };
    expect(body.campaigns[0]).toMatchObject({ id: 'c-run' });
    expect(body.campaigns[0]!.variants).toHaveLength(4);
  });

  it('reads a product with its inventory by region', async () => {
    const res = await v.app.request('/v1/admin/products/p3', { headers: admin });
    const body = (await res.json()) as { product: { id: string }; inventory: Array<{ region: string; quantity: number }> };
    expect(body.product.id).toBe('p3');
    expect(body.inventory.map((i) => i.region).sort()).toEqual(['AE-DU', 'GB-LND', 'SA-01']);
    expect((await v.app.request('/v1/admin/products/zzz', { headers: admin })).status).toBe(404);
  });

  it('rejects a stock batch with any invalid row whole, listing every bad row, and writes nothing', async () => {
    const rows = [
      { product_id: 'p3', region: 'SA-01', quantity: 7 },
      { product_id: 'nope', region: 'SA-01', quantity: 1 },
      { product_id: 'p3', region: 'XX', quantity: 1 },
      { product_id: 'p4', region: 'SA-01', quantity: -2 },
    ];
    const res = await v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify(rows) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Array<{ row: number; field: string }> } };
    expect(body.error.details.map((d) => [d.row, d.field])).toEqual([
      [1, 'product_id'],
      [2, 'region'],
      [3, 'quantity'],
    ]);
    const inv = (await (await v.app.request('/v1/admin/products/p3', { headers: admin })).json()) as { inventory: Array<{ region: string; quantity: number }> };
    expect(inv.inventory.find((i) => i.region === 'SA-01')?.quantity).toBe(50);
  });
});

it('answers /healthz', async () => {
  const res = await v.app.request('/healthz');
  expect(res.status).toBe(200);
});
