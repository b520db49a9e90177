// Campaigns, variants, promos and regions change rarely and are read on every request:
// keep them in memory for a short TTL, and drop them at once when this process writes.
import { rateTable, type FxRate, type RateTable } from '../domain/money.ts';
import type { BrandKit, CampaignBundle, Placement, Promo, Region } from '../domain/types.ts';
import type { Store } from '../storage/port.ts';

/** The authoring side the snapshot also reads; its version moves with every committed write. */
export interface AuthoringSource {
  configVersion(): number;
  listPlacements(): Promise<Array<{ value: Placement }>>;
  listBrandKits(): Promise<Array<{ value: BrandKit }>>;
}

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
  placements: Map<string, Placement>;
}

export class ConfigCache {
  private snapshot: Promise<ConfigSnapshot> | null = null;
  private loadedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly clock: () => number,
    /** Writes through the authoring store move its version: the next get() reloads (one owner of invalidation). */
    private readonly authoring?: AuthoringSource,
  ) {}

  private seen = 0;

  get(): Promise<ConfigSnapshot> {
    const now = this.clock();
    const written = this.authoring?.configVersion() ?? 0;
    if (written !== this.seen) {
      this.seen = written;
      this.version++;
      this.snapshot = null;
    }
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

  /** A configuration write (campaigns, promos, regions, rates): reload the snapshot and retire replayed responses. */
  invalidate(): void {
    this.version++;
    this.snapshot = null;
  }

  /**
   * A catalog or stock write: decisions read products and stock fresh, so the snapshot stays;
   * only responses replayed from cache are retired. (Dropping the snapshot here made every stock
   * update during a feed import cost the next ad requests a full configuration reload.)
   */
  retire(): void {
    this.version++;
  }

  private async load(): Promise<ConfigSnapshot> {
    const [regions, bundles, promos, rates, placementRows, kitRows] = await Promise.all([
      this.store.listRegions(),
      this.store.listCampaigns(),
      this.store.listPromos(),
      this.store.listRates(),
      this.authoring?.listPlacements() ?? [],
      this.authoring?.listBrandKits() ?? [],
    ]);
    // One resolution path for brand kits: a campaign names its kit by id and the authoring store holds it.
    // Without an authoring store (fixture stores), a campaign's stored kit stands as written.
    if (this.authoring) {
      const kits = new Map(kitRows.map((k) => [k.value.id, k.value]));
      for (const b of bundles) if (b.campaign.brandKitId) b.campaign.brandKit = kits.get(b.campaign.brandKitId) ?? null;
    }
    const placements = new Map(placementRows.map((p) => [p.value.id, p.value]));
    const byPlacement = new Map<string, CampaignBundle[]>();
    for (const b of bundles) {
      for (const p of b.campaign.placements) byPlacement.set(p, [...(byPlacement.get(p) ?? []), b]);
    }
    // A placement's campaign order comes first; campaigns it does not list follow in id order.
    for (const [id, list] of byPlacement) {
      const order = placements.get(id)?.campaignOrder ?? [];
      const rank = (b: CampaignBundle) => (order.includes(b.campaign.id) ? order.indexOf(b.campaign.id) : order.length);
      list.sort((a, b) => rank(a) - rank(b));
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
      placements,
    };
  }
}
