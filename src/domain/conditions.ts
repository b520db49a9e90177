// Variant conditions on signals and on the product offer being considered.
import type { Campaign, Condition, PricedOffer, Product, Signals } from './types.ts';

export const NEW_ARRIVAL_DAYS = 30;

export interface ConditionContext {
  signals: Signals;
  campaign: Campaign;
  product: Product;
  quantity: number;
  offer: PricedOffer;
}

type Value = string | number | boolean | null;

function signalValue(c: Condition, x: ConditionContext): Value {
  switch (c.signal) {
    case 'stock':
      return x.quantity;
    case 'low_stock':
      return x.quantity <= x.campaign.lowStockThreshold;
    case 'promo':
      return x.offer.promo !== null;
    case 'daypart':
      return x.signals.local.daypart;
    case 'weekday':
      return x.signals.local.weekday;
    case 'weekend':
      return x.signals.local.weekend;
    case 'weather':
      return x.signals.weather;
    case 'device':
      return x.signals.device;
    case 'lang':
      return x.signals.lang;
    case 'region':
      return x.signals.region;
    case 'availability':
      return x.product.availability;
    case 'new_arrival':
      return x.signals.now - Date.parse(x.product.createdAt) <= NEW_ARRIVAL_DAYS * 86_400_000;
  }
}

function compare(actual: Value, c: Condition): boolean {
  const want = c.value;
  const list = Array.isArray(want) ? want : [want];
  switch (c.op) {
    case 'eq':
      return actual === want;
    case 'ne':
      return actual !== want;
    case 'in':
      return actual !== null && list.includes(actual as string | number);
    case 'not_in':
      return actual === null || !list.includes(actual as string | number);
    case 'lt':
      return typeof actual === 'number' && actual < Number(want);
    case 'lte':
      return typeof actual === 'number' && actual <= Number(want);
    case 'gt':
      return typeof actual === 'number' && actual > Number(want);
    case 'gte':
      return typeof actual === 'number' && actual >= Number(want);
  }
}

export function describeCondition(c: Condition): string {
  const v = Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value);
  return `${c.signal} ${c.op} ${v}`;
}

/** The first condition that fails, or null when all hold. */
export function failingCondition(conditions: readonly Condition[], x: ConditionContext): { condition: Condition; actual: Value } | null {
  for (const condition of conditions) {
    const actual = signalValue(condition, x);
    if (!compare(actual, condition)) return { condition, actual };
  }
  return null;
}

/** Preorder/backorder products may only be advertised by variants that say so. */
export function acceptsAvailability(conditions: readonly Condition[], product: Product): boolean {
  if (product.availability === 'in_stock') return true;
  return conditions.some((c) => c.signal === 'availability' && compare(product.availability, c));
}
