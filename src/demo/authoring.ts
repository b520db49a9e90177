// The demo store's campaigns, placements and brand kit go in through the authoring services, as a
// user's would: a demo owner writes and submits each campaign, a demo reviewer approves it.
import type { Actor } from '../services/access.ts';
import { createCampaign } from '../services/authoring/campaigns.ts';
import type { AuthoringDeps } from '../services/authoring/context.ts';
import { createBrandKit, createPlacement, uploadBrandAsset } from '../services/authoring/kits.ts';
import { approveCampaign, submitCampaign } from '../services/authoring/lifecycle.ts';
import type { BrandKit, Campaign, Variant } from '../domain/types.ts';

export const DEMO_OWNER: Actor = { id: 'demo-owner', label: 'demo-owner', role: 'owner', via: 'system' };
export const DEMO_REVIEWER: Actor = { id: 'demo-reviewer', label: 'demo-reviewer', role: 'approver', via: 'system' };

const PLACEMENTS = [
  { id: 'pl-home-top', name: 'Home page, top', channel: 'web' },
  { id: 'pl-article-side', name: 'Article sidebar', channel: 'web' },
  { id: 'pl-app-banner', name: 'App banner', channel: 'app' },
  { id: 'pl-ctv-overlay', name: 'CTV lower third', channel: 'ctv' },
] as const;

/** A demo campaign as the document an editor would send. */
export function campaignDocument(c: Campaign, variants: readonly Variant[]): Record<string, unknown> {
  const wall = (iso: string) => iso.slice(0, 16);
  return {
    id: c.id,
    name: c.name,
    advertiser: c.advertiser,
    adomain: c.advertiserDomain,
    startsLocal: c.startsLocal ?? wall(c.startsAt),
    endsLocal: c.endsLocal ?? wall(c.endsAt),
    regions: c.regions,
    sizes: c.sizes,
    selector: c.selector,
    fallback: c.fallback,
    frequencyCap: c.frequencyCap,
    bidCpm: c.bidCpm,
    iabCategories: c.iabCategories,
    placements: c.placements,
    defaultVariantId: c.defaultVariantId,
    lowStockThreshold: c.lowStockThreshold,
    brandColor: c.brandColor,
    brandKitId: c.brandKitId ?? c.brandKit?.id ?? null,
    ...(c.channels ? { channels: c.channels } : {}),
    ...(c.deals ? { deals: c.deals } : {}),
    ...(c.complements ? { complements: c.complements } : {}),
    ...(c.optimization ? { optimization: c.optimization } : {}),
    ...(c.holdoutShare !== undefined ? { holdoutShare: c.holdoutShare } : {}),
    variants: variants.map((v) => ({ id: v.id, name: v.name, template: v.template, copy: v.copy, conditions: v.conditions, prior: v.prior, ...(v.productSource ? { productSource: v.productSource } : {}), ...(v.productIds ? { productIds: v.productIds } : {}) })),
  };
}

/** `logos`: kit id → PNG wordmark, uploaded through the same checks as a user's logo. */
export async function seedDemoAuthoring(d: AuthoringDeps, campaigns: readonly Campaign[], variants: readonly Variant[], logos: ReadonlyMap<string, Uint8Array> = new Map()): Promise<void> {
  for (const p of PLACEMENTS) await createPlacement(d, DEMO_OWNER, { ...p, sizes: [], campaignOrder: [] });
  // The demo campaigns' brand kits become authoring brand kits; campaigns name them by id (one resolution path: the config cache).
  const kits = new Map<string, BrandKit>();
  for (const c of campaigns) if (c.brandKit && !kits.has(c.brandKit.id)) kits.set(c.brandKit.id, c.brandKit);
  for (const kit of kits.values()) {
    const created = await createBrandKit(d, DEMO_OWNER, { id: kit.id, name: kit.name, colors: kit.colors, cta: kit.cta });
    const logo = logos.get(kit.id);
    if (logo) await uploadBrandAsset(d, DEMO_OWNER, kit.id, { logo: true }, 'image/png', logo, created.revision);
  }
  for (const c of campaigns) {
    const created = await createCampaign(d, DEMO_OWNER, campaignDocument(c, variants.filter((v) => v.campaignId === c.id)));
    await submitCampaign(d, DEMO_OWNER, c.id, { version: created.version });
    await approveCampaign(d, DEMO_REVIEWER, c.id, { version: created.version, comment: 'demo store' });
  }
}
