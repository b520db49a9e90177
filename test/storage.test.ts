// The SQLite store: round trips, the candidate index, atomic stock writes, events, persistence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import type { EventRecord } from '../src/storage/port.ts';
import { CAMPAIGN, PRODUCTS, REGIONS, VARIANTS, inventory, product, seedData } from './helpers/fixture.ts';

const opened: Array<{ close(): void }> = [];
function open(path = ':memory:') {
  const s = openNodeStore(path);
  opened.push(s);
  return s.store;
}
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

const event = (id: string, over: Partial<EventRecord> = {}): EventRecord => ({ id, type: 'click', decisionId: 'd1', campaignId: 'c-run', variantId: 'v-default', productId: 'p1', region: 'SA-01', at: '2026-11-24T15:00:00Z', test: false, ...over });

describe('round trips', () => {
  it('returns products, campaigns with variants, promos and regions exactly as seeded', async () => {
    const store = open();
    expect(await store.isEmpty()).toBe(true);
    const promo = { id: 'pr1', name: 'Riyadh', regions: ['SA-01'], startsLocal: '2026-11-20T00:00', endsLocal: '2026-11-30T23:59', discount: { kind: 'percent' as const, value: 20 }, selector: { categories: ['Shoes'] }, code: 'RIY20', priority: 3, copy: { en: '{discount} off', ar: 'خصم {discount}' } };
    const special = product('px', { salePrice: 80, saleStart: '2026-11-01T00:00:00Z', saleEnd: null, gtin: '0001234567890', customLabels: ['winter', null, 'hi', null, null], margin: null, returnRate: null });
    await store.seed(seedData({ products: [...PRODUCTS, special], inventory: [...inventory(), { productId: 'px', region: 'SA-01', storeCode: 'RUH-01', quantity: 4, updatedAt: '2026-11-24T00:00:00Z' }], promos: [promo] }));
    expect(await store.isEmpty()).toBe(false);
    expect(await store.getProduct('px')).toEqual(special);
    expect(await store.getProduct('p2')).toEqual(PRODUCTS[1]);
    expect(await store.getProduct('nope')).toBeNull();
    expect(await store.listCampaigns()).toEqual([{ campaign: CAMPAIGN, variants: [...VARIANTS].sort((a, b) => a.id.localeCompare(b.id)) }]);
    expect(await store.getPromo('pr1')).toEqual(promo);
    expect(await store.listRegions()).toEqual([...REGIONS].sort((a, b) => a.code.localeCompare(b.code)));
    expect(await store.getInventory('px')).toEqual([{ productId: 'px', region: 'SA-01', storeCode: 'RUH-01', quantity: 4, updatedAt: '2026-11-24T00:00:00Z' }]);
    expect(await store.deletePromo('pr1')).toBe(true);
    expect(await store.deletePromo('pr1')).toBe(false);
  });
});

