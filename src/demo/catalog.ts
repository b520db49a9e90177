// A generated, deterministic catalog: products in Merchant Center terms, stock per region (and a
// few stores), promos and campaigns. The demo store and the benchmark's 100k store both use it.
import { seededRng, type Rng } from '../domain/rng.ts';
import type { Campaign, InventoryLevel, Product, Promo, Region, Variant } from '../domain/types.ts';
import type { SeedData } from '../storage/port.ts';
import { demoCampaigns, demoPromos } from './campaigns.ts';
import { productImageSvg } from './images.ts';
import { DEMO_REGIONS, demoRates } from './regions.ts';
import { CATEGORIES, COLOURS } from './words.ts';

export { DEMO_REGIONS };

export interface CatalogSpec {
  products: number;
  /** Campaigns beyond the hand-written demo ones are generated. */
  campaigns: number;
  variantsPerCampaign: number;
  promos: number;
  seed: number;
  now: Date;
}

export interface GeneratedCatalog extends Omit<SeedData, 'assets'> {
  /** Product photos to rasterize, keyed by image_link. */
  images: Array<{ key: string; svg: string }>;
}

const DAY = 86_400_000;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;

function product(i: number, rng: Rng, now: Date): Product {
  const cat = CATEGORIES[i % CATEGORIES.length]!;
  const [noun, nounAr, gender] = pick(rng, cat.nouns);
  const [adj, adjM, adjF] = pick(rng, cat.adjectives);
  const [colour, colourM, colourF] = pick(rng, COLOURS);
  // Arabic adjectives agree with the noun: حقيبة ظهر قماشية حمراء, حذاء جري خفيف أحمر.
  const [adjAr, colourAr] = gender === 'f' ? [adjF, colourF] : [adjM, colourM];
  const brand = pick(rng, cat.brands);
  const id = `p${String(i + 1).padStart(4, '0')}`;
  const price = Math.round(cat.price[0] + rng.next() * (cat.price[1] - cat.price[0])) - 0.01;
  const onSale = rng.next() < 0.15;
  const roll = rng.next();
  const sub = pick(rng, cat.subs);
  return {
    id,
    title: `${brand} ${adj} ${noun}, ${colour}`,
    description: `${adj} ${noun.toLowerCase()} by ${brand} in ${colour.toLowerCase()}.`,
    link: `https://shop.vitrine.example/p/${id}`,
    imageLink: `https://shop.vitrine.example/img/${id}.png`,
    availability: roll < 0.02 ? 'out_of_stock' : roll < 0.04 ? 'preorder' : 'in_stock',
    price,
    currency: 'USD',
    salePrice: onSale ? round2(price * (0.7 + rng.next() * 0.2)) : null,
    saleStart: onSale ? new Date(now.getTime() - 3 * DAY).toISOString() : null,
    saleEnd: onSale ? new Date(now.getTime() + (rng.next() < 0.5 ? 4 : -1) * DAY).toISOString() : null,
    brand,
    gtin: String(4_000_000_000_000 + i * 7919).padStart(13, '0'),
    productType: `${cat.name} > ${sub}`,
    googleProductCategory: cat.google,
    category: cat.name,
    customLabels: [pick(rng, ['winter', 'all-season', 'summer']), null, null, null, null],
    margin: round2(0.1 + rng.next() * 0.5),
    returnRate: round2(rng.next() * 0.3),
    i18n: { ar: { title: `${nounAr} ${adjAr} ${colourAr} من ${brand}` } },
    createdAt: new Date(now.getTime() - (rng.next() < 0.1 ? rng.next() * 14 : 30 + rng.next() * 300) * DAY).toISOString(),
  };
}

function stock(p: Product, regions: Region[], rng: Rng, at: string): InventoryLevel[] {
  const out: InventoryLevel[] = [];
  for (const r of regions) {
    const roll = rng.next();
    const quantity = p.availability === 'out_of_stock' || roll < 0.1 ? 0 : roll < 0.25 ? 1 + Math.floor(rng.next() * 5) : 6 + Math.floor(rng.next() * 195);
    out.push({ productId: p.id, region: r.code, storeCode: null, quantity, updatedAt: at });
    // Store-level rows for the Gulf flagships (local inventory feed).
    if ((r.code === 'SA-01' || r.code === 'AE-DU') && rng.next() < 0.1) out.push({ productId: p.id, region: r.code, storeCode: r.code === 'SA-01' ? 'RUH-01' : 'DXB-01', quantity: Math.floor(quantity / 3), updatedAt: at });
  }
  return out;
}

