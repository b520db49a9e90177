// Local prices beyond the demo's regions: Kuwait (KWD, three minor digits, Arabic-Indic digits),
// and Qatar with no rate set (the feed's currency, and the trace says why), read the same in the
// decision JSON, the fit report of the PNG, the PNG, WebP and SVG pixels, the HTML unit, the VAST
// overlay's HTMLResource and the Native 1.2 price assets.
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '../src/domain/types.ts';
import { nativeResponse, parseNativeRequest } from '../src/render/native.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { CAMPAIGN, inventory, NOW, PRODUCTS, product, REGIONS } from './helpers/fixture.ts';

const AT = new Date(NOW).toISOString();
const KW: Region = { code: 'KW-KU', country: 'KW', name: { en: 'Kuwait City', ar: 'مدينة الكويت' }, tz: 'Asia/Kuwait', currency: 'KWD', locale: 'ar-KW', digits: 'arab', defaultLang: 'ar', weekend: [5, 6] };
const QA: Region = { code: 'QA-DA', country: 'QA', name: { en: 'Doha', ar: 'الدوحة' }, tz: 'Asia/Qatar', currency: 'QAR', locale: 'ar-QA', digits: 'latn', defaultLang: 'ar', weekend: [5, 6] };
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let v: NodeVitrine;
beforeAll(async () => {
  const regions = [...REGIONS, KW, QA];
  // One product on sale (100 → 80 USD): a struck price and a discount to carry through.
  const products = [product('p1', { margin: 0.9, salePrice: 80 }), ...PRODUCTS.slice(1)];
  const stock = [...inventory(), ...products.flatMap((p) => [KW, QA].map((r) => ({ productId: p.id, region: r.code, storeCode: null, quantity: 50, updatedAt: '2026-11-24T00:00:00Z' })))];
  v = await fixtureApp({ seed: { regions, products, inventory: stock, campaigns: [{ ...CAMPAIGN, regions: regions.map((r) => r.code) }] } });
  const rates = await v.app.request('/v1/admin/rates', { method: 'PUT', headers: admin, body: JSON.stringify({ rates: [{ from: 'USD', to: 'KWD', rate: 0.3075, date: '2026-11-23' }] }) });
  expect(rates.status).toBe(200);
}, 60_000);

async function outputs(region: string, lang: 'en' | 'ar') {
  const q = `campaign=c-run&region=${region}&lang=${lang}&variant=v-default&seed=1&at=${AT}`;
  const j = (await (await v.app.request(`/v1/creative?${q}&size=300x250&format=json`, { headers: admin })).json()) as any;
  const bytes = async (format: string) => {
    const res = await v.app.request(`/v1/creative?${q}&size=300x250&format=${format}`);
    expect(res.status, format).toBe(200);
    expect(res.headers.get('x-vitrine-fallback'), format).toBeNull();
    return new Uint8Array(await res.arrayBuffer());
  };
  const [png, webp, svg, html] = await Promise.all([bytes('png'), bytes('webp'), bytes('svg'), bytes('html')]);
  const vast = await (await v.app.request(`/v1/vast?${q}`)).text();
  const req = parseNativeRequest({ ver: '1.2', assets: [{ id: 6, data: { type: 6 } }, { id: 7, data: { type: 7 } }] });
  const none = async () => '';
  const native = (await nativeResponse(req, { slots: j.slots, clickUrl: 'https://x.test/c', impressionUrl: 'https://x.test/i', privacyUrl: 'https://x.test/p', assets: { mainImage: none, icon: none } })) as { assets: Array<{ id: number; data: { value: string } }> };
  return { j, png, webp, svg, html: new TextDecoder().decode(html), vast, native };
}

/** Share of pixels that differ between two renders of one creative (pixelmatch threshold 0.1). */
async function differ(a: Uint8Array, b: Uint8Array): Promise<number> {
  const raw = async (x: Uint8Array) => new Uint8Array(await sharp(x, { density: 72 }).resize(300, 250).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer());
  const [ra, rb] = await Promise.all([raw(a), raw(b)]);
  return pixelmatch(ra, rb, undefined, 300, 250, { threshold: 0.1 }) / (300 * 250);
}

