// Shopify inventory_levels/update webhooks: signature first, then mapping, then stock.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { ADMIN_KEY, SECRET, admin } from './helpers/app.ts';
import { NOW, seedData } from './helpers/fixture.ts';

const SHOPIFY = 'shpss_test_secret_0123456789';
let v: NodeVitrine;
beforeAll(async () => {
  v = await buildNodeApp({ db: ':memory:', demo: false, clock: () => NOW, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET, shopifySecret: SHOPIFY } });
  await v.store.seed(seedData());
  const res = await v.app.request('/v1/admin/shopify/mapping', { method: 'PUT', headers: admin, body: JSON.stringify({ items: { '808950810': 'p1' }, locations: { '905684977': { region: 'AE-DU' }, '905684978': { region: 'SA-01', store_code: 'RUH-01' } } }) });
  expect(res.status).toBe(200);
});
afterAll(async () => v.close());

const payload = (over: Record<string, unknown> = {}) => JSON.stringify({ inventory_item_id: 808950810, location_id: 905684977, available: 3, updated_at: '2026-11-24T10:20:00-05:00', admin_graphql_api_id: 'gid://shopify/InventoryLevel/905684977?inventory_item_id=808950810', ...over });
const sign = (body: string, secret = SHOPIFY) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');
const hook = (body: string, hmac: string | null) =>
  v.app.request('/v1/webhooks/shopify/inventory-levels', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(hmac ? { 'X-Shopify-Hmac-Sha256': hmac } : {}) }, body });
const level = async (region: string, store: string | null = null) =>
  ((await (await v.app.request('/v1/admin/products/p1', { headers: admin })).json()) as { inventory: Array<{ region: string; storeCode: string | null; quantity: number }> }).inventory.find((l) => l.region === region && l.storeCode === store)?.quantity;

describe('POST /v1/webhooks/shopify/inventory-levels', () => {
  it('applies a correctly signed update to the mapped product and region', async () => {
    const body = payload();
    const res = await hook(body, sign(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: true, product_id: 'p1', region: 'AE-DU', quantity: 3 });
    expect(await level('AE-DU')).toBe(3);
  });

  it('refuses a forged, missing or other-secret signature with 401 and writes nothing', async () => {
    const body = payload({ available: 99, updated_at: '2026-11-24T11:00:00-05:00' });
    for (const hmac of [null, sign(body, 'not-the-secret'), sign(payload({ available: 1 }))]) {
      const res = await hook(body, hmac);
      expect(res.status).toBe(401);
    }
    expect(await level('AE-DU')).toBe(3);
  });

  it('maps locations to stores, ignores an older update, and accepts unmapped items without applying them', async () => {
    const store = payload({ location_id: 905684978, available: 2 });
    expect((await hook(store, sign(store))).status).toBe(200);
    expect(await level('SA-01', 'RUH-01')).toBe(2);
    const old = payload({ available: 40, updated_at: '2026-11-24T09:00:00-05:00' });
    expect((await hook(old, sign(old))).status).toBe(200);
    expect(await level('AE-DU')).toBe(3);
    const unmapped = payload({ inventory_item_id: 1 });
    const res = await hook(unmapped, sign(unmapped));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { reason: string }).reason).toBe('no mapping for inventory item 1');
  });

  it('rejects a mapping to a region that does not exist', async () => {
    const res = await v.app.request('/v1/admin/shopify/mapping', { method: 'PUT', headers: admin, body: JSON.stringify({ items: {}, locations: { '1': { region: 'XX-00' } } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('locations');
  });
});