function extraPromos(n: number, regions: Region[], rng: Rng, now: Date): Promo[] {
  return Array.from({ length: n }, (_, i) => {
    const region = pick(rng, regions);
    const start = new Date(now.getTime() + (rng.next() * 20 - 10) * DAY).toISOString().slice(0, 16);
    const end = new Date(Date.parse(`${start}:00Z`) + (1 + rng.next() * 10) * DAY).toISOString().slice(0, 16);
    return {
      id: `pr-gen-${i}`,
      name: `Generated promo ${i}`,
      regions: [region.code],
      startsLocal: start,
      endsLocal: end,
      discount: { kind: 'percent', value: 5 + Math.floor(rng.next() * 30) },
      selector: { categories: [pick(rng, CATEGORIES).name] },
      code: null,
      priority: Math.floor(rng.next() * 10),
      copy: { en: '{discount} off in {region}', ar: 'خصم {discount} في {region}' },
    } satisfies Promo;
  });
}

function extraCampaigns(n: number, perCampaign: number, template: Campaign, base: Variant[], rng: Rng): { campaigns: Campaign[]; variants: Variant[] } {
  const campaigns: Campaign[] = [];
  const variants: Variant[] = [];
  for (let i = 0; i < n; i++) {
    const id = `c-gen-${i}`;
    const cats = [pick(rng, CATEGORIES).name, pick(rng, CATEGORIES).name];
    campaigns.push({ ...template, id, name: `Generated ${i}`, selector: { categories: [...new Set(cats)] }, placements: [`pl-gen-${i % 5}`], defaultVariantId: `${id}-v0` });
    for (let j = 0; j < perCampaign; j++) {
      const b = base[j % base.length]!;
      variants.push({ ...b, id: `${id}-v${j}`, campaignId: id });
    }
  }
  return { campaigns, variants };
}

export function generateCatalog(spec: CatalogSpec, opts: { images?: boolean } = {}): GeneratedCatalog {
  const rng = seededRng(spec.seed);
  const regions = DEMO_REGIONS;
  const at = spec.now.toISOString();
  const products = Array.from({ length: spec.products }, (_, i) => product(i, rng, spec.now));
  const inventory = products.flatMap((p) => stock(p, regions, rng, at));
  const demo = demoCampaigns(spec.now, regions);
  const handPromos = demoPromos(spec.now, regions);
  const extraC = Math.max(0, spec.campaigns - demo.campaigns.length);
  // Generated campaigns make up the variant total the spec asks for (campaigns × variantsPerCampaign).
  const perExtra = extraC > 0 ? Math.max(1, Math.ceil((spec.campaigns * spec.variantsPerCampaign - demo.variants.length) / extraC)) : 0;
  const gen = extraCampaigns(extraC, perExtra, demo.campaigns[0]!, demo.variants.filter((v) => v.campaignId === 'c-winter-style'), rng);
  const promos = [...handPromos, ...extraPromos(Math.max(0, spec.promos - handPromos.length), regions, rng, spec.now)];
  const images = opts.images === false ? [] : products.map((p) => ({ key: p.imageLink, svg: productImageSvg(p, spec.seed) }));
  const stores = [
    { code: 'RUH-01', region: 'SA-01', name: 'Riyadh flagship' },
    { code: 'DXB-01', region: 'AE-DU', name: 'Dubai Mall' },
  ];
  return { regions, products, inventory, promos, campaigns: [...demo.campaigns, ...gen.campaigns], variants: [...demo.variants, ...gen.variants], stores, images, rates: demoRates(spec.now) };
}

/** The store `npm start` loads into an empty database. */
export function demoCatalog(now: Date): GeneratedCatalog {
  return generateCatalog({ products: 240, campaigns: 3, variantsPerCampaign: 6, promos: 8, seed: 2026, now });
}
