// One OpenRTB auction: per impression, decide among the campaigns allowed by tag id, size,
// blocks, floor and currency, then build the bid with markup for banner, native or CTV video.
// Any impression that cannot be served is a no-bid for it alone, never an error.
import { VitrineError } from '../domain/errors.ts';
import type { CampaignBundle, Size } from '../domain/types.ts';
import type { ServeDeps } from './serve-deps.ts';
import { nativeResponse, parseNativeRequest } from '../render/native.ts';
import { kindsOf, planImp, type ImpKind, type ImpPlan } from '../openrtb/map.ts';
import type { BidRequest, Imp } from '../openrtb/request.ts';
import type { TokenPayload } from '../security/tokens.ts';
import { creativeBody, draftFor, formatUrls, privacyRef, signLinks } from './creative.ts';
import { decideWith, type RequestDecision } from './decide-request.ts';
import type { ConfigSnapshot } from './config-cache.ts';
import { vastForDecision } from './vast.ts';

export const BID_CURRENCY = 'USD';

/**
 * AdCOM creative attributes of what Vitrine serves: the CTV overlay contains an advertiser QR
 * code (19) and uses alpha transparency (20); banners and native ads are static (none blockable).
 */
const ATTRS: Record<ImpKind, number[]> = { banner: [], native: [], video: [19, 20] };

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
  crid: string;
  cid: string;
  w: number;
  h: number;
  mtype: 1 | 2 | 4;
  attr: number[];
  nurl: string;
  burl: string;
}

/** Campaigns that may bid on this imp: booked on the tag id (else all), paying at least the floor, not blocked. */
function eligible(snap: ConfigSnapshot, req: BidRequest, plan: ImpPlan): CampaignBundle[] {
  const booked = snap.byPlacement.get(plan.params.placement!);
  const bcat = new Set(req.bcat ?? []);
  const badv = new Set((req.badv ?? []).map((d) => d.toLowerCase()));
  return (booked ?? snap.bundles).filter(({ campaign: c }) => {
    if (c.bidCpm === null || c.bidCpm < plan.floor.value) return false;
    // IAB 1.0 blocks cover their subcategories: bcat IAB18 blocks IAB18-3.
    if (c.iabCategories.some((cat) => bcat.has(cat) || bcat.has(cat.split('-')[0]!))) return false;
    if (badv.has(c.advertiserDomain.toLowerCase())) return false;
    return true;
  });
}

async function winUrls(deps: ServeDeps, rd: RequestDecision, origin: string, test: boolean): Promise<{ nurl: string; burl: string }> {
  const d = rd.result.kind === 'decision' ? rd.result.decision : null;
  const cp = d!.products[0]!;
  const base: Omit<TokenPayload, 'k' | 't'> = { d: d!.id, c: d!.campaign.id, v: d!.variant.id, p: cp.product.id, r: rd.signals.region, u: cp.product.link, ...(test ? { x: 1 as const } : {}) };
  const [w, b] = await Promise.all([deps.signer.sign({ k: 'w', ...base }), deps.signer.sign({ k: 'b', ...base })]);
  return { nurl: `${origin}/w/${w}?price=\${AUCTION_PRICE}`, burl: `${origin}/b/${b}?price=\${AUCTION_PRICE}` };
}

async function markup(deps: ServeDeps, rd: RequestDecision, plan: ImpPlan, imp: Imp, origin: string, test: boolean): Promise<{ adm: string; mtype: 1 | 2 | 4; size: Size } | null> {
  const links = await signLinks(deps, rd, origin, test);
  if (plan.kind === 'video') return { adm: await vastForDecision(deps, rd, origin, { test }), mtype: 2, size: rd.signals.size };
  if (plan.kind === 'native') {
    const seed = rd.result.kind === 'decision' ? rd.result.decision.seed : 0;
    // Image assets are replay URLs of this decision (same seed and clock) at the nearest IAB size.
    const base = { ...plan.params, campaign: rd.result.kind === 'decision' ? rd.result.decision.campaign.id : undefined, placement: undefined };
    const ref = await privacyRef(deps, rd);
    const imageUrl = (s: Size) => formatUrls(origin, { ...base, size: closestSize(s) }, rd.signals, seed, ref).png;
    const resp = nativeResponse(parseNativeRequest(imp.native?.request), { slots: draftFor(rd), clickUrl: links.click, impressionUrl: links.impression, imageUrl });
    return resp ? { adm: JSON.stringify(resp), mtype: 4, size: rd.signals.size } : null;
  }
  const out = await creativeBody(deps, rd, 'html', links);
  if (out.fallback) return null; // a bid must carry the product creative, not a fallback
  return { adm: new TextDecoder().decode(out.body), mtype: 1, size: rd.signals.size };
}

const SIZES: Array<[string, number]> = [['300x250', 1.2], ['728x90', 8.09], ['160x600', 0.267], ['320x50', 6.4], ['300x600', 0.5], ['970x250', 3.88], ['1920x1080', 1.78]];
/** The supported size whose aspect ratio is nearest to the requested image's. */
function closestSize(s: Size): string {
  const want = s.w / Math.max(1, s.h);
  return SIZES.reduce((a, b) => (Math.abs(Math.log(b[1] / want)) < Math.abs(Math.log(a[1] / want)) ? b : a))[0];
}

async function bidForImp(deps: ServeDeps, req: BidRequest, imp: Imp, origin: string): Promise<Bid | null> {
  const snap = await deps.configCache.get();
  const test = req.test === 1;
  for (const kind of kindsOf(req, imp)) {
    if (blockedAttrs(imp, kind)) continue;
    const plan = planImp(req, imp, kind, snap.regions);
    // Prices are in USD; a floor in another currency cannot be compared without rates.
    if (plan.floor.currency !== BID_CURRENCY && plan.floor.value > 0) continue;
    for (const size of plan.sizes) {
      let rd: RequestDecision;
      try {
        rd = await decideWith(deps, { ...plan.params, size }, (s) => eligible(s, req, plan));
      } catch (err) {
        if (err instanceof VitrineError) break; // e.g. a country no region serves: no bid
        throw err;
      }
      if (rd.result.kind !== 'decision') continue;
      const m = await markup(deps, rd, plan, imp, origin, test);
      if (!m) continue;
      const d = rd.result.decision;
      return {
        id: `${d.id}-${imp.id}`,
        impid: imp.id,
        price: d.campaign.bidCpm!,
        adm: m.adm,
        adomain: [d.campaign.advertiserDomain],
        cat: d.campaign.iabCategories,
        crid: d.variant.id,
        cid: d.campaign.id,
        w: m.size.w,
        h: m.size.h,
        mtype: m.mtype,
        attr: ATTRS[kind],
        ...(await winUrls(deps, rd, origin, test)),
      };
    }
  }
  return null;
}

/** Bids for every impression that can be served (empty when none can). */
export async function runAuction(deps: ServeDeps, req: BidRequest, origin: string): Promise<Bid[]> {
  if ((req.cur?.length ?? 0) > 0 && !req.cur!.map((c) => c.toUpperCase()).includes(BID_CURRENCY)) return [];
  const bids = await Promise.all(
    req.imp.map((imp) =>
      bidForImp(deps, req, imp, origin).catch((err: unknown) => {
        deps.log.warn('openrtb imp failed; no bid for it', { imp: imp.id, err: String(err) });
        return null;
      }),
    ),
  );
  return bids.filter((b): b is Bid => b !== null);
}
