// The decision engine: signals + campaigns + in-stock candidates + promos → one decision and
// its trace. Pure: no I/O, randomness from the seed, time from the signals.
import { acceptsAvailability, describeCondition, failingCondition } from './conditions.ts';
import { campaignTrace } from './eligibility.ts';
import { bestOffer } from './pricing.ts';
import { decisionId, seededRng } from './rng.ts';
import { expectedValue, priorEstimator, productValue, type ClickEstimator } from './score.ts';
import type {
  Campaign,
  CampaignBundle,
  Candidate,
  ChosenProduct,
  DecisionResult,
  PricedOffer,
  Promo,
  Signals,
  TraceEntry,
  Variant,
} from './types.ts';

export interface DecisionInput {
  signals: Signals;
  bundles: readonly CampaignBundle[];
  /** In-stock candidates in the viewer's region, per campaign id, best-ranked first. */
  candidates: ReadonlyMap<string, readonly Candidate[]>;
  promos: readonly Promo[];
  seed: number;
  estimator?: ClickEstimator;
  /** Entries to start the trace with (e.g. signal defaults). */
  notes?: readonly TraceEntry[];
  /**
   * Trace every promo considered (window misses, promos that were not the best price).
   * Default true; ad-serving paths that never show the trace turn it off, since with
   * a thousand promos those entries are most of the work.
   */
  explainPromos?: boolean;
}

/** Products a carousel shows at most. */
export const CAROUSEL_MAX = 4;

interface Best {
  campaign: Campaign;
  variant: Variant;
  chosen: ChosenProduct;
  score: number;
  priced: ChosenProduct[];
}

/** Running promos by the categories their selectors name ('' = any category), so a product meets only its own. */
function promosByCategory(promos: readonly Promo[]): Map<string, Promo[]> {
  const by = new Map<string, Promo[]>([['', []]]);
  for (const p of promos) {
    for (const c of p.selector.categories?.length ? p.selector.categories : ['']) {
      const list = by.get(c);
      if (list) list.push(p);
      else by.set(c, [p]);
    }
  }
  return by;
}

function priceCandidates(cands: readonly Candidate[], promos: readonly Promo[], s: Signals, trace: TraceEntry[], explain: boolean): ChosenProduct[] {
  const ctx = { region: s.region, wall: s.local.wall, now: s.now };
  const out: ChosenProduct[] = [];
  // Explaining lists every promo checked against every product; serving needs only the ones that can apply.
  const index = explain ? null : promosByCategory(promos);
  const promosFor = (category: string) => (index ? [...index.get('')!, ...(index.get(category) ?? [])] : promos);
  for (const { product, quantity } of cands) {
    if (quantity <= 0 || product.availability === 'out_of_stock') {
      trace.push({ stage: 'product', subject: product.id, outcome: 'exclude', rule: 'out_of_stock', detail: `${product.id} has no stock in ${s.region}` });
      continue;
    }
    const offer: PricedOffer = bestOffer(product, promosFor(product.category), ctx, explain ? trace : undefined);
    out.push({ product, quantity, offer });
  }
  return out;
}

function considerVariant(
  campaign: Campaign,
  variant: Variant,
  priced: readonly ChosenProduct[],
  s: Signals,
  estimator: ClickEstimator,
  draw: () => number,
  trace: TraceEntry[],
): { chosen: ChosenProduct; score: number } | null {
  let best: { chosen: ChosenProduct; score: number } | null = null;
  for (const cp of priced) {
    const subject = `${variant.id}/${cp.product.id}`;
    if (!acceptsAvailability(variant.conditions, cp.product)) {
      trace.push({ stage: 'variant', subject, outcome: 'exclude', rule: 'availability', detail: `${cp.product.id} is ${cp.product.availability}; ${variant.id} does not advertise that` });
      continue;
    }
    const fail = failingCondition(variant.conditions, { signals: s, campaign, product: cp.product, quantity: cp.quantity, offer: cp.offer });
    if (fail) {
      trace.push({
        stage: 'variant',
        subject,
        outcome: 'exclude',
        rule: `condition_${fail.condition.signal}`,
        detail: `${variant.id} needs ${describeCondition(fail.condition)}; with ${cp.product.id} it is ${String(fail.actual)}`,
      });
      continue;
    }
    const sc = expectedValue({ campaign, variant, product: cp.product, offer: cp.offer, signals: s }, estimator, draw);
    trace.push({
      stage: 'score',
      subject,
      outcome: 'include',
      rule: 'expected_value',
      detail: `${variant.id} with ${cp.product.id}: P(click) ${sc.click.toFixed(4)} × value ${sc.value.toFixed(3)} = ${sc.score.toFixed(5)}`,
    });
    if (!best || sc.score > best.score) best = { chosen: cp, score: sc.score };
  }
  return best;
}

