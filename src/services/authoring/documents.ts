// Campaign documents as data: the content hash an approval binds to, the diff summary a version
// shows, and the serving projection (Campaign + Variants) the decision engine reads.
import { wallToInstant } from '../../domain/time.ts';
import type { Campaign, Localized, Region, Variant, VariantCopy } from '../../domain/types.ts';
import type { Digest } from '../../security/digest.ts';
import type { CampaignDoc } from './schemas.ts';

/** JSON with keys sorted at every level: equal documents hash equally whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export async function contentHash(digest: Digest, doc: CampaignDoc): Promise<string> {
  const bytes = await digest.sha256(canonicalJson(doc));
  return `sha256:${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** One line per change against the previous version: fields changed, variants added, removed or changed. */
export function diffSummary(before: CampaignDoc | null, after: CampaignDoc): string[] {
  if (!before) return [`created with ${after.variants.length} variant(s): ${after.variants.map((v) => v.id).join(', ')}`];
  const out: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== 'variants'));
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const k of [...keys].sort()) if (canonicalJson(b[k]) !== canonicalJson(a[k])) out.push(`changed ${k}`);
  const old = new Map(before.variants.map((v) => [v.id, v]));
  const now = new Map(after.variants.map((v) => [v.id, v]));
  for (const v of after.variants) {
    const was = old.get(v.id);
    if (!was) out.push(`added variant ${v.id}`);
    else if (canonicalJson(was) !== canonicalJson(v)) {
      const fields = Object.keys({ ...was, ...v }).filter((k) => canonicalJson((was as Record<string, unknown>)[k]) !== canonicalJson((v as Record<string, unknown>)[k]));
      out.push(`changed variant ${v.id} (${fields.sort().join(', ')})`);
    }
  }
  for (const v of before.variants) if (!now.has(v.id)) out.push(`removed variant ${v.id}`);
  return out.length ? out : ['no change in content'];
}

/** The flight as UTC instants: from its earliest local start to its latest local end across the targeted regions. */
export function flightBounds(doc: Pick<CampaignDoc, 'startsLocal' | 'endsLocal' | 'regions'>, regions: ReadonlyMap<string, Region>): { startsAt: string; endsAt: string } {
  const zones = doc.regions.map((r) => regions.get(r)?.tz ?? 'UTC');
  const starts = zones.map((tz) => wallToInstant(doc.startsLocal, tz));
  const ends = zones.map((tz) => wallToInstant(doc.endsLocal, tz));
  return { startsAt: new Date(Math.min(...starts)).toISOString(), endsAt: new Date(Math.max(...ends)).toISOString() };
}

/** What the engine serves for an approved version. */
export function project(id: string, version: number, hash: string, doc: CampaignDoc, status: Campaign['status'], regions: ReadonlyMap<string, Region>): { campaign: Campaign; variants: Variant[] } {
  const campaign: Campaign = {
    id,
    name: doc.name,
    advertiser: doc.advertiser,
    advertiserDomain: doc.adomain,
    status,
    ...flightBounds(doc, regions),
    startsLocal: doc.startsLocal,
    endsLocal: doc.endsLocal,
    regions: doc.regions,
    sizes: doc.sizes,
    placements: doc.placements,
    selector: doc.selector,
    fallback: { headline: doc.fallback.headline as Localized, link: doc.fallback.link },
    defaultVariantId: doc.defaultVariantId ?? doc.variants[0]!.id,
    lowStockThreshold: doc.lowStockThreshold,
    frequencyCap: doc.frequencyCap,
    bidCpm: doc.bidCpm,
    iabCategories: doc.iabCategories,
    brandColor: doc.brandColor,
    optimization: doc.optimization,
    ...(doc.holdoutShare !== undefined ? { holdoutShare: doc.holdoutShare } : {}),
    ...(doc.complements ? { complements: doc.complements } : {}),
    channels: doc.channels,
    deals: doc.deals,
    brandKitId: doc.brandKitId,
    version,
    contentHash: hash,
  };
  const variants: Variant[] = doc.variants.map((v) => ({
    id: v.id,
    campaignId: id,
    name: v.name,
    template: v.template,
    copy: v.copy as Variant['copy'] & Record<string, VariantCopy>,
    conditions: v.conditions,
    prior: v.prior,
    productSource: v.productSource,
    ...(v.productIds ? { productIds: v.productIds } : {}),
  }));
  return { campaign, variants };
}
