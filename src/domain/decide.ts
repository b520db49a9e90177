// The decision engine: signals + campaigns + in-stock candidates + promos (+ a consented
// audience and the learning state) → one decision and its trace. Pure: no I/O, randomness from
// the seed, time from the signals.
import { isUntracked } from './stock.ts';
import { complementCategories } from './audience.ts';
import { contextBucket, DEFAULT_POLICY, NO_STATS, type PolicySettings, type PolicyStats } from './bandit.ts';
import { chooseVariant, inHoldout, type Choice, type Option } from './choose.ts';
import { acceptsAvailability, describeCondition, failingCondition } from './conditions.ts';
import { campaignTrace } from './eligibility.ts';
import { bestOffer } from './pricing.ts';
import { decisionId, seededRng } from './rng.ts';
import { poolOf, type SourcePools } from './product-source.ts';
import { productValue } from './score.ts';
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

/** Products a consented profile points at, in stock in the viewer's region. */
export interface PersonalCandidates {
  /** Abandoned cart items (newest first). */
  cart: readonly Candidate[];
  /** Products of categories complementing recent purchases. */
  complementary: readonly Candidate[];
}

export interface DecisionInput {
  signals: Signals;
  bundles: readonly CampaignBundle[];
  /** In-stock candidates in the viewer's region, per campaign id, best-ranked first. */
  candidates: ReadonlyMap<string, readonly Candidate[]>;
  promos: readonly Promo[];
  seed: number;
  /** Per campaign id; only with consent and a profile. */
  personal?: ReadonlyMap<string, PersonalCandidates>;
  /** In-stock products that `explicit` variants name, per campaign id. */
  explicit?: ReadonlyMap<string, readonly Candidate[]>;
  /** Learning state and settings; absent = priors only and no holdout unless a campaign sets one. */
  policy?: { stats: PolicyStats; settings: PolicySettings };
  /** Entries to start the trace with (e.g. signal defaults). */
  notes?: readonly TraceEntry[];
  /**
   * Trace every promo considered (window misses, promos that were not the best price).
   * Default true; ad-serving paths that never show the trace turn it off, since with
   * a thousand promos those entries are most of the work.
   */
  explainPromos?: boolean;
  /**
   * Trace each variant × product a variant's conditions or availability exclude. Default true;
   * the OpenRTB auction, which never shows a decision's trace and reads only its campaign
   * entries, turns it off: in the demo store they are ~130 of a decision's ~140 entries. The
   * decision itself is the same either way.
   */
  traceExclusions?: boolean;
}

/** Products a carousel shows at most. */
export const CAROUSEL_MAX = 4;

interface Best extends Choice {
  campaign: Campaign;
  priced: ChosenProduct[];
  holdout: boolean;
}

const NO_POLICY: PolicySettings = { ...DEFAULT_POLICY, explorationFloor: 0, holdoutShare: 0 };

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
    if (explain && isUntracked(quantity)) trace.push({ stage: 'product', subject: product.id, outcome: 'info', rule: 'stock_untracked', detail: `${product.id}: the merchant does not track its stock in ${s.region}; it stays eligible` });
    const offer: PricedOffer = bestOffer(product, promosFor(product.category), ctx, explain ? trace : undefined);
    out.push({ product, quantity, offer });
  }
  return out;
}

/** The products a variant may show with its conditions, in pool order; exclusions are traced. */
function optionFor(campaign: Campaign, variant: Variant, priced: readonly ChosenProduct[], s: Signals, trace: TraceEntry[] | null): Option | null {
  const products: ChosenProduct[] = [];
  for (const cp of priced) {
    if (!acceptsAvailability(variant.conditions, cp.product)) {
      trace?.push({ stage: 'variant', subject: `${variant.id}/${cp.product.id}`, outcome: 'exclude', rule: 'availability', detail: `${cp.product.id} is ${cp.product.availability}; ${variant.id} does not advertise that` });
      continue;
    }
    const fail = failingCondition(variant.conditions, { signals: s, campaign, product: cp.product, quantity: cp.quantity, offer: cp.offer });
    if (fail) {
      if (!trace) continue;
      const subject = `${variant.id}/${cp.product.id}`;
      const actual = Array.isArray(fail.actual) ? `[${fail.actual.join(', ')}]` : String(fail.actual);
      trace.push({ stage: 'variant', subject, outcome: 'exclude', rule: `condition_${fail.condition.signal}`, detail: `${variant.id} needs ${describeCondition(fail.condition)}; with ${cp.product.id} it is ${actual}` });
      continue;
    }
    products.push(cp);
  }
  return products.length ? { variant, products } : null;
}

