// View-through beside click-through attribution, last touch and position-based, reported apart;
// the landing URL's decision id links a conversion; one conversion is credited once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, type Touch } from '../src/domain/attribution.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin } from './helpers/app.ts';
import { GRANTING } from './helpers/consent-strings.ts';
import { NOW } from './helpers/fixture.ts';
import { decisionOf, merchant, personalApp, type Clock } from './helpers/personal.ts';

const path = (url: string) => new URL(url).pathname + new URL(url).search;
const convert = (v: NodeVitrine, body: unknown) => v.app.request('/v1/events/conversion', { method: 'POST', headers: merchant, body: JSON.stringify(body) });
const HOUR = 3_600_000;
const touch = (kind: 'click' | 'view', hoursBefore: number, d = 'd'): Touch => ({ decisionId: d, campaignId: 'c', variantId: 'v', kind, at: NOW - hoursBefore * HOUR });
const W = { clickDays: 7, viewDays: 1 };

describe('attribution model (pure)', () => {
  it('last touch: a click in its window beats a later view; a view counts only without a qualifying click', () => {
    expect(attribute([touch('click', 48), touch('view', 1)], NOW, W, 'last_touch')).toMatchObject({ kind: 'click_through', credits: [{ share: 1, touch: { kind: 'click' } }] });
    expect(attribute([touch('view', 20)], NOW, W, 'last_touch')).toMatchObject({ kind: 'view_through', credits: [{ share: 1 }] });
    const late = attribute([touch('view', 25)], NOW, W, 'last_touch');
    expect(late).toMatchObject({ kind: null, credits: [] });
    expect(late.reason).toMatch(/outside the 1-day view window/);
    expect(attribute([touch('click', 24 * 8)], NOW, W, 'last_touch').reason).toMatch(/outside the 7-day click window/);
    expect(attribute([touch('click', -1)], NOW, W, 'last_touch').reason).toMatch(/after the conversion/);
  });

  it('position based: 40% first, 40% last, 20% over the middle; shares sum to one', () => {
    const a = attribute([touch('view', 10, 'a'), touch('click', 30, 'b'), touch('click', 5, 'c'), touch('view', 2, 'd')], NOW, W, 'position_based');
    expect(a.credits.map((c) => [c.touch.decisionId, c.share])).toEqual([['b', 0.4], ['a', 0.1], ['c', 0.1], ['d', 0.4]]);
    expect(a.credits.reduce((n, c) => n + c.share, 0)).toBeCloseTo(1, 10);
    expect(attribute([touch('click', 3, 'a'), touch('view', 1, 'b')], NOW, W, 'position_based').credits.map((c) => c.share)).toEqual([0.5, 0.5]);
  });
});

