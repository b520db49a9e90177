// Decisions through the HTTP surface: stock, promos in local time, determinism, fallbacks.
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

let v: NodeVitrine;
afterEach(async () => v?.close());

type DecisionBody = {
  decision: { id: string; variant: string | null; fallback: string | null; products?: Array<{ id: string; price: { final: number; regular: number; promo: string | null } }> };
  trace: Array<{ stage: string; subject: string; outcome: string; rule: string; detail: string }>;
  slots: { dir: string; headline: string };
  urls: Record<string, string>;
};

async function decision(query: string): Promise<DecisionBody> {
  // The trace and stock counts are internal: read as the admin.
  const res = await v.app.request(`/v1/creative?campaign=c-run&size=300x250&format=json&${query}`, { headers: admin });
  expect(res.status).toBe(200);
  return (await res.json()) as DecisionBody;
}

const chosen = (d: DecisionBody) => d.decision.products?.map((p) => p.id) ?? [];

async function setStock(rows: Array<{ product_id: string; region: string; quantity: number }>) {
  const res = await v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify(rows) });
  expect(res.status).toBe(200);
}

describe('stock', () => {
  it('never chooses a product that is out of stock in the viewer region, but still does where it is in stock', async () => {
    v = await fixtureApp();
    const before = await decision('region=AE-DU&seed=1');
    const top = chosen(before)[0]!;
    await setStock([{ product_id: top, region: 'SA-01', quantity: 0 }]);
    for (let seed = 1; seed <= 25; seed++) {
      const sa = await decision(`region=SA-01&seed=${seed}`);
      expect(chosen(sa)).not.toContain(top);
      expect(sa.trace.some((t) => t.subject.endsWith(`/${top}`))).toBe(false);
    }
    const ae = await decision('region=AE-DU&seed=1');
    expect(chosen(ae)[0]).toBe(top);
  });

  it('makes a stock change visible to the very next decision and low stock triggers the urgency variant', async () => {
    v = await fixtureApp();
    const first = await decision('region=GB-LND&seed=3');
    expect(first.decision.variant).toBe('v-default');
    await setStock([{ product_id: 'p1', region: 'GB-LND', quantity: 2 }]);
    const next = await decision('region=GB-LND&seed=3');
    expect(next.decision.variant).toBe('v-urgency');
    expect(chosen(next)[0]).toBe('p1');
    expect(next.slots.headline).toContain('Only 2 left');
  });

  it('serves the fallback creative, with a header saying why, when nothing is in stock', async () => {
    v = await fixtureApp();
    await setStock(['p1', 'p2', 'p3', 'p4'].map((p) => ({ product_id: p, region: 'GB-LND', quantity: 0 })));
    const res = await v.app.request('/v1/creative?campaign=c-run&size=728x90&format=png&region=GB-LND');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-vitrine-fallback')).toBe('nothing eligible');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    const d = await decision('region=GB-LND');
    expect(d.decision.fallback).toBe('nothing eligible');
    expect(d.trace.find((t) => t.rule === 'no_stock')?.detail).toContain('GB-LND');
  });
});

describe('promos in local time', () => {
  const promo = (over: Record<string, unknown> = {}) => ({
    id: 'evening-18',
    name: 'Evening deal',
    regions: ['SA-01', 'GB-LND'],
    startsLocal: '2026-11-24T17:30',
    endsLocal: '2026-11-24T20:00',
    discount: { kind: 'percent', value: 25 },
    selector: { productIds: ['p1'] },
    code: 'EVE25',
    copy: { en: '{discount} off tonight', ar: 'خصم {discount} الليلة' },
    ...over,
  });

  it('applies a promo inside its window in the region local time and not outside it', async () => {
    v = await fixtureApp();
    const res = await v.app.request('/v1/admin/promos', { method: 'POST', headers: admin, body: JSON.stringify(promo()) });
    expect(res.status).toBe(201);
    // 15:00 UTC is 18:00 in Riyadh (inside 17:30–20:00) but 15:00 in London (outside).
    const sa = await decision('region=SA-01&seed=2');
    expect(sa.decision.variant).toBe('v-promo');
    const p1 = sa.decision.products!.find((p) => p.id === 'p1')!;
    expect(p1.price).toMatchObject({ regular: 100, final: 75, promo: 'evening-18' });
    const gb = await decision('region=GB-LND&seed=2');
    expect(gb.decision.products!.every((p) => p.price.promo === null)).toBe(true);
    const miss = gb.trace.find((t) => t.rule === 'promo_window' && t.subject === 'evening-18');
    expect(miss?.detail).toContain('it is 2026-11-24T15:00 in GB-LND');
    // Three hours later it is 18:00 in London: now it applies there.
    const later = await decision(`region=GB-LND&seed=2&at=${new Date(NOW + 3 * 3600_000).toISOString()}`);
    expect(later.decision.products!.find((p) => p.id === 'p1')?.price.promo).toBe('evening-18');
  });

  it('stops applying a deleted promo at once', async () => {
    v = await fixtureApp();
    await v.app.request('/v1/admin/promos', { method: 'POST', headers: admin, body: JSON.stringify(promo()) });
    expect((await decision('region=SA-01&seed=2')).decision.variant).toBe('v-promo');
    const del = await v.app.request('/v1/admin/promos/evening-18', { method: 'DELETE', headers: admin });
    expect(del.status).toBe(204);
    expect((await decision('region=SA-01&seed=2')).decision.variant).not.toBe('v-promo');
  });

  it('rejects an invalid promo naming the field', async () => {
    v = await fixtureApp();
    const res = await v.app.request('/v1/admin/promos', { method: 'POST', headers: admin, body: JSON.stringify(promo({ startsLocal: '24/11/2026', regions: ['SA-01'] })) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('startsLocal');
    expect(body.error.message).toContain('YYYY-MM-DDTHH:mm');
  });
});

describe('determinism and conditions', () => {
  it('gives the same decision for the same seed and clock', async () => {
    v = await fixtureApp();
    const a = await decision('region=SA-01&seed=42&weather=rain');
    const b = await decision('region=SA-01&seed=42&weather=rain');
    expect(b.decision).toEqual(a.decision);
    expect(b.trace).toEqual(a.trace);
    const c = await decision(`region=SA-01&seed=42&weather=rain&at=${new Date(NOW + 1000).toISOString()}`);
    expect(c.decision.id).not.toBe(a.decision.id);
  });

  it('uses weather to pick the rain variant and explains excluded variants', async () => {
    v = await fixtureApp();
    const dry = await decision('region=GB-LND&seed=5&weather=clear');
    expect(dry.decision.variant).not.toBe('v-rain');
    expect(dry.trace.find((t) => t.subject.startsWith('v-rain/') && t.outcome === 'exclude')?.detail).toContain('needs weather in [rain]');
    const wet = await decision('region=GB-LND&seed=5&weather=rain');
    expect(wet.decision.variant).toBe('v-rain');
    expect(wet.decision.products!.length).toBe(4);
  });
});
