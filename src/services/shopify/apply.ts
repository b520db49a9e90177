// Applying Shopify webhooks to the catalog: inventory levels (counts per location), inventory items
// (tracked or not) and product updates (prices, status). Which Vitrine product and region a Shopify
// inventory item and location stand for comes from the mapping (/v1/admin/shopify/mapping); ids
// are looked up in Maps only. An update older than what is stored is not applied and says so.
import { isUntracked, UNTRACKED_QUANTITY } from '../../domain/stock.ts';
import type { Product } from '../../domain/types.ts';
import type { Store } from '../../storage/port.ts';
import type { z } from 'zod';
import type { inventoryItem, inventoryLevel, productUpdate } from './payloads.ts';

export const MAPPING_SETTING = 'shopify_mapping';

export interface ShopifyMapping {
  items: Map<string, string>;
  locations: Map<string, { region: string; storeCode: string | null }>;
}

export interface Applied {
  applied: boolean;
  reason?: string;
  [k: string]: unknown;
}

export async function loadMapping(store: Store): Promise<ShopifyMapping> {
  const raw = JSON.parse((await store.getSetting(MAPPING_SETTING)) ?? '{"items":{},"locations":{}}') as { items: Record<string, string>; locations: Record<string, { region: string; store_code?: string }> };
  return {
    items: new Map(Object.entries(raw.items)),
    locations: new Map(Object.entries(raw.locations).map(([k, l]) => [k, { region: l.region, storeCode: l.store_code ?? null }])),
  };
}

const iso = (s: string | undefined) => (s && Number.isFinite(Date.parse(s)) ? new Date(s).toISOString() : undefined);

/** `inventory_levels/update`: one item's count at one location; `available: null` = not tracked. */
export async function applyLevel(store: Store, m: ShopifyMapping, l: z.infer<typeof inventoryLevel>, now: string): Promise<Applied> {
  const productId = m.items.get(l.inventory_item_id);
  const location = m.locations.get(l.location_id);
  if (!productId || !location) return { applied: false, reason: `no mapping for ${productId ? '' : `inventory item ${l.inventory_item_id} `}${location ? '' : `location ${l.location_id}`}`.trim() };
  const levels = await store.getInventory(productId);
  if (levels.length === 0 && (await store.existingProductIds([productId])).size === 0) return { applied: false, reason: `mapped product "${productId}" does not exist` };
  const at = iso(l.updated_at);
  const current = levels.find((x) => x.region === location.region && (x.storeCode ?? null) === location.storeCode);
  if (at && current && current.updatedAt > at) return { applied: false, reason: 'stale', stored_at: current.updatedAt, update_at: at, product_id: productId };
  const tracked = l.available !== null;
  const quantity = tracked ? Math.max(0, l.available!) : UNTRACKED_QUANTITY;
  await store.setStock([{ productId, region: location.region, storeCode: location.storeCode, quantity, ...(at ? { at } : {}) }], now);
  return { applied: true, product_id: productId, region: location.region, store_code: location.storeCode, quantity: tracked ? quantity : null, tracked };
}

/** `inventory_items/update`: `tracked: false` makes the product's stock untracked everywhere it is stocked or mapped. */
export async function applyItem(store: Store, m: ShopifyMapping, item: z.infer<typeof inventoryItem>, now: string): Promise<Applied> {
  const productId = m.items.get(item.id);
  if (!productId) return { applied: false, reason: `no mapping for inventory item ${item.id}` };
  if (item.tracked !== false) return { applied: false, reason: 'tracked: counts arrive with inventory_levels/update', product_id: productId };
  const at = iso(item.updated_at);
  const places = new Map<string, { region: string; storeCode: string | null }>();
  for (const l of await store.getInventory(productId)) places.set(`${l.region}\u0000${l.storeCode ?? ''}`, { region: l.region, storeCode: l.storeCode ?? null });
  for (const l of m.locations.values()) places.set(`${l.region}\u0000${l.storeCode ?? ''}`, l);
  const rows = [...places.values()].map((p) => ({ productId, region: p.region, storeCode: p.storeCode, quantity: UNTRACKED_QUANTITY, ...(at ? { at } : {}) }));
  if (rows.length) await store.setStock(rows, now);
  return { applied: rows.length > 0, product_id: productId, tracked: false, places: rows.length, ...(rows.length ? {} : { reason: 'no region or location to apply it to' }) };
}

function money(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** `products/update`: each mapped variant's price and compare-at price; an archived or draft product stops serving. */
export async function applyProduct(store: Store, m: ShopifyMapping, p: z.infer<typeof productUpdate>): Promise<Applied> {
  const results: Array<{ variant_id: string; product_id: string | null; applied: boolean; reason?: string }> = [];
  const changed: Product[] = [];
  const inactive = p.status === 'archived' || p.status === 'draft';
  for (const v of p.variants) {
    const productId = v.inventory_item_id ? (m.items.get(v.inventory_item_id) ?? null) : null;
    if (!productId) {
      results.push({ variant_id: v.id, product_id: null, applied: false, reason: `no mapping for inventory item ${v.inventory_item_id ?? '(none)'}` });
      continue;
    }
    const current = await store.getProduct(productId);
    if (!current) {
      results.push({ variant_id: v.id, product_id: productId, applied: false, reason: `mapped product "${productId}" does not exist` });
      continue;
    }
    const price = money(v.price);
    const compare = money(v.compare_at_price);
    if (price === null) {
      results.push({ variant_id: v.id, product_id: productId, applied: false, reason: 'price: missing or not a number' });
      continue;
    }
    // Shopify's compare-at price is the struck (regular) price; its price is then the sale price.
    const onSale = compare !== null && compare > price;
    changed.push({ ...current, price: onSale ? compare : price, salePrice: onSale ? price : null, saleStart: null, saleEnd: null, ...(inactive ? { availability: 'out_of_stock' as const } : {}) });
    results.push({ variant_id: v.id, product_id: productId, applied: true });
  }
  if (changed.length) await store.upsertProducts(changed);
  return { applied: changed.length > 0, ...(changed.length ? {} : { reason: 'no mapped variant' }), status: p.status ?? null, variants: results };
}

export { isUntracked };
