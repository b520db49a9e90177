// Learning and measurement: conversions (idempotent, attributed in a click window), reports with
// intervals and lift, the holdout share, traffic shifting to the better variant, bulk profiles,
// and consent over OpenRTB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../src/domain/rng.ts';
import type { Variant } from '../src/domain/types.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin } from './helpers/app.ts';
import { GRANTING, tc } from './helpers/consent-strings.ts';
import { NOW, VARIANTS } from './helpers/fixture.ts';
import { decisionOf, hoursAgo, merchant, personalApp, V_CART, type Clock } from './helpers/personal.ts';

const granted = { gdpr: '1', gdpr_consent: GRANTING };
const path = (url: string) => new URL(url).pathname + new URL(url).search;
const convert = (v: NodeVitrine, body: unknown) => v.app.request('/v1/events/conversion', { method: 'POST', headers: merchant, body: JSON.stringify(body) });

describe('conversions', () => {
  let v: NodeVitrine & { clock: Clock };
  beforeAll(async () => {
    v = await personalApp();
  });
  afterAll(async () => v.close());

  it('attributes a conversion to a clicked decision once, however often or concurrently it is reported', async () => {
    const d = await decisionOf(v, { seed: '11' });
    await v.app.request(path(d.urls.impression!));
    expect((await v.app.request(path(d.urls.click!))).status).toBe(302);
    const order = { order_id: 'o-1001', decision_id: d.decision.id, value: 59.9, currency: 'USD' };
    const first = await convert(v, order);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'attributed', campaign: 'c-run', variant: d.decision.variant, attributed: true });
    const again = await Promise.all(Array.from({ length: 5 }, () => convert(v, order)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(((await again[0]!.json()) as { status: string }).status).toBe('duplicate');
    const racing = await Promise.all(Array.from({ length: 5 }, () => convert(v, { ...order, order_id: 'o-1002' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    await v.flush();
    expect(await v.store.countEvents({ type: 'conversion', decisionId: d.decision.id as string })).toBe(2);
    const arms = await v.store.policyArms(0);
    const arm = arms.find((a) => a.variantId === d.decision.variant && a.bucket === d.decision.bucket)!;
    expect(arm).toMatchObject({ impressions: 1, clicks: 1, conversions: 2 });
  });

  it('accepts the click token instead of a decision id, and refuses a tampered one', async () => {
    const d = await decisionOf(v, { seed: '12' });
    await v.app.request(path(d.urls.click!));
    const token = new URL(d.urls.click!).pathname.split('/').pop()!;
    const ok = await convert(v, { order_id: 'o-2001', click_token: token, value: 10, currency: 'EUR' });
    expect(ok.status).toBe(201);
    const bad = await convert(v, { order_id: 'o-2002', click_token: `${token.slice(0, -2)}xx`, value: 10, currency: 'EUR' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('click_token');
  });

  it('records an unknown decision, a view outside the view window, or a click outside the click window as unattributed (202)', async () => {
    const unknown = await convert(v, { order_id: 'o-3001', decision_id: 'd_doesnotexist', value: 5, currency: 'USD' });
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toMatchObject({ status: 'unattributed', attributed: false, reason: expect.stringMatching(/unknown decision/) });
    const viewed = await decisionOf(v, { seed: '13' });
    await v.app.request(path(viewed.urls.impression!));
    const view = await convert(v, { order_id: 'o-3002', decision_id: viewed.decision.id, value: 5, currency: 'USD', at: new Date(NOW + 2 * 86_400_000).toISOString() });
    expect(view.status).toBe(202);
    expect(((await view.json()) as { reason: string }).reason).toMatch(/outside the 1-day view window/);
    const clicked = await decisionOf(v, { seed: '14' });
    await v.app.request(path(clicked.urls.click!));
    const late = await convert(v, { order_id: 'o-3003', decision_id: clicked.decision.id, value: 5, currency: 'USD', at: new Date(NOW + 8 * 86_400_000).toISOString() });
    expect(late.status).toBe(202);
    expect(((await late.json()) as { reason: string }).reason).toMatch(/outside the 7-day click window/);
  });

  it('names the bad field', async () => {
    for (const [body, field] of [
      [{ decision_id: 'd_x', value: 1, currency: 'USD' }, 'order_id'],
      [{ order_id: 'o', decision_id: 'd_x', value: -1, currency: 'USD' }, 'value'],
      [{ order_id: 'o', decision_id: 'd_x', value: 1, currency: 'usd' }, 'currency'],
      [{ order_id: 'o', value: 1, currency: 'USD' }, 'decision_id'],
    ] as const) {
      const res = await convert(v, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    expect((await v.app.request('/v1/events/conversion', { method: 'POST', body: '{}' })).status).toBe(401);
  });
});

describe('reports', () => {
  let v: NodeVitrine & { clock: Clock };
  beforeAll(async () => {
    v = await personalApp({ campaign: { holdoutShare: 0.5 } });
    await v.app.request('/v1/profiles/r-1', { method: 'PUT', headers: merchant, body: JSON.stringify({ segments: ['runners'] }) });
    // 40 decisions: every one seen, every 4th clicked, one conversion; half of them consented as r-1.
    for (let i = 0; i < 40; i++) {
      const d = await decisionOf(v, { seed: String(100 + i), ...(i % 2 ? { uid: 'r-1', ...granted } : {}), region: i % 3 ? 'GB-LND' : 'AE-DU' });
      await v.app.request(path(d.urls.impression!));
      if (i % 4 === 0) await v.app.request(path(d.urls.click!));
      if (i === 0) await convert(v, { order_id: 'o-r-1', decision_id: d.decision.id, value: 120, currency: 'USD' });
    }
    await v.flush();
  });
  afterAll(async () => v.close());

  const report = async (q: string, headers: Record<string, string> = admin) => v.app.request(`/v1/admin/reports?campaign=c-run&${q}`, { headers });

  it('by variant: counts, CTR with a 95% interval, conversions, revenue and lift over the holdout', async () => {
    const r = (await (await report('by=variant')).json()) as { total: Record<string, number>; rows: Array<Record<string, number | string>> };
    expect(r.total).toMatchObject({ impressions: 40, clicks: 10, conversions: 1, revenue: 120 });
    expect(r.total.ctr).toBeCloseTo(0.25);
    expect(r.total.ctr_low).toBeLessThan(0.25);
    expect(r.total.ctr_high).toBeGreaterThan(0.25);
    expect(r.total.holdout_impressions).toBeGreaterThan(5);
    expect(r.total.holdout_impressions).toBeLessThan(35);
    expect(r.rows.reduce((n, x) => n + (x.impressions as number), 0)).toBe(40);
    expect(typeof r.total.lift === 'number' || r.total.lift === null).toBe(true);
  });

  it('by region, day and segment; CSV on Accept: text/csv', async () => {
    const byRegion = (await (await report('by=region')).json()) as { rows: Array<{ key: string; impressions: number }> };
    expect(Object.fromEntries(byRegion.rows.map((x) => [x.key, x.impressions]))).toEqual({ 'AE-DU': 14, 'GB-LND': 26 });
    const byDay = (await (await report('by=day')).json()) as { rows: Array<{ key: string }> };
    expect(byDay.rows.map((x) => x.key)).toEqual(['2026-11-24']);
    const bySeg = (await (await report('by=segment')).json()) as { rows: Array<{ key: string; impressions: number }>; total: { impressions: number } };
    const seg = Object.fromEntries(bySeg.rows.map((x) => [x.key, x.impressions]));
    expect(seg).toEqual({ '(none)': 20, runners: 20 });
    expect(bySeg.total.impressions).toBe(40);
    const csv = await report('by=region', { ...admin, Accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'region,impressions,clicks,scans,ctr,ctr_low,ctr_high,conversions,conversion_rate,revenue,currency,click_through_conversions,click_through_revenue,view_through_conversions,view_through_revenue,holdout_impressions,holdout_ctr,lift,lift_low,lift_high,replays,wins,bills,spend,avg_clearing_cpm',
    );
    expect(lines.map((l) => l.split(',')[0])).toEqual(['region', 'AE-DU', 'GB-LND', '(total)']);
  });

  it('refuses bad parameters naming them, unknown campaigns, and callers without the admin key', async () => {
    const bad = await report('by=week');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'by', accepted: ['variant', 'region', 'segment', 'day', 'daypart'] } });
    expect((await v.app.request('/v1/admin/reports?campaign=nope', { headers: admin })).status).toBe(404);
    expect((await report('by=variant', merchant)).status).toBe(401);
  });
});

describe('the learning policy', () => {
  const A: Variant = { ...VARIANTS[0]!, id: 'v-default', name: 'A', conditions: [] };
  const B: Variant = { ...VARIANTS[0]!, id: 'v-b', name: 'B', conditions: [] };

  it('shifts traffic toward the variant that gets more clicks (seeded)', async () => {
    const v = await personalApp({ campaign: { optimization: 'thompson', holdoutShare: 0 }, variants: [A, B], config: { policyRefreshMs: 0 } });
    try {
      const rng = seededRng(5);
      const shares: number[] = [];
      for (let round = 0; round < 12; round++) {
        let b = 0;
        for (let i = 0; i < 40; i++) {
          const d = await decisionOf(v, { seed: String(round * 1000 + i) });
          const isB = d.decision.variant === 'v-b';
          if (isB) b++;
          await v.app.request(path(d.urls.impression!));
          // B is clicked 20% of the time, A 4%.
          if (rng.next() < (isB ? 0.2 : 0.04)) await v.app.request(path(d.urls.click!));
        }
        await v.flush();
        shares.push(b / 40);
      }
      expect(shares[0]).toBeGreaterThan(0.2); // it explored at first
      expect(shares.slice(-4).reduce((x, y) => x + y) / 4).toBeGreaterThan(0.8);
      const d = await decisionOf(v, { seed: '1' });
      expect(d.decision.policy).toMatch(/thompson|explore/);
      expect(d.trace.some((t) => /θ ~ Beta/.test(t.detail))).toBe(true);
    } finally {
      await v.close();
    }
  });

  it('honours the holdout share within tolerance, always with the default variant', async () => {
    const v = await personalApp({ campaign: { optimization: 'thompson', holdoutShare: 0.2 }, variants: [A, B] });
    try {
      let held = 0;
      const n = 600;
      for (let i = 0; i < n; i++) {
        const d = await decisionOf(v, { seed: String(50_000 + i) });
        if (d.decision.holdout) {
          held++;
          expect(d.decision.variant).toBe('v-default');
          expect(d.decision.policy).toBe('holdout');
        }
      }
      // 3 standard deviations of a binomial(600, 0.2) share is ±0.049.
      expect(Math.abs(held / n - 0.2)).toBeLessThan(0.049);
      // A consented shopper stays on one side of the holdout.
      await v.app.request('/v1/profiles/h-1', { method: 'PUT', headers: merchant, body: '{}' });
      const sides = new Set<boolean>();
      for (let i = 0; i < 20; i++) sides.add((await decisionOf(v, { seed: String(i), uid: 'h-1', ...granted })).decision.holdout as boolean);
      expect(sides.size).toBe(1);
    } finally {
      await v.close();
    }
  });
});

describe('bulk profiles (NDJSON)', () => {
  it('stores good lines in batches and reports every rejected line with its number and reason', async () => {
    const v = await personalApp();
    try {
      const lines = [
        JSON.stringify({ uid: 'bulk-1', segments: ['a'], cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] }),
        '{not json',
        JSON.stringify({ segments: ['no-uid'] }),
        '',
        JSON.stringify({ uid: 'bulk-2', purchases: ['ghost-1'], loyalty_tier: 'gold' }),
        JSON.stringify({ uid: 'bulk-3', lang: 'fr' }),
        JSON.stringify([1, 2]),
      ];
      const res = await v.app.request('/v1/profiles/import', { method: 'POST', headers: { ...merchant, 'Content-Type': 'application/x-ndjson' }, body: lines.join('\n') });
      expect(res.status).toBe(200);
      const s = (await res.json()) as { read: number; stored: number; rejected: number; problems: Array<{ line: number; field: string }>; unknownProducts: Array<{ line: number; ids: string[] }> };
      expect(s).toMatchObject({ read: 6, stored: 2, rejected: 4 });
      expect(s.problems.map((p) => [p.line, p.field])).toEqual([[2, '(line)'], [3, 'uid'], [6, 'lang'], [7, '(line)']]);
      expect(s.unknownProducts).toEqual([{ line: 5, ids: ['ghost-1'] }]);
      expect((await decisionOf(v, { uid: 'bulk-1', ...granted })).decision.variant).toBe('v-cart');
      const wrongType = await v.app.request('/v1/profiles/import', { method: 'POST', headers: merchant, body: lines[0] });
      expect(wrongType.status).toBe(400);
    } finally {
      await v.close();
    }
  });
});

describe('consent over OpenRTB', () => {
  it('personalizes a bid only when the request consents, using the synced buyeruid', async () => {
    const v = await personalApp({ variants: [...VARIANTS, V_CART], config: { syncHosts: ['exchange.example'] } });
    try {
      // The buyeruid is one Vitrine's cookie sync gave the exchange (an id it never issued is ignored: test/buyeruid.test.ts).
      const redir = encodeURIComponent('https://exchange.example/setuid?uid=${UID}');
      const synced = await v.app.request(`/v1/sync?redir=${redir}&gdpr=1&gdpr_consent=${encodeURIComponent(GRANTING)}`);
      const buyeruid = new URL(synced.headers.get('location')!).searchParams.get('uid')!;
      await v.app.request(`/v1/profiles/${buyeruid}`, { method: 'PUT', headers: merchant, body: JSON.stringify({ cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] }) });
      const bid = async (consent: string) => {
        const req = { id: 'r1', imp: [{ id: '1', tagid: 'pl-home', banner: { w: 300, h: 250 } }], device: { geo: { country: 'GBR' } }, user: { buyeruid, consent }, regs: { gdpr: 1 } };
        const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) });
        return ((await res.json()) as { seatbid: Array<{ bid: Array<{ crid: string; adm: string }> }> }).seatbid[0]!.bid[0]!;
      };
      expect((await bid(GRANTING)).crid).toBe('v-cart');
      expect((await bid(tc({ vendors: [7] }))).crid).toBe('v-default');
    } finally {
      await v.close();
    }
  });
});
