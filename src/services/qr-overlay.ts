// A creative with a QR code (the CTV overlay): its QR encodes this request's scan link, so the whole
// never repeats. The layout, text and pixels (the engine's work) are cached by content with a
// placeholder code; each request swaps its own code into the HTML/SVG, or draws only its code over
// the cached PNG (where the engine can composite: sharp on Node). Elsewhere (Workers) the request
// renders whole (`whole`), and the caller caches that render by its own key, as before.
import { isRaster, OUTPUT_FORMATS, type RenderedFormat } from '../render/formats.ts';
import { qrNode, qrSvg } from '../render/qr.ts';
import type { SlotsDraft } from '../render/slots.ts';
import type { CreativeDeps } from './creative.ts';
import { contentKey, type CachedRender } from './render-cache.ts';

/** Stands in for a request's own QR text: the layout does not depend on what the code says. */
const QR_MARK = 'https://vitrine.invalid/q/placeholder';
const qrImage = (text: string) => qrNode(text, 1).props.src as string;

type Fresh = (draft: SlotsDraft, format: RenderedFormat) => Promise<CachedRender>;

async function cachedBase(deps: CreativeDeps, key: string, make: () => Promise<CachedRender>): Promise<{ b: CachedRender; cached: boolean }> {
  const hit = await deps.renderCache.get(key);
  if (hit) return { b: hit, cached: true };
  const b = await make();
  await deps.renderCache.put(key, b);
  return { b, cached: false };
}

/** `format` is what the engine serves (already substituted); `fresh` renders a draft whole. */
export async function renderWithQr(deps: CreativeDeps, draft: SlotsDraft & { qr: string }, format: RenderedFormat, fresh: Fresh): Promise<{ out: CachedRender; cached: boolean; whole?: true }> {
  const base = { ...draft, qr: QR_MARK };
  // A text format carries the code's mark itself; a raster one (PNG, WebP) is drawn over the SVG base's box.
  const vector: RenderedFormat = isRaster(format) ? 'svg' : format;
  const baseKey = await contentKey(['qr-base', draft.template, deps.templates[draft.template].version, vector, deps.engine.name, base], deps.digest);
  const { b, cached } = await cachedBase(deps, baseKey, () => fresh(base, vector));
  const text = new TextDecoder().decode(b.bytes);
  const mark = qrImage(QR_MARK);
  if (!text.includes(mark)) return { out: await fresh(draft, format), cached: false, whole: true };
  if (!isRaster(format)) {
    return { out: { bytes: new TextEncoder().encode(text.split(mark).join(qrImage(draft.qr))), contentType: b.contentType }, cached };
  }
  const box = qrBox(text, mark);
  if (!deps.engine.composite || !box) return { out: await fresh(draft, format), cached: false, whole: true };
  // Pixels too: the base is drawn once, and each request only draws its own code over it.
  const png = await cachedBase(deps, `${baseKey}|png`, () => fresh(base, 'png'));
  const layer = qrSvg(draft.qr).svg.replace('<svg ', `<svg width="${box.width}" height="${box.height}" `);
  const bytes = await deps.engine.composite(png.b.bytes, { svg: layer, left: box.left, top: box.top }, format);
  return { out: { bytes, contentType: OUTPUT_FORMATS[format].contentType }, cached: cached && png.cached };
}

/** Where the engine drew the placeholder code: the `<image>` element whose href is `mark`. */
function qrBox(svg: string, mark: string): { left: number; top: number; width: number; height: number } | null {
  const at = svg.indexOf(`href="${mark}"`);
  if (at < 0) return null;
  const tag = svg.slice(svg.lastIndexOf('<image', at), at);
  const num = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(tag)?.[1] ?? NaN);
  const [left, top, width, height] = [num('x'), num('y'), num('width'), num('height')].map(Math.round) as [number, number, number, number];
  return [left, top, width, height].every(Number.isFinite) && width > 0 ? { left, top, width, height } : null;
}
