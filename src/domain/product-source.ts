// Which products a variant may speak about. A variant's copy can talk about the shopper's cart,
// a complement of what they bought, or fixed products: it is then only ever paired with those.
import type { Candidate, ProductSource, TraceEntry, Variant } from './types.ts';

/** The candidate pools of one campaign for one request, per product source. */
export interface SourcePools {
  /** The campaign's usual pool (with a consented profile: cart items first, else complements, else best-ranked). */
  catalog: readonly Candidate[];
  /** Abandoned cart items of a consented shopper, in stock here; empty without consent. */
  cart: readonly Candidate[];
  /** Complements of a consented shopper's recent purchases; empty without consent. */
  complement: readonly Candidate[];
  /** The products explicit variants name, in stock here. */
  explicit: readonly Candidate[];
}

export function sourceOf(v: Variant): ProductSource {
  return v.productSource ?? 'catalog';
}

const WHY: Record<ProductSource, string> = {
  catalog: 'no product of the campaign is in stock here',
  cart: "it speaks about the shopper's cart and there is no consented cart item in stock here",
  recent_purchase_complement: 'it speaks about complements of a recent purchase and there is none (or no consent)',
  explicit: 'none of its explicit products is in stock here',
};

/** The pool a variant draws from; a variant left with nothing is traced once. */
export function poolOf(v: Variant, pools: SourcePools, trace: TraceEntry[]): readonly Candidate[] {
  const source = sourceOf(v);
  let pool: readonly Candidate[];
  if (source === 'cart') pool = pools.cart;
  else if (source === 'recent_purchase_complement') pool = pools.complement;
  else if (source === 'explicit') {
    const ids = new Set(v.productIds ?? []);
    pool = pools.explicit.filter((c) => ids.has(c.product.id));
  } else pool = pools.catalog;
  if (pool.length === 0) trace.push({ stage: 'variant', subject: v.id, outcome: 'exclude', rule: `product_source_${source}`, detail: `${v.id} cannot serve: ${WHY[source]}` });
  return pool;
}

/** Every product id explicit variants of a campaign name (the store looks them up per request). */
export function explicitIds(variants: readonly Variant[]): string[] {
  const ids = new Set<string>();
  for (const v of variants) if (sourceOf(v) === 'explicit') for (const id of v.productIds ?? []) ids.add(id);
  return [...ids];
}
