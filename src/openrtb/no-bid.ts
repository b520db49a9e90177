// Why Vitrine did not bid: every reason the auction gives, in one registry, each with the OpenRTB
// no-bid reason code (`nbr`) it is sent as. Codes below 500 are the IAB's list (OpenRTB 3.0's
// "No-Bid Reason Codes", which 2.6's `BidResponse.nbr` uses), taken only where one means what
// happened; 500+ are Vitrine's own (exchange-specific, the README's table). Pure.
//
// Not used on purpose: 7 "Blocked Publisher or Site" means the bidder blocks the seller, and
// Vitrine has no publisher block list (the request's own bcat/badv/battr blocking Vitrine are 504–506).
// Consent is never a reason: without it Vitrine bids on context alone (design: consent gate).
import type { NoDecision } from '../domain/types.ts';
import { exchangeOf, samePartner } from './exchange-id.ts';
import type { BidRequest } from './request.ts';

export const NO_BID_REASONS = {
  technical_error: { nbr: 1, means: 'an internal error while bidding on the imp' },
  invalid_request: { nbr: 2, means: 'a field that restricts the bid could not be read (bcat, badv, bapp, wseat, bseat, cur, cattax, bidfloor, bidfloorcur, battr, pmp, native.request)' },
  daily_user_cap: { nbr: 9, means: "every campaign that could serve has reached this shopper's daily frequency cap" },
  insufficient_time: { nbr: 15, means: 'tmax left no time to bid, or passed before the imp was ready' },
  no_eligible_campaign: { nbr: 500, means: 'no campaign can serve the slot here and now (placement, flight, region, size, stock, variant conditions, paused), or the campaigns were excluded for different reasons' },
  slot_not_supported: { nbr: 501, means: 'nothing Vitrine can fill: linear or unclear video, VAST versions it does not write, a CTV size outside 120–3840 px, no banner size it draws, a native request whose required assets it cannot fill' },
  no_booked_deal: { nbr: 502, means: 'private auction (pmp.private_auction 1) and no campaign is booked on an offered deal' },
  below_floor: { nbr: 503, means: 'the floor, or a fixed-price deal (at 3), is above what the campaign pays' },
  category_blocked: { nbr: 504, means: "bcat blocks the campaign's IAB category, or is in a taxonomy Vitrine cannot compare" },
  advertiser_blocked: { nbr: 505, means: "badv blocks the advertiser's domain" },
  attribute_blocked: { nbr: 506, means: 'battr blocks an attribute of the creative (CTV: 19 QR code, 20 alpha)' },
  seat_excluded: { nbr: 507, means: 'wseat does not list seat vitrine, or bseat does' },
  currency_not_supported: { nbr: 508, means: 'cur does not offer USD, or a floor is in another currency' },
  insecure_origin: { nbr: 509, means: "imp.secure 1 and Vitrine's public origin is plain http" },
  geo_not_served: { nbr: 510, means: "the device's country is one no region serves" },
  work_cap: { nbr: 511, means: 'the per-request work cap (96 decisions) was spent before this imp' },
} as const satisfies Record<string, { nbr: number; means: string }>;

export type NoBidCode = keyof typeof NO_BID_REASONS;

/** One no-bid: the registered code and the human reason (which names the fields and campaigns involved). */
export interface NoBid {
  code: NoBidCode;
  reason: string;
}

export const noBid = (code: NoBidCode, reason: string): NoBid => ({ code, reason });

/** The OpenRTB `nbr` a no-bid is sent as. */
export const nbrOf = (n: NoBid): number => NO_BID_REASONS[n.code].nbr;

/**
 * One imp's reason from every try (kinds × sizes × campaigns): their code when they agree, else
 * "no eligible campaign"; the text keeps each distinct reason.
 */
export function combineNoBids(all: readonly NoBid[]): NoBid {
  if (all.length === 0) return noBid('no_eligible_campaign', 'nothing eligible');
  const text = [...new Set(all.map((n) => n.reason))].join('; ');
  const code = all.every((n) => n.code === all[0]!.code) ? all[0]!.code : 'no_eligible_campaign';
  return { code, reason: text };
}

/**
 * The code of a decision that found nothing: the daily cap when it is what excluded every campaign
 * the decision looked at (each campaign is traced once at stage `campaign`), else no eligible campaign.
 */
export function noDecisionBid(none: NoDecision): NoBid {
  const seen = new Set<string>();
  const capped = new Set<string>();
  for (const t of none.trace) {
    if (t.stage !== 'campaign') continue;
    if (t.rule === 'frequency_cap') capped.add(t.subject);
    else if (t.rule.startsWith('campaign_')) seen.add(t.subject);
  }
  if (capped.size > 0 && capped.size === seen.size) return noBid('daily_user_cap', `${none.reason}: the shopper reached the daily frequency cap of every campaign here`);
  return noBid('no_eligible_campaign', none.reason);
}

/**
 * The response's one `nbr` (OpenRTB 2.6 has one per response; per-imp reasons stay in the
 * auction's trace): the first imp's in request order, whose reason `X-Vitrine-No-Bid` names too.
 */
export function responseNoBid(perImp: ReadonlyMap<string, NoBid>, impIds: readonly string[], fallback: NoBid): NoBid {
  for (const id of impIds) {
    const n = perImp.get(id);
    if (n) return n;
  }
  return fallback;
}

/**
 * Whether this request's exchange takes a no-bid as HTTP 200 `{"id","seatbid":[],"nbr"}` rather than
 * 204: its sender (exchange-id.ts) is one of the configured hosts, matched as sync partners are, or
 * the list holds `*`.
 */
export function wantsNbrBody(hosts: readonly string[] | undefined, req: BidRequest): boolean {
  if (!hosts || hosts.length === 0) return false;
  if (hosts.includes('*')) return true;
  const sender = exchangeOf(req);
  return sender !== null && hosts.some((h) => samePartner(h, sender));
}
