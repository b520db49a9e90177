// Decision → response in the requested format, through the content-addressed render cache.
// Ad-facing: any failure after the decision degrades to the fallback creative, never a 5xx.
import { ORIGIN_MARK, type KitFonts } from './kit-fonts.ts';
import type { Format, Signals } from '../domain/types.ts';
import { OUTPUT_FORMATS, renderFormat, servedFormat, type RenderedFormat } from '../render/formats.ts';
import { decisionSlots, fallbackSlots, type SlotsDraft } from '../render/slots.ts';
import type { TokenPayload, TokenSigner } from '../security/tokens.ts';
import type { AppDeps } from './deps.ts';
import type { RequestDecision } from './decide-request.ts';
import type { ImageResolver, IngestResult, Picture } from './images.ts';
import { layOutWithPictures, resolveImages } from './creative-pictures.ts';
import { renderWithQr } from './qr-overlay.ts';
import type { ScanLinks } from './scan-links.ts';
import { contentKey, type CachedRender } from './render-cache.ts';
import { fillJson, fillText, UnitTemplates } from './unit-template.ts';

export interface CreativeDeps extends AppDeps {
  images: ImageResolver;
  signer: TokenSigner;
  /** Brand kits' uploaded fonts (stored assets); the bundled fonts only when absent. */
  kitFonts?: KitFonts;
  /** Shortens the scan URL a QR code draws; absent = the code carries the sealed token itself. */
  scanLinks?: ScanLinks;
  /** Product photo ingest (checks, derivatives at the drawn sides, stored): the demo seed and fetched photos go through it. */
  photoIngest?: (link: string, pic: Picture) => Promise<IngestResult>;
}

export interface Links {
  click: string;
  impression: string;
  /** The scan URL (sealed token) for a QR code (CTV): records a scan, then redirects like a click. The code draws its short form (scan-links.ts). */
  scan: string;
}

const CLICK_MARK = '__VITRINE_CLICK_URL__';
const IMP_MARK = '__VITRINE_IMPRESSION_URL__';

/** Which of a decision's links a response carries (the others are not sealed: an empty string). */
export interface LinkKinds {
  click: boolean;
  impression: boolean;
  scan: boolean;
}

/**
 * The links a `/v1/creative` answer carries: JSON lists them all; an HTML unit holds click and
 * impression; the CTV overlay (any format) draws the scan link as its QR code; any other image
 * (PNG, WebP, SVG) holds none, so sealing tokens for it would be work no one sees.
 */
export function linksCarried(format: Format, overlay: boolean): LinkKinds {
  if (format === 'json') return { click: true, impression: true, scan: true };
  // An HTML unit holds its click and impression links whatever its layout (the overlay too).
  const html = OUTPUT_FORMATS[format].contentType.startsWith('text/html');
  return { click: html, impression: html, scan: overlay };
}

/** The links of `want` sealed (each a token of its own); the others are empty strings. */
export async function signCarried(deps: CreativeDeps, rd: RequestDecision, origin: string, test: boolean, want: LinkKinds): Promise<Links> {
  const base = linkPayload(rd, origin, test);
  const seal = (k: 'c' | 'i' | 'q', on: boolean) => (on ? deps.signer.sign({ k, ...base }) : null);
  const [c, i, q] = await Promise.all([seal('c', want.click), seal('i', want.impression), seal('q', want.scan)]);
  return { click: c === null ? '' : `${origin}/c/${c}`, impression: i === null ? '' : `${origin}/i/${i}`, scan: q === null ? '' : `${origin}/q/${q}` };
}

/** `scan: false` leaves out the QR scan link (an empty string) where no code is drawn: one token less to seal per bid. */
export function signLinks(deps: CreativeDeps, rd: RequestDecision, origin: string, test = false, scan = true): Promise<Links> {
  return signCarried(deps, rd, origin, test, { click: true, impression: true, scan });
}

