// Store operations behind the inventory feeds: stores, regional offers, local (store) stock.
// Driver-free like SqlStore; it calls these with its drizzle database and atomic runner.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Product } from '../domain/types.ts';
import type { LocalStockRow, RegionalOffer, StoreLocation, UpsertCounts } from './port.ts';
import type { Atomic, Db } from './sql-store.ts';
import { productValue } from '../domain/score.ts';
import * as t from './schema.ts';

export async function putStores(db: Db, atomic: Atomic, list: StoreLocation[]): Promise<void> {
  await atomic((d) => list.map((s) => d.insert(t.stores).values({ code: s.code, region: s.region, name: s.name ?? null }).onConflictDoUpdate({ target: t.stores.code, set: { region: s.region, name: s.name ?? null } })));
}

export async function listStores(db: Db): Promise<StoreLocation[]> {
  return (await db.select().from(t.stores).orderBy(t.stores.code)).map((r) => ({ code: r.code, region: r.region, name: r.name }));
}

const offerKey = (o: { productId: string; region: string }) => `${o.productId}|${o.region}`;
const sameOffer = (a: Omit<RegionalOffer, 'at'>, b: RegionalOffer) =>
  a.price === b.price && a.salePrice === b.salePrice && a.saleStart === b.saleStart && a.saleEnd === b.saleEnd && a.availability === b.availability;

/** Regional overrides; a row equal to the stored one is left alone, an older one ignored. */
export async function applyRegionalOffers(db: Db, atomic: Atomic, offers: RegionalOffer[]): Promise<UpsertCounts> {
  const stored = new Map<string, Omit<RegionalOffer, 'at'> & { updatedAt: string }>();
  for (const r of await db.select().from(t.regionalOffers).where(inArray(t.regionalOffers.productId, [...new Set(offers.map((o) => o.productId))]))) {
    stored.set(offerKey(r), { productId: r.productId, region: r.region, price: r.price, salePrice: r.salePrice, saleStart: r.saleStart, saleEnd: r.saleEnd, availability: r.availability as RegionalOffer['availability'], updatedAt: r.updatedAt });
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
      const row = { productId: o.productId, region: o.region, price: o.price, salePrice: o.salePrice, saleStart: o.saleStart, saleEnd: o.saleEnd, availability: o.availability, updatedAt: o.at };
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
      ...(r.price !== null ? { price: r.price } : {}),
      ...(r.salePrice !== null ? { salePrice: r.salePrice, saleStart: r.saleStart, saleEnd: r.saleEnd } : {}),
      ...(r.availability ? { availability: r.availability as Product['availability'] } : {}),
    });
  }
  return out;
}

/**
 * Store-level counts (local inventory feed): each store row by timestamp, as regional stock is;
 * then each touched (product, region) total becomes the sum of that region's stores.
 */
export async function applyLocalStock(db: Db, atomic: Atomic, rows: Array<LocalStockRow & { region: string }>, products: Map<string, Product>): Promise<UpsertCounts> {
  const inv = t.inventory;
  const existing = new Map<string, { quantity: number; updatedAt: string }>();
  for (const r of await db.select({ p: inv.productId, s: inv.storeCode, q: inv.quantity, u: inv.updatedAt }).from(inv).where(inArray(inv.productId, [...new Set(rows.map((r) => r.productId))]))) {
    existing.set(`${r.p}|${r.s}`, { quantity: r.q, updatedAt: r.u });
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed = rows.filter((r) => {
    const old = existing.get(`${r.productId}|${r.storeCode}`);
    if (old && (old.quantity === r.quantity || old.updatedAt > r.at)) {
      counts.unchanged++;
      return false;
    }
    if (old) counts.updated++;
    else counts.inserted++;
    return true;
  });
  const totals = new Map<string, { productId: string; region: string; at: string }>();
  for (const r of changed) totals.set(`${r.productId}|${r.region}`, { productId: r.productId, region: r.region, at: r.at });
  await atomic((d) => [
    ...changed.map((r) => {
      const p = products.get(r.productId)!;
      const row = { productId: r.productId, region: r.region, storeCode: r.storeCode, quantity: r.quantity, updatedAt: r.at, setAt: r.at, category: p.category, rank: productValue(p) };
      return d.insert(inv).values(row).onConflictDoUpdate({ target: [inv.productId, inv.region, inv.storeCode], set: { quantity: r.quantity, updatedAt: r.at, setAt: r.at }, setWhere: sql`excluded.updated_at >= ${inv.updatedAt}` });
    }),
    ...[...totals.values()].map((x) => {
      const p = products.get(x.productId)!;
      const sum = sql`(SELECT coalesce(sum(quantity), 0) FROM inventory WHERE product_id = ${x.productId} AND region = ${x.region} AND store_code <> '')`;
      return d
        .insert(inv)
        .values({ productId: x.productId, region: x.region, storeCode: '', quantity: sum, updatedAt: x.at, setAt: x.at, category: p.category, rank: productValue(p) })
        .onConflictDoUpdate({ target: [inv.productId, inv.region, inv.storeCode], set: { quantity: sum, updatedAt: sql`max(${inv.updatedAt}, excluded.updated_at)`, setAt: sql`max(coalesce(${inv.setAt}, ''), excluded.set_at)` } });
    }),
  ]);
  return counts;
}
