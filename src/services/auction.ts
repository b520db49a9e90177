// One OpenRTB auction: per impression, decide among the campaigns the slot allows (tag id, size,
// seats, deals, blocked categories and advertisers, floor and currency), then build the bid with
// markup for banner, native or a CTV non-linear format. Decision code returns data and reasons;
// an impression that cannot be served is a no-bid for it alone, never an error.
import { VitrineError } from '../domain/errors.ts';
import type { CampaignBundle } from '../domain/types.ts';
import type { ServeDeps } from './serve-deps.ts';
import { chooseDeal, readPmp, seatAllowed, SEAT, type DealTerms } from '../openrtb/deals.ts';
import { kindsOf, planImp, type ImpKind, type ImpPlan } from '../openrtb/map.ts';
import type { BidRequest, Imp } from '../openrtb/request.ts';
import { blockedCategory } from '../openrtb/taxonomy.ts';
import { videoSlot } from '../openrtb/video-slot.ts';
import { decideWith, type RequestDecision } from './decide-request.ts';
import type { ConfigSnapshot } from './config-cache.ts';
import { bidMarkup, type Deadline } from './bid-markup.ts';
import { checkBuyerUid } from './buyer-uid.ts';
import { withEscapedAdm } from './bid-json.ts';
import { combineNoBids, noBid, noDecisionBid, type NoBid } from '../openrtb/no-bid.ts';

export const BID_CURRENCY = 'USD';
export { SEAT };

/** Decisions one request may cost in total (imps × kinds × sizes), so a request's work is bounded whatever its shape. */
export const MAX_DECISIONS = 96;

/**
 * AdCOM creative attributes of what Vitrine serves: CTV formats contain an advertiser QR code
 * (19) and use alpha transparency (20); banners and native ads are static (none blockable).
 */
const ATTRS: Record<ImpKind, number[]> = { banner: [], native: [], video: [19, 20] };

/** `badv` blocks an advertiser domain when it names it or a domain above it (`www.` and case ignored). */
export function blockedAdvertiser(domain: string, badv: readonly string[] | undefined): boolean {
  if (!badv || badv.length === 0) return false;
  const norm = (d: string) => d.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/[/:].*$/, '').replace(/\.$/, '').replace(/^www\./, '');
  const ours = norm(domain);
  return badv.some((b) => {
    const blocked = norm(b);
    return blocked !== '' && (ours === blocked || ours.endsWith(`.${blocked}`));
  });
}

/** Restricting fields that could not be read: each named, since ignoring one could bid where it forbids. */
function malformedReason(list: ReadonlyArray<{ field: string; why: string }>): string {
  return list.map((m) => `${m.field}: ${m.why}; no bid rather than ignore it`).join('; ');
}

function blockedAttrs(imp: Imp, kind: ImpKind): boolean {
  const battr = kind === 'banner' ? imp.banner?.battr : kind === 'native' ? imp.native?.battr : imp.video?.battr;
  return ATTRS[kind].some((a) => battr?.includes(a));
}

export interface Bid {
  id: string;
  impid: string;
  price: number;
  adm: string;
  adomain: string[];
  cat: string[];
  cattax: number;
  crid: string;
  cid: string;
  /** The creative's size; absent on native bids (their sizes are the assets'). */
  w?: number;
  h?: number;
  mtype: 1 | 2 | 4;
  attr: number[];
  nurl: string;
  burl: string;
  dealid?: string;
  protocol?: number;
}

export interface AuctionResult {
  bids: Bid[];
  /** Why each imp without a bid got none (imp id → code and reason): the auction's trace of its no-bids. */
  noBid: Map<string, NoBid>;
}

