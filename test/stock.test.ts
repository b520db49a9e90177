// Stock updates: last write by timestamp wins, deltas, store rows, and the very next decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

const stock = (rows: unknown[]) => v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify(rows) });
const level = async (id: string, region: string, store: string | null = null) => {
  const body = (await (await v.app.request(`/v1/admin/products/${id}`, { headers: admin })).json()) as { inventory: Array<{ region: string; storeCode: string | null; quantity: number }> };
  return body.inventory.find((l) => l.region === region && l.storeCode === store)?.quantity;
};

describe('POST /v1/admin/stock with timestamps and deltas', () => {
  it('keeps the newest count when an older update arrives late', async () => {
    expect((await stock([{ product_id: 'p3', region: 'GB-LND', quantity: 7, updated_at: '2026-11-24T15:10:00Z' }])).status).toBe(200);
    await stock([{ product_id: 'p3', region: 'GB-LND', quantity: 40, updated_at: '2026-11-24T15:05:00+00:00' }]);
    expect(await level('p3', 'GB-LND')).toBe(7);
    await stock([{ product_id: 'p3', region: 'GB-LND', quantity: 6, updated_at: '2026-11-24T17:11:00+02:00' }]);
    expect(await level('p3', 'GB-LND')).toBe(6);
  });

  it('applies deltas, never below zero, and ignores a delta older than the last count', async () => {
    await stock([{ product_id: 'p4', region: 'AE-DU', quantity: 10, updated_at: '2026-11-24T15:00:00Z' }]);
    await stock([{ product_id: 'p4', region: 'AE-DU', adjust: -3, updated_at: '2026-11-24T15:01:00Z' }]);
    expect(await level('p4', 'AE-DU')).toBe(7);
    await stock([{ product_id: 'p4', region: 'AE-DU', adjust: -5, updated_at: '2026-11-24T14:59:00Z' }]);
    expect(await level('p4', 'AE-DU')).toBe(7);
    await stock([{ product_id: 'p4', region: 'AE-DU', adjust: -100 }]);
    expect(await level('p4', 'AE-DU')).toBe(0);
  });

  it('keeps store counts apart from the regional total', async () => {
    await stock([{ product_id: 'p1', region: 'SA-01', store_code: 'RUH-01', quantity: 4 }]);
    expect(await level('p1', 'SA-01', 'RUH-01')).toBe(4);
    expect(await level('p1', 'SA-01')).toBe(50);
  });

  it('rejects a row with both or neither of quantity and adjust, or a bad timestamp, naming the field', async () => {
    const res = await stock([
      { product_id: 'p1', region: 'SA-01', quantity: 1, adjust: 1 },
      { product_id: 'p1', region: 'SA-01' },
      { product_id: 'p1', region: 'SA-01', quantity: 1, updated_at: 'yesterday' },
    ]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Array<{ row: number; field: string; reason: string }> } };
    expect(body.error.details.map((d) => [d.row, d.field])).toEqual([
      [0, 'quantity'],
      [1, 'quantity'],
      [2, 'updated_at'],
    ]);
    expect(body.error.details[0]!.reason).toMatch(/exactly one of quantity/);
  });

  it('moves the very next decision off a product whose stock an adjustment takes to zero', async () => {
    const q = '/v1/creative?campaign=c-run&size=300x250&region=GB-LND&format=json&seed=3';
    const first = ((await (await v.app.request(q, { headers: admin })).json()) as { decision: { products: Array<{ id: string; quantity: number }> } }).decision.products[0]!;
    await stock([{ product_id: first.id, region: 'GB-LND', adjust: -first.quantity }]);
    const next = ((await (await v.app.request(q, { headers: admin })).json()) as { decision: { products: Array<{ id: string }> } }).decision.products[0]!;
    expect(next.id).not.toBe(first.id);
  });
});
