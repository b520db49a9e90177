// Private marketplace and seat rules. Pure: the request's `pmp`, `wseat`/`bseat` and a campaign's
// booked deal ids in; which deal (if any) the bid carries, or why the campaign may not bid.
import type { Campaign } from '../domain/types.ts';

/** The seat Vitrine bids as (`seatbid.seat`), matched against `wseat` / `bseat`. */
export const SEAT = 'vitrine';

export interface DealTerms {
  id: string;
  bidfloor: number;
  bidfloorcur: string;
  /** Seats allowed on the deal; absent = any. */
  wseat?: string[];
  /** `at` 3: `bidfloor` is the agreed (fixed) deal price, which the bid pays. */
  fixedPrice?: boolean;
}

export type PmpRead = { ok: true; privateAuction: boolean; deals: DealTerms[] } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `imp.pmp` strictly: anything malformed makes the imp a no-bid (never an open-auction bid on a private slot). */
export function readPmp(raw: unknown): PmpRead {
  if (raw === undefined || raw === null) return { ok: true, privateAuction: false, deals: [] };
  if (!isObj(raw)) return { ok: false, reason: 'pmp: not an object' };
  const pa = raw.private_auction;
  if (pa !== undefined && pa !== 0 && pa !== 1) return { ok: false, reason: 'pmp.private_auction: expected 0 or 1' };
  const list = raw.deals;
  if (list !== undefined && !Array.isArray(list)) return { ok: false, reason: 'pmp.deals: not an array' };
  const deals: DealTerms[] = [];
  for (const [i, d] of (list ?? []).entries()) {
    if (!isObj(d) || typeof d.id !== 'string' || d.id === '') return { ok: false, reason: `pmp.deals[${i}].id: expected a non-empty string` };
    const floor = d.bidfloor === undefined ? 0 : d.bidfloor;
    if (typeof floor !== 'number' || !Number.isFinite(floor) || floor < 0) return { ok: false, reason: `pmp.deals[${i}].bidfloor: expected a number ≥ 0` };
    const cur = d.bidfloorcur === undefined ? 'USD' : d.bidfloorcur;
    if (typeof cur !== 'string') return { ok: false, reason: `pmp.deals[${i}].bidfloorcur: expected a currency code` };
    const wseat = Array.isArray(d.wseat) ? d.wseat.filter((s): s is string => typeof s === 'string') : undefined;
    if (d.at !== undefined && d.at !== 1 && d.at !== 2 && d.at !== 3) return { ok: false, reason: `pmp.deals[${i}].at: expected 1, 2 or 3` };
    const fixedPrice = d.at === 3 && floor > 0;
    deals.push({ id: d.id, bidfloor: floor, bidfloorcur: cur.toUpperCase(), ...(wseat ? { wseat } : {}), ...(fixedPrice ? { fixedPrice } : {}) });
  }
  if (pa === 1 && deals.length === 0) return { ok: false, reason: 'pmp: private auction without deals' };
  return { ok: true, privateAuction: pa === 1, deals };
}

/** Whether the request lets Vitrine's seat bid at all (`wseat` allow-list, `bseat` block-list). */
export function seatAllowed(wseat: readonly string[] | undefined, bseat: readonly string[] | undefined): string | null {
  if (wseat && wseat.length > 0 && !wseat.includes(SEAT)) return `wseat does not list seat "${SEAT}"`;
  if (bseat && bseat.includes(SEAT)) return `bseat blocks seat "${SEAT}"`;
  return null;
}

export type DealChoice = { ok: true; deal: DealTerms | null; floor: number; currency: string } | { ok: false; reason: string };

/**
 * The deal a campaign bids on for this imp: the first offered deal it is booked on (and whose
 * seat list admits Vitrine). A private auction without such a deal is no bid; an open auction
 * falls back to the imp's own floor, also when the deal's floor is above what the campaign pays.
 */
export function chooseDeal(c: Campaign, pmp: { privateAuction: boolean; deals: DealTerms[] }, openFloor: { value: number; currency: string }): DealChoice {
  const booked = new Set(c.deals ?? []);
  const deal = pmp.deals.find((d) => booked.has(d.id) && (!d.wseat || d.wseat.length === 0 || d.wseat.includes(SEAT)));
  // In an open auction a deal the campaign cannot afford is passed over: it still bids in the open auction.
  const affordable = deal && (deal.bidfloorcur === 'USD' || deal.bidfloor === 0) && (c.bidCpm ?? 0) >= deal.bidfloor;
  if (deal && (affordable || pmp.privateAuction)) return { ok: true, deal, floor: deal.bidfloor, currency: deal.bidfloorcur };
  if (pmp.privateAuction) return { ok: false, reason: `private auction: campaign ${c.id} is booked on none of the deals [${pmp.deals.map((d) => d.id).join(', ')}]` };
  return { ok: true, deal: null, floor: openFloor.value, currency: openFloor.currency };
}
