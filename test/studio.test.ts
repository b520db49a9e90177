// The studio through app.request(): sign-in, pages in English and Arabic, the tearsheet under a
// simulated cart abandoner (no live data touched), shared links that expire, reports and CSV,
// promos with field errors, feed upload with rejected rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { studioKeys, arabicOf } from '../src/studio/i18n.ts';
import { ADMIN_KEY, demoApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

let v: NodeVitrine;
let cookie = '';
const ORIGIN = 'http://localhost';

async function get(path: string, headers: Record<string, string> = {}) {
  return v.app.request(`${ORIGIN}${path}`, { headers: { Cookie: cookie, ...headers } });
}
async function postForm(path: string, form: Record<string, string | string[]>, extra: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, val] of Object.entries(form)) for (const x of Array.isArray(val) ? val : [val]) body.append(k, x);
  return v.app.request(`${ORIGIN}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie, ...extra } });
}
async function cartProduct(): Promise<string> {
  const res = await v.app.request(`${ORIGIN}/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=json&seed=1&variant=v-ws-default`);
  return ((await res.json()) as { decision: { products: Array<{ id: string }> } }).decision.products[0]!.id;
}

beforeAll(async () => {
  v = await demoApp(NOW);
});
afterAll(async () => v.close());

describe('studio sign-in', () => {
  it('sends a signed-out visitor to sign-in and back to the page asked for', async () => {
    const res = await get('/studio/campaigns?status=active');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/studio/signin?next=%2Fstudio%2Fcampaigns%3Fstatus%3Dactive');
  });

  it('refuses a wrong key: the form comes back with the problem and no session', async () => {
    const res = await postForm('/studio/signin', { key: 'nope', next: '/studio/campaigns' });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect(await res.text()).toContain('That key is not valid.');
  });

  it('signs in by email and password through the accounts API only: a wrong pair (or no accounts API) gives no session', async () => {
    const res = await postForm('/studio/signin', { email: 'ann@example.com', password: 'not the password', next: '/studio/campaigns' });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect(await res.text()).toMatch(/role="alert" id="signin-error">(That email and password do not match|Sign-in with email is not available)/);
  });

  it('refuses a cross-site form post', async () => {
    const res = await postForm('/studio/signin', { key: ADMIN_KEY, next: '/studio/campaigns' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('signs in with the admin key into an HttpOnly SameSite=Strict session and redirects only inside the studio', async () => {
    const res = await postForm('/studio/signin', { key: ADMIN_KEY, next: 'https://evil.example/x' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/studio/campaigns');
    const set = res.headers.get('Set-Cookie')!;
    expect(set).toMatch(/vitrine_studio=[^;]+/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    cookie = set.split(';')[0]!;
  });

  it('treats a tampered session as signed out', async () => {
    const res = await get('/studio/campaigns', { Cookie: cookie.slice(0, -2) + 'xx' });
    expect(res.status).toBe(302);
  });
});

describe('studio pages', () => {
  it('lists campaigns with status, flight in local time, regions and a 7-day sparkline; filters by brand', async () => {
    const res = await get('/studio/campaigns');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('Winter style');
    expect(html).toContain('(Asia/Riyadh)');
    expect(html).toMatch(/<svg class="spark"[^>]*aria-label="0 impressions/);
    const filtered = await (await get('/studio/campaigns?brand=Nord%20%26%20Co')).text();
    expect(filtered).toContain('Winter style');
    expect(filtered).not.toContain('Tech deals</a>');
  });

  it('shows pre-flight results on the campaign page (the demo passes them)', async () => {
    const html = await (await get('/studio/campaigns/c-winter-style')).text();
    expect(html).toContain('Pre-flight checks');
    // Text fit is checked too (the demo's long copy is shortened in small sizes: warnings), but nothing blocks.
    expect(html).toContain('data-blocking="0"');
  });

  it('shows an unknown campaign as a page to a browser and as JSON to a script', async () => {
    const page = await get('/studio/campaigns/nope', { Accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('campaign: unknown campaign &quot;nope&quot;');
    const json = await get('/studio/campaigns/nope/report.csv');
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: { field: string } }).error.field).toBe('campaign');
  });

  it('switches to Arabic, right to left, and every studio phrase has an Arabic form', async () => {
    const sw = await get('/studio/lang?to=ar&back=%2Fstudio%2Fcampaigns');
    expect(sw.status).toBe(302);
    expect(sw.headers.get('Location')).toBe('/studio/campaigns');
    const langCookie = sw.headers.get('Set-Cookie')!.split(';')[0]!;
    const html = await (await get('/studio/campaigns', { Cookie: `${cookie}; ${langCookie}` })).text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('الحملات');
    expect(studioKeys().filter((k) => !arabicOf(k))).toEqual([]);
  });

  it('serves the chart library and its own assets from the app (no CDN)', async () => {
    const js = await get('/studio/assets/uplot.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('Content-Type')).toContain('javascript');
    expect(await js.text()).toContain('uPlot');
    expect((await get('/studio/assets/studio.css')).status).toBe(200);
    expect((await get('/studio/assets/nope.js')).status).toBe(404);
    const page = await (await get('/studio/campaigns/c-winter-style/report')).text();
    expect(page).not.toMatch(/(src|href)="https?:\/\//);
  });
});

describe('tearsheet', () => {
  it('decides every region × shopper cell with the engine: a simulated cart abandoner gets the cart variant, an anonymous one does not', async () => {
    const item = await cartProduct();
    const q = new URLSearchParams([['region', 'SA-01'], ['region', 'US-CA'], ['shopper', 'none'], ['shopper', 'cart'], ['cart_item', item], ['size', '300x250'], ['size', '320x50'], ['at', '2026-11-24T19:00']]);
    const res = await get(`/studio/campaigns/c-winter-style/tearsheet?${q}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const sections = html.split('<section class="scenario"').slice(1);
    expect(sections).toHaveLength(4);
    // Order: SA none, SA cart, US none, US cart.
    expect(sections[0]).toContain('SA-01');
    expect(sections[0]).toContain('2026-11-24 19:00 (Asia/Riyadh)');
    expect(sections[2]).toContain('(America/Los_Angeles)');
    // The cart variant qualifies only for the simulated cart abandoner, who is shown the cart item.
    for (const i of [0, 2]) expect(sections[i]).toMatch(/Cart reminder: <span[^>]*>v-ws-cart needs segment/);
    for (const i of [1, 3]) {
      expect(sections[i]).toMatch(/Cart reminder: (eligible|wins)/);
      expect(sections[i]).toContain(`with ${item}`);
    }
    // The simulated shopper left nothing behind.
    expect(await v.store.getProfile('studio-simulated-shopper', new Date(NOW).toISOString())).toBeNull();
    // Each cell's image is the engine's PNG for that cell.
    const src = /<img src="([^"]+\/1\/300x250\.png)"/.exec(sections[1]!)![1]!;
    const img = await get(src.replace(/&amp;/g, '&'));
    expect(img.status).toBe(200);
    expect(img.headers.get('Content-Type')).toBe('image/png');
    const bytes = new Uint8Array(await img.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });

  it('without consent the cart abandoner is not personalized', async () => {
    const item = await cartProduct();
    const html = await (await get(`/studio/campaigns/c-winter-style/tearsheet?region=SA-01&shopper=cart&cart_item=${item}&consent=0&size=300x250`)).text();
    expect(html).toContain('Consent: Not granted');
    expect(html).toMatch(/Cart reminder: <span[^>]*>v-ws-cart needs segment/);
  });

  it('a simulated stock of 0 takes a product out; live stock is unchanged', async () => {
    const item = await cartProduct();
    const before = await v.store.getInventory(item);
    const html = await (await get(`/studio/campaigns/c-winter-style/tearsheet?region=SA-01&shopper=cart&cart_item=${item}&size=300x250&stock=${encodeURIComponent(`${item}=0`)}`)).text();
    expect(html).not.toContain(`with ${item}`);
    expect(await v.store.getInventory(item)).toEqual(before);
  });

  it('shows a field error for a bad stock line instead of a page of JSON', async () => {
    const res = await get('/studio/campaigns/c-winter-style/tearsheet?stock=garbage');
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toContain('stock: expected');
  });

  it('shares a signed read-only link that works signed out, refuses tampering and expires', async () => {
    const html = await (await get('/studio/campaigns/c-winter-style/tearsheet?region=AE-DU&size=300x250&share=1')).text();
    const url = /id="share-url">([^<]+)</.exec(html)![1]!;
    const path = new URL(url).pathname;
    const shared = await v.app.request(`${ORIGIN}${path}`);
    expect(shared.status).toBe(200);
    const body = await shared.text();
    expect(body).toContain('Shared read-only tearsheet');
    expect(body).not.toContain('name="share"');
    expect(body).not.toContain('Sign out');
    expect((await v.app.request(`${ORIGIN}${path.slice(0, -3)}abc`)).status).toBe(410);
    const later = await demoApp(NOW + 2 * 86_400_000);
    try {
      expect((await later.app.request(`${ORIGIN}${path}`)).status).toBe(410);
    } finally {
      await later.close();
    }
  });
});

