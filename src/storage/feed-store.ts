// Store operations behind the inventory feeds: stores, regional offers, local (store) stock.
// Driver-free like SqlStore; it calls these with its drizzle database and atomic runner.
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Product } from '../domain/types.ts';
import type { LocalStockRow, RegionalOffer, StoreLocation, UpsertCounts } from './port.ts';
import type { Atomic, Db, Runnable } from './sql-store.ts';
import { productValue } from '../domain/score.ts';
import { chunks } from './chunks.ts';
import * as rows from './rows.ts';
import * as t from './schema.ts';

export async function putStores(db: Db, atomic: Atomic, list: StoreLocation[]): Promise<void> {
  await atomic((d) => list.map((s) => d.insert(t.stores).values({ code: s.code, region: s.region, name: s.name ?? null }).onConflictDoUpdate({ target: t.stores.code, set: { region: s.region, name: s.name ?? null } })));
}

export async function listStores(db: Db): Promise<StoreLocation[]> {
  return (await db.select().from(t.stores).orderBy(t.stores.code)).map((r) => ({ code: r.code, region: r.region, name: r.name }));
}

const offerKey = (o: { productId: string; region: string }) => `${o.productId}|${o.region}`;
const sameOffer = (a: Omit<RegionalOffer, 'at'>, b: RegionalOffer) =>
  a.price === b.price && a.salePrice === b.salePrice && a.saleStart === b.saleStart && a.saleEnd === b.saleEnd && a.availability === b.availability && (a.currency ?? null) === (b.currency ?? null);

/** Regional overrides; a row equal to the stored one is left alone, an older one ignored. */
export async function applyRegionalOffers(db: Db, atomic: Atomic, offers: RegionalOffer[], maxParams = 30_000): Promise<UpsertCounts> {
  const stored = new Map<string, Omit<RegionalOffer, 'at'> & { updatedAt: string }>();
  const found = [];
  for (const part of chunks([...new Set(offers.map((o) => o.productId))], maxParams)) found.push(...(await db.select().from(t.regionalOffers).where(inArray(t.regionalOffers.productId, part))));
  for (const r of found) {
    stored.set(offerKey(r), { productId: r.productId, region: r.region, price: r.price, salePrice: r.salePrice, saleStart: r.saleStart, saleEnd: r.saleEnd, availability: r.availability as RegionalOffer['availability'], currency: r.currency, updatedAt: r.updatedAt });
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed = offers.filter((o) => {
    const old = stored.get(offerKey(o));
    if (old && (sameOffer(old, o) || old.updatedAt > o.at)) {
      counts.unchanged++;
      return false;
    }
    if (old) counts.updated++;
    else counts.inserted++;
    return true;
  });
  const ro = t.regionalOffers;
  await atomic((d) =>
    changed.map((o) => {
      const row = { productId: o.productId, region: o.region, price: o.price, salePrice: o.salePrice, saleStart: o.saleStart, saleEnd: o.saleEnd, availability: o.availability, currency: o.currency ?? null, updatedAt: o.at };
      const { productId: _p, region: _r, ...set } = row;
      return d.insert(ro).values(row).onConflictDoUpdate({ target: [ro.productId, ro.region], set });
    }),
  );
  return counts;
}

/** Overrides for these products in a region, applied to copies of the products. */
export async function withRegionalOffers(db: Db, region: string, products: Map<string, Product>): Promise<Map<string, Product>> {
  const ro = t.regionalOffers;
  const rows = await db.select().from(ro).where(and(eq(ro.region, region), inArray(ro.productId, [...products.keys()])));
  if (rows.length === 0) return products;
  const out = new Map(products);
  for (const r of rows) {
    const p = products.get(r.productId);
    if (!p) continue;
    out.set(r.productId, {
      ...p,
      // A price in the region's own currency replaces the product's price and currency together.
      ...(r.price !== null ? { price: r.price, ...(r.currency ? { currency: r.currency } : {}) } : {}),
      ...(r.salePrice !== null ? { salePrice: r.salePrice, saleStart: r.saleStart, saleEnd: r.saleEnd } : r.currency && r.price !== null ? { salePrice: null, saleStart: null, saleEnd: null } : {}),
      ...(r.availability ? { availability: r.availability as Product['availability'] } : {}),
    });
  }
  return out;
}

/**
 * Store-level counts (local inventory feed): each store row by timestamp, as regional stock is;
 * then each touched (product, region) total becomes the sum of that region's stores.
 */
export async function applyLocalStock(
  db: Db,
  atomic: Atomic,
  input: Array<LocalStockRow & { region: string }>,
  products: Map<string, { category: string; margin: number | null; returnRate: number | null }>,
  maxParams: number,
): Promise<UpsertCounts> {
  const inv = t.inventory;
  // Every store row of these products, to decide what changes and to sum the regions after.
  const stores = new Map<string, { region: string; quantity: number; updatedAt: string }>();
  for (const part of chunks([...new Set(input.map((r) => r.productId))], Math.min(5000, maxParams))) {
    for (const r of await db.select({ p: inv.productId, s: inv.storeCode, g: inv.region, q: inv.quantity, u: inv.updatedAt }).from(inv).where(and(inArray(inv.productId, part), sql`${inv.storeCode} <> ''`))) {
      stores.set(`${r.p}|${r.s}`, { region: r.g, quantity: r.q, updatedAt: r.u });
    }
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed: typeof input = [];
  for (const r of input) {
    const key = `${r.productId}|${r.storeCode}`;
    const old = stores.get(key);
    if (old && (old.quantity === r.quantity || old.updatedAt > r.at)) {
      counts.unchanged++;
      continue;
    }
    if (old) counts.updated++;
    else counts.inserted++;
    changed.push(r);
    stores.set(key, { region: r.region, quantity: r.quantity, updatedAt: r.at });
  }
  const totals = new Map<string, { productId: string; region: string; quantity: number; at: string }>();
  const touched = new Set(changed.map((r) => `${r.productId}|${r.region}`));
  for (const [key, st] of stores) {
    const productId = key.slice(0, key.indexOf('|'));
    const tk = `${productId}|${st.region}`;
    if (!touched.has(tk)) continue;
    const cur = totals.get(tk) ?? { productId, region: st.region, quantity: 0, at: '' };
    cur.quantity += st.quantity;
    cur.at = st.updatedAt > cur.at ? st.updatedAt : cur.at;
    totals.set(tk, cur);
  }
  const row = (productId: string, region: string, storeCode: string, quantity: number, at: string) => {
    const p = products.get(productId)!;
    return { productId, region, storeCode, quantity, updatedAt: at, setAt: at, category: p.category, rank: productValue(p as Product) };
  };
  const per = Math.floor(maxParams / 8);
  const target = [inv.productId, inv.region, inv.storeCode];
  const set = fromExcluded(inv, ['productId', 'region', 'storeCode']);
  await atomic((d) => [
    ...chunks(changed.map((r) => row(r.productId, r.region, r.storeCode, r.quantity, r.at)), per).map((c) =>
      d.insert(inv).values(c).onConflictDoUpdate({ target, set, setWhere: sql`excluded.updated_at >= ${inv.updatedAt}` }),
    ),
    ...chunks([...totals.values()].map((x) => row(x.productId, x.region, '', x.quantity, x.at)), per).map((c) => d.insert(inv).values(c).onConflictDoUpdate({ target, set })),
  ]);
  return counts;
}


/** `SET col = excluded.col` for every column but the key ones: a multi-row upsert takes each row's own values. */
function fromExcluded(table: SQLiteTable, keys: string[]): Record<string, SQL> {
  return Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([k]) => !keys.includes(k))
      .map(([k, c]) => [k, sql.raw(`excluded.${c.name}`)]),
  );
}