/** The carousel's extra products: the best-valued others among the priced candidates. */
function carouselProducts(primary: ChosenProduct, priced: readonly ChosenProduct[]): ChosenProduct[] {
  const others = priced.filter((p) => p.product.id !== primary.product.id);
  others.sort((a, b) => productValue(b.product) - productValue(a.product));
  return [primary, ...others.slice(0, CAROUSEL_MAX - 1)];
}

/**
 * The products this campaign may show this viewer, per product source. The catalog pool with a
 * consented profile: the abandoned cart items first, else complements of recent purchases, else
 * the usual best-ranked ones; never a product the shopper just bought.
 */
function sourcePools(campaign: Campaign, input: DecisionInput, trace: TraceEntry[]): SourcePools {
  const s = input.signals;
  const general = input.candidates.get(campaign.id) ?? [];
  const explicit = input.explicit?.get(campaign.id) ?? [];
  const a = s.audience;
  if (!a) return { catalog: general, cart: [], complement: [], explicit };
  const bought = new Set(a.purchased);
  const fresh = (list: readonly Candidate[]) => list.filter((c) => !bought.has(c.product.id));
  const personal = input.personal?.get(campaign.id);
  const cart = fresh(personal?.cart ?? []);
  const comp = fresh(personal?.complementary ?? []);
  const pools = { cart, complement: comp, explicit: fresh(explicit) };
  if (cart.length) {
    trace.push({ stage: 'product', subject: campaign.id, outcome: 'info', rule: 'cart_abandoner', detail: `cart abandoner: showing abandoned cart item(s) ${cart.map((c) => c.product.id).join(', ')} in stock in ${s.region}` });
    return { ...pools, catalog: cart };
  }
  if (a.abandonedCart.length) trace.push({ stage: 'product', subject: campaign.id, outcome: 'info', rule: 'cart_unavailable', detail: `abandoned cart item(s) ${a.abandonedCart.join(', ')} are not in stock in ${s.region} or not in campaign ${campaign.id}` });
  if (comp.length) {
    trace.push({ stage: 'product', subject: campaign.id, outcome: 'info', rule: 'complementary', detail: `recent purchaser (${a.purchasedCategories.join(', ')}): showing complementary ${complementCategories(campaign, a).join(', ')}` });
    return { ...pools, catalog: comp };
  }
  const rest = fresh(general);
  if (rest.length < general.length) trace.push({ stage: 'product', subject: campaign.id, outcome: 'exclude', rule: 'recently_purchased', detail: `not advertising what the shopper just bought: ${general.filter((c) => bought.has(c.product.id)).map((c) => c.product.id).join(', ')}` });
  return { ...pools, catalog: rest };
}

function frequencyCapped(c: Campaign, s: Signals, trace: TraceEntry[]): boolean {
  const seen = s.audience?.impressionsToday.get(c.id) ?? 0;
  if (c.frequencyCap === null || !s.audience || seen < c.frequencyCap) return false;
  trace.push({ stage: 'campaign', subject: c.id, outcome: 'exclude', rule: 'frequency_cap', detail: `this shopper saw campaign ${c.id} ${seen} time(s) today; the cap is ${c.frequencyCap}` });
  return true;
}

