import type { Product, ProductSelector } from './types.ts';

/** Every present clause must match (AND); values within a clause are alternatives (OR). */
export function matchesSelector(product: Product, selector: ProductSelector): boolean {
  if (selector.productIds?.length && !selector.productIds.includes(product.id)) return false;
  if (selector.categories?.length && !selector.categories.includes(product.category)) return false;
  if (selector.brands?.length && (product.brand === null || !selector.brands.includes(product.brand))) return false;
  if (selector.labels?.length && !product.customLabels.some((l) => l !== null && selector.labels!.includes(l))) {
    return false;
  }
  return true;
}