describe('attribution through the app', () => {
  let v: NodeVitrine & { clock: Clock };
  beforeAll(async () => {
    v = await personalApp();
  });
  afterAll(async () => v.close());

  it('a view-only decision then a conversion within a day is view-through, reported as such; after the window it is not', async () => {
    const seen = await decisionOf(v, { seed: '21' });
    await v.app.request(path(seen.urls.impression!));
    const within = await convert(v, { order_id: 'vt-1', decision_id: seen.decision.id, value: 80, currency: 'USD', at: new Date(NOW + 20 * HOUR).toISOString() });
    expect(within.status).toBe(201);
    expect(await within.json()).toMatchObject({ attributed: true, attribution: 'view_through', model: 'last_touch' });
    const again = await decisionOf(v, { seed: '22' });
    await v.app.request(path(again.urls.impression!));
    const after = await convert(v, { order_id: 'vt-2', decision_id: again.decision.id, value: 80, currency: 'USD', at: new Date(NOW + 25 * HOUR).toISOString() });
    expect(after.status).toBe(202);
    expect(await after.json()).toMatchObject({ attributed: false, attribution: null });
    const clicked = await decisionOf(v, { seed: '23' });
    await v.app.request(path(clicked.urls.impression!));
    await v.app.request(path(clicked.urls.click!));
    // The landing URL's decision id (vitrine_did) is enough to link the order.
    const ct = await convert(v, { order_id: 'ct-1', vitrine_did: clicked.decision.id, value: 20, currency: 'USD' });
    expect(await ct.json()).toMatchObject({ attributed: true, attribution: 'click_through' });
    await v.flush();
    const r = (await (await v.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: Record<string, number> };
    expect(r.total).toMatchObject({ conversions: 2, revenue: 100, view_through_conversions: 1, view_through_revenue: 80, click_through_conversions: 1, click_through_revenue: 20 });
  });

  it('position-based credit spreads one order over a consented shopper’s touches and counts it once', async () => {
    const p = await personalApp({ config: { attributionModel: 'position_based' } });
    try {
      const who = { uid: 'pb-1', gdpr: '1', gdpr_consent: GRANTING };
      await p.app.request('/v1/profiles/pb-1', { method: 'PUT', headers: merchant, body: JSON.stringify({ segments: ['x'] }) });
      const first = await decisionOf(p, { seed: '31', ...who });
      await p.app.request(path(first.urls.impression!));
      const second = await decisionOf(p, { seed: '32', ...who });
      await p.app.request(path(second.urls.impression!));
      await p.app.request(path(second.urls.click!));
      const res = await convert(p, { order_id: 'pb-o', decision_id: second.decision.id, value: 100, currency: 'USD' });
      expect(await res.json()).toMatchObject({ attributed: true, model: 'position_based' });
      expect((await convert(p, { order_id: 'pb-o', decision_id: second.decision.id, value: 100, currency: 'USD' })).status).toBe(200);
      await p.flush();
      const r = (await (await p.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { total: Record<string, number> };
      expect(r.total.conversions).toBeCloseTo(1, 6);
      expect(r.total.revenue).toBeCloseTo(100, 6);
      expect(r.total.click_through_conversions! + r.total.view_through_conversions!).toBeCloseTo(1, 6);
    } finally {
      await p.close();
    }
  });

  it('a conversion in another currency counts in the report currency at the admin’s dated rate, kept with it; without a rate it stays in its own', async () => {
    const p = await personalApp({ config: { reportCurrency: 'SAR' } });
    try {
      const put = await p.app.request('/v1/admin/rates', { method: 'PUT', headers: admin, body: JSON.stringify({ rates: [{ from: 'EUR', to: 'SAR', rate: 4, date: '2026-11-20' }] }) });
      expect(put.status).toBe(200);
      const d = await decisionOf(p, { seed: '41' });
      await p.app.request(path(d.urls.impression!));
      await p.app.request(path(d.urls.click!));
      const res = await convert(p, { order_id: 'fx-1', decision_id: d.decision.id, value: 25, currency: 'EUR' });
      expect(await res.json()).toMatchObject({ attributed: true, value: 25, currency: 'EUR', report_value: 100, report_currency: 'SAR', fx_rate: 4, fx_date: '2026-11-20' });
      const d2 = await decisionOf(p, { seed: '42' });
      await p.app.request(path(d2.urls.click!));
      const noRate = (await (await convert(p, { order_id: 'fx-2', decision_id: d2.decision.id, value: 7, currency: 'JPY' })).json()) as { report_currency: string; reason: string };
      expect(noRate.report_currency).toBe('JPY');
      expect(noRate.reason).toMatch(/revenue kept in JPY/);
      await p.flush();
      const r = (await (await p.app.request('/v1/admin/reports?campaign=c-run&by=variant', { headers: admin })).json()) as { rows: Array<{ revenue: number; currency: string }> };
      expect(r.rows.some((x) => x.currency === 'SAR' && x.revenue >= 100)).toBe(true);
    } finally {
      await p.close();
    }
  });
});
