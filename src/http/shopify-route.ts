// Shopify `inventory_levels/update` webhooks → stock. The body's HMAC-SHA-256 (base64, in
// X-Shopify-Hmac-Sha256) must match the shared secret before anything is read; which product and
// region an inventory item and location stand for is configured at /v1/admin/shopify/mapping.
import type { Hono } from 'hono';
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import { bytesToBase64 } from '../security/base64.ts';
import { webDigest, type Digest } from '../security/digest.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import type { Store } from '../storage/port.ts';
import { problemsOf } from '../services/validation.ts';
import type { AuditLog } from '../services/audit.ts';
import { SYSTEM_ACTOR, type Actor } from '../services/access.ts';
import { actorWith } from './actor.ts';

/** Stock written by Shopify's webhook is audited under this actor (a verified signature, not a user). */
const SHOPIFY_ACTOR: Actor = { ...SYSTEM_ACTOR, id: 'shopify-webhook', label: 'Shopify webhook' };

export interface ShopifyDeps {
  store: Store;
  configCache: ConfigCache;
  secret: string | null;
  clock: () => number;
  digest?: Digest;
  audit: AuditLog;
}

export const mappingSchema = z.object({
  items: z.record(z.string(), z.string().min(1)),
  locations: z.record(z.string(), z.object({ region: z.string().min(1), store_code: z.string().min(1).optional() })),
});
type Mapping = z.infer<typeof mappingSchema>;

const levelSchema = z.object({
  inventory_item_id: z.union([z.number(), z.string()]).transform(String),
  location_id: z.union([z.number(), z.string()]).transform(String),
  available: z.number().int().nullable(),
  updated_at: z.string().optional(),
});

const SETTING = 'shopify_mapping';

function equalStrings(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

export function mountShopify(app: Hono, deps: ShopifyDeps): void {
  const digest = deps.digest ?? webDigest();

  const readMapping = async (): Promise<Mapping> => JSON.parse((await deps.store.getSetting(SETTING)) ?? '{"items":{},"locations":{}}') as Mapping;

  app.get('/v1/admin/shopify/mapping', async (c) => {
    actorWith(c, 'read');
    return c.json(await readMapping());
  });

  app.put('/v1/admin/shopify/mapping', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const r = mappingSchema.safeParse(await c.req.json().catch(() => null));
    if (!r.success) throw new VitrineError('bad_request', 'mapping: expected { items: { "<inventory_item_id>": "<product_id>" }, locations: { "<location_id>": { region, store_code? } } }', 'body', undefined, problemsOf(r.error));
    const known = new Set((await deps.configCache.get()).regions.map((x) => x.code));
    const unknown = Object.entries(r.data.locations).filter(([, l]) => !known.has(l.region));
    if (unknown.length) throw new VitrineError('bad_request', `locations: unknown region(s) ${unknown.map(([id, l]) => `"${l.region}" (location ${id})`).join(', ')}`, 'locations', [...known]);
    const before = await readMapping();
    await deps.store.setSetting(SETTING, JSON.stringify(r.data));
    await deps.audit.record({ actor, action: 'shopify.mapping', entity: 'shopify_mapping', entityId: 'mapping', before, after: r.data });
    return c.json(r.data);
  });

  app.post('/v1/webhooks/shopify/inventory-levels', async (c) => {
    const raw = await c.req.text();
    const given = c.req.header('X-Shopify-Hmac-Sha256') ?? '';
    const want = deps.secret ? bytesToBase64(await digest.hmacSha256(deps.secret, raw)) : null;
    if (!want || !given || !equalStrings(given, want)) {
      return c.json({ error: { code: 'unauthorized', message: 'X-Shopify-Hmac-Sha256: missing or does not match the body', field: 'X-Shopify-Hmac-Sha256' } }, 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new VitrineError('bad_request', 'body: not valid JSON', 'body');
    }
    const r = levelSchema.safeParse(body);
    if (!r.success) throw new VitrineError('bad_request', 'body: expected an inventory_levels/update payload', 'body', undefined, problemsOf(r.error));
    const mapping = JSON.parse((await deps.store.getSetting(SETTING)) ?? '{"items":{},"locations":{}}') as Mapping;
    const productId = mapping.items[r.data.inventory_item_id];
    const location = mapping.locations[r.data.location_id];
    // Accepted but not applied: Shopify retries non-2xx answers, and an unmapped item never will map by retrying.
    if (!productId || !location) return c.json({ applied: false, reason: `no mapping for ${productId ? '' : `inventory item ${r.data.inventory_item_id} `}${location ? '' : `location ${r.data.location_id}`}`.trim() }, 202);
    if ((await deps.store.existingProductIds([productId])).size === 0) return c.json({ applied: false, reason: `mapped product "${productId}" does not exist` }, 202);
    const at = r.data.updated_at && Number.isFinite(Date.parse(r.data.updated_at)) ? new Date(r.data.updated_at).toISOString() : undefined;
    await deps.store.setStock([{ productId, region: location.region, storeCode: location.store_code ?? null, quantity: Math.max(0, r.data.available ?? 0), ...(at ? { at } : {}) }], new Date(deps.clock()).toISOString());
    deps.configCache.invalidate();
    await deps.audit.record({ actor: SHOPIFY_ACTOR, action: 'stock.webhook', entity: 'stock', entityId: `${productId}@${location.region}${location.store_code ? `/${location.store_code}` : ''}`, before: null, after: { product_id: productId, region: location.region, store_code: location.store_code ?? null, quantity: Math.max(0, r.data.available ?? 0) } });
    return c.json({ applied: true, product_id: productId, region: location.region, store_code: location.store_code ?? null, quantity: Math.max(0, r.data.available ?? 0) });
  });
}