/** What a decision's link tokens carry (all but the kind and the issue time). */
export function linkPayload(rd: RequestDecision, origin: string, test: boolean): Omit<TokenPayload, 'k' | 't'> {
  const r = rd.result;
  // Issued-at (`t`) is the server's clock, set when sealed: a replayed decision's old `at` never makes a token born expired.
  const base: Omit<TokenPayload, 'k' | 't'> =
    r.kind === 'decision'
      ? {
          d: r.decision.id,
          c: r.decision.campaign.id,
          v: r.decision.variant.id,
          p: r.decision.products[0]!.product.id,
          r: rd.signals.region,
          u: r.decision.products[0]!.product.link,
          b: r.decision.bucket,
          ...(r.decision.holdout ? { h: 1 as const } : {}),
          ...(r.decision.userKey ? { s: r.decision.userKey, ...(r.decision.segments.length ? { g: r.decision.segments } : {}) } : {}),
        }
      : { d: r.none.id, c: r.none.campaign?.id ?? '-', v: null, p: null, r: rd.signals.region, u: r.none.campaign?.fallback.link ?? origin };
  if (test) base.x = 1;
  return base;
}

/** The slots for a decision; `overlay` redraws them as a CTV lower-third whose QR encodes the scan URL. */
export function draftFor(rd: RequestDecision, overlay?: { qr: string }): SlotsDraft {
  const draft =
    rd.result.kind === 'decision'
      ? decisionSlots(rd.result.decision, rd.signals, rd.region)
      : fallbackSlots(rd.result.none.campaign, rd.signals);
  return overlay ? { ...draft, template: 'overlay', qr: overlay.qr } : draft;
}

export interface Rendered extends CachedRender {
  key: string;
  cached: boolean;
  /** Set when the engine cannot encode the wanted format and another was served instead. */
  substituted: string | null;
}

/** The render cache key of one format of a draft (template version + slots + size + format + engine). */
export async function renderKey(deps: CreativeDeps, draft: SlotsDraft, wanted: RenderedFormat): Promise<string> {
  const { format } = servedFormat(wanted, deps.engine);
  // The engine is part of the key: switching engines must not serve the other engine's pixels.
  const engine = OUTPUT_FORMATS[format].byEngine ? deps.engine.name : '-';
  return contentKey([draft.template, deps.templates[draft.template].version, format, engine, draft], deps.digest);
}

/** Renders (or fetches from cache) one format of a draft through the output registry; HTML carries link placeholders. */
export async function renderDraft(deps: CreativeDeps, draft: SlotsDraft, wanted: RenderedFormat): Promise<Rendered> {
  const { format, substituted } = servedFormat(wanted, deps.engine);
  if (!Object.hasOwn(deps.templates, draft.template)) throw new Error(`template: unknown template "${draft.template}"`);
  const key = await renderKey(deps, draft, wanted);
  const hit = await deps.renderCache.get(key);
  if (hit) return { ...hit, key, cached: true, substituted };
  // One-off QR creatives are not stored whole where the engine composites (their placeholder base is); elsewhere they are.
  if (draft.qr) {
    // The code draws the short link (stored first); the cache key stays the long one's, which it stands for.
    const qr = deps.scanLinks ? await deps.scanLinks.shorten(draft.qr) : draft.qr;
    const { out, cached, whole } = await renderWithQr(deps, { ...draft, qr }, format, (d, f) => renderFresh(deps, d, f));
    if (whole) await deps.renderCache.put(key, out);
    return { ...out, key, cached, substituted };
  }
  const out = await renderFresh(deps, draft, format);
  await deps.renderCache.put(key, out);
  return { ...out, key, cached: false, substituted };
}

async function renderFresh(deps: CreativeDeps, draft: SlotsDraft, format: RenderedFormat): Promise<CachedRender> {
  if (OUTPUT_FORMATS[format].raster && deps.engine.decodesPictures) {
    try {
      return await renderWith(deps, draft, format, true);
    } catch (err) {
      // A stored photo the engine cannot decode: draw again through the image library, which
      // re-encodes it or refuses it (the designed empty photo), rather than failing the creative.
      deps.log.warn('engine could not draw the stored photo; re-encoding it', { err: String(err), template: draft.template });
    }
  }
  return renderWith(deps, draft, format, false);
}

