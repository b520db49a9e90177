// A stored profile → what it tells one decision at one instant. Pure; the clock is handed in.
import type { Audience, Campaign, Profile, TraceEntry } from './types.ts';

export interface AudienceSettings {
  /** A cart item not bought within this many hours of being added makes a cart abandoner. */
  cartAbandonHours: number;
  /** Purchases this recent make a recent purchaser (complements offered, the product never shown back). */
  recentPurchaseDays: number;
}

export const DEFAULT_AUDIENCE: AudienceSettings = { cartAbandonHours: 2, recentPurchaseDays: 30 };

export function audienceOf(profile: Profile, userKey: string, now: number, cfg: AudienceSettings, impressionsToday: ReadonlyMap<string, number>): Audience {
  const recentSince = now - cfg.recentPurchaseDays * 86_400_000;
  const purchases = profile.purchases.filter((p) => Date.parse(p.at) >= recentSince);
  const boughtAt = new Map<string, number>();
  for (const p of profile.purchases) boughtAt.set(p.productId, Math.max(boughtAt.get(p.productId) ?? 0, Date.parse(p.at)));
  const abandoned = profile.cart
    .filter((c) => {
      const added = Date.parse(c.at);
      // Still in the cart past the window, and not bought since it was added.
      return now - added >= cfg.cartAbandonHours * 3_600_000 && (boughtAt.get(c.productId) ?? -Infinity) < added;
    })
    .sort((a, b) => (a.at < b.at ? 1 : -1))
    .map((c) => c.productId);
  const segments = [...profile.segments];
  if (abandoned.length) segments.push('cart_abandoner');
  if (purchases.length) segments.push('recent_purchaser');
  if (profile.loyaltyTier) segments.push(`loyalty_${profile.loyaltyTier}`);
  return {
    userKey,
    segments: [...new Set(segments)],
    abandonedCart: [...new Set(abandoned)],
    purchased: [...new Set(purchases.map((p) => p.productId))],
    purchasedCategories: [...new Set(purchases.map((p) => p.category).filter((c): c is string => c !== null))],
    loyaltyTier: profile.loyaltyTier,
    impressionsToday,
  };
}

/** Categories this campaign offers a recent purchaser: complements of what they bought, within its selector. */
export function complementCategories(campaign: Campaign, a: Audience): string[] {
  const map = campaign.complements ?? {};
  const out = new Set<string>();
  // Categories come from the catalog: an own-key lookup, so "constructor" is a category like any other.
  for (const bought of a.purchasedCategories) for (const c of (Object.hasOwn(map, bought) ? map[bought] : undefined) ?? []) out.add(c);
  const allowed = campaign.selector.categories;
  return [...out].filter((c) => !allowed?.length || allowed.includes(c));
}

export function audienceTrace(a: Audience): TraceEntry {
  const parts = [`segments ${a.segments.length ? a.segments.join(', ') : 'none'}`];
  if (a.abandonedCart.length) parts.push(`${a.abandonedCart.length} abandoned cart item(s)`);
  if (a.purchased.length) parts.push(`${a.purchased.length} recent purchase(s) in ${a.purchasedCategories.join(', ') || 'unknown categories'}`);
  if (a.loyaltyTier) parts.push(`loyalty tier ${a.loyaltyTier}`);
  return { stage: 'signals', subject: 'profile', outcome: 'info', rule: 'profile', detail: `first-party profile: ${parts.join('; ')}` };
}
