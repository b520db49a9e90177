// /v1/admin: campaigns, products with inventory, bulk stock, promos. Bearer key required.
import type { Hono } from 'hono';
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import type { Promo } from '../domain/types.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import type { StockRow, Store } from '../storage/port.ts';
import type { AuditLog } from '../services/audit.ts';
import { actorWith } from './actor.ts';
import type { Actor } from '../services/access.ts';
import { jsonBody, type FieldProblem } from '../services/validation.ts';
import { savePromo as savePromoService } from '../services/promos.ts';

export interface AdminDeps {
  store: Store;
  configCache: ConfigCache;
  clock: () => number;
  audit: AuditLog;
}

export { promoSchema } from '../services/promos.ts';

export const stockRow = z
  .object({
    product_id: z.string().min(1, 'required'),
    region: z.string().min(1, 'required'),
    store_code: z.string().min(1).max(64).optional(),
    quantity: z.number().int('expected an integer').nonnegative('must be >= 0').optional(),
    adjust: z.number().int('expected an integer').optional(),
    updated_at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' }).optional(),
  })
  .refine((r) => (r.quantity === undefined) !== (r.adjust === undefined), { message: 'give exactly one of quantity (absolute) and adjust (delta)', path: ['quantity'] });

async function validateStock(store: Store, body: unknown, regions: Set<string>) {
  if (!Array.isArray(body)) throw new VitrineError('bad_request', 'body: expected a JSON array of { product_id, region, quantity | adjust, updated_at?, store_code? }', 'body');
  const problems: Array<FieldProblem & { row: number }> = [];
  const rows: StockRow[] = [];
  body.forEach((raw, row) => {
    const r = stockRow.safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues) problems.push({ row, field: i.path.join('.') || '(row)', reason: i.message });
      return;
    }
    if (!regions.has(r.data.region)) problems.push({ row, field: 'region', reason: `unknown region "${r.data.region}"` });
    const d = r.data;
    rows.push({
      productId: d.product_id,
      region: d.region,
      ...(d.store_code ? { storeCode: d.store_code } : {}),
      ...(d.quantity !== undefined ? { quantity: d.quantity } : { adjust: d.adjust! }),
      ...(d.updated_at ? { at: new Date(d.updated_at).toISOString() } : {}),
    });
  });
  const idOf = (raw: unknown) => (raw as { product_id?: unknown } | null)?.product_id;
  // Every string id is checked, also on rows that failed another rule.
  const known = await store.existingProductIds(body.map(idOf).filter((id): id is string => typeof id === 'string'));
  body.forEach((raw, row) => {
    const id = idOf(raw);
    if (typeof id === 'string' && id && !known.has(id)) problems.push({ row, field: 'product_id', reason: `unknown product "${id}"` });
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    throw new VitrineError('bad_request', `stock: ${problems.length} invalid row(s); nothing was written`, problems[0]!.field, undefined, problems);
  }
  return rows;
}

/** What a bulk stock write changed, in counts (the audit trail does not copy every row). */
function stockSummary(rows: StockRow[]) {
  const regions = new Set(rows.map((r) => r.region));
  return {
    rows: rows.length,
    products: new Set(rows.map((r) => r.productId)).size,
    regions: [...regions].sort().slice(0, 50),
    absolute: rows.filter((r) => r.quantity !== undefined).length,
    adjustments: rows.filter((r) => r.quantity === undefined).length,
    stores: new Set(rows.filter((r) => r.storeCode).map((r) => r.storeCode)).size,
  };
}

export function mountAdmin(app: Hono, deps: AdminDeps): void {

  app.get('/v1/admin/products/:id', async (c) => {
    actorWith(c, 'read');
    const id = c.req.param('id');
    const product = await deps.store.getProduct(id);
    if (!product) throw new VitrineError('not_found', `product: unknown product "${id}"`, 'id');
    const inventory = await deps.store.getInventory(id);
    return c.json({ product, inventory });
  });

  app.post('/v1/admin/stock', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const snap = await deps.configCache.get();
    const rows = await validateStock(deps.store, await jsonBody(c.req), new Set(snap.regions.map((r) => r.code)));
    await deps.store.setStock(rows, new Date(deps.clock()).toISOString());
    await deps.audit.record({ actor, action: 'stock.bulk', entity: 'stock', entityId: '*', before: null, after: stockSummary(rows), note: `${rows.length} stock row(s) applied` });
    // Stock is read fresh by every decision; this only retires responses replayed from cache.
    deps.configCache.retire();
    return c.json({ updated: rows.length });
  });

  app.get('/v1/admin/promos', async (c) => {
    actorWith(c, 'read');
    return c.json({ promos: await deps.store.listPromos() });
  });

  app.get('/v1/admin/promos/:id', async (c) => {
    actorWith(c, 'read');
    const promo = await deps.store.getPromo(c.req.param('id'));
    if (!promo) throw new VitrineError('not_found', `promo: unknown promo "${c.req.param('id')}"`, 'id');
    return c.json(promo);
  });

  const savePromo = (actor: Actor, body: unknown, before: Promo | null): Promise<Promo> => savePromoService(deps, actor, body, before);


  app.post('/v1/admin/promos', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const body = await jsonBody(c.req);
    const id = (body as { id?: unknown })?.id;
    if (typeof id === 'string' && (await deps.store.getPromo(id))) throw new VitrineError('bad_request', `promo: id "${id}" already exists; use PUT to update`, 'id');
    return c.json(await savePromo(actor, body, null), 201);
  });

  app.put('/v1/admin/promos/:id', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const body = (await jsonBody(c.req)) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new VitrineError('bad_request', 'body: expected a JSON object', 'body');
    return c.json(await savePromo(actor, { ...body, id: c.req.param('id') }, await deps.store.getPromo(c.req.param('id'))));
  });

  app.delete('/v1/admin/promos/:id', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const id = c.req.param('id');
    const before = await deps.store.getPromo(id);
    const removed = before !== null && (await deps.store.deletePromo(id));
    if (!removed) throw new VitrineError('not_found', `promo: unknown promo "${id}"`, 'id');
    deps.configCache.invalidate();
    await deps.audit.record({ actor, action: 'promo.delete', entity: 'promo', entityId: id, before, after: null });
    return c.body(null, 204);
  });
}
