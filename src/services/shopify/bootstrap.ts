// One-command mapping bootstrap from Shopify's own exports: the Admin API's locations.json
// (`{ locations: [{ id, name, country_code, province_code }] }`) and products.json
// (`{ products: [{ id, variants: [{ id, sku, inventory_item_id }] }] }`), parsed losslessly.
// Items map to the catalog by SKU (= the feed id) or by the Google & YouTube channel's id
// `shopify_<COUNTRY>_<product id>_<variant id>`; locations to the region `<country>-<province>`
// or the country. Everything that does not map is listed with the reason.
import { z } from 'zod';
import { parseOr } from './payloads.ts';

const id = z.union([z.number().int(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const locationsFile = z.object({ locations: z.array(z.object({ id, name: z.string().nullable().optional(), country_code: z.string().nullable().optional(), province_code: z.string().nullable().optional() })).max(10_000) });
const productsFile = z.object({
  products: z.array(z.object({ id, variants: z.array(z.object({ id, sku: z.string().nullable().optional(), inventory_item_id: id.optional() })).max(2000) })).max(100_000),
});

export interface BootstrapResult {
  mapping: { items: Record<string, string>; locations: Record<string, { region: string }> };
  unmapped: Array<{ kind: 'item' | 'location'; id: string; reason: string }>;
}

export function bootstrapMapping(locationsJson: unknown, productsJson: unknown, regions: ReadonlySet<string>, productIds: ReadonlySet<string>): BootstrapResult {
  const locs = parseOr(locationsFile, locationsJson, 'locations.json');
  const prods = parseOr(productsFile, productsJson, 'products.json');
  const items = new Map<string, string>();
  const locations = new Map<string, { region: string }>();
  const unmapped: BootstrapResult['unmapped'] = [];
  for (const l of locs.locations) {
    const country = (l.country_code ?? '').toUpperCase();
    const sub = `${country}-${(l.province_code ?? '').toUpperCase()}`;
    const region = regions.has(sub) ? sub : regions.has(country) ? country : null;
    if (region) locations.set(l.id, { region });
    else unmapped.push({ kind: 'location', id: l.id, reason: `no region ${l.province_code ? `"${sub}" or ` : ''}"${country || '(no country)'}"${l.name ? ` for ${l.name}` : ''}` });
  }
  const countries = [...new Set([...regions].map((r) => r.slice(0, 2)))];
  for (const p of prods.products) {
    for (const v of p.variants) {
      if (!v.inventory_item_id) continue;
      const candidates = [v.sku ?? '', ...countries.map((c) => `shopify_${c}_${p.id}_${v.id}`)].filter(Boolean);
      const match = candidates.find((c) => productIds.has(c));
      if (match) items.set(v.inventory_item_id, match);
      else unmapped.push({ kind: 'item', id: v.inventory_item_id, reason: `no catalog product with SKU "${v.sku ?? ''}" or id shopify_<country>_${p.id}_${v.id}` });
    }
  }
  return { mapping: { items: Object.fromEntries(items), locations: Object.fromEntries(locations) }, unmapped };
}
