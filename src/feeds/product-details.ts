// The Merchant Center attributes beyond the core: variants (item_group_id, color, size, material,
// pattern), more images, preorder dates, condition, mpn, shipping and unit pricing. Pure.
import type { ProductDetails, ShippingRate } from '../domain/types.ts';
import type { FeedFields } from './attributes.ts';
import { checkFeedLink } from './links.ts';
import { parsePrice } from './price.ts';

type Bad = (field: string, reason: string) => void;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** One ISO 8601 instant as Merchant Center writes it (`2016-12-25T13:00-0800`) → ISO string, or why not. */
export function parseInstant(text: string): string | { error: string } {
  const p = text.trim();
  // Date.parse needs ±hh:mm; Merchant Center writes ±hhmm. A bare date or time is UTC.
  const norm = p.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = ISO_INSTANT.test(p) ? Date.parse(norm.length === 10 ? `${norm}T00:00Z` : /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(norm) ? `${norm}Z` : norm) : NaN;
  if (!Number.isFinite(t)) return { error: `not an ISO 8601 date-time: "${p}"` };
  return new Date(t).toISOString();
}

const CONDITIONS = new Map<string, ProductDetails['condition']>([
  ['new', 'new'],
  ['refurbished', 'refurbished'],
  ['used', 'used'],
]);

/** `US:CA:Overnight:16.00 USD` (text feeds; XML sub-elements are joined the same way), several comma-separated. */
export function parseShipping(values: string[], bad: Bad): ShippingRate[] {
  const out: ShippingRate[] = [];
  // A new rate starts after a comma with a country code (or nothing) and a colon; a comma inside a
  // price (`1,299.00 USD`) does not.
  for (const v of values.flatMap((x) => x.split(/,(?=\s*[A-Za-z]{0,2}\s*:)/))) {
    const parts = v.split(':').map((s) => s.trim());
    if (parts.length < 4) {
      bad('shipping', `expected "country:region:service:price", got "${v.trim()}"`);
      continue;
    }
    const priceText = parts.slice(3).join(':');
    const price = priceText ? parsePrice(priceText) : null;
    if (typeof price === 'string') {
      bad('shipping', `price: ${price}`);
      continue;
    }
    out.push({ country: parts[0] || null, region: parts[1] || null, service: parts[2] || null, price: price?.amount ?? null, currency: price?.currency ?? null });
    if (out.length >= 50) break;
  }
  return out;
}

const MEASURE = /^\d+(?:[.,]\d+)?\s*[a-z]+$/i;

/** Every attribute of `ProductDetails`; problems go to `bad`. */
export function detailsFrom(f: FeedFields, bad: Bad): ProductDetails {
  const opt = (k: string, max: number): string | null => {
    const v = f.text(k);
    if (!v) return null;
    if (v.length > max) bad(k, `longer than ${max} characters`);
    return v.slice(0, max);
  };
  const images: string[] = [];
  for (const raw of f.all('additional_image_link').flatMap((v) => v.split(/,(?=\s*https?:)/i)).map((s) => s.trim()).filter(Boolean)) {
    const l = checkFeedLink(raw);
    if (l.ok) images.push(l.url);
    else bad('additional_image_link', l.reason);
  }
  let availabilityDate: string | null = null;
  if (f.text('availability_date')) {
    const d = parseInstant(f.text('availability_date'));
    if (typeof d === 'string') availabilityDate = d;
    else bad('availability_date', d.error);
  }
  let condition: ProductDetails['condition'] = null;
  if (f.text('condition')) {
    condition = CONDITIONS.get(f.text('condition').toLowerCase()) ?? null;
    if (!condition) bad('condition', `expected new, refurbished or used, got "${f.text('condition')}"`);
  }
  let unitPricing: ProductDetails['unitPricing'] = null;
  if (f.text('unit_pricing_measure')) {
    const measure = f.text('unit_pricing_measure');
    const base = f.text('unit_pricing_base_measure') || null;
    if (!MEASURE.test(measure)) bad('unit_pricing_measure', `expected a number and a unit such as "750 ml", got "${measure}"`);
    else if (base && !MEASURE.test(base)) bad('unit_pricing_base_measure', `expected a number and a unit such as "100 ml", got "${base}"`);
    else unitPricing = { measure, baseMeasure: base };
  }
  let mobile = '';
  if (f.text('mobile_link')) {
    const l = checkFeedLink(f.text('mobile_link'));
    if (l.ok) mobile = l.url;
    else bad('mobile_link', l.reason);
  }
  return {
    additionalImageLinks: images.slice(0, 10),
    itemGroupId: opt('item_group_id', 50),
    color: opt('color', 100),
    size: opt('size', 100),
    material: opt('material', 200),
    pattern: opt('pattern', 100),
    ageGroup: opt('age_group', 20),
    gender: opt('gender', 20),
    condition,
    mpn: opt('mpn', 70),
    availabilityDate,
    productTypes: f
      .all('product_type')
      .slice(0, 5)
      .map((path) => path.split('>').map((s) => s.trim()).filter(Boolean)),
    shipping: parseShipping(f.all('shipping'), bad),
    unitPricing,
    mobileLink: mobile || null,
  };
}
