// Regional and local inventory feeds: validation by line, store sums, regional overrides that the
// very next decision uses, idempotent re-import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary as Summary } from '../src/feeds/import.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';

const TSV = { ...admin, 'Content-Type': 'text/tab-separated-values' };

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
  const res = await v.app.request('/v1/admin/stores', { method: 'PUT', headers: admin, body: JSON.stringify([{ store_code: 'RUH-01', region: 'SA-01', name: 'Riyadh' }, { store_code: 'RUH-02', region: 'SA-01' }]) });
  expect(res.status).toBe(200);
});
afterAll(async () => v.close());

const feed = async (kind: string, rows: string[][]) => {
  const body = rows.map((r) => r.join('\t')).join('\n') + '\n';
  const res = await v.app.request(`/v1/admin/feeds/${kind}`, { method: 'POST', headers: TSV, body });
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
};
const inventoryOf = async (id: string) => ((await (await v.app.request(`/v1/admin/products/${id}`, { headers: admin })).json()) as { inventory: Array<{ region: string; storeCode: string | null; quantity: number }> }).inventory;
const decision = async (q: string) => ((await (await v.app.request(`/v1/creative?campaign=c-run&size=300x250&format=json&seed=3&${q}`)).json()) as { decision: { products: Array<{ id: string; price: { final: number; regular: number } }> } }).decision.products;

describe('local inventory feed', () => {
  const rows = [
    ['id', 'store_code', 'quantity', 'availability'],
    ['p1', 'RUH-01', '4', 'in_stock'],
    ['p1', 'RUH-02', '3', 'in stock'],
    ['p3', 'RUH-02', '', 'out of stock'],
    ['p4', 'NOWHERE', '2', 'in_stock'],
    ['p4', 'RUH-01', 'many', 'in_stock'],
    ['nope', 'RUH-01', '1', 'in_stock'],
  ];
  it('writes store counts, makes each regional total their sum, and reports bad rows by line', async () => {
    const s = await feed('local-inventory', rows);
    expect([s.read, s.inserted, s.rejected]).toEqual([6, 3, 3]);
    expect(s.problems.map((p) => [p.line, p.field])).toEqual([
      [5, 'store_code'],
      [6, 'quantity'],
      [7, 'id'],
    ]);
    const inv = await inventoryOf('p1');
    expect(inv.filter((l) => l.region === 'SA-01').map((l) => [l.storeCode, l.quantity])).toEqual([
      [null, 7],
      ['RUH-01', 4],
      ['RUH-02', 3],
    ]);
    expect((await inventoryOf('p3')).find((l) => l.region === 'SA-01' && l.storeCode === null)?.quantity).toBe(0);
  });

  it('changes nothing on a second import of the same file', async () => {
    const s = await feed('local-inventory', rows);
    expect([s.inserted, s.updated, s.unchanged]).toEqual([0, 0, 3]);
  });
});

describe('regional inventory feed', () => {
  it('overrides price and availability per region, and the next decision uses them', async () => {
    const before = await decision('region=GB-LND');
    expect(before[0]!.id).toBe('p1');
    const s = await feed('regional-inventory', [
      ['id', 'region_id', 'price', 'sale_price', 'availability'],
      ['p1', 'GB-LND', '', '', 'out_of_stock'],
      ['p1', 'AE-DU', '90.00 USD', '80.00 USD', 'in_stock'],
      ['p2', 'AE-DU', '90.00 EUR', '', ''],
      ['p2', 'XX-00', '90.00 USD', '', ''],
    ]);
    expect([s.inserted, s.rejected]).toEqual([2, 2]);
    expect(s.problems.map((p) => [p.line, p.field, p.reason])).toEqual([
      [4, 'price', "currency EUR is neither the product's USD nor AE-DU's AED"],
      [5, 'region_id', 'unknown region "XX-00" (neither a Vitrine region nor a Merchant Center region id mapped at /v1/admin/regions/mapping)'],
    ]);
    const london = await decision('region=GB-LND');
    expect(london[0]!.id).not.toBe('p1');
    const dubai = await decision('region=AE-DU');
    expect(dubai[0]).toMatchObject({ id: 'p1', price: { regular: 90, final: 80 } });
  });
});
