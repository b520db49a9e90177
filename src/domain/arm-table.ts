// Learning state in memory: per campaign and variant, its arms by context bucket, their sum, and
// a context model (src/domain/glm.ts) refitted lazily after the arms change. Lookups walk nested
// maps (no key strings built per decision), so reading any level costs no allocation.
import { bucketFeatures, type ArmStats, type PolicyStats } from './bandit.ts';
import { fitModel, predict, type Model } from './glm.ts';

interface VariantState {
  total: ArmStats;
  arms: Map<string, ArmStats>;
  /** undefined = not fitted since the last change; null = no data to fit. */
  model: Model | null | undefined;
  /** Predictions by bucket (seen or not), dropped with the model. */
  rates: Map<string, number | undefined>;
}

export class ArmTable implements PolicyStats {
  private campaigns = new Map<string, Map<string, VariantState>>();

  constructor(private readonly conversionWeight = 1) {}

  private state(campaignId: string, variantId: string): VariantState | undefined {
    return this.campaigns.get(campaignId)?.get(variantId);
  }

  arm(campaignId: string, bucket: string, variantId: string): ArmStats | undefined {
    return this.state(campaignId, variantId)?.arms.get(bucket);
  }

  total(campaignId: string, variantId: string): ArmStats | undefined {
    return this.state(campaignId, variantId)?.total;
  }

  contextRate(campaignId: string, bucket: string, variantId: string): number | undefined {
    const v = this.state(campaignId, variantId);
    if (!v) return undefined;
    if (v.rates.has(bucket)) return v.rates.get(bucket);
    if (v.model === undefined) v.model = this.fit(v);
    const r = v.model ? predict(v.model, bucketFeatures(bucket)) : undefined;
    v.rates.set(bucket, r);
    return r;
  }

  /** Sets an arm to its stored totals (a refresh from the store). */
  set(campaignId: string, bucket: string, variantId: string, to: ArmStats): void {
    const old = this.arm(campaignId, bucket, variantId);
    if (old && old.impressions === to.impressions && old.clicks === to.clicks && old.conversions === to.conversions) return;
    const o = old ?? { impressions: 0, clicks: 0, conversions: 0 };
    this.add(campaignId, bucket, variantId, { impressions: to.impressions - o.impressions, clicks: to.clicks - o.clicks, conversions: to.conversions - o.conversions });
  }

  /** Adds a delta to an arm and its sum; the variant's model is refitted on its next read. */
  add(campaignId: string, bucket: string, variantId: string, d: ArmStats): void {
    let c = this.campaigns.get(campaignId);
    if (!c) this.campaigns.set(campaignId, (c = new Map()));
    let v = c.get(variantId);
    if (!v) c.set(variantId, (v = { total: { impressions: 0, clicks: 0, conversions: 0 }, arms: new Map(), model: undefined, rates: new Map() }));
    const a = v.arms.get(bucket) ?? { impressions: 0, clicks: 0, conversions: 0 };
    v.arms.set(bucket, { impressions: a.impressions + d.impressions, clicks: a.clicks + d.clicks, conversions: a.conversions + d.conversions });
    v.total = { impressions: v.total.impressions + d.impressions, clicks: v.total.clicks + d.clicks, conversions: v.total.conversions + d.conversions };
    v.model = undefined;
    v.rates.clear();
  }

  private fit(v: VariantState): Model | null {
    const t = v.total;
    if (t.impressions === 0) return null;
    const w = this.conversionWeight;
    const rows = [...v.arms].map(([b, a]) => ({ features: bucketFeatures(b), n: a.impressions, wins: a.clicks + w * a.conversions }));
    return fitModel(rows, (t.clicks + w * t.conversions + 0.5) / (t.impressions + 1));
  }
}
