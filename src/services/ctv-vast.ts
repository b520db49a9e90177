// An OpenRTB video bid's VAST: the CTV format the slot allows (overlay, pause, in-scene,
// L-shape) drawn at the slot's declared size, in the VAST version the slot accepts. Resources
// are render-on-fetch unit URLs (PNG, and the same unit as HTML for IFrameResource players), so
// the bid never waits on a render.
import type { VideoSlot } from '../openrtb/video-slot.ts';
import { vastNonLinear } from '../render/vast.ts';
import { draftFor, type Links } from './creative.ts';
import type { RequestDecision } from './decide-request.ts';
import type { ServeDeps } from './serve-deps.ts';

/** Player event pings reuse the impression token; `%5BERRORCODE%5D` is the encoded `[ERRORCODE]` players fill (the bare brackets fail xs:anyURI). */
export function errorUrl(links: Links): string {
  return `${links.impression}?e=error&code=%5BERRORCODE%5D`;
}

/** What every Vitrine NonLinear ad says about its decision: ids, title, tracking, click, pricing (the overlay and CTV slot formats). */
export function adFields(rd: RequestDecision, links: Links) {
  if (rd.result.kind !== 'decision') throw new Error('adFields: no decision');
  const d = rd.result.decision;
  const main = d.products[0]!;
  const ping = (e: string) => `${links.impression}?e=${e}`;
  return {
    adId: d.campaign.id,
    decisionId: d.id,
    adSystem: { name: 'Vitrine', version: '0.1' },
    adTitle: `${d.campaign.name}: ${main.product.title}`,
    advertiser: d.campaign.advertiser,
    creativeId: d.variant.id,
    universalAdId: { idRegistry: 'vitrine', value: `${d.campaign.id}/${d.variant.id}` },
    impressionUrls: [links.impression],
    errorUrl: errorUrl(links),
    tracking: { creativeView: [ping('creativeView')], close: [ping('close')], acceptInvitation: [ping('acceptInvitation')] },
    clickThrough: links.click,
    clickTracking: [ping('click')],
    minSuggestedDuration: '00:00:15',
    categories: d.campaign.iabCategories,
    ...(d.campaign.bidCpm !== null ? { pricing: { model: 'CPM' as const, currency: 'USD', value: d.campaign.bidCpm } } : {}),
  };
}

/** `price`: what the bid pays, when it is not the campaign's CPM (a fixed-price deal's agreed price, in the deal's currency). */
export async function ctvVast(deps: ServeDeps, rd: RequestDecision, links: Links, origin: string, slot: Extract<VideoSlot, { ok: true }>, price?: { value: number; currency: string }): Promise<string> {
  if (rd.result.kind !== 'decision') throw new Error('ctvVast: no decision');
  const d = rd.result.decision;
  const draft = { ...draftFor(rd, { qr: links.scan }), template: slot.format, size: slot.size };
  const now = rd.signals.now;
  const [png, html] = await Promise.all([deps.exchange.units.url(origin, 'png', draft, now), deps.exchange.units.url(origin, 'html', draft, now, links)]);
  return vastNonLinear({
    version: slot.vast.version,
    ...adFields(rd, links),
    ...(price ? { pricing: { model: 'CPM' as const, currency: price.currency, value: price.value } } : {}),
    image: { url: png, width: slot.size.w, height: slot.size.h, creativeType: 'image/png' },
    iframe: html,
    width: slot.size.w,
    height: slot.size.h,
  });
}
