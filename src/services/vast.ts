// A decision as VAST 4.2 for CTV players and ad insertion: a NonLinear lower-third overlay
// (transparent PNG with a QR code, plus an HTML variant) with signed tracking and click URLs.
import { vastEmpty, vastNonLinear } from '../render/vast.ts';
import type { ServeDeps } from './serve-deps.ts';
import type { RequestDecision } from './decide-request.ts';
import { privacyRef, REF_PARAM, signLinks, type Links } from './creative.ts';
import { renderDraft, draftFor, personalizeHtml } from './creative.ts';
import { adFields, errorUrl as vastErrorUrl } from './ctv-vast.ts';

export const OVERLAY_SIZE = { w: 1920, h: 1080 } as const;

/** A /v1/creative URL that replays this exact decision (same parameters, seed and clock) as the overlay PNG. */
export function overlayImageUrl(origin: string, rd: RequestDecision, test: boolean, ref: string | null): string {
  const s = rd.signals;
  const r = rd.result;
  const q = new URLSearchParams();
  const campaign = r.kind === 'decision' ? r.decision.campaign.id : r.none.campaign?.id;
  if (campaign) q.set('campaign', campaign);
  else if (s.placement) q.set('placement', s.placement);
  q.set('region', s.region);
  q.set('lang', s.lang);
  q.set('device', s.device);
  if (s.weather) q.set('weather', s.weather);
  q.set('size', `${OVERLAY_SIZE.w}x${OVERLAY_SIZE.h}`);
  q.set('seed', String(r.kind === 'decision' ? r.decision.seed : r.none.seed));
  q.set('at', new Date(s.now).toISOString());
  // The same user and consent, so the replay makes the same (personalized or not) decision; sealed,
  // so the player and whoever it shares the VAST with never see the user id.
  if (ref) q.set(REF_PARAM, ref);
  q.set('layout', 'overlay');
  if (test) q.set('test', '1');
  q.set('format', 'png');
  return `${origin}/v1/creative?${q.toString()}`;
}

export async function vastForDecision(deps: ServeDeps, rd: RequestDecision, origin: string, opts: { test: boolean; html?: boolean }): Promise<string> {
  const links = await signLinks(deps, rd, origin, opts.test);
  // `[ERRORCODE]` percent-encoded: bare brackets fail xs:anyURI as libxml2 checks it; players fill both spellings.
  const errorUrl = vastErrorUrl(links);
  if (rd.result.kind === 'none') return vastEmpty(errorUrl);
  const d = rd.result.decision;
  let html: string | undefined;
  if (opts.html) {
    // The HTML variant draws the same lower-third; its QR and links are this request's.
    const draft = { ...draftFor(rd, { qr: links.scan }), size: { ...OVERLAY_SIZE } };
    const out = await renderDraft(deps, draft, 'html');
    html = new TextDecoder().decode(personalizeHtml(out.bytes, links));
  }
  return vastNonLinear({
    ...adFields(rd, links),
    image: { url: overlayImageUrl(origin, rd, opts.test, await privacyRef(deps, rd)), width: OVERLAY_SIZE.w, height: OVERLAY_SIZE.h, creativeType: 'image/png' },
    ...(html ? { html } : {}),
    width: OVERLAY_SIZE.w,
    height: OVERLAY_SIZE.h,
  });
}
