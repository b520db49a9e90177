// The id an exchange sends back from Vitrine's cookie sync (`user.buyeruid`) is used only when the
// sync table says Vitrine gave it to that exchange, and only with the consent the sync itself
// needs (the personalization gate): otherwise it is ignored, and the id lookup is not even made.
import { exchangeOf, samePartner } from '../openrtb/exchange-id.ts';
import { geoParams, privacyParams } from '../openrtb/map.ts';
import type { BidRequest } from '../openrtb/request.ts';
import type { Region } from '../domain/types.ts';
import type { Store } from '../storage/port.ts';
import type { Config } from './deps.ts';
import { consentOf } from './personalize.ts';

/** The shape of the ids `/v1/sync` issues (16 random bytes, base64url): anything else was never ours. */
export const SYNC_UID = /^[A-Za-z0-9_-]{22}$/;

/** The country the request's consent is judged in: its region's, as the decision's signals will have it. */
function requestCountry(req: BidRequest, regions: readonly Region[], defaultRegion: string): string {
  const g = geoParams(req, regions);
  const region = g.region ? regions.find((r) => r.code === g.region) : g.country ? regions.find((r) => r.country.toUpperCase() === g.country!.toUpperCase()) : regions.find((r) => r.code === defaultRegion);
  return (region?.country ?? g.country ?? defaultRegion.slice(0, 2)).toUpperCase();
}

export type BuyerUidOutcome = { uid: string; rule: 'buyeruid_synced' } | { uid: undefined; rule: 'buyeruid_absent' | 'buyeruid_no_consent' | 'buyeruid_not_synced' | 'buyeruid_other_exchange' };

/**
 * Whether the request's `buyeruid` may stand for the user. A request that names its exchange
 * (exchange-id.ts) must come from one the id was synced to; one that names none is taken as coming
 * from the exchange Vitrine gave the id (each synced id is random and was handed only to its partners).
 */
export async function checkBuyerUid(deps: { store: Pick<Store, 'buyerUidPartners'>; config: Pick<Config, 'defaultRegion' | 'gvlVendorId'> }, req: BidRequest, regions: readonly Region[]): Promise<BuyerUidOutcome> {
  const id = req.user?.buyeruid;
  if (!id || req.regs?.coppa === 1 || !SYNC_UID.test(id)) return { uid: undefined, rule: 'buyeruid_absent' };
  const consent = consentOf(privacyParams(req), requestCountry(req, regions, deps.config.defaultRegion), deps.config.gvlVendorId);
  if (!consent.personalize) return { uid: undefined, rule: 'buyeruid_no_consent' };
  const partners = await deps.store.buyerUidPartners(id);
  if (partners.length === 0) return { uid: undefined, rule: 'buyeruid_not_synced' };
  const exchange = exchangeOf(req);
  if (exchange !== null && !partners.some((p) => samePartner(p, exchange))) return { uid: undefined, rule: 'buyeruid_other_exchange' };
  return { uid: id, rule: 'buyeruid_synced' };
}