async function renderWith(deps: CreativeDeps, draft: SlotsDraft, format: RenderedFormat, forEngine: boolean): Promise<CachedRender> {
  const kit = deps.kitFonts ? await deps.kitFonts.load(draft.brand) : null;
  // Fitted with the faces that draw it: the kit's fonts measure what they hold, Noto the rest.
  const fonts = kit?.faces.length ? { faces: deps.fonts.faces, measure: kit.measure(draft.lang, deps.fonts.measure) } : deps.fonts;
  const extra = kit?.faces.length ? { extraFaces: kit.faces, fontEmbeds: kit.embeds } : {};
  const ctx = { fonts, templates: deps.templates, engine: deps.engine, marks: { click: CLICK_MARK, impression: IMP_MARK }, ...extra };
  if (!forEngine) return renderFormat(await resolveImages(deps, draft), format, ctx);
  const { slots, tree, pictures } = await layOutWithPictures(deps, draft, fonts);
  return renderFormat(slots, format, { ...ctx, tree, pictures });
}

/** The unit's own impression pixel (see the html entry of OUTPUT_FORMATS). */
const PIXEL = new RegExp(`<img src="${IMP_MARK}"[^>]*>`);

/** The text measure a draft is fitted with (the brand kit's fonts first): what the fit report must use too. */
export async function measureFor(deps: CreativeDeps, draft: SlotsDraft): Promise<CreativeDeps['fonts']['measure']> {
  const kit = deps.kitFonts ? await deps.kitFonts.load(draft.brand) : null;
  return kit?.faces.length ? kit.measure(draft.lang, deps.fonts.measure) : deps.fonts.measure;
}

