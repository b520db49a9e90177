// Start-up warm-up: each registered template drawn once in each format a bid can need (HTML unit,
// PNG), in English and Arabic, before the server takes traffic. A cold path costs many times a warm
// one (JIT, the engine's and fonts' lazy set-up, the QR encoder: the overlay's HTML unit 40+ ms
// cold against 3 ms warm), and on one thread that cost lands on whatever auction is waiting.
import type { TemplateId } from '../domain/types.ts';
import { draftFor, renderDraft } from './creative.ts';
import { decideRequest } from './decide-request.ts';
import { MemoryRenderCache } from './render-cache.ts';
import type { ServeDeps } from './serve-deps.ts';

export interface WarmResult {
  rendered: number;
  failed: number;
  ms: number;
}

/**
 * Renders every template in `sizes` (template id → the canvases it serves; the first is drawn) ×
 * `formats` × EN/AR, with the first active campaign's real decision as content. Nothing is kept:
 * the overlay's QR draws the long scan URL (no short link is stored) and the renders go to a cache
 * of their own that holds nothing, so what the server answers afterwards is unchanged (only warm).
 * Bounded: one render per template × format × language.
 */
export async function warmRenderPaths(deps: ServeDeps, sizes: Partial<Record<TemplateId, readonly string[]>>, formats: Array<'html' | 'png'> = ['html', 'png']): Promise<WarmResult> {
  const t0 = performance.now();
  const out: WarmResult = { rendered: 0, failed: 0, ms: 0 };
  const snap = await deps.configCache.get();
  const live = snap.bundles.find((b) => b.campaign.status === 'active');
  if (!live) return out;
  const quiet = { ...deps, scanLinks: undefined, renderCache: new MemoryRenderCache(0) };
  for (const lang of ['en', 'ar']) {
    const rd = await decideRequest(deps, { campaign: live.campaign.id, size: '300x250', region: live.campaign.regions[0]!, lang, seed: '1' }).catch(() => null);
    if (!rd || rd.result.kind !== 'decision') continue;
    const base = draftFor(rd, { qr: `${deps.config.publicUrl ?? 'http://localhost'}/q/warm` });
    for (const [template, canvases] of Object.entries(sizes) as Array<[TemplateId, readonly string[]]>) {
      if (!Object.hasOwn(deps.templates, template) || !canvases[0]) continue;
      const [w, h] = canvases[0].split('x').map(Number);
      // Only the overlay draws a QR code.
      const { qr, ...plain } = base;
      const draft = template === 'overlay' ? { ...base, template, size: { w: w!, h: h! } } : { ...plain, template, size: { w: w!, h: h! } };
      for (const format of formats) {
        try {
          await renderDraft(quiet, draft, format);
          out.rendered++;
        } catch (err) {
          out.failed++;
          deps.log.warn('warm-up render failed', { template, format, lang, err: String(err), qr: qr !== undefined });
        }
      }
    }
  }
  out.ms = Math.round(performance.now() - t0);
  return out;
}
