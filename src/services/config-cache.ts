// Campaigns, variants, promos and regions change rarely and are read on every request:
// keep them in memory for a short TTL, and drop them at once when this process writes.
import { rateTable, type FxRate, type RateTable } from '../domain/money.ts';
import type { CampaignBundle, Promo, Region } from '../domain/types.ts';
import type { Store } from '../storage/port.ts';

export interface ConfigSnapshot {
  regions: Region[];
  regionByCode: Map<string, Region>;
  bundles: CampaignBundle[];
  bundleById: Map<string, CampaignBundle>;
  /** placement id → campaigns booked on it. */
  byPlacement: Map<string, CampaignBundle[]>;
  promos: Promo[];
  /** region → promos that run there. */
  promosByRegion: Map<string, Promo[]>;
  /** The admin's exchange rates (PUT /v1/admin/rates). */
  rates: FxRate[];
  rateTable: RateTable;
}

export class ConfigCache {
  private snapshot: Promise<ConfigSnapshot> | null = null;
  private loadedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(): Promise<ConfigSnapshot> {
    const now = this.clock();
    if (!this.snapshot || now - this.loadedAt > this.ttlMs) {
      this.loadedAt = now;
      this.snapshot = this.load();
      // A failed load must not stick.
      this.snapshot.catch(() => (this.snapshot = null));
    }
    return this.snapshot;
  }

  /** Bumped by every write this process makes (config, promos, stock): keys replayed responses. */
  version = 0;

  invalidate(): void {
    this.version++;
    this.snapshot = null;
  }

  private async load(): Promise<ConfigSnapshot> {
    const [regions, bundles, promos, rates] = await Promise.all([this.store.listRegions(), this.store.listCampaigns(), this.store.listPromos(), this.store.listRates()]);
    const byPlacement = new Map<string, CampaignBundle[]>();
    for (const b of bundles) {
      for (const p of b.campaign.placements) byPlacement.set(p, [...(byPlacement.get(p) ?? []), b]);
    }
    const promosByRegion = new Map<string, Promo[]>();
    for (const p of promos) {
      for (const r of p.regions) promosByRegion.set(r, [...(promosByRegion.get(r) ?? []), p]);
    }
    return {
      regions,
      regionByCode: new Map(regions.map((r) => [r.code, r])),
      bundles,
      bundleById: new Map(bundles.map((b) => [b.campaign.id, b])),
      byPlacement,
      promos,
      promosByRegion,
      rates,
      rateTable: rateTable(rates),
    };
  }
}