/** Campaigns that may bid on this imp, each with the deal it bids on; `why` collects exclusions. */
function eligible(snap: ConfigSnapshot, req: BidRequest, plan: ImpPlan, pmp: { privateAuction: boolean; deals: DealTerms[] }, deals: Map<string, DealTerms | null>, why: NoBid[]): CampaignBundle[] {
  const booked = snap.byPlacement.get(plan.params.placement!);
  return (booked ?? snap.bundles).filter(({ campaign: c }) => {
    if (c.bidCpm === null) return false;
    const d = chooseDeal(c, pmp, plan.floor);
    if (!d.ok) return void why.push(noBid('no_booked_deal', d.reason)), false;
    // Prices are in USD; a floor in another currency cannot be compared without rates.
    if (d.currency !== BID_CURRENCY && d.floor > 0) return void why.push(noBid('currency_not_supported', `floor in ${d.currency}`)), false;
    if (d.deal?.fixedPrice && c.bidCpm < d.floor) return void why.push(noBid('below_floor', `campaign ${c.id} pays at most ${c.bidCpm}, below the deal's fixed price ${d.floor}`)), false;
    if (c.bidCpm < d.floor) return void why.push(noBid('below_floor', `campaign ${c.id} bids below the floor ${d.floor}`)), false;
    const cat = blockedCategory(c.iabCategories, req.bcat, req.cattax);
    if (cat) return void why.push(noBid('category_blocked', cat)), false;
    if (blockedAdvertiser(c.advertiserDomain, req.badv)) return void why.push(noBid('advertiser_blocked', `advertiser ${c.advertiserDomain} is blocked`)), false;
    deals.set(c.id, d.deal);
    return true;
  });
}

interface Budget {
  decisions: number;
  deadline: Deadline;
}

/**
 * Whether markup from this origin may load in a secure (`imp.secure: 1`) page: https, or a loopback
 * origin (a "potentially trustworthy" origin that browsers never block as mixed content).
 */
