// Expected value of showing a variant with a product: P(click) × margin × (1 − return rate).
import type { Campaign, PricedOffer, Product, Signals, Variant } from './types.ts';

/** Margin assumed when the merchant gives none, so unknown-margin products are neither favoured nor buried. */
export const DEFAULT_MARGIN = 0.3;

export interface ScoreArgs {
  campaign: Campaign;
  variant: Variant;
  product: Product;
  offer: PricedOffer;
  signals: Signals;
}

/** Estimated click probability for a variant in context; the learning policy replaces the default. */
export type ClickEstimator = (args: ScoreArgs, draw: () => number) => number;

/**
 * Before learning, a variant's prior is lifted by how many context conditions it matched:
 * a variant written for "low stock in the evening" is more relevant than a generic one.
 */
export const priorEstimator: ClickEstimator = ({ variant }) => variant.prior * (1 + 0.5 * variant.conditions.length);

export function productValue(p: Product): number {
  return (p.margin ?? DEFAULT_MARGIN) * (1 - (p.returnRate ?? 0));
}

export interface Scored {
  score: number;
  click: number;
  value: number;
}

export function expectedValue(args: ScoreArgs, estimator: ClickEstimator, draw: () => number): Scored {
  const click = estimator(args, draw);
  const value = productValue(args.product);
  // A tiny seeded jitter breaks exact ties reproducibly.
  const score = click * value * (1 + 1e-6 * draw());
  return { score, click, value };
}
