// A small, fully controlled catalog for route tests: every number here is asserted somewhere.
import type { Campaign, InventoryLevel, Product, Promo, Region, Variant } from '../../src/domain/types.ts';
import type { SeedData } from '../../src/storage/port.ts';

/** Tuesday 2026-11-24 15:00 UTC = 18:00 in Riyadh and Dubai+1, 15:00 in London. */
export const NOW = Date.parse('2026-11-24T15:00:00Z');

export const REGIONS: Region[] = [
  { code: 'SA-01', country: 'SA', name: { en: 'Riyadh', ar: 'الرياض' }, tz: 'Asia/Riyadh', currency: 'SAR', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'AE-DU', country: 'AE', name: { en: 'Dubai', ar: 'دبي' }, tz: 'Asia/Dubai', currency: 'AED', defaultLang: 'ar', weekend: [6, 0] },
  { code: 'GB-LND', country: 'GB', name: { en: 'London', ar: 'لندن' }, tz: 'Europe/London', currency: 'GBP', defaultLang: 'en', weekend: [6, 0] },
];

export function product(id: string, over: Partial<Product> = {}): Product {
  return {
    id,
    title: `Trail Runner ${id}`,
    description: 'A light running shoe.',
    link: `https://shop.example.com/p/${id}?ref=feed`,
    imageLink: `https://shop.example.com/img/${id}.png`,
    availability: 'in_stock',
    price: 100,
    currency: 'USD',
    salePrice: null,
    saleStart: null,
    saleEnd: null,
    brand: 'Stride',
    gtin: null,
    productType: 'Shoes > Running',
    googleProductCategory: null,
    category: 'Shoes',
    customLabels: [null, null, null, null, null],
    margin: 0.4,
    returnRate: 0.1,
    i18n: { ar: { title: `حذاء جري ${id}` } },
    createdAt: '2025-01-01T00:00:00Z',
    ...over,
  };
}

export const CAMPAIGN: Campaign = {
  id: 'c-run',
  name: 'Run season',
  advertiser: 'Stride',
  advertiserDomain: 'stride.example',
  status: 'active',
  startsAt: '2026-11-01T00:00:00Z',
  endsAt: '2026-12-31T00:00:00Z',
  regions: ['SA-01', 'AE-DU', 'GB-LND'],
  sizes: [],
  placements: ['pl-home'],
  selector: { categories: ['Shoes'] },
  fallback: { headline: { en: 'Run with Stride', ar: 'اركض مع سترايد' }, link: 'https://shop.example.com/' },
  defaultVariantId: 'v-default',
  lowStockThreshold: 3,
  frequencyCap: null,
  bidCpm: 2.5,
  iabCategories: ['IAB18'],
  deals: ['deal-stride-q4'],
  brandColor: '#0f766e',
  // These fixtures test rules (stock, promos, context); learning has its own tests.
  optimization: 'rules',
  holdoutShare: 0,
};

const copy = (en: string, ar: string) => ({ en: { headline: en, cta: 'Shop now' }, ar: { headline: ar, cta: 'تسوق الآن' } });

export const VARIANTS: Variant[] = [
  { id: 'v-default', campaignId: 'c-run', name: 'Default', template: 'hero', copy: copy('{title}', '{title}'), conditions: [], prior: 0.01 },
  { id: 'v-urgency', campaignId: 'c-run', name: 'Urgency', template: 'promo', copy: copy('Only {stock} left: {title}', 'بقي {stock} فقط: {title}'), conditions: [{ signal: 'low_stock', op: 'eq', value: true }], prior: 0.01 },
  { id: 'v-promo', campaignId: 'c-run', name: 'Regional discount', template: 'promo', copy: copy('{discount} off in {region}', 'خصم {discount} في {region}'), conditions: [{ signal: 'promo', op: 'eq', value: true }], prior: 0.01 },
  { id: 'v-rain', campaignId: 'c-run', name: 'Rain', template: 'carousel', copy: copy('Rain-ready picks', 'اختيارات للمطر'), conditions: [{ signal: 'weather', op: 'in', value: ['rain'] }], prior: 0.01 },
];

export const PRODUCTS: Product[] = [
  product('p1', { margin: 0.5 }),
  product('p2', { margin: 0.45, title: 'Evil <script>alert(1)</script> "Runner" & \'Co\'' }),
  product('p3', { margin: 0.3 }),
  product('p4', { margin: 0.2 }),
  product('p5', { margin: 0.6, category: 'Bags', productType: 'Bags' }),
];

export function inventory(at = '2026-11-24T00:00:00Z'): InventoryLevel[] {
  const rows: InventoryLevel[] = [];
  for (const p of PRODUCTS) for (const r of REGIONS) rows.push({ productId: p.id, region: r.code, storeCode: null, quantity: 50, updatedAt: at });
  return rows;
}

export function seedData(over: Partial<SeedData> = {}): SeedData {
  return { regions: REGIONS, products: PRODUCTS, inventory: inventory(), promos: [] as Promo[], campaigns: [CAMPAIGN], variants: VARIANTS, assets: [], ...over };
}
