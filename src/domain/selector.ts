import type { Product, ProductSelector } from './types.ts';

/** Every present clause must match (AND); values within a clause are alternatives (OR). */
export function matchesSelector(product: Product, selector: ProductSelector): boolean {
  if (selector.productIds?.length && !selector.productIds.includes(product.id)) return false;
  if (selector.categories?.length && !selector.categories.includes(product.category)) return false;
  if (selector.brands?.length && (product.brand === null || !selector.brands.includes(product.brand))) return false;
  if (selector.labels?.length && !product.customLabels.some((l) => l !== null && selector.labels!.includes(l))) {
    return false;
  }
  const x = selector.exclude;
  if (x && (x.productIds?.includes(product.id) || x.categories?.includes(product.category) || (product.brand !== null && x.brands?.includes(product.brand)) || product.customLabels.some((l) => l !== null && x.labels?.includes(l)))) return false;
  if (selector.priceMin !== undefined && product.price < selector.priceMin) return false;
  if (selector.priceMax !== undefined && product.price > selector.priceMax) return false;
  return true;
}

/** Clauses the inventory index cannot answer: a store over-fetches and filters parsed products. */
export function narrowsBeyondIndex(selector: ProductSelector): boolean {
  return !!(selector.brands?.length || selector.labels?.length || selector.productIds?.length || selector.exclude || selector.priceMin !== undefined || selector.priceMax !== undefined);
}
