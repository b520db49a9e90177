// One Merchant Center product row (TSV columns or XML `g:` elements, by attribute name) →
// a Product, or every reason it is rejected. Pure.
import type { Availability, Product } from '../domain/types.ts';
import { checkFeedLink } from './links.ts';

export interface RowProblem {
  line: number;
  id: string | null;
  field: string;
  reason: string;
}

export type RowResult = { ok: true; product: Product } | { ok: false; problems: RowProblem[] };

const AVAILABILITY: Record<string, Availability> = {
  in_stock: 'in_stock',
  'in stock': 'in_stock',
  out_of_stock: 'out_of_stock',
  'out of stock': 'out_of_stock',
  preorder: 'preorder',
  backorder: 'backorder',
};

let currencies: Set<string> | null = null;
function knownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** `15.00 USD` → amount and currency; the reason when it is not that. */
export function parsePrice(text: string): { amount: number; currency: string } | string {
  if (text.trim() === '') return 'missing';
  const m = /^\s*(\d+(?:\.\d{1,4})?)\s+([A-Za-z]{3})\s*$/.exec(text);
  if (!m) return `expected "<amount> <ISO 4217 code>" such as "15.00 USD", got "${text}"`;
  const currency = m[2]!.toUpperCase();
  if (!knownCurrency(currency)) return `unknown currency "${currency}"`;
  return { amount: Number(m[1]), currency };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 `start/end`; each side `YYYY-MM-DD[Thh:mm[:ss][Z|±hhmm]]`. */
export function parseInterval(text: string): { start: string; end: string } | string {
  const parts = text.split('/');
  if (parts.length !== 2) return `expected an ISO 8601 interval "start/end", got "${text}"`;
  const out: string[] = [];
  for (const part of parts) {
    const p = part.trim();
    // Date.parse needs ±hh:mm; Merchant Center writes ±hhmm.
    const norm = p.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const t = ISO_INSTANT.test(p) ? Date.parse(norm.length === 10 ? `${norm}T00:00Z` : /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(norm) ? `${norm}Z` : norm) : NaN;
    if (!Number.isFinite(t)) return `not an ISO 8601 date-time: "${p}"`;
    out.push(new Date(t).toISOString());
  }
  if (out[0]! >= out[1]!) return 'the interval ends before it starts';
  return { start: out[0]!, end: out[1]! };
}

function fraction(text: string | undefined): number | null | string {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.trim().replace(/%$/, ''));
  const v = text.trim().endsWith('%') ? n / 100 : n;
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : `expected a fraction 0..1 (or a percentage), got "${text}"`;
}

export function productFromRow(f: Record<string, string | undefined>, line: number, now: string): RowResult {
  const id = f.id?.trim() ?? '';
  const problems: RowProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ line, id: id || null, field, reason });
  const text = (k: string) => (f[k] ?? '').trim();
  if (!id) bad('id', 'missing');
  else if (id.length > 50) bad('id', 'longer than 50 characters');
  if (!text('title')) bad('title', 'missing');
  const links = new Map<string, string>();
  for (const k of ['link', 'image_link']) {
    const l = checkFeedLink(text(k));
    if (l.ok) links.set(k, l.url);
    else bad(k, l.reason);
  }
  const availability = AVAILABILITY[text('availability').toLowerCase()];
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
  const margin = fraction(f.margin);
  if (typeof margin === 'string') bad('margin', margin);
  const returnRate = fraction(f.return_rate);
  if (typeof returnRate === 'string') bad('return_rate', returnRate);
  if (problems.length > 0 || typeof price === 'string') return { ok: false, problems };
  const productType = text('product_type') || null;
  const gpc = text('google_product_category') || null;
  const label = (i: number) => text(`custom_label_${i}`) || null;
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
      i18n: {},
      createdAt: now,
    },
  };
}
