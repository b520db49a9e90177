// Shopify webhooks as Shopify sends them: ids beyond 2^53 kept exact, `available: null` (stock not
// tracked) keeps the product eligible, an older update answers applied: false / stale, the
// inventory_items/update and products/update topics, and unknown topics acknowledged, unwritten.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { ADMIN_KEY, SECRET, admin } from './helpers/app.ts';
import { NOW, seedData } from './helpers/fixture.ts';

const SHOPIFY = 'shpss_test_secret_0123456789';
// From Shopify's published sample payloads (inventory_levels/update, inventory_items/update): the
// ids are written as JSON numbers, larger than Number.MAX_SAFE_INTEGER.
const ITEM = '271878346596884015';
const LOCATION = '24826418';
const levelSample = (available: number | null, updatedAt: string) =>
  `{"inventory_item_id":${ITEM},"location_id":${LOCATION},"available":${available === null ? 'null' : available},"updated_at":"${updatedAt}","admin_graphql_api_id":"gid://shopify/InventoryLevel/${LOCATION}?inventory_item_id=${ITEM}"}`;
const itemSample = (tracked: boolean) => `{"id":${ITEM},"sku":"example-sku","created_at":"2021-12-31T19:00:00-05:00","updated_at":"2026-11-24T12:00:00-05:00","requires_shipping":true,"cost":null,"country_code_of_origin":null,"province_code_of_origin":null,"harmonized_system_code":null,"tracked":${tracked},"country_harmonized_system_codes":[],"admin_graphql_api_id":"gid://shopify/InventoryItem/${ITEM}"}`;
const productSample = (price: string, compare: string | null, status = 'active') =>
  `{"id":788032119674292922,"title":"Example T-Shirt","status":"${status}","updated_at":"2026-11-24T12:00:00-05:00","variants":[{"id":642667041472713922,"product_id":788032119674292922,"title":"","price":"${price}","sku":"example-shirt-s","compare_at_price":${compare === null ? 'null' : `"${compare}"`},"inventory_item_id":${ITEM},"inventory_management":"shopify"},{"id":757650484644203962,"product_id":788032119674292922,"price":"19.99","inventory_item_id":999999999999999999}]}`;

let v: NodeVitrine;
beforeAll(async () => {
  v = await buildNodeApp({ db: ':memory:', demo: false, clock: () => NOW, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET, shopifySecret: SHOPIFY } });
  await v.store.seed(seedData());
  const res = await v.app.request('/v1/admin/shopify/mapping', { method: 'PUT', headers: admin, body: JSON.stringify({ items: { [ITEM]: 'p1' }, locations: { [LOCATION]: { region: 'AE-DU' } } }) });
  expect(res.status).toBe(200);
});
afterAll(async () => v.close());

