// Pre-flight checks, table-driven: WCAG contrast of the colours templates draw text with, and
// variants whose conditions can never hold.
import { describe, expect, it } from 'vitest';
import { contrastRatio, preflight } from '../src/domain/preflight.ts';
import type { Campaign, Condition, Variant } from '../src/domain/types.ts';

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c', name: 'C', advertiser: 'A', advertiserDomain: 'a.example', status: 'active',
  startsAt: '2026-11-24T00:00:00Z', endsAt: '2027-01-24T00:00:00Z', regions: ['SA-01', 'AE-DU'], sizes: [], placements: [],
  selector: {}, fallback: { headline: { en: 'x' }, link: 'https://a.example' }, defaultVariantId: 'v', lowStockThreshold: 5,
  frequencyCap: null, bidCpm: null, iabCategories: [], brandColor: '#1e3a8a', ...over,
});
const variant = (conditions: Condition[]): Variant => ({ id: 'v1', campaignId: 'c', name: 'V', template: 'hero', copy: { en: { headline: 'h', cta: 'c' } }, conditions, prior: 0.01 });
const TZ = new Map([['SA-01', 'Asia/Riyadh'], ['AE-DU', 'Asia/Dubai']]);
const run = (c: Campaign, conds: Condition[]) => preflight(c, [variant(conds)], (r) => TZ.get(r));

describe('contrast', () => {
  it('computes WCAG ratios (black on white 21:1, #777 on white 4.48:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 2);
  });

  it('flags a light brand colour drawn on white, not a dark one', () => {
    expect(run(campaign({ brandColor: '#facc15' }), [])).toEqual([expect.objectContaining({ check: 'contrast', field: 'brandColor on white' })]);
    expect(run(campaign(), [])).toEqual([]);
  });

  it('checks the brand kit’s CTA pair', () => {
    const kit = { id: 'k', name: 'K', colors: { primary: '#111111', secondary: '#222222', text: '#111111', background: '#ffffff' }, logoAssetId: null, fonts: { latin: null, arabic: null }, cta: { shape: 'pill' as const, background: '#ffffff', text: '#eeeeee', uppercase: false } };
    const f = run(campaign({ brandKit: kit }), []);
    expect(f.map((x) => x.field)).toEqual(['cta.text on cta.background']);
    expect(f[0]!.detail).toMatch(/contrast 1\.\d\d:1, below WCAG AA 4.5:1/);
  });
});

describe('never eligible', () => {
  const cases: Array<[string, Condition[], RegExp | null]> = [
    ['a region the campaign does not target', [{ signal: 'region', op: 'eq', value: 'US-CA' }], /targets SA-01, AE-DU; this variant only US-CA/],
    ['a targeted region', [{ signal: 'region', op: 'in', value: ['US-CA', 'SA-01'] }], null],
    ['two different weathers at once', [{ signal: 'weather', op: 'eq', value: 'rain' }, { signal: 'weather', op: 'eq', value: 'clear' }], /no weather satisfies/],
    ['an excluded only value', [{ signal: 'device', op: 'in', value: ['mobile'] }, { signal: 'device', op: 'ne', value: 'mobile' }], /no device satisfies/],
    ['an empty stock range', [{ signal: 'stock', op: 'gt', value: 10 }, { signal: 'stock', op: 'lt', value: 5 }], /no stock value satisfies/],
    ['a non-empty stock range', [{ signal: 'stock', op: 'gte', value: 1 }, { signal: 'stock', op: 'lte', value: 5 }], null],
  ];
  it.each(cases)('%s', (_, conds, want) => {
    const f = run(campaign(), conds);
    if (want === null) expect(f).toEqual([]);
    else expect(f).toEqual([expect.objectContaining({ check: 'never_eligible', subject: 'v1', detail: expect.stringMatching(want) })]);
  });

  it('a weekday the flight never reaches in any targeted zone (a Tuesday–Wednesday flight, Friday only)', () => {
    const short = campaign({ startsAt: '2026-11-24T00:00:00Z', endsAt: '2026-11-25T12:00:00Z' });
    expect(run(short, [{ signal: 'weekday', op: 'eq', value: 5 }])).toHaveLength(1);
    expect(run(short, [{ signal: 'weekday', op: 'eq', value: 3 }])).toEqual([]);
  });
});
