// Best price for a product in a region at a local time: list, own sale price, or a regional promo.
import { matchesSelector } from './selector.ts';
import type { Discount, PricedOffer, Product, Promo, TraceEntry } from './types.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function applyDiscount(regular: number, d: Discount): number {
  switch (d.kind) {
    case 'percent':
      return round2(regular * (1 - d.value / 100));
    case 'amount':
      return round2(Math.max(0, regular - d.value));
    case 'fixed':
      return round2(d.value);
  }
}

export type PromoCheck = { ok: true } | { ok: false; rule: string; detail: string };

/** Whether a promo applies to a product in a region at the region's local wall-clock time. */
export function promoApplies(promo: Promo, product: Product, region: string, wall: string): PromoCheck {
  if (!promo.regions.includes(region)) {
    return { ok: false, rule: 'promo_region', detail: `promo ${promo.id} does not run in ${region}` };
  }
  if (wall < promo.startsLocal || wall >= promo.endsLocal) {
    return {
      ok: false,
      rule: 'promo_window',
      detail: `promo ${promo.id} runs ${promo.startsLocal}–${promo.endsLocal} local time; it is ${wall} in ${region}`,
    };
  }
  if (!matchesSelector(product, promo.selector)) {
    return { ok: false, rule: 'promo_selector', detail: `promo ${promo.id} does not cover product ${product.id}` };
  }
  return { ok: true };
}

function salePriceActive(p: Product, now: number): boolean {
  if (p.salePrice === null || p.salePrice >= p.price) return false;
  if (p.saleStart !== null && now < Date.parse(p.saleStart)) return false;
  if (p.saleEnd !== null && now >= Date.parse(p.saleEnd)) return false;
  return true;
}

/**
 * The lowest price among list, the product's own sale price (inside its effective dates) and
 * every regional promo in its local window; ties go to the higher promo priority.
 * `trace`, when given, receives why each promo was or was not applied.
 */
export function bestOffer(
  product: Product,
  promos: readonly Promo[],
  ctx: { region: string; wall: string; now: number },
  trace?: TraceEntry[],
): PricedOffer {
  let best: PricedOffer = { currency: product.currency, regular: product.price, final: product.price, source: 'list', promo: null };
  if (salePriceActive(product, ctx.now)) best = { ...best, final: product.salePrice!, source: 'sale_price' };
  for (const promo of promos) {
    const check = promoApplies(promo, product, ctx.region, ctx.wall);
    if (!check.ok) {
      // Only window misses are interesting per product; region/selector misses are noise.
      if (trace && check.rule === 'promo_window') {
        trace.push({ stage: 'promo', subject: promo.id, outcome: 'exclude', rule: check.rule, detail: check.detail });
      }
      continue;
    }
    const final = applyDiscount(product.price, promo.discount);
    // Ties: higher priority, then the smaller id, so the winner does not depend on list order.
    const tie = final === best.final && best.promo !== null && (promo.priority > best.promo.priority || (promo.priority === best.promo.priority && promo.id < best.promo.id));
    const better = final < best.final || tie;
    if (better) best = { ...best, final, source: 'promo', promo };
    trace?.push({
      stage: 'promo',
      subject: promo.id,
      outcome: better ? 'include' : 'info',
      rule: better ? 'promo_best_price' : 'promo_not_better',
      detail: `promo ${promo.id} prices ${product.id} at ${final.toFixed(2)} ${product.currency}${better ? ' (best so far)' : ` (not below ${best.final.toFixed(2)})`}`,
    });
  }
  return best;
}

/** Whole-percent discount of an offer, e.g. 20 for 100 → 80. */
export function discountPercent(offer: PricedOffer): number {
  if (offer.regular <= 0 || offer.final >= offer.regular) return 0;
  return Math.round((1 - offer.final / offer.regular) * 100);
}