describe('candidates', () => {
  it('ranks by margin × (1 − return rate) and honours region, category, brand and ids', async () => {
    const store = open();
    await store.seed(seedData());
    const ids = async (selector: object, region = 'SA-01', limit = 10) => (await store.candidates({ region, selector, limit })).map((c) => c.product.id);
    expect(await ids({ categories: ['Shoes'] })).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await ids({ categories: ['Shoes', 'Bags'] })).toEqual(['p5', 'p1', 'p2', 'p3', 'p4']);
    expect(await ids({ categories: ['Shoes'] }, 'SA-01', 2)).toEqual(['p1', 'p2']);
    expect(await ids({ brands: ['Stride'], productIds: ['p3', 'p5'] })).toEqual(['p5', 'p3']);
    expect(await ids({ brands: ['Nobody'] })).toEqual([]);
    expect(await ids({})).toEqual(['p5', 'p1', 'p2', 'p3', 'p4']);
    expect(await ids({ categories: ['Shoes'] }, 'XX-00')).toEqual([]);
  });

  it('leaves out zero stock and out-of-stock products, and sees a stock change at once', async () => {
    const store = open();
    await store.seed(seedData({ products: PRODUCTS.map((p) => (p.id === 'p2' ? { ...p, availability: 'out_of_stock' as const } : p)) }));
    await store.setStock([{ productId: 'p1', region: 'SA-01', quantity: 0 }], '2026-11-24T16:00:00Z');
    const got = await store.candidates({ region: 'SA-01', selector: { categories: ['Shoes'] }, limit: 10 });
    expect(got.map((c) => c.product.id)).toEqual(['p3', 'p4']);
    await store.setStock([{ productId: 'p1', region: 'SA-01', quantity: 2 }], '2026-11-24T16:01:00Z');
    const again = await store.candidates({ region: 'SA-01', selector: { categories: ['Shoes'] }, limit: 1 });
    expect(again).toEqual([{ product: PRODUCTS[0], quantity: 2 }]);
  });

  it('reads the partial (region, category, rank) index rather than scanning the tables', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vitrine-plan-')), 'plan.db');
    const s = openNodeStore(file);
    opened.push(s);
    await s.store.seed(seedData());
    const raw = new Database(file, { readonly: true });
    const plan = raw.prepare(`EXPLAIN QUERY PLAN ${s.store.candidateQuerySql()}`).all('SA-01', 'Shoes', 10) as Array<{ detail: string }>;
    raw.close();
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/USING COVERING INDEX inventory_candidates/);
    expect(text).not.toMatch(/SCAN (inventory|products)\b(?! USING)/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });
});

describe('writes', () => {
  it('seeds a catalog larger than one statement can carry (chunks stay under the bound-parameter limit)', async () => {
    const store = open();
    const many = Array.from({ length: 6000 }, (_, i) => product(`m${i}`));
    const inv = many.flatMap((p) => REGIONS.map((r) => ({ productId: p.id, region: r.code, storeCode: null, quantity: 1, updatedAt: '2026-11-24T00:00:00Z' })));
    await store.seed(seedData({ products: many, inventory: inv }));
    expect((await store.existingProductIds(['m0', 'm5999'])).size).toBe(2);
    expect(await store.getInventory('m5999')).toHaveLength(3);
  });

  it('writes a stock batch all or nothing', async () => {
    const store = open();
    await store.seed(seedData());
    await expect(
      store.setStock(
        [
          { productId: 'p1', region: 'SA-01', quantity: 9 },
          { productId: 'p3', region: 'SA-01', quantity: -1 },
        ],
        '2026-11-24T16:00:00Z',
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect((await store.getInventory('p1')).find((l) => l.region === 'SA-01')?.quantity).toBe(50);
  });

  it('records events once per id and counts them by type, decision and campaign', async () => {
    const store = open();
    await store.seed(seedData());
    await store.recordEvents([event('e1'), event('e2', { type: 'impression' }), event('e3', { decisionId: 'd2' })]);
    await store.recordEvents([event('e1')]);
    expect(await store.countEvents({ type: 'click' })).toBe(2);
    expect(await store.countEvents({ decisionId: 'd1' })).toBe(2);
    expect(await store.countEvents({ campaignId: 'c-run' })).toBe(3);
  });

  it('keeps a file database across restarts without re-applying migrations', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vitrine-db-')), 'nested', 'v.db');
    const first = openNodeStore(file);
    await first.store.seed(seedData());
    await first.store.setSetting('secret', 's3cret');
    first.close();
    const second = openNodeStore(file);
    opened.push(second);
    expect(await second.store.isEmpty()).toBe(false);
    expect(await second.store.getSetting('secret')).toBe('s3cret');
    const raw = new Database(file, { readonly: true });
    const journal = JSON.parse(readFileSync(fileURLToPath(new URL('../migrations/meta/_journal.json', import.meta.url)), 'utf8')) as { entries: unknown[] };
    expect((raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
    raw.close();
  });
});