/** The origin a unit's links point at: where its linked brand fonts are served from too. */
export function linksOrigin(links: Links): string | null {
  try {
    const u = new URL(links.click);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The CSP source a cached HTML unit's linked brand fonts load from (null when it links none): what `font-src` must allow. */
export function unitFontSource(bytes: Uint8Array, links: Links): string | null {
  if (!new TextDecoder().decode(bytes).includes(ORIGIN_MARK)) return null;
  return linksOrigin(links) ?? "'self'";
}

/** A link as a double-quoted HTML attribute value. */
const esc = (u: string) => u.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Cached HTML units split at their marks once (the bid path fills them per decision). */
const unitTemplates = new UnitTemplates({ click: CLICK_MARK, impression: IMP_MARK, origin: ORIGIN_MARK });

/**
 * The cached HTML unit with this request's links, exactly as `personalizeHtml(bytes, links)` reads,
 * as text and as JSON-escaped UTF-8 pieces, from the unit's template split once. Null when a link
 * itself looks like a mark (then only sequential replacement gives the same text).
 */
export function filledUnit(hit: CachedRender, links: Links): { text: string; json: Uint8Array[] } | null {
  const t = unitTemplates.of(hit);
  const v = { click: esc(links.click), impression: esc(links.impression), origin: t.holes.includes('origin') ? esc(linksOrigin(links) ?? '') : '' };
  if (v.click.includes('__VITRINE_') || v.impression.includes('__VITRINE_') || v.origin.includes('__VITRINE_')) return null;
  return { text: fillText(t, v), json: fillJson(t, v) };
}

/**
 * Puts this request's signed links (and the origin its linked brand fonts come from) into a cached
 * HTML unit. `pixel: false` leaves out the unit's own impression pixel, for a caller that counts the
 * impression itself (the web tag, on view).
 */
export function personalizeHtml(bytes: Uint8Array, links: Links, pixel = true): Uint8Array {
  let html = new TextDecoder().decode(bytes);
  if (!pixel) html = html.replace(PIXEL, '');
  html = html.split(CLICK_MARK).join(esc(links.click)).split(IMP_MARK).join(esc(links.impression));
  if (html.includes(ORIGIN_MARK)) html = html.split(ORIGIN_MARK).join(esc(linksOrigin(links) ?? ''));
  return new TextEncoder().encode(html);
}

export interface CreativeBody {
  body: Uint8Array;
  contentType: string;
  etag: string;
  cached: boolean;
  /** Set when the fallback creative was served and why. */
  fallback: string | null;
  /** Set when another format than the one asked for was served, and why. */
  substituted: string | null;
  /** HTML that links brand fonts: the origin they load from (the unit's CSP allows it). */
  fontSource: string | null;
}

/** Renders the decision; on failure renders the fallback; if that fails too, its SVG. `pixel` as for personalizeHtml. */
export async function creativeBody(deps: CreativeDeps, rd: RequestDecision, format: RenderedFormat, links: Links, overlay = false, pixel = true): Promise<CreativeBody> {
  const none = rd.result.kind === 'none' ? rd.result.none : null;
  let fallback: string | null = none ? none.reason : null;
  let r: Rendered;
  try {
    r = await renderDraft(deps, draftFor(rd, overlay ? { qr: links.scan } : undefined), format);
  } catch (err) {
    deps.log.error('render failed; serving fallback', { err: String(err), format });
    fallback = 'render failed';
    const fb = fallbackSlots(none?.campaign ?? (rd.result.kind === 'decision' ? rd.result.decision.campaign : null), rd.signals);
    try {
      r = await renderDraft(deps, fb, format);
    } catch (err2) {
      deps.log.error('fallback render failed; serving fallback SVG', { err: String(err2), format });
      r = await renderDraft(deps, fb, 'svg');
    }
  }
  const html = r.contentType.startsWith('text/html');
  return {
    body: html ? personalizeHtml(r.bytes, links, pixel) : r.bytes,
    contentType: r.contentType,
    // The HTML body carries this decision's signed links: its ETag covers them, so a client holding
    // another decision's unit never gets a 304 for this one.
    etag: html ? `"${r.key}-${await contentKey([links.click, links.impression], deps.digest)}"` : `"${r.key}"`,
    cached: r.cached,
    fallback,
    substituted: r.substituted,
    fontSource: html ? unitFontSource(r.bytes, links) : null,
  };
}

/** Request parameters that identify the shopper or carry their privacy choices. */
export const PRIVACY_PARAMS: ReadonlySet<string> = new Set(['uid', 'gdpr', 'gdpr_consent', 'consent', 'us_privacy', 'gpp', 'gpp_sid']);
/** The parameter carrying a sealed reference to them in replay URLs. */
export const REF_PARAM = 'ref';

/** A sealed reference to the request's user id and privacy strings, or null when it had none. */
export async function privacyRef(deps: { signer: TokenSigner }, rd: RequestDecision): Promise<string | null> {
  return Object.keys(rd.privacy).length > 0 ? deps.signer.sealRef(rd.privacy) : null;
}

/** The request's parameters with a sealed reference (if any) opened into the privacy parameters it stands for. */
export async function withPrivacyRef(deps: { signer: TokenSigner }, params: Record<string, string>): Promise<Record<string, string>> {
  const ref = params[REF_PARAM];
  if (!Object.hasOwn(params, REF_PARAM) || !ref) return params;
  const opened = await deps.signer.openRef(ref);
  const out = new Map(Object.entries(params).filter(([k]) => k !== REF_PARAM && !PRIVACY_PARAMS.has(k)));
  // A reference that does not open (expired, another server's) leaves a context-only decision.
  for (const [k, v] of Object.entries(opened ?? {})) if (PRIVACY_PARAMS.has(k)) out.set(k, v);
  return Object.fromEntries(out);
}

/**
 * URLs that replay this exact decision (same seed and clock) in every format. The user id and
 * privacy strings travel only inside the sealed `ref`, never in the clear.
 */
export function formatUrls(origin: string, params: Record<string, string | undefined>, s: Signals, seed: number, ref: string | null = null): Record<Format, string> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && k !== 'format' && k !== REF_PARAM && !PRIVACY_PARAMS.has(k)) q.set(k, v);
  if (ref) q.set(REF_PARAM, ref);
  q.set('seed', String(seed));
  q.set('at', new Date(s.now).toISOString());
  const url = (f: Format) => `${origin}/v1/creative?${q.toString()}&format=${f}`;
  return Object.fromEntries((Object.keys(OUTPUT_FORMATS) as Format[]).map((f) => [f, url(f)])) as Record<Format, string>;
}
