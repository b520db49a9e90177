// One decision's price, struck price and discount read the same in every output: the PNG (its
// fit report lays out the very tree the PNG is drawn from), the HTML unit, the VAST overlay's
// HTMLResource and the Native 1.2 price assets, in Riyadh (SAR, Arabic-Indic digits) and Dubai
// (AED, Latin digits), in English and Arabic.
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeResponse, parseNativeRequest } from '../src/render/native.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, demoApp } from './helpers/app.ts';

const AT = '2026-11-30T16:00:00Z';
let v: NodeVitrine;
beforeAll(async () => {
  v = await demoApp(Date.parse(AT));
}, 60_000);

const CASES = [
  { region: 'SA-01', currency: 'SAR', campaign: 'c-winter-style', variant: 'v-ws-promo' },
  { region: 'AE-DU', currency: 'AED', campaign: 'c-tech-deals', variant: 'v-td-promo' },
] as const;

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ARABIC_DIGITS = /[٠-٩]/;

describe.each(CASES)('$region: price, struck price and discount', ({ region, currency, campaign, variant }) => {
  it.each(['en', 'ar'] as const)('%s: identical in PNG, HTML, VAST and native', async (lang) => {
    const q = `campaign=${campaign}&region=${region}&variant=${variant}&lang=${lang}&seed=7&at=${AT}`;
    const res = await v.app.request(`/v1/creative?${q}&size=300x600&format=json`, { headers: admin });
    expect(res.status).toBe(200);
    const j = (await res.json()) as any;
    expect(j.decision.variant.id ?? j.decision.variant).toBe(variant);
    const price = j.decision.products[0].price;
    expect(price.currency).toBe(currency);
    const slot = j.slots.products[0] as { price: string; regularPrice: string | null; badge: string | null };
    expect(slot.regularPrice, 'a discounted product').toBeTruthy();
    const pct = Math.round((1 - price.final / price.regular) * 100);
    expect(pct).toBeGreaterThan(0);
    // The badge states that discount, in the region's digits for Arabic.
    const digits = lang === 'ar' && region === 'SA-01' ? new Intl.NumberFormat('ar-SA-u-nu-arab').format(pct) : String(pct);
    expect(slot.badge).toContain(digits);
    if (lang === 'ar' && region === 'SA-01') expect(slot.price).toMatch(ARABIC_DIGITS);
    else expect(slot.price).not.toMatch(ARABIC_DIGITS);

    // PNG: the fit report of the tree the PNG is drawn from shows both prices and the badge whole.
    const fit = j.fit.fields as Array<{ field: string; shown: string; truncated: boolean }>;
    expect(fit.find((f) => f.field === 'price')?.shown).toBe(slot.price);
    expect(fit.find((f) => f.field === 'regular_price')).toMatchObject({ shown: slot.regularPrice, truncated: false });
    expect(fit.find((f) => f.field === 'badge')).toMatchObject({ shown: slot.badge, truncated: false });
    const png = await v.app.request(`/v1/creative?${q}&size=300x600&format=png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('x-vitrine-fallback')).toBeNull();

    // HTML: the same strings, the regular price struck through.
    const html = await (await v.app.request(`/v1/creative?${q}&size=300x600&format=html`)).text();
    expect(html).toContain(`>${escaped(slot.price)}<`);
    expect(html).toMatch(new RegExp(`line-through[^>]*>${escaped(slot.regularPrice!).replace(/[.$]/g, '\\$&')}<`));
    expect(html).toContain(`>${escaped(slot.badge!)}<`);

    // VAST: the overlay's HTMLResource (the lower-third the PNG overlay draws) says the same.
    const vast = await (await v.app.request(`/v1/vast?${q}`)).text();
    const resource = /<HTMLResource><!\[CDATA\[([\s\S]*?)\]\]><\/HTMLResource>/.exec(vast)?.[1] ?? '';
    expect(resource).toContain(`>${escaped(slot.price)}<`);
    expect(resource).toContain(`>${escaped(slot.badge!)}<`);
    if (resource.includes('line-through')) expect(resource).toContain(`>${escaped(slot.regularPrice!)}<`);

    // Native 1.2: price (6) is the regular price, saleprice (7) the final one, from the same slots.
    const req = parseNativeRequest({ ver: '1.2', assets: [{ id: 6, data: { type: 6 } }, { id: 7, data: { type: 7 } }] });
    const none = async () => '';
    const native = (await nativeResponse(req, { slots: j.slots, clickUrl: 'https://x.test/c', impressionUrl: 'https://x.test/i', privacyUrl: 'https://x.test/p', assets: { mainImage: none, icon: none } })) as { assets: Array<{ id: number; data: { value: string } }> };
    expect(native.assets.find((a) => a.id === 6)?.data.value).toBe(slot.regularPrice);
    expect(native.assets.find((a) => a.id === 7)?.data.value).toBe(slot.price);
  }, 120_000);
});
