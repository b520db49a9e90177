// The markup of one bid, built without waiting on a cold render: a banner whose HTML unit is in
// the render cache is inlined; otherwise the bid carries a unit that renders on fetch (and a
// background render warms the cache for the next bid). Native image assets and CTV resources
// are always render-on-fetch URLs at exactly the declared size.
import type { Size } from '../domain/types.ts';
import type { ImpPlan } from '../openrtb/map.ts';
import type { Imp } from '../openrtb/request.ts';
import type { VideoSlot } from '../openrtb/video-slot.ts';
import { nativeResponse, parseNativeRequest } from '../render/native.ts';
import { draftFor, filledUnit, linkPayload, personalizeHtml, renderDraft, renderKey, type Links } from './creative.ts';
import type { RequestDecision } from './decide-request.ts';
import type { ServeDeps } from './serve-deps.ts';
import { nativeAssetUrls } from './native-assets.ts';
import { ctvVast } from './ctv-vast.ts';
import { noBid, noDecisionBid, type NoBid } from '../openrtb/no-bid.ts';

/** Time left before the answer must leave. */
export interface Deadline {
  remaining(): number;
}

export function deadlineIn(ms: number, now: () => number = () => performance.now()): Deadline {
  const end = now() + ms;
  return { remaining: () => end - now() };
}

export interface MarkupInput {
  rd: RequestDecision;
  plan: ImpPlan;
  imp: Imp;
  origin: string;
  test: boolean;
  slot: Extract<VideoSlot, { ok: true }> | null;
  deadline: Deadline;
  /** What the bid pays (the deal price on a fixed-price deal): the VAST's <Pricing> says it. */
  price?: { value: number; currency: string };
}

export interface Markup {
  adm: string;
  mtype: 1 | 2 | 4;
  /** The creative's size (bid.w/h); none for native, whose sizes are its image assets' (OpenRTB 2.6 bid.w/h, Native 1.2 img.w/h). */
  size?: Size;
  protocol?: number;
  /** `adm` as JSON-escaped UTF-8 pieces, when it comes from a cached unit (bid-json.ts splices them in). */
  admJson?: Uint8Array[];
  /** The win and billing notice URLs (their tokens sealed with the markup's links). */
  nurl: string;
  burl: string;
}

/**
 * A bid's links and notices from one seal (TokenSigner.signDecision): click, impression, the QR
 * scan link where a code is drawn (CTV), win and billing notices.
 */
export async function bidLinks(deps: ServeDeps, rd: RequestDecision, origin: string, test: boolean, scan: boolean): Promise<Links & { nurl: string; burl: string }> {
  const base = linkPayload(rd, origin, test);
  const t = scan ? await deps.signer.signDecision(base, ['c', 'i', 'q', 'w', 'b']) : { ...(await deps.signer.signDecision(base, ['c', 'i', 'w', 'b'])), q: null };
  return {
    click: `${origin}/c/${t.c}`,
    impression: `${origin}/i/${t.i}`,
    scan: t.q === null ? '' : `${origin}/q/${t.q}`,
    nurl: `${origin}/w/${t.w}?price=\${AUCTION_PRICE}`,
    burl: `${origin}/b/${t.b}?price=\${AUCTION_PRICE}`,
  };
}

/** The markup, or why there is none (no bid). */
export async function bidMarkup(deps: ServeDeps, m: MarkupInput): Promise<Markup | NoBid> {
  const { rd, plan, origin, test } = m;
  if (rd.result.kind !== 'decision') return noDecisionBid(rd.result.none);
  const all = await bidLinks(deps, rd, origin, test, plan.kind === 'video');
  const { nurl, burl, ...links } = all;
  const notices = { nurl, burl };
  if (plan.kind === 'video') {
    const slot = m.slot!;
    const adm = await ctvVast(deps, rd, links, origin, slot, m.price);
    return { adm, mtype: 2, size: slot.size, protocol: slot.vast.protocol, ...notices };
  }
  if (plan.kind === 'native') {
    const req = parseNativeRequest(m.imp.native?.request);
    if (!req) return noBid('invalid_request', 'native.request: not a Native 1.x request');
    const resp = await nativeResponse(req, { slots: draftFor(rd), clickUrl: links.click, impressionUrl: links.impression, privacyUrl: `${origin}/v1/privacy`, assets: nativeAssetUrls(deps, rd, origin) });
    if (!resp) return noBid('slot_not_supported', 'native: a required asset cannot be filled');
    return { adm: JSON.stringify(resp), mtype: 4, ...notices };
  }
  const draft = draftFor(rd);
  const key = await renderKey(deps, draft, 'html');
  const hit = await deps.renderCache.get(key);
  if (hit) {
    const unit = filledUnit(hit, links);
    if (unit) return { adm: unit.text, admJson: unit.json, mtype: 1, size: rd.signals.size, ...notices };
    return { adm: new TextDecoder().decode(personalizeHtml(hit.bytes, links)), mtype: 1, size: rd.signals.size, ...notices };
  }
  // Cold: never rendered on the bid path (a render holds the thread, and a timer cannot fire
  // through it): the unit renders when the exchange's page fetches it, and the cache is warmed in
  // the background for the next bid, which then carries it inline.
  const cost = deps.exchange.htmlCost;
  deps.exchange.warmer.schedule(key, async () => {
    const t0 = performance.now();
    await renderDraft(deps, draft, 'html');
    cost.record(performance.now() - t0);
  });
  const url = await deps.exchange.units.url(origin, 'html', draft, rd.signals.now, links);
  const { w, h } = rd.signals.size;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const adm =
    `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;overflow:hidden}</style></head><body>` +
    `<iframe src="${esc(url)}" width="${w}" height="${h}" title="${esc(draft.brandName)}" style="border:0;display:block;width:${w}px;height:${h}px" scrolling="no" ` +
    `sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe></body></html>`;
  return { adm, mtype: 1, size: rd.signals.size, ...notices };
}
