// Variant conditions on signals and on the product offer being considered.
import { isUntracked } from './stock.ts';
import type { Campaign, Condition, PricedOffer, Product, Signals } from './types.ts';

export const NEW_ARRIVAL_DAYS = 30;

export interface ConditionContext {
  signals: Signals;
  campaign: Campaign;
  product: Product;
  quantity: number;
  offer: PricedOffer;
}

type Value = string | number | boolean | null | readonly string[];

function signalValue(c: Condition, x: ConditionContext): Value {
  switch (c.signal) {
    case 'stock':
      // Untracked stock has no count: no stock condition holds for it.
      return isUntracked(x.quantity) ? null : x.quantity;
    case 'low_stock':
      return !isUntracked(x.quantity) && x.quantity <= x.campaign.lowStockThreshold;
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
    // Profile signals exist only with consent: without it a segment condition sees no segments.
    case 'segment':
      return x.signals.audience?.segments ?? [];
    case 'loyalty_tier':
      return x.signals.audience?.loyaltyTier ?? null;
    case 'personalized':
      return !!x.signals.audience;
  }
}

function compare(actual: Value, c: Condition): boolean {
  const want = c.value;
  const list = Array.isArray(want) ? want : [want];
  // A set-valued signal (segments): eq/in = has any of the values; ne/not_in = has none.
  if (Array.isArray(actual)) {
    const any = list.some((v) => actual.includes(String(v)));
    return c.op === 'eq' || c.op === 'in' ? any : c.op === 'ne' || c.op === 'not_in' ? !any : false;
  }
  switch (c.op) {
    case 'eq':
      return actual === want;
    case 'ne':
      return actual !== want;
    case 'in':
      return actual !== null && list.includes(actual as string);
    case 'not_in':
      return actual === null || !list.includes(actual as string);
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
