// Table-driven decision cases: each JSON file in fixtures/decide is one request against the
// fixture catalog with overrides, and the decision and trace it must produce. One harness runs all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../src/domain/decide.ts';
import { explicitIds } from '../src/domain/product-source.ts';
import { productValue } from '../src/domain/score.ts';
import { matchesSelector } from '../src/domain/selector.ts';
import { normalizeSignals } from '../src/domain/signals.ts';
import { ArmTable } from '../src/domain/arm-table.ts';
import { complementCategories } from '../src/domain/audience.ts';
import { DEFAULT_POLICY, type PolicySettings } from '../src/domain/bandit.ts';
import type { Audience, Campaign, Candidate, Product, Promo, Variant } from '../src/domain/types.ts';
import { CAMPAIGN, NOW, PRODUCTS, REGIONS, VARIANTS } from './helpers/fixture.ts';

interface Case {
  description: string;
  now?: string;
  params: Record<string, string>;
  campaign?: Partial<Campaign>;
  products?: Record<string, Partial<Product>>;
  /** product → region → quantity; everything else has 50. */
  stock?: Record<string, Record<string, number>>;
  promos?: Promo[];
  variants?: Variant[];
  /** A consented shopper (fields default to empty). */
  audience?: Partial<Audience>;
  /** Learning state: arms as the store holds them. */
  arms?: Array<{ variant: string; bucket: string; impressions: number; clicks: number; conversions?: number }>;
  policy?: Partial<PolicySettings>;
  expect: {
    variant?: string | null;
    products?: string[];
    final?: number;
    promo?: string | null;
    fallback?: string | null;
    traceRules?: string[];
    notTraceRules?: string[];
    traceDetail?: string[];
  };
}

const dir = join(import.meta.dirname, 'fixtures', 'decide');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);

/** What the store's inventory index returns: in stock in the region, matching, best value first. */
function candidatesFor(c: Case, campaign: Pick<Campaign, 'selector'>, region: string): Candidate[] {
  const products = PRODUCTS.map((p) => ({ ...p, ...(c.products?.[p.id] ?? {}) }));
  return products
    .map((product) => ({ product, quantity: c.stock?.[product.id]?.[region] ?? 50 }))
    .filter((x) => x.quantity > 0 && x.product.availability !== 'out_of_stock' && matchesSelector(x.product, campaign.selector))
    .sort((a, b) => productValue(b.product) - productValue(a.product));
}

describe('decision fixtures', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  it.each(cases)('%s', (_file, c) => {
    const now = c.now ? Date.parse(c.now) : NOW;
    const { signals, notes } = normalizeSignals({ size: '300x250', format: 'json', campaign: 'c-run', ...c.params }, REGIONS, { now, defaultRegion: 'GB-LND' });
    const campaign = { ...CAMPAIGN, ...(c.campaign ?? {}) };
    const variants = c.variants ?? VARIANTS;
    const audience: Audience | null = c.audience ? { userKey: 'u-fixture', segments: [], abandonedCart: [], purchased: [], purchasedCategories: [], loyaltyTier: null, ...c.audience, impressionsToday: new Map(Object.entries((c.audience as { impressionsToday?: Record<string, number> }).impressionsToday ?? {})) } : null;
    signals.audience = audience;
    const all = candidatesFor(c, campaign, signals.region);
    // What the store returns for the audience: its cart items and complementary categories, in stock here.
    const personal = audience
      ? new Map([[campaign.id, { cart: all.filter((x) => audience.abandonedCart.includes(x.product.id)), complementary: all.filter((x) => complementCategories(campaign, audience).includes(x.product.category)) }]])
      : undefined;
    // What the store returns for `explicit` variants: the named products in stock here, whatever the campaign selects.
    const ids = explicitIds(variants);
    const explicit = ids.length ? new Map([[campaign.id, candidatesFor(c, { selector: { productIds: ids } }, signals.region)]]) : undefined;
    const stats = new ArmTable();
    for (const a of c.arms ?? []) stats.set(campaign.id, a.bucket, a.variant, { impressions: a.impressions, clicks: a.clicks, conversions: a.conversions ?? 0 });
    const input = {
      signals,
      notes,
      bundles: [{ campaign, variants }],
      candidates: new Map([[campaign.id, all]]),
      ...(personal ? { personal } : {}),
      ...(explicit ? { explicit } : {}),
      policy: { stats, settings: { ...DEFAULT_POLICY, holdoutShare: 0, ...c.policy } },
      promos: (c.promos ?? []).filter((p) => p.regions.includes(signals.region)),
      seed: Number(c.params.seed ?? 1),
    };
    const result = decide({ ...input, signals: { ...signals } });
    const trace = result.kind === 'decision' ? result.decision.trace : result.none.trace;
    // Without the per variant × product exclusion entries (the auction's decisions): the same decision, the same trace less exactly those.
    const lean = decide({ ...input, signals: { ...signals }, traceExclusions: false });
    const excluded = (t: { stage: string; outcome: string; rule: string }) => t.stage === 'variant' && t.outcome === 'exclude' && (t.rule === 'availability' || t.rule.startsWith('condition_'));
    const strip = (r: typeof result) => (r.kind === 'decision' ? { ...r.decision, trace: r.decision.trace.filter((t) => !excluded(t)) } : { ...r.none, trace: r.none.trace.filter((t) => !excluded(t)) });
    expect(lean.kind).toBe(result.kind);
    expect(strip(lean)).toEqual(strip(result));
    expect((lean.kind === 'decision' ? lean.decision.trace : lean.none.trace).some(excluded)).toBe(false);
    const e = c.expect;
    if (e.fallback !== undefined) expect(result.kind === 'none' ? result.none.reason : null).toBe(e.fallback);
    if (e.variant !== undefined) expect(result.kind === 'decision' ? result.decision.variant.id : null).toBe(e.variant);
    if (result.kind === 'decision') {
      const d = result.decision;
      // A variant that speaks about the cart shows only products from the shopper's (consented) cart.
      if (d.variant.productSource === 'cart') for (const p of d.products) expect(audience?.abandonedCart ?? [], `cart variant shows ${p.product.id}`).toContain(p.product.id);
      if (d.variant.productSource === 'explicit') for (const p of d.products) expect(d.variant.productIds ?? []).toContain(p.product.id);
      if (e.products) expect(d.products.map((p) => p.product.id)).toEqual(e.products);
      if (e.final !== undefined) expect(d.products[0]!.offer.final).toBe(e.final);
      if (e.promo !== undefined) expect(d.products[0]!.offer.promo?.id ?? null).toBe(e.promo);
    }
    const rules = trace.map((t) => t.rule);
    for (const r of e.traceRules ?? []) expect(rules, `trace has ${r}`).toContain(r);
    for (const r of e.notTraceRules ?? []) expect(rules, `trace lacks ${r}`).not.toContain(r);
    for (const text of e.traceDetail ?? []) expect(trace.some((t) => t.detail.includes(text)), `trace mentions "${text}"`).toBe(true);
  });
});
