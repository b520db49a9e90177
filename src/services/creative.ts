// Decision → response in the requested format, through the content-addressed render cache.
// Ad-facing: any failure after the decision degrades to the fallback creative, never a 5xx.
import type { Format, Signals } from '../domain/types.ts';
import { renderHtml } from '../render/html.ts';
import { IMAGE_TYPES, renderImage } from '../render/image.ts';
import { qrNode, qrSvg } from '../render/qr.ts';
import { decisionSlots, fallbackSlots, type SlotsDraft } from '../render/slots.ts';
import type { Slots } from '../render/types.ts';
import type { TokenPayload, TokenSigner } from '../security/tokens.ts';
import type { AppDeps } from './deps.ts';
import type { RequestDecision } from './decide-request.ts';
import { photoSideFor, type ImageResolver } from './images.ts';
import { contentKey, type CachedRender } from './render-cache.ts';
import type { KitFonts } from './kit-fonts.ts';

export interface CreativeDeps extends AppDeps {
  images: ImageResolver;
  signer: TokenSigner;
  /** Brand kits' uploaded fonts (stored assets); the bundled fonts only when absent. */
  kitFonts?: KitFonts;
}

export interface Links {
  click: string;
  impression: string;
  /** Short URL a QR code encodes (CTV): records a scan, then redirects like a click. */
  scan: string;
}

const CLICK_MARK = '__VITRINE_CLICK_URL__';
const IMP_MARK = '__VITRINE_IMPRESSION_URL__';

export async function signLinks(deps: CreativeDeps, rd: RequestDecision, origin: string, test = false): Promise<Links> {
  const r = rd.result;
  const base: Omit<TokenPayload, 'k'> =
    r.kind === 'decision'
      ? {
          d: r.decision.id,
          c: r.decision.campaign.id,
          v: r.decision.variant.id,
          p: r.decision.products[0]!.product.id,
          r: rd.signals.region,
          u: r.decision.products[0]!.product.link,
          t: Math.floor(rd.signals.now / 1000),
          b: r.decision.bucket,
          ...(r.decision.holdout ? { h: 1 as const } : {}),
          ...(r.decision.userKey ? { s: r.decision.userKey, ...(r.decision.segments.length ? { g: r.decision.segments } : {}) } : {}),
        }
      : { d: r.none.id, c: r.none.campaign?.id ?? '-', v: null, p: null, r: rd.signals.region, u: r.none.campaign?.fallback.link ?? origin, t: Math.floor(rd.signals.now / 1000) };
  if (test) base.x = 1;
  const [c, i, q] = await Promise.all([deps.signer.sign({ k: 'c', ...base }), deps.signer.sign({ k: 'i', ...base }), deps.signer.sign({ k: 'q', ...base })]);
  return { click: `${origin}/c/${c}`, impression: `${origin}/i/${i}`, scan: `${origin}/q/${q}` };
}

/** The slots for a decision; `overlay` redraws them as a CTV lower-third whose QR encodes the scan URL. */
export function draftFor(rd: RequestDecision, overlay?: { qr: string }): SlotsDraft {
  const draft =
    rd.result.kind === 'decision'
      ? decisionSlots(rd.result.decision, rd.signals, rd.region)
      : fallbackSlots(rd.result.none.campaign, rd.signals);
  return overlay ? { ...draft, template: 'overlay', qr: overlay.qr } : draft;
}

async function resolveImages(deps: CreativeDeps, draft: SlotsDraft): Promise<Slots> {
  const side = photoSideFor(draft.size);
  const [products, logo] = await Promise.all([
    Promise.all(draft.products.map(async (p) => ({ ...p, image: p.image ? await deps.images.load(p.image, side) : null }))),
    // The kit's logo is a stored asset; one that cannot be loaded leaves the brand name as text.
    draft.brand.logo ? deps.images.load(draft.brand.logo) : Promise.resolve(null),
  ]);
  return { ...draft, products, brand: { ...draft.brand, logo } };
}

export interface Rendered extends CachedRender {
  key: string;
  cached: boolean;
}

async function renderFresh(deps: CreativeDeps, draft: SlotsDraft, format: Exclude<Format, 'json'>): Promise<CachedRender> {
  const slots = await resolveImages(deps, draft);
  if (format === 'html') {
    const html = renderHtml(slots, { templates: deps.templates, measure: deps.fonts.measure, clickHref: CLICK_MARK });
    const withPixel = html.replace('</body>', `<img src="${IMP_MARK}" width="1" height="1" alt="" style="position:absolute;left:-9999px"></body>`);
    return { bytes: new TextEncoder().encode(withPixel), contentType: 'text/html; charset=utf-8' };
  }
  const kitFaces = deps.kitFonts ? await deps.kitFonts.faces(slots.brand) : [];
  return renderImage(slots, format, { fonts: deps.fonts, templates: deps.templates, rasterizer: deps.rasterizer, ...(kitFaces.length ? { kitFaces } : {}) });
}

/** Stands in for a request's own QR text: the layout does not depend on what the code says. */
const QR_MARK = 'https://vitrine.invalid/q/placeholder';
const qrImage = (text: string) => qrNode(text, 1).props.src as string;

/**
 * A creative with a QR code (the CTV overlay): its QR encodes this request's scan link, so the
 * whole would never repeat. The layout and text (satori's work) are cached by content with a
 * placeholder code; each request swaps its own code in and rasterizes.
 */