function searchCampaign(bundle: CampaignBundle, input: DecisionInput, bucket: string, draw: () => number, trace: TraceEntry[]): Best | null {
  const { campaign } = bundle;
  const s = input.signals;
  const pools = sourcePools(campaign, input, trace);
  if (!pools.catalog.length && !pools.cart.length && !pools.complement.length && !pools.explicit.length) {
    trace.push({ stage: 'product', subject: campaign.id, outcome: 'exclude', rule: 'no_stock', detail: `no product of campaign ${campaign.id} is in stock in ${s.region}` });
    return null;
  }
  trace.push({ stage: 'product', subject: campaign.id, outcome: 'info', rule: 'stock_index', detail: `${pools.catalog.length} products of campaign ${campaign.id} in stock in ${s.region} (out-of-stock ones never leave the inventory index)` });
  // Each pool is priced once, however many variants draw from it.
  const pricedPools = new Map<readonly Candidate[], ChosenProduct[]>();
  const explain = input.explainPromos !== false;
  const pricedFor = (v: Variant): ChosenProduct[] => {
    const pool = poolOf(v, pools, trace);
    let priced = pricedPools.get(pool);
    if (!priced) pricedPools.set(pool, (priced = priceCandidates(pool, input.promos, s, trace, explain)));
    return priced;
  };
  const pricedOf = new Map<string, ChosenProduct[]>();
  const option = (v: Variant): Option | null => {
    const priced = pricedFor(v);
    pricedOf.set(v.id, priced);
    return optionFor(campaign, v, priced, s, input.traceExclusions === false ? null : trace);
  };
  const settings = input.policy?.settings ?? NO_POLICY;
  let holdout = inHoldout(campaign, campaign.holdoutShare ?? settings.holdoutShare, s.audience, draw);
  let options: Option[] | null = null;
  if (holdout) {
    const def = bundle.variants.find((v) => v.id === campaign.defaultVariantId);
    const opt = def ? option(def) : null;
    if (opt) options = [opt];
    else {
      holdout = false;
      trace.push({ stage: 'variant', subject: campaign.defaultVariantId, outcome: 'info', rule: 'holdout_unservable', detail: `holdout drawn, but the default variant ${campaign.defaultVariantId} cannot serve here: serving normally` });
    }
  }
  options ??= bundle.variants.map(option).filter((o): o is Option => o !== null);
  if (options.length === 0) return null;
  const choice = chooseVariant(options, holdout, { campaign, bucket, stats: input.policy?.stats ?? NO_STATS, settings, draw, trace, explain });
  return { ...choice, campaign, priced: pricedOf.get(choice.variant.id) ?? [], holdout };
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
  const bucket = contextBucket(s);
  const id = decisionId(given.seed, s.now);
  const trace: TraceEntry[] = [...(given.notes ?? [])];
  // Windows are checked once per decision, not once per product: 1,000 promos stay cheap.
  const input = { ...given, promos: runningPromos(given.promos, s, given.explainPromos === false ? undefined : trace) };
  let best: Best | null = null;
  let paused = 0;
  for (const bundle of input.bundles) {
    const t = campaignTrace(bundle.campaign, s);
    trace.push(t);
    if (t.rule === 'campaign_paused') paused++;
    if (t.outcome === 'exclude' || frequencyCapped(bundle.campaign, s, trace)) continue;
    const r = searchCampaign(bundle, input, bucket, draw, trace);
    if (r && (!best || r.score > best.score)) best = r;
  }
  if (!best) {
    const campaign = input.bundles[0]?.campaign ?? null;
    // Every campaign asked for is paused: the fallback says so (X-Vitrine-Fallback: paused).
    const reason = input.bundles.length === 0 ? 'no campaign' : paused === input.bundles.length ? 'paused' : 'nothing eligible';
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
    detail: `chose variant ${best.variant.id} (${best.variant.template}, ${best.policy}) of ${best.campaign.id} with ${products.map((p) => p.product.id).join(', ')} at ${offer.final.toFixed(2)} ${offer.currency}${offer.promo ? ` via promo ${offer.promo.id}` : offer.source === 'sale_price' ? ' (sale price)' : ''}`,
  });
  return {
    kind: 'decision',
    decision: {
      id,
      seed: input.seed,
      at: s.now,
      campaign: best.campaign,
      variant: best.variant,
      products,
      score: best.score,
      trace,
      bucket,
      policy: best.policy,
      holdout: best.holdout,
      userKey: s.audience?.userKey ?? null,
      segments: s.audience?.segments ?? [],
    },
  };
}
