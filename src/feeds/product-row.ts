// One Merchant Center product row (TSV columns or XML `g:` elements, by attribute name) →
// a Product, or every reason it is rejected. Pure.
import type { Availability, Product } from '../domain/types.ts';
import type { FeedFields } from './attributes.ts';
import { parsePrice } from './price.ts';
import { detailsFrom, parseInstant } from './product-details.ts';
import { checkFeedLink } from './links.ts';

export interface RowProblem {
  line: number;
  id: string | null;
  field: string;
  reason: string;
}

export type RowResult = { ok: true; product: Product } | { ok: false; problems: RowProblem[] };

const AVAILABILITY = new Map<string, Availability>([
  ['in_stock', 'in_stock'],
  ['in stock', 'in_stock'],
  ['out_of_stock', 'out_of_stock'],
  ['out of stock', 'out_of_stock'],
  ['preorder', 'preorder'],
  ['backorder', 'backorder'],
]);

export { parsePrice } from './price.ts';

/** ISO 8601 `start/end`; each side `YYYY-MM-DD[Thh:mm[:ss][Z|±hhmm]]`. */
export function parseInterval(text: string): { start: string; end: string } | string {
  const parts = text.split('/');
  if (parts.length !== 2) return `expected an ISO 8601 interval "start/end", got "${text}"`;
  const out: string[] = [];
  for (const part of parts) {
    const t = parseInstant(part);
    if (typeof t !== 'string') return t.error;
    out.push(t);
  }
  if (out[0]! >= out[1]!) return 'the interval ends before it starts';
  return { start: out[0]!, end: out[1]! };
}

function fraction(text: string): number | null | string {
  if (text === '') return null;
  const n = Number(text.replace(/%$/, ''));
  const v = text.endsWith('%') ? n / 100 : n;
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : `expected a fraction 0..1 (or a percentage), got "${text}"`;
}

export function productFromRow(f: FeedFields, line: number, now: string): RowResult {
  const id = f.text('id');
  const problems: RowProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ line, id: id || null, field, reason });
  const text = (k: string) => f.text(k);
  if (!id) bad('id', 'missing');
  else if (id.length > 50) bad('id', 'longer than 50 characters');
  if (!text('title')) bad('title', 'missing');
  const links = new Map<string, string>();
  for (const k of ['link', 'image_link']) {
    const l = checkFeedLink(text(k));
    if (l.ok) links.set(k, l.url);
    else bad(k, l.reason);
  }
  const availability = AVAILABILITY.get(text('availability').toLowerCase());
  if (!availability) bad('availability', `expected in_stock, out_of_stock, preorder or backorder, got "${text('availability')}"`);
  const price = parsePrice(text('price'));
  if (typeof price === 'string') bad('price', price);
  let sale: { amount: number; currency: string } | null = null;
  if (text('sale_price')) {
    const s = parsePrice(text('sale_price'));
    if (typeof s === 'string') bad('sale_price', s);
    else if (typeof price !== 'string' && s.currency !== price.currency) bad('sale_price', `currency ${s.currency} differs from the price's ${price.currency}`);
    else sale = s;
  }
  let window: { start: string; end: string } | null = null;
  if (text('sale_price_effective_date')) {
    const w = parseInterval(text('sale_price_effective_date'));
    if (typeof w === 'string') bad('sale_price_effective_date', w);
    else window = w;
  }
  const margin = fraction(text('margin'));
  if (typeof margin === 'string') bad('margin', margin);
  const returnRate = fraction(text('return_rate'));
  if (typeof returnRate === 'string') bad('return_rate', returnRate);
  const details = detailsFrom(f, bad);
  if (problems.length > 0 || typeof price === 'string') return { ok: false, problems };
  const productType = details.productTypes[0]?.join(' > ') || null;
  const gpc = text('google_product_category') || null;
  const label = (i: number) => text(`custom_label_${i}`) || null;
  const ar = { title: text('title_ar') || undefined, description: text('description_ar') || undefined };
  return {
    ok: true,
    product: {
      id,
      title: text('title'),
      description: text('description'),
      link: links.get('link')!,
      imageLink: links.get('image_link')!,
      availability: availability!,
      price: price.amount,
      currency: price.currency,
      salePrice: sale?.amount ?? null,
      saleStart: window?.start ?? null,
      saleEnd: window?.end ?? null,
      brand: text('brand') || null,
      gtin: text('gtin') || null,
      productType,
      googleProductCategory: gpc,
      // Selectors use the top of the merchant's own taxonomy, else Google's.
      category: (productType ?? gpc ?? 'Other').split('>')[0]!.trim() || 'Other',
      customLabels: [label(0), label(1), label(2), label(3), label(4)],
      margin: margin as number | null,
      returnRate: returnRate as number | null,
      i18n: ar.title || ar.description ? { ar: JSON.parse(JSON.stringify(ar)) as { title?: string; description?: string } } : {},
      createdAt: now,
      details,
    },
  };
}