const sign = (body: string) => createHmac('sha256', SHOPIFY).update(body, 'utf8').digest('base64');
const hook = (topic: string, body: string) => v.app.request('/v1/webhooks/shopify', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Topic': topic, 'X-Shopify-Hmac-Sha256': sign(body) }, body });
const creative = async () => (await (await v.app.request('/v1/creative?campaign=c-run&region=AE-DU&size=300x250&format=json&seed=3', { headers: admin })).json()) as { decision: { products?: Array<{ id: string }> } | null; trace: Array<{ rule: string; subject: string }> };

describe('Shopify topics', () => {
  it('applies the published inventory_levels/update sample with its 18-digit ids intact', async () => {
    const res = await hook('inventory_levels/update', levelSample(4, '2026-11-24T10:00:00-05:00'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ topic: 'inventory_levels/update', applied: true, product_id: 'p1', region: 'AE-DU', quantity: 4, tracked: true });
  });

  it('an older update answers applied: false with reason stale, and changes nothing', async () => {
    const res = await hook('inventory_levels/update', levelSample(40, '2026-11-24T09:00:00-05:00'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: false, reason: 'stale' });
    const p = (await (await v.app.request('/v1/admin/products/p1', { headers: admin })).json()) as { inventory: Array<{ region: string; quantity: number }> };
    expect(p.inventory.find((l) => l.region === 'AE-DU')?.quantity).toBe(4);
  });

  it('available: null means untracked: the product stays eligible and the trace says so', async () => {
    const zero = await hook('inventory_levels/update', levelSample(0, '2026-11-24T11:00:00-05:00'));
    expect(await zero.json()).toMatchObject({ applied: true, quantity: 0 });
    // At zero, p1 is no candidate in AE-DU at all.
    expect((await creative()).trace.some((t) => t.subject.includes('p1'))).toBe(false);
    const res = await hook('inventory_levels/update', levelSample(null, '2026-11-24T11:30:00-05:00'));
    expect(await res.json()).toMatchObject({ applied: true, tracked: false, quantity: null });
    const after = await creative();
    expect(after.trace.some((t) => t.subject === 'p1' && t.rule === 'stock_untracked')).toBe(true);
    expect(after.trace.some((t) => t.subject === 'p1' && t.rule === 'out_of_stock')).toBe(false);
  });

  it('inventory_items/update with tracked: false makes the item untracked; products/update sets prices from the variant', async () => {
    await hook('inventory_levels/update', levelSample(2, '2026-11-24T11:45:00-05:00'));
    const item = await hook('inventory_items/update', itemSample(false));
    expect(await item.json()).toMatchObject({ applied: true, product_id: 'p1', tracked: false });
    expect((await creative()).trace.some((t) => t.subject === 'p1' && t.rule === 'stock_untracked')).toBe(true);
    const prod = await hook('products/update', productSample('24.00', '30.00'));
    const out = (await prod.json()) as { applied: boolean; variants: Array<{ product_id: string | null; applied: boolean; reason?: string }> };
    expect(out.applied).toBe(true);
    expect(out.variants).toEqual([
      { variant_id: '642667041472713922', product_id: 'p1', applied: true },
      { variant_id: '757650484644203962', product_id: null, applied: false, reason: 'no mapping for inventory item 999999999999999999' },
    ]);
    const p = (await (await v.app.request('/v1/admin/products/p1', { headers: admin })).json()) as { product: { price: number; salePrice: number | null } };
    expect(p.product).toMatchObject({ price: 30, salePrice: 24 });
  });

  it('an unknown topic answers 202 with the reason and writes nothing; a bad signature 401', async () => {
    const body = levelSample(77, '2026-11-25T00:00:00Z');
    const res = await hook('orders/create', body);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { reason: string }).reason).toMatch(/unknown topic "orders\/create"/);
    const p = (await (await v.app.request('/v1/admin/products/p1', { headers: admin })).json()) as { inventory: Array<{ region: string; quantity: number }> };
    expect(p.inventory.find((l) => l.region === 'AE-DU')?.quantity).not.toBe(77);
    const forged = await v.app.request('/v1/webhooks/shopify', { method: 'POST', headers: { 'X-Shopify-Topic': 'inventory_levels/update', 'X-Shopify-Hmac-Sha256': sign('{}') }, body });
    expect(forged.status).toBe(401);
  });
});

describe('mapping bootstrap from Shopify exports', () => {
  it('maps items by SKU or Google channel id and locations by country/province, listing the rest', async () => {
    const { bootstrapMapping } = await import('../src/services/shopify/bootstrap.ts');
    const { parseWebhookJson } = await import('../src/services/shopify/payloads.ts');
    const locations = parseWebhookJson('{"locations":[{"id":24826418,"name":"Riyadh store","country_code":"SA","province_code":"01"},{"id":487838322,"name":"Dubai","country_code":"AE","province_code":"DU"},{"id":1,"name":"Paris","country_code":"FR","province_code":null}]}');
    const products = parseWebhookJson(`{"products":[{"id":632910392,"variants":[{"id":808950810,"sku":"p1","inventory_item_id":${ITEM}},{"id":49148385,"sku":"","inventory_item_id":39072856}]},{"id":921728736,"variants":[{"id":447654529,"sku":"nope","inventory_item_id":457924702}]}]}`);
    const r = bootstrapMapping(locations, products, new Set(['SA-01', 'AE-DU']), new Set(['p1', 'shopify_SA_632910392_49148385']));
    expect(r.mapping).toEqual({ items: { [ITEM]: 'p1', '39072856': 'shopify_SA_632910392_49148385' }, locations: { '24826418': { region: 'SA-01' }, '487838322': { region: 'AE-DU' } } });
    expect(r.unmapped.map((u) => [u.kind, u.id])).toEqual([['location', '1'], ['item', '457924702']]);
  });
});
