// Expected value of showing a variant with a product: P(click) × margin × (1 − return rate).
import type { Product, Variant } from './types.ts';

/** Margin assumed when the merchant gives none, so unknown-margin products are neither favoured nor buried. */
export const DEFAULT_MARGIN = 0.3;

/**
 * Before learning, a variant's prior is lifted by how many context conditions it matched:
 * a variant written for "low stock in the evening" is more relevant than a generic one.
 */
export function priorClick(variant: Variant): number {
  return variant.prior * (1 + 0.5 * variant.conditions.length);
}

export function productValue(p: Product): number {
  return (p.margin ?? DEFAULT_MARGIN) * (1 - (p.returnRate ?? 0));
}

/** P(click) × value, with a tiny seeded jitter that breaks exact ties reproducibly. */
export function score(click: number, value: number, draw: () => number): number {
  return click * value * (1 + 1e-6 * draw());
}