async function renderWithQr(deps: CreativeDeps, draft: SlotsDraft & { qr: string }, format: Exclude<Format, 'json'>): Promise<{ out: CachedRender; cached: boolean }> {
  const baseFormat = format === 'html' ? 'html' : 'svg';
  const base = { ...draft, qr: QR_MARK };
  const baseKey = await contentKey(['qr-base', draft.template, deps.templates[draft.template].version, baseFormat, base], deps.digest);
  let b = await deps.renderCache.get(baseKey);
  const cached = b !== undefined;
  if (!b) {
    b = await renderFresh(deps, base, baseFormat);
    await deps.renderCache.put(baseKey, b);
  }
  const text = new TextDecoder().decode(b.bytes);
  const mark = qrImage(QR_MARK);
  if (!text.includes(mark)) return { out: await renderFresh(deps, draft, format), cached: false };
  const own = text.split(mark).join(qrImage(draft.qr));
  if (format === 'html' || format === 'svg') return { out: { bytes: new TextEncoder().encode(own), contentType: b.contentType }, cached };
  if (!deps.rasterizer.formats.includes(format)) throw new Error(`format: this runtime cannot produce ${format}`);
  const box = qrBox(text, mark);
  if (deps.rasterizer.composite && box) {
    // Pixels too: the base is rasterized once, and each request only draws its code over it.
    const pngKey = `${baseKey}|png`;
    let basePng = await deps.renderCache.get(pngKey);
    if (!basePng) {
      basePng = { bytes: await deps.rasterizer.rasterize(text, draft.size, 'png'), contentType: IMAGE_TYPES.png };
      await deps.renderCache.put(pngKey, basePng);
    }
    const layer = qrSvg(draft.qr).svg.replace('<svg ', `<svg width="${box.width}" height="${box.height}" `);
    return { out: { bytes: await deps.rasterizer.composite(basePng.bytes, { svg: layer, left: box.left, top: box.top }, format), contentType: IMAGE_TYPES[format] }, cached };
  }
  return { out: { bytes: await deps.rasterizer.rasterize(own, draft.size, format), contentType: IMAGE_TYPES[format] }, cached };
}

/** Where satori drew the placeholder code: the `<image>` element whose href is `mark`. */
function qrBox(svg: string, mark: string): { left: number; top: number; width: number; height: number } | null {
  const at = svg.indexOf(`href="${mark}"`);
  if (at < 0) return null;
  const tag = svg.slice(svg.lastIndexOf('<image', at), at);
  const num = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(tag)?.[1] ?? NaN);
  const [left, top, width, height] = [num('x'), num('y'), num('width'), num('height')].map(Math.round) as [number, number, number, number];
  return [left, top, width, height].every(Number.isFinite) && width > 0 ? { left, top, width, height } : null;
}

/** Renders (or fetches from cache) one format of a draft; HTML carries link placeholders. */
export async function renderDraft(deps: CreativeDeps, draft: SlotsDraft, format: Exclude<Format, 'json'>): Promise<Rendered> {
  const template = deps.templates[draft.template];
  const key = await contentKey([draft.template, template.version, format, draft], deps.digest);
  const hit = await deps.renderCache.get(key);
  if (hit) return { ...hit, key, cached: true };
  let out: CachedRender;
  let cached = false;
  // One-off QR creatives are not stored whole (their base is): they would only crowd the cache.
  if (draft.qr) ({ out, cached } = await renderWithQr(deps, { ...draft, qr: draft.qr }, format));
  else {
    out = await renderFresh(deps, draft, format);
    await deps.renderCache.put(key, out);
  }
  return { ...out, key, cached };
}

/** Puts this request's signed links into a cached HTML unit. */
export function personalizeHtml(bytes: Uint8Array, links: Links): Uint8Array {
  const esc = (u: string) => u.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const html = new TextDecoder().decode(bytes).split(CLICK_MARK).join(esc(links.click)).split(IMP_MARK).join(esc(links.impression));
  return new TextEncoder().encode(html);
}

export interface CreativeBody {
  body: Uint8Array;
  contentType: string;
  etag: string;
  cached: boolean;
  /** Set when the fallback creative was served and why. */
  fallback: string | null;
}

/** Renders the decision; on failure renders the fallback; if that fails too, its SVG. */
export async function creativeBody(deps: CreativeDeps, rd: RequestDecision, format: Exclude<Format, 'json'>, links: Links, overlay = false): Promise<CreativeBody> {
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
    body: html ? personalizeHtml(r.bytes, links) : r.bytes,
    contentType: r.contentType,
    etag: html ? `W/"${r.key}"` : `"${r.key}"`,
    cached: r.cached,
    fallback,
  };
}

/** URLs that replay this exact decision (same seed and clock) in every format. */
export function formatUrls(origin: string, params: Record<string, string | undefined>, s: Signals, seed: number): Record<Format, string> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && k !== 'format') q.set(k, v);
  q.set('seed', String(seed));
  q.set('at', new Date(s.now).toISOString());
  const url = (f: Format) => `${origin}/v1/creative?${q.toString()}&format=${f}`;
  return { png: url('png'), webp: url('webp'), svg: url('svg'), html: url('html'), json: url('json') };
}