describe('reports', () => {
  it('charts recorded impressions and clicks, exports CSV of each table', async () => {
    const res = await v.app.request(`${ORIGIN}/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=json&seed=5`);
    const j = (await res.json()) as { urls: { impression: string; click: string } };
    await v.app.request(j.urls.impression);
    await v.app.request(j.urls.click);
    await v.flush();
    const html = await (await get('/studio/campaigns/c-winter-style/report?days=7')).text();
    const data = JSON.parse(/<script type="application\/json" id="chart-data">([^<]+)<\/script>/.exec(html)![1]!) as { volume: { y: number[][] } };
    expect(data.volume.y[0]!.reduce((a, b) => a + b, 0)).toBe(1);
    expect(data.volume.y[1]!.reduce((a, b) => a + b, 0)).toBe(1);
    expect(html).toContain('data-dim="daypart"');
    // Every variant has a chance of being best (the ones never shown too); the chances add up to 1.
    const best = html.split('data-dim="best"')[1]!.split('</table>')[0]!;
    const shares = [...best.matchAll(/<\/th><td>([\d.]+)%<\/td>/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength((await v.configCache.get()).bundleById.get("c-winter-style")!.variants.length);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    const csv = await get('/studio/campaigns/c-winter-style/report.csv?by=region&days=7');
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^region,impressions,clicks/);
    expect(lines.some((l) => l.startsWith('SA-01,1,1,'))).toBe(true);
    // Day part comes from the decision's learning bucket: 18:00 in Riyadh is evening.
    const dp = (await (await get('/studio/campaigns/c-winter-style/report.csv?by=daypart&days=7')).text()).split('\r\n');
    expect(dp[0]).toMatch(/^daypart,/);
    expect(dp.some((l) => l.startsWith('evening,1,1,'))).toBe(true);
  });
});

describe('catalog and promos', () => {
  it('lists products with stock by region and finds them by search', async () => {
    const item = await cartProduct();
    const html = await (await get(`/studio/catalog?q=${encodeURIComponent(item)}`)).text();
    expect(html).toContain(item);
    expect(html).toMatch(/SA-01<\/span>: \d/);
  });

  it('imports a feed uploaded by the studio and lists every rejected row', async () => {
    const tsv = 'id\ttitle\tdescription\tlink\timage_link\tavailability\tprice\nnew-1\tNew coat\tWarm\thttps://shop.example.com/n1\thttps://shop.example.com/n1.png\tin_stock\t10.00 USD\nbad-1\t\tx\tnot a url\t\tin_stock\tabc\n';
    const res = await v.app.request(`${ORIGIN}/studio/catalog/feed?kind=products`, { method: 'POST', body: tsv, headers: { 'Content-Type': 'text/tab-separated-values', Origin: ORIGIN, Cookie: cookie } });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { inserted: number; rejected: number; problems: Array<{ line: number; field: string }> };
    expect(s.inserted).toBe(1);
    expect(s.rejected).toBe(1);
    expect(s.problems.every((p) => p.line === 3)).toBe(true);
  });

  it('creates a promo, shows its window in each region’s zone, and shows field errors next to the fields', async () => {
    const bad = await postForm('/studio/promos', { id: 'p-studio', name: '', regions: ['SA-01'], startsLocal: '2026-12-01T10:00', endsLocal: '2026-12-01T09:00', kind: 'percent', value: '150', copy_en: 'Big sale' });
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="p-value-error">[^<]+</);
    expect(badHtml).toMatch(/id="p-startsLocal-error">must be before endsLocal</);
    expect(await v.store.getPromo('p-studio')).toBeNull();
    const ok = await postForm('/studio/promos', { id: 'p-studio', name: 'Studio sale', regions: ['SA-01', 'US-CA'], startsLocal: '2026-12-01T10:00', endsLocal: '2026-12-02T10:00', kind: 'percent', value: '15', copy_en: 'Sale', copy_ar: 'تخفيضات' });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('Promo saved.');
    expect(html).toContain('SA-01: 2026-12-01 10:00 → 2026-12-02 10:00 (Asia/Riyadh) = 2026-12-01 07:00 → 2026-12-02 07:00 UTC');
    expect(html).toContain('(America/Los_Angeles) = 2026-12-01 18:00 → 2026-12-02 18:00 UTC');
    expect((await v.store.getPromo('p-studio'))?.copy.ar).toBe('تخفيضات');
  });
});