export function secureOrigin(origin: string): boolean {
  const u = new URL(origin);
  return u.protocol === 'https:' || u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

async function bidForImp(deps: ServeDeps, req: BidRequest, imp: Imp, origin: string, budget: Budget, syncedUid: string | undefined): Promise<Bid | NoBid> {
  // Every URL in the markup is on this origin: plain http would be blocked as mixed content.
  if (imp.secure === 1 && !secureOrigin(origin)) return noBid('insecure_origin', `imp.secure 1: Vitrine's markup would load over http from ${new URL(origin).host} (set VITRINE_PUBLIC_URL to its https origin)`);
  const snap = await deps.configCache.get();
  const test = req.test === 1;
  if (imp.malformed?.length) return noBid('invalid_request', malformedReason(imp.malformed));
  const pmp = readPmp(imp.pmp);
  if (!pmp.ok) return noBid('invalid_request', pmp.reason);
  const reasons: NoBid[] = [];
  const kinds = kindsOf(req, imp);
  if (kinds.length === 0) return noBid('slot_not_supported', 'no banner, native or video object Vitrine can answer');
  for (const kind of kinds) {
    if (blockedAttrs(imp, kind)) {
      reasons.push(noBid('attribute_blocked', `${kind}: battr blocks attributes [${ATTRS[kind].join(',')}]`));
      continue;
    }
    let slot = null;
    if (kind === 'video') {
      const vs = videoSlot(imp.video!, req.device?.devicetype === 3 || req.device?.devicetype === 7);
      if (!vs.ok) {
        reasons.push(noBid('slot_not_supported', vs.reason));
        continue;
      }
      slot = vs;
    }
    const plan = planImp(req, imp, kind, snap.regions, syncedUid);
    if (plan.sizes.length === 0) reasons.push(noBid('slot_not_supported', `${kind}: no size Vitrine draws`));
    for (const size of plan.sizes) {
      // Not every option was looked at: the cap is the reason, whatever the ones tried said.
      if (budget.decisions-- <= 0) return noBid('work_cap', [...new Set(reasons.map((r) => r.reason)), 'work cap: too many sizes and imps in one request'].join('; '));
      if (budget.deadline.remaining() <= 0) return noBid('insufficient_time', 'tmax');
      const deals = new Map<string, DealTerms | null>();
      const excluded = reasons.length;
      let rd: RequestDecision;
      try {
        // The auction never shows a decision's trace: no entry per excluded variant × product (the decision is the same).
        rd = await decideWith(deps, { ...plan.params, size }, (s) => eligible(s, req, plan, pmp, deals, reasons), { traceExclusions: false });
      } catch (err) {
        // A country no region serves; any other parameter the signals refuse came from the request.
        if (err instanceof VitrineError) return noBid(err.field === 'country' ? 'geo_not_served' : 'invalid_request', err.message);
        throw err;
      }
      if (rd.result.kind !== 'decision') {
        // When the request's own terms (floor, deals, blocks) excluded every campaign, those are the reasons; else the decision's.
        if (rd.result.none.campaign !== null || reasons.length === excluded) reasons.push(noDecisionBid(rd.result.none));
        continue;
      }
      const d = rd.result.decision;
      const deal = deals.get(d.campaign.id) ?? null;
      // A fixed-price deal (at 3) is bought at its agreed price; otherwise the campaign's CPM. The markup (VAST <Pricing>) says the same.
      const price = deal?.fixedPrice ? { value: deal.bidfloor, currency: deal.bidfloorcur } : { value: d.campaign.bidCpm!, currency: BID_CURRENCY };
      const m = await bidMarkup(deps, { rd, plan, imp, origin, test, slot, deadline: budget.deadline, price });
      if ('code' in m) {
        reasons.push(m);
        continue;
      }
      return withEscapedAdm({
        id: `${d.id}-${imp.id}`,
        impid: imp.id,
        price: price.value,
        adm: m.adm,
        adomain: [d.campaign.advertiserDomain],
        cat: d.campaign.iabCategories,
        cattax: 1,
        crid: d.variant.id,
        cid: d.campaign.id,
        ...(m.size ? { w: m.size.w, h: m.size.h } : {}),
        mtype: m.mtype,
        attr: ATTRS[kind],
        nurl: m.nurl,
        burl: m.burl,
        ...(deal ? { dealid: deal.id } : {}),
        ...(m.protocol ? { protocol: m.protocol } : {}),
      }, m.admJson);
    }
  }
  return combineNoBids(reasons);
}

/**
 * Bids for every impression that can be served, and why the others got none. Each imp's bid is
 * added to `into` as soon as it is ready, so a caller whose deadline passes first can answer with
 * the bids that made it (the rest are no bids).
 */
export async function runAuction(deps: ServeDeps, req: BidRequest, origin: string, deadline: Deadline, into: AuctionResult = { bids: [], noBid: new Map() }): Promise<AuctionResult> {
  const noBids = into.noBid;
  const all = (why: NoBid) => {
    for (const imp of req.imp) noBids.set(imp.id, why);
    return into;
  };
  if (req.malformed?.length) return all(noBid('invalid_request', malformedReason(req.malformed)));
  if ((req.cur?.length ?? 0) > 0 && !req.cur!.map((c) => c.toUpperCase()).includes(BID_CURRENCY)) return all(noBid('currency_not_supported', `cur does not offer ${BID_CURRENCY}`));
  const seat = seatAllowed(req.wseat, req.bseat);
  if (seat) return all(noBid('seat_excluded', seat));
  const budget: Budget = { decisions: MAX_DECISIONS, deadline };
  // The buyeruid counts only when Vitrine's sync gave it to this exchange (and consent allows); a store that cannot say leaves it unused.
  const synced = req.user?.buyeruid ? await checkBuyerUid(deps, req, (await deps.configCache.get()).regions).catch(() => null) : null;
  await Promise.all(
    req.imp.map((imp) =>
      bidForImp(deps, req, imp, origin, budget, synced?.uid)
        .catch((err: unknown) => {
          deps.log.warn('openrtb imp failed; no bid for it', { imp: imp.id, err: String(err) });
          return noBid('technical_error', 'internal error');
        })
        .then((r) => ('code' in r ? noBids.set(imp.id, r) : into.bids.push(r))),
    ),
  );
  // Request order, whatever order the imps finished in.
  const order = new Map(req.imp.map((imp, i) => [imp.id, i]));
  into.bids.sort((a, b) => order.get(a.impid)! - order.get(b.impid)!);
  return into;
}