describe('Kuwait: KWD with three minor digits', () => {
  it.each(['en', 'ar'] as const)('%s: the same price, struck price and discount in every output', async (lang) => {
    const o = await outputs('KW-KU', lang);
    const price = o.j.decision.products[0].price;
    expect(price).toMatchObject({ currency: 'KWD', regular: 30.75, final: 24.6 });
    const slot = o.j.slots.products[0] as { price: string; regularPrice: string; badge: string };
    // Three decimals, in the region's digits for Arabic (Arabic-Indic) and Latin digits in English;
    // a no-break space (as Intl writes it) keeps amount and currency on one line.
    expect({ price: slot.price, regular: slot.regularPrice, badge: slot.badge }).toEqual(
      lang === 'en' ? { price: 'KWD\u00a024.600', regular: 'KWD\u00a030.750', badge: '-20%' } : { price: '٢٤٫٦٠٠\u00a0د.ك.', regular: '٣٠٫٧٥٠\u00a0د.ك.', badge: 'خصم ٢٠٪' },
    );
    expect(o.j.trace.find((t: { rule: string }) => t.rule === 'price_converted').detail).toContain('at 0.3075, rate of 2026-11-23');
    // The PNG's fit report: the price and the struck price drawn whole.
    const fit = o.j.fit.fields as Array<{ field: string; shown: string; truncated: boolean }>;
    expect(fit.find((f) => f.field === 'price')).toMatchObject({ shown: slot.price, truncated: false });
    expect(fit.find((f) => f.field === 'regular_price')).toMatchObject({ shown: slot.regularPrice, truncated: false });
    // WebP and SVG draw what the PNG draws (lossy WebP and resvg's anti-aliasing aside).
    expect(await differ(o.png, o.webp)).toBeLessThan(0.02);
    expect(await differ(o.png, o.svg)).toBeLessThan(0.03);
    expect(o.html).toContain(`>${escaped(slot.price)}<`);
    expect(o.html).toMatch(new RegExp(`line-through[^>]*>${escaped(slot.regularPrice).replace(/[.$]/g, '\\$&')}<`));
    const resource = /<HTMLResource><!\[CDATA\[([\s\S]*?)\]\]><\/HTMLResource>/.exec(o.vast)?.[1] ?? '';
    expect(resource).toContain(`>${escaped(slot.price)}<`);
    expect(o.native.assets.find((a) => a.id === 6)?.data.value).toBe(slot.regularPrice);
    expect(o.native.assets.find((a) => a.id === 7)?.data.value).toBe(slot.price);
  }, 120_000);
});

describe('Doha: no USD→QAR rate', () => {
  it.each(['en', 'ar'] as const)('%s: the feed currency everywhere, and the trace says why', async (lang) => {
    const o = await outputs('QA-DA', lang);
    expect(o.j.decision.products[0].price).toMatchObject({ currency: 'USD', regular: 100, final: 80 });
    const why = o.j.trace.find((t: { rule: string }) => t.rule === 'rate_missing');
    expect(why.detail).toBe('p1 shown in USD, not QAR: no rate from USD to QAR in the rate table (set one at PUT /v1/admin/rates)');
    const slot = o.j.slots.products[0] as { price: string; regularPrice: string };
    expect(slot.price).toMatch(lang === 'en' ? /^(USD|US\$|\$)\s?80\.00$/ : /^80\.00\u00a0USD$/);
    expect(o.html).toContain(`>${escaped(slot.price)}<`);
    const resource = /<HTMLResource><!\[CDATA\[([\s\S]*?)\]\]><\/HTMLResource>/.exec(o.vast)?.[1] ?? '';
    expect(resource).toContain(`>${escaped(slot.price)}<`);
    expect(o.native.assets.find((a) => a.id === 7)?.data.value).toBe(slot.price);
    expect(await differ(o.png, o.svg)).toBeLessThan(0.03);
  }, 120_000);
});