/** The carousel's extra products: the best-valued others among the priced candidates. */
function carouselProducts(primary: ChosenProduct, priced: readonly ChosenProduct[]): ChosenProduct[] {
  const others = priced.filter((p) => p.product.id !== primary.product.id);
  others.sort((a, b) => productValue(b.product) - productValue(a.product));
  return [primary, ...others.slice(0, CAROUSEL_MAX - 1)];
}

function searchCampaign(bundle: CampaignBundle, input: DecisionInput, estimator: ClickEstimator, draw: () => number, trace: TraceEntry[]): Best | null {
  const { campaign } = bundle;
  const s = input.signals;
  const cands = input.candidates.get(campaign.id) ?? [];
  if (cands.length === 0) {
    trace.push({ stage: 'product', subject: campaign.id, outcome: 'exclude', rule: 'no_stock', detail: `no product of campaign ${campaign.id} is in stock in ${s.region}` });
    return null;
  }
  trace.push({ stage: 'product', subject: campaign.id, outcome: 'info', rule: 'stock_index', detail: `${cands.length} products of campaign ${campaign.id} in stock in ${s.region} (out-of-stock ones never leave the inventory index)` });
  const priced = priceCandidates(cands, input.promos, s, trace, input.explainPromos !== false);
  let best: Best | null = null;
  for (const variant of bundle.variants) {
    const r = considerVariant(campaign, variant, priced, s, estimator, draw, trace);
    if (r && (!best || r.score > best.score)) best = { campaign, variant, chosen: r.chosen, score: r.score, priced };
  }
  return best;
}

/** Promos of the viewer's region running at its local time; each one that is not is traced once. */
function runningPromos(promos: readonly Promo[], s: Signals, trace: TraceEntry[] | undefined): Promo[] {
  const out: Promo[] = [];
  for (const p of promos) {
    if (!p.regions.includes(s.region)) continue;
    if (s.local.wall < p.startsLocal || s.local.wall >= p.endsLocal) {
      trace?.push({ stage: 'promo', subject: p.id, outcome: 'exclude', rule: 'promo_window', detail: `promo ${p.id} runs ${p.startsLocal}–${p.endsLocal} local time; it is ${s.local.wall} in ${s.region}` });
      continue;
    }
    out.push(p);
  }
  return out;
}

export function decide(given: DecisionInput): DecisionResult {
  const s = given.signals;
  const rng = seededRng(given.seed);
  const draw = () => rng.next();
  const estimator = given.estimator ?? priorEstimator;
  const id = decisionId(given.seed, s.now);
  const trace: TraceEntry[] = [...(given.notes ?? [])];
  // Windows are checked once per decision, not once per product: 1,000 promos stay cheap.
  const input = { ...given, promos: runningPromos(given.promos, s, given.explainPromos === false ? undefined : trace) };
  let best: Best | null = null;
  for (const bundle of input.bundles) {
    const t = campaignTrace(bundle.campaign, s);
    trace.push(t);
    if (t.outcome === 'exclude') continue;
    const r = searchCampaign(bundle, input, estimator, draw, trace);
    if (r && (!best || r.score > best.score)) best = r;
  }
  if (!best) {
    const campaign = input.bundles[0]?.campaign ?? null;
    const reason = input.bundles.length === 0 ? 'no campaign' : 'nothing eligible';
    trace.push({ stage: 'decision', subject: campaign?.id ?? '-', outcome: 'info', rule: 'fallback', detail: `${reason}: serving the fallback creative` });
    return { kind: 'none', none: { id, seed: input.seed, at: s.now, campaign, reason, trace } };
  }
  const products = best.variant.template === 'carousel' ? carouselProducts(best.chosen, best.priced) : [best.chosen];
  const offer = best.chosen.offer;
  trace.push({
    stage: 'decision',
    subject: `${best.variant.id}/${best.chosen.product.id}`,
    outcome: 'choose',
    rule: 'highest_expected_value',
    detail: `chose variant ${best.variant.id} (${best.variant.template}) of ${best.campaign.id} with ${products.map((p) => p.product.id).join(', ')} at ${offer.final.toFixed(2)} ${offer.currency}${offer.promo ? ` via promo ${offer.promo.id}` : offer.source === 'sale_price' ? ' (sale price)' : ''}`,
  });
  return {
    kind: 'decision',
    decision: { id, seed: input.seed, at: s.now, campaign: best.campaign, variant: best.variant, products, score: best.score, trace },
  };
}
