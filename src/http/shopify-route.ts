// Shopify webhooks (inventory_levels/update, inventory_items/update, products/update) → stock and prices. The body's HMAC-SHA-256 (base64, in
// X-Shopify-Hmac-Sha256) must match the shared secret before anything is read; which product and
// region an inventory item and location stand for is configured at /v1/admin/shopify/mapping.
import type { Context, Hono } from 'hono';
import { webKeyCompare } from '../security/compare.ts';
import './auth.ts';
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import { bytesToBase64 } from '../security/base64.ts';
import { webDigest, type Digest } from '../security/digest.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import type { Store } from '../storage/port.ts';
import { problemsOf } from '../services/validation.ts';
import { applyItem, applyLevel, applyProduct, loadMapping, MAPPING_SETTING } from '../services/shopify/apply.ts';
import { inventoryItem, inventoryLevel, parseOr, parseWebhookJson, productUpdate } from '../services/shopify/payloads.ts';
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

/** Topics Vitrine applies; any other is acknowledged (202) with the reason and writes nothing. */
const TOPICS = ['inventory_levels/update', 'inventory_items/update', 'products/update'] as const;
type Topic = (typeof TOPICS)[number];
const isTopic = (t: string): t is Topic => (TOPICS as readonly string[]).includes(t);

const fallbackCompare = webKeyCompare();

export function mountShopify(app: Hono, deps: ShopifyDeps): void {
  const digest = deps.digest ?? webDigest();

  app.get('/v1/admin/shopify/mapping', async (c) => {
    actorWith(c, 'read');
    return c.json(JSON.parse((await deps.store.getSetting(MAPPING_SETTING)) ?? '{"items":{},"locations":{}}'));
  });

  app.put('/v1/admin/shopify/mapping', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const r = mappingSchema.safeParse(await c.req.json().catch(() => null));
    if (!r.success) throw new VitrineError('bad_request', 'mapping: expected { items: { "<inventory_item_id>": "<product_id>" }, locations: { "<location_id>": { region, store_code? } } }', 'body', undefined, problemsOf(r.error));
    const known = new Set((await deps.configCache.get()).regions.map((x) => x.code));
    const unknown = Object.entries(r.data.locations).filter(([, l]) => !known.has(l.region));
    if (unknown.length) throw new VitrineError('bad_request', `locations: unknown region(s) ${unknown.map(([id, l]) => `"${l.region}" (location ${id})`).join(', ')}`, 'locations', [...known]);
    const before = JSON.parse((await deps.store.getSetting(MAPPING_SETTING)) ?? '{"items":{},"locations":{}}') as unknown;
    await deps.store.setSetting(MAPPING_SETTING, JSON.stringify(r.data));
    await deps.audit.record({ actor, action: 'shopify.mapping', entity: 'shopify_mapping', entityId: 'mapping', before, after: r.data });
    return c.json(r.data);
  });

  // One verified entry point per topic (X-Shopify-Topic), and the older inventory-levels path.
  const handle = async (c: Context, fixed: Topic | null) => {
    const raw = await c.req.text();
    const given = c.req.header('X-Shopify-Hmac-Sha256') ?? '';
    const want = deps.secret ? bytesToBase64(await digest.hmacSha256(deps.secret, raw)) : null;
    if (!want || !given || !(await (c.get('keyCompare') ?? fallbackCompare)(given, want))) {
      return c.json({ error: { code: 'unauthorized', message: 'X-Shopify-Hmac-Sha256: missing or does not match the body', field: 'X-Shopify-Hmac-Sha256' } }, 401);
    }
    const topic = fixed ?? (c.req.header('X-Shopify-Topic') ?? '').trim().toLowerCase();
    // Accepted, not applied: Shopify retries non-2xx answers, and an unknown topic never becomes known by retrying.
    if (!isTopic(topic)) return c.json({ applied: false, reason: `unknown topic "${topic.slice(0, 64)}"; applied topics: ${TOPICS.join(', ')}` }, 202);
    const body = parseWebhookJson(raw);
    const mapping = await loadMapping(deps.store);
    const now = new Date(deps.clock()).toISOString();
    const out =
      topic === 'inventory_levels/update'
        ? await applyLevel(deps.store, mapping, parseOr(inventoryLevel, body, topic), now)
        : topic === 'inventory_items/update'
          ? await applyItem(deps.store, mapping, parseOr(inventoryItem, body, topic), now)
          : await applyProduct(deps.store, mapping, parseOr(productUpdate, body, topic));
    if (out.applied) {
      deps.configCache.retire();
      await deps.audit.record({ actor: SHOPIFY_ACTOR, action: `shopify.${topic}`, entity: topic === 'products/update' ? 'product' : 'stock', entityId: String(out.product_id ?? (body as { id?: unknown } | null)?.id ?? 'webhook'), before: null, after: out });
    }
    // Stale and unmapped updates are acknowledged (200 / 202) so Shopify stops retrying them.
    return c.json({ topic, ...out }, out.applied || out.reason === 'stale' ? 200 : 202);
  };
  app.post('/v1/webhooks/shopify', (c) => handle(c, null));
  app.post('/v1/webhooks/shopify/inventory-levels', (c) => handle(c, 'inventory_levels/update'));
}
