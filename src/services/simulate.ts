// Decisions under simulated signals (the studio's tearsheet): the real engine, handed a read-only
// overlay of the store in which chosen products have a simulated stock level and one simulated
// shopper has a profile (segments, cart). Nothing is written: the overlay refuses every write, and
// the real store never sees the simulated shopper or stock.
import type { Params } from '../domain/signals.ts';
import { matchesSelector } from '../domain/selector.ts';
import type { CampaignBundle, Candidate, Profile } from '../domain/types.ts';
import type { CandidateQuery, Store, UserState } from '../storage/port.ts';
import { decideRequest, decideWith, type DecideDeps, type RequestDecision } from './decide-request.ts';

export interface Simulation {
  /** Product id → units in the viewer's region (0 = out of stock there). */
  stock: ReadonlyMap<string, number>;
  /** The shopper's merchant segments; `cart_abandoner` comes from `cart`. */
  segments: string[];
  /** Product ids left in the cart (hours ago, so they count as abandoned). */
  cart: string[];
  /** Whether the shopper consented to personalization. */
  consent: boolean;
}

/** The simulated shopper's id (never stored: the overlay answers its profile reads). */
export const SIMULATED_UID = 'studio-simulated-shopper';

// Reads the engine makes on the request path, and catalog/config reads (rates, region mappings,
// feed sources, store locations) that carry no shopper; everything else is refused.
const READS = new Set<string>([
  'candidates', 'getUserState', 'getProduct', 'productCategories', 'policyArms', 'listRegions', 'listCampaigns', 'listPromos', 'getAsset', 'getProfile', 'getInventory', 'existingProductIds',
  'listRates', 'regionMappings', 'feedSources', 'listStores', 'photoDerivative',
]);

export function overlayStore(real: Store, sim: Simulation, now: number): Store {
  const candidates = async (q: CandidateQuery): Promise<Candidate[]> => {
    const rows = await real.candidates(q);
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.product.id);
      const qty = sim.stock.get(r.product.id);
      if (qty === undefined) out.push(r);
      else if (qty > 0) out.push({ ...r, quantity: qty });
    }
    // A product out of stock here in reality but given stock by the simulation joins the candidates.
    for (const [id, qty] of sim.stock) {
      if (qty <= 0 || seen.has(id) || out.length >= q.limit) continue;
      const p = await real.getProduct(id);
      if (p && p.availability !== 'out_of_stock' && matchesSelector(p, q.selector)) out.push({ product: p, quantity: qty });
    }
    return out;
  };
  const getUserState = async (): Promise<UserState> => {
    const at = new Date(now - 6 * 3600_000).toISOString();
    const categories = await real.productCategories(sim.cart);
    const profile: Profile = {
      segments: [...sim.segments],
      purchases: [],
      cart: sim.cart.map((productId) => ({ productId, at, category: categories.get(productId) ?? null })),
      loyaltyTier: null,
      lang: null,
      updatedAt: at,
      expiresAt: new Date(now + 86400_000).toISOString(),
    };
    return { profile, impressionsToday: new Map<string, number>() };
  };
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'candidates') return candidates;
      if (prop === 'getUserState') return getUserState;
      // The simulated shopper was never synced with a buyer and never saw a creative: no live
      // buyer uid or attribution touch is read for it.
      if (prop === 'getBuyerUid') return async () => null;
      if (prop === 'buyerUidPartners') return async () => [];
      if (prop === 'attributionTouches') return async () => [];
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (typeof prop === 'string' && READS.has(prop)) return (v as (...a: unknown[]) => unknown).bind(target);
      return () => Promise.reject(new Error(`simulation: store.${String(prop)} is not allowed (simulations never write)`));
    },
  });
}

/** One decision as the engine would make it for these params under the simulation; `bundles` decides among a version under review instead of what serves. */
export async function simulateDecision(deps: DecideDeps, params: Params, sim: Simulation, bundles?: CampaignBundle[]): Promise<RequestDecision> {
  const p: Params = { ...params };
  for (const k of ['uid', 'gdpr', 'gdpr_consent', 'consent', 'us_privacy', 'gpp', 'gpp_sid'] as const) delete p[k];
  p.uid = SIMULATED_UID;
  // Granted: no regulation applies and no opt-out; not granted: a US-privacy opt-out string.
  if (sim.consent) p.gdpr = '0';
  else p.us_privacy = '1YYN';
  const now = deps.clock();
  const { pendingImpressions: _skip, ...rest } = deps;
  const d = { ...rest, store: overlayStore(deps.store, sim, params.at ? Date.parse(params.at) || now : now) };
  return bundles ? decideWith(d, p, () => bundles) : decideRequest(d, p);
}
