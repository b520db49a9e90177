// Regional inventory rows (id, region_id, price, sale_price, sale_price_effective_date,
// availability) and local inventory rows (id, store_code, quantity, availability) → store updates.
import type { Availability, Product } from '../domain/types.ts';
import type { LocalStockRow, RegionalOffer } from '../storage/port.ts';
import { parseInterval, parsePrice, type RowProblem } from './product-row.ts';
import type { FeedRecord } from './readers.ts';

type Parsed<T> = { ok: true; key: string; item: T } | { ok: false; problems: RowProblem[] };

const AVAILABILITY = new Map<string, Availability>([
  ['in_stock', 'in_stock'],
  ['in stock', 'in_stock'],
  ['limited_availability', 'in_stock'],
  ['limited availability', 'in_stock'],
  ['on_display_to_order', 'backorder'],
  ['on display to order', 'backorder'],
  ['out_of_stock', 'out_of_stock'],
  ['out of stock', 'out_of_stock'],
  ['preorder', 'preorder'],
  ['backorder', 'backorder'],
]);

function common(rec: FeedRecord, problems: RowProblem[]) {
  const f = (k: string) => rec.fields.text(k);
  const id = f('id');
  const bad = (field: string, reason: string) => problems.push({ line: rec.line, id: id || null, field, reason });
  if (!id) bad('id', 'missing');
  let availability: Availability | null = null;
  if (f('availability')) {
    availability = AVAILABILITY.get(f('availability').toLowerCase()) ?? null;
    if (!availability) bad('availability', `unsupported value "${f('availability')}"`);
  }
  return { f, id, bad, availability };
}

/**
 * A regional inventory row. `regionOf` resolves its `region_id`: a Merchant Center region id mapped at
 * /v1/admin/regions/mapping (`CA_WEST`, `123456`), or a Vitrine region code as is. `regions`: region
 * code → its currency (a regional price may be in the product's currency or the region's).
 */
export async function regionalRowFrom(rec: FeedRecord, at: string, regionOf: (id: string) => string | null, regions: ReadonlyMap<string, string>, product: (id: string) => Promise<Product | null>): Promise<Parsed<RegionalOffer>> {
  const problems: RowProblem[] = [];
  const { f, id, bad, availability } = common(rec, problems);
  const regionId = f('region_id');
  const region = regionId ? (regionOf(regionId) ?? '') : '';
  if (!regionId) bad('region_id', 'missing');
  else if (!region) bad('region_id', `unknown region "${regionId}" (neither a Vitrine region nor a Merchant Center region id mapped at /v1/admin/regions/mapping)`);
  const p = id ? await product(id) : null;
  if (id && !p) bad('id', `unknown product "${id}"`);
  const local = regions.get(region);
  let currency: string | null = null;
  const money = (k: string) => {
    if (!f(k)) return null;
    const m = parsePrice(f(k));
    if (typeof m === 'string') return bad(k, m), null;
    if (p && m.currency !== p.currency && m.currency !== local) return bad(k, `currency ${m.currency} is neither the product's ${p.currency} nor ${region}'s ${local ?? '(unknown region)'}`), null;
    if (currency !== null && m.currency !== currency) return bad(k, `currency ${m.currency} differs from price's ${currency}`), null;
    currency = m.currency;
    return m.amount;
  };
  const price = money('price');
  const salePrice = money('sale_price');
  // A sale price in the region's currency needs the regular price in it too: one offer, one currency.
  if (p && currency !== null && currency !== p.currency && price === null) bad('price', `required when sale_price is in ${currency} (the product is priced in ${p.currency})`);
  let window: { start: string; end: string } | null = null;
  if (f('sale_price_effective_date')) {
    const w = parseInterval(f('sale_price_effective_date'));
    if (typeof w === 'string') bad('sale_price_effective_date', w);
    else window = w;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, key: `${id}|${region}`, item: { productId: id, region, price, salePrice, saleStart: window?.start ?? null, saleEnd: window?.end ?? null, availability, currency: p && currency !== p.currency ? currency : null, at } };
}

export function localRowFrom(rec: FeedRecord, at: string, stores: Set<string>, products: Set<string>): Parsed<LocalStockRow> {
  const problems: RowProblem[] = [];
  const { f, id, bad, availability } = common(rec, problems);
  const storeCode = f('store_code');
  if (!storeCode) bad('store_code', 'missing');
  else if (!stores.has(storeCode)) bad('store_code', `unknown store "${storeCode}" (register it at /v1/admin/stores)`);
  let quantity: number | null = null;
  if (f('quantity')) {
    quantity = /^\d+$/.test(f('quantity')) ? Number(f('quantity')) : null;
    if (quantity === null) bad('quantity', `expected a non-negative integer, got "${f('quantity')}"`);
  } else if (availability === 'out_of_stock') quantity = 0;
  else if (problems.length === 0) bad('quantity', 'missing (required unless availability is out_of_stock)');
  if (id && problems.length === 0 && !products.has(id)) bad('id', `unknown product "${id}"`);
  if (problems.length || quantity === null) return { ok: false, problems };
  return { ok: true, key: `${id}|${storeCode}`, item: { productId: id, storeCode, quantity: availability === 'out_of_stock' ? 0 : quantity, at } };
}