/**
 * Product upserts prepared once (better-sqlite3): a feed batch runs them row by row inside its
 * transaction and builds no SQL. Building one 500-row INSERT (14,000 bound values) through the
 * query builder took most of a batch's time and garbage, blocking the ad path during imports.
 * D1 keeps the built multi-row statements (≤ 100 parameters each, batched).
 */
export interface PreparedProductWrites {
  upsert(row: rows.ProductRow): Runnable;
  /** The candidate index columns of a product's stock rows. */
  index(productId: string, category: string, rank: number): Runnable;
}

export function prepareProductWrites(d: Db): PreparedProductWrites {
  const raw = Object.fromEntries(Object.keys(getTableColumns(t.products)).map((k) => [k, sql`${sql.placeholder(k)}`]));
  const upsert = d
    .insert(t.products)
    .values(raw as unknown as typeof t.products.$inferInsert)
    .onConflictDoUpdate({ target: t.products.id, set: fromExcluded(t.products, ['id']) })
    .prepare();
  const index = d
    .update(t.inventory)
    .set({ category: sql`${sql.placeholder('category')}`, rank: sql`${sql.placeholder('rank')}` })
    .where(eq(t.inventory.productId, sql.placeholder('productId')))
    .prepare();
  return {
    upsert: (row) => ({ run: () => upsert.run(row) }),
    index: (productId, category, rank) => ({ run: () => index.run({ productId, category, rank }) }),
  };
}

/** Products by id, many rows per statement (or one prepared upsert each); equal ones are left alone and counted unchanged. */
export async function upsertProducts(atomic: Atomic, products: Product[], existing: Map<string, Product>, maxParams: number, prepared?: PreparedProductWrites): Promise<{ counts: UpsertCounts; changed: Product[] }> {
  const changed: Product[] = [];
  const updated: Product[] = [];
  let unchanged = 0;
  for (const p of products) {
    const old = existing.get(p.id);
    // The first-seen date is history, and translations are not in the feed: a re-import keeps both.
    const next = old ? { ...p, createdAt: old.createdAt, i18n: Object.keys(p.i18n).length ? p.i18n : old.i18n } : p;
    if (old && JSON.stringify(rows.productToRow(old)) === JSON.stringify(rows.productToRow(next))) unchanged++;
    else {
      changed.push(next);
      if (old) updated.push(next);
    }
  }
  if (prepared) {
    await atomic(() => [...changed.map((p) => prepared.upsert(rows.productToRow(p))), ...updated.map((p) => prepared.index(p.id, p.category, productValue(p)))]);
    return { counts: { inserted: changed.length - updated.length, updated: updated.length, unchanged }, changed };
  }
  const set = fromExcluded(t.products, ['id']);
  const per = Math.max(1, Math.floor(maxParams / Object.keys(getTableColumns(t.products)).length));
  await atomic((d) => [
    ...chunks(changed.map(rows.productToRow), per).map((c) => d.insert(t.products).values(c).onConflictDoUpdate({ target: t.products.id, set })),
    // Stock rows carry the product's category and rank for the candidate index.
    ...updated.map((p) => d.update(t.inventory).set({ category: p.category, rank: productValue(p) }).where(eq(t.inventory.productId, p.id))),
  ]);
  return { counts: { inserted: changed.length - updated.length, updated: updated.length, unchanged }, changed };
}
