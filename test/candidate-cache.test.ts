// The store keeps candidate lists between ad requests (a query per campaign per request otherwise),
// and no write can make it serve a product the catalog no longer allows: every catalog write of
// the store drops them, and so does a commit by another connection to the same file (a CLI import).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { PRODUCTS, seedData } from './helpers/fixture.ts';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

async function seeded(path = ':memory:') {
  const s = openNodeStore(path);
  opened.push(s);
  await s.store.seed(seedData());
  return s.store;
}

const shoes = { region: 'SA-01', selector: { categories: ['Shoes'] }, limit: 12 };
const ids = async (store: Awaited<ReturnType<typeof seeded>>, q = shoes) => (await store.candidates(q)).map((c) => c.product.id).sort();

describe('cached candidate lists', () => {
  it('are served again while the catalog is unchanged, as copies', async () => {
    const store = await seeded();
    const first = await store.candidates(shoes);
    first.length = 0; // a caller changing its list changes nobody else's
    expect(await ids(store)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('drop a product at once when its stock in the region reaches 0 (absolute count and delta)', async () => {
    const store = await seeded();
    expect(await ids(store)).toContain('p2');
    await store.setStock([{ productId: 'p2', region: 'SA-01', quantity: 0, at: '2026-11-25T00:00:00Z' }], '2026-11-25T00:00:00Z');
    expect(await ids(store)).toEqual(['p1', 'p3', 'p4']);
    await store.setStock([{ productId: 'p3', region: 'SA-01', adjust: -50, at: '2026-11-25T00:01:00Z' }], '2026-11-25T00:01:00Z');
    expect(await ids(store)).toEqual(['p1', 'p4']);
    // Back in stock: back in the list.
    await store.setStock([{ productId: 'p2', region: 'SA-01', quantity: 3, at: '2026-11-25T00:02:00Z' }], '2026-11-25T00:02:00Z');
    expect(await ids(store)).toEqual(['p1', 'p2', 'p4']);
  });

  it('follow product updates, products marked unavailable and regional offers', async () => {
    const store = await seeded();
    expect(await ids(store)).toContain('p1');
    await store.upsertProducts([{ ...PRODUCTS[0]!, category: 'Bags' }]);
    expect(await ids(store)).toEqual(['p2', 'p3', 'p4']);
    expect(await ids(store, { ...shoes, selector: { categories: ['Bags'] } })).toEqual(['p1', 'p5']);
    await store.markUnavailable(['p4']);
    expect(await ids(store)).toEqual(['p2', 'p3']);
    await store.applyRegionalOffers([{ productId: 'p3', region: 'SA-01', price: null, salePrice: null, saleStart: null, saleEnd: null, availability: 'out_of_stock', at: '2026-11-25T00:00:00Z' }]);
    expect(await ids(store)).toEqual(['p2']);
  });

  it('drop what another connection changed in the same database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vitrine-cand-')), 'v.db');
    const store = await seeded(file);
    expect(await ids(store)).toContain('p1');
    const other = new Database(file);
    other.prepare("update inventory set quantity = 0 where product_id = 'p1' and region = 'SA-01' and store_code = ''").run();
    other.close();
    expect(await ids(store)).toEqual(['p2', 'p3', 'p4']);
  });
});
