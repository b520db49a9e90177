// The demo store `npm start` loads: its shape, its promos around "now", and the first-start seeding.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoCatalog, generateCatalog } from '../src/demo/catalog.ts';
import { productImageSvg } from '../src/demo/images.ts';
import { loadDemo } from '../src/demo/seed.ts';
import { localTime } from '../src/domain/time.ts';
import { standaloneAuthoring } from '../src/services/authoring/context.ts';
import { SqlAuditLog } from '../src/storage/audit-store.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { sharpRasterizer } from '../src/runtime/node/rasterizer.ts';
import { NOW } from './helpers/fixture.ts';

const now = new Date(NOW);

describe('demo catalog', () => {
  const cat = demoCatalog(now);
  it('has ≥200 products in ≥5 categories, stock in the six regions, ≥3 campaigns with several Arabic variants', () => {
    expect(cat.products.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cat.products.map((p) => p.category)).size).toBeGreaterThanOrEqual(5);
    expect(cat.regions.map((r) => r.code).sort()).toEqual(['AE-DU', 'DE-BE', 'EG-C', 'GB-LND', 'SA-01', 'US-CA']);
    const totals = cat.inventory.filter((l) => l.storeCode === null);
    expect(totals).toHaveLength(cat.products.length * 6);
    expect(cat.inventory.some((l) => l.storeCode !== null)).toBe(true);
    expect(totals.some((l) => l.quantity === 0)).toBe(true);
    expect(totals.some((l) => l.quantity > 0 && l.quantity <= 5)).toBe(true);
    expect(cat.campaigns.length).toBeGreaterThanOrEqual(3);
    for (const c of cat.campaigns) {
      const vs = cat.variants.filter((v) => v.campaignId === c.id);
      expect(vs.length, c.id).toBeGreaterThanOrEqual(5);
      for (const v of vs) expect(v.copy.ar?.headline, v.id).toMatch(/[\u0600-\u06ff{]/);
      expect(vs.some((v) => v.id === c.defaultVariantId)).toBe(true);
    }
    const signals = new Set(cat.variants.flatMap((v) => v.conditions.map((c) => c.signal)));
    for (const s of ['low_stock', 'promo', 'new_arrival', 'daypart', 'weather', 'weekend']) expect(signals).toContain(s);
  });

  it('has promos running now, one over and one to come, read in each region’s local time', () => {
    const status = cat.promos.map((p) => {
      const region = cat.regions.find((r) => r.code === p.regions[0])!;
      const wall = localTime(NOW, region.tz, region.weekend).wall;
      return wall >= p.startsLocal && wall < p.endsLocal;
    });
    expect(status.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(status.filter((s) => !s).length).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic for a seed and scales to the benchmark store', () => {
    const spec = { products: 500, campaigns: 20, variantsPerCampaign: 10, promos: 1000, seed: 7, now };
    const a = generateCatalog(spec, { images: false });
    expect(JSON.stringify(a)).toBe(JSON.stringify(generateCatalog(spec, { images: false })));
    expect([a.campaigns.length, a.promos.length]).toEqual([20, 1000]);
    expect(a.variants.length).toBeGreaterThanOrEqual(200);
  });

  it('writes Arabic titles whose colour agrees with the noun (حقيبة حمراء, حذاء أحمر; non-human plurals take the feminine)', () => {
    const masculine = new Set(['أسود', 'رملي', 'كحلي', 'زيتي', 'أبيض', 'أحمر']);
    const feminine = new Set(['سوداء', 'رملية', 'كحلية', 'زيتية', 'بيضاء', 'حمراء']);
    const wrong: string[] = [];
    for (const p of cat.products) {
      const ar = p.i18n.ar!.title!;
      const words = ar.replace(/ من .*$/, '').split(' ');
      const noun = words[0]!;
      const colour = words[words.length - 1]!;
      // A noun ending in ta marbuta, or a plural in -aat, is feminine in agreement.
      const fem = /ة$|ات$/.test(noun);
      if (!(fem ? feminine : masculine).has(colour)) wrong.push(`${p.title} → ${ar}`);
    }
    expect(wrong).toEqual([]);
  });

  it('draws a product photo locally for every product', async () => {
    expect(new Set(cat.images.map((i) => i.key))).toEqual(new Set(cat.products.map((p) => p.imageLink)));
    const png = await sharpRasterizer().rasterize(productImageSvg(cat.products[0]!, 1), { w: 400, h: 400 }, 'png');
    const stats = await sharp(png).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(5);
  });
});

describe('loadDemo', () => {
  it('seeds an empty store once, with an image asset for every product', async () => {
    const { store, db, close } = openNodeStore(':memory:');
    const authoring = standaloneAuthoring(store, new SqlAuditLog(db, () => now.getTime()), () => now.getTime());
    try {
      expect(await loadDemo(store, sharpRasterizer(), now, authoring)).toBe(true);
      expect(await loadDemo(store, sharpRasterizer(), now, authoring)).toBe(false);
      const p = (await store.getProduct('p0001'))!;
      const asset = (await store.getAsset(p.imageLink))!;
      expect(asset.contentType).toBe('image/png');
      expect((await sharp(asset.bytes).metadata()).width).toBe(400);
    } finally {
      close();
    }
  });
});
