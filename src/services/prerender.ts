// Pre-rendering at approval: the HTML unit (and PNG) of each variant of a campaign at the sizes it
// serves most, in each of its regions, so the first bids find them in the render cache and carry
// the creative inline. Bounded and sequential, yielding between renders; call it when a version
// is approved (and at startup for live campaigns).
import { sizeKey } from '../domain/sizes.ts';
import { decideRequest } from './decide-request.ts';
import { draftFor, renderDraft } from './creative.ts';
import type { ServeDeps } from './serve-deps.ts';

/** The sizes exchanges ask for most (IAB's medium rectangle, leaderboard, mobile banner, half page). */
export const TOP_SIZES = ['300x250', '728x90', '320x50', '300x600'];

export interface PrerenderResult {
  rendered: number;
  cached: number;
  failed: number;
}

/**
 * Renders a campaign's variants × its most-served sizes (its own `sizes`, in the order booked,
 * else TOP_SIZES; at most `maxSizes`) × regions (at most `maxRegions`), at most `limit` units.
 */
export async function prerenderCampaign(deps: ServeDeps, campaignId: string, opts: { maxSizes?: number; maxRegions?: number; limit?: number; formats?: Array<'html' | 'png'> } = {}): Promise<PrerenderResult> {
  const snap = await deps.configCache.get();
  const bundle = snap.bundleById.get(campaignId);
  const out: PrerenderResult = { rendered: 0, cached: 0, failed: 0 };
  if (!bundle) return out;
  const c = bundle.campaign;
  const sizes = (c.sizes.length ? c.sizes : TOP_SIZES).slice(0, opts.maxSizes ?? 3);
  const regions = c.regions.slice(0, opts.maxRegions ?? 4);
  const formats = opts.formats ?? ['html'];
  let budget = opts.limit ?? 48;
  for (const region of regions) {
    for (const variant of bundle.variants) {
      for (const size of sizes) {
        for (const format of formats) {
          if (budget-- <= 0) return out;
          try {
            const rd = await decideRequest(deps, { campaign: c.id, variant: variant.id, size, region, format, seed: '1' });
            if (rd.result.kind !== 'decision' || sizeKey(rd.signals.size) !== size) continue;
            const r = await renderDraft(deps, draftFor(rd), format);
            if (r.cached) out.cached++;
            else out.rendered++;
          } catch (err) {
            out.failed++;
            deps.log.warn('prerender failed', { campaign: c.id, variant: variant.id, size, region, err: String(err) });
          }
          await new Promise((r) => setTimeout(r, 0));
        }
      }
    }
  }
  return out;
}

/** Pre-renders every active campaign (startup, until the approval flow calls prerenderCampaign itself). */
export async function prerenderLive(deps: ServeDeps): Promise<PrerenderResult> {
  const snap = await deps.configCache.get();
  const total: PrerenderResult = { rendered: 0, cached: 0, failed: 0 };
  for (const b of snap.bundles) {
    if (b.campaign.status !== 'active') continue;
    const r = await prerenderCampaign(deps, b.campaign.id);
    total.rendered += r.rendered;
    total.cached += r.cached;
    total.failed += r.failed;
  }
  return total;
}
