// Learning state in memory: arms per campaign × bucket × variant, campaign-wide sums, and per
// variant a context model (src/domain/glm.ts) refitted lazily after its arms change, so a
// decision reads every level in O(1) most of the time.
import { bucketFeatures, type ArmStats, type PolicyStats } from './bandit.ts';
import { fitModel, predict, type Model } from './glm.ts';

const key = (...parts: string[]) => parts.join('\u0000');
const ZERO: ArmStats = { impressions: 0, clicks: 0, conversions: 0 };

export class ArmTable implements PolicyStats {
  private arms = new Map<string, ArmStats>();
  private totals = new Map<string, ArmStats>();
  /** campaign|variant → its buckets. */
  private buckets = new Map<string, Set<string>>();
  private models = new Map<string, Model | null>();
  /** Predictions per campaign|variant, then bucket; dropped with their model. */
  private rates = new Map<string, Map<string, number | undefined>>();

  constructor(private readonly conversionWeight = 1) {}

  arm(campaignId: string, bucket: string, variantId: string): ArmStats | undefined {
    return this.arms.get(key(campaignId, bucket, variantId));
  }

  total(campaignId: string, variantId: string): ArmStats | undefined {
    return this.totals.get(key(campaignId, variantId));
  }

  contextRate(campaignId: string, bucket: string, variantId: string): number | undefined {
    const cv = key(campaignId, variantId);
    let byBucket = this.rates.get(cv);
    if (!byBucket) this.rates.set(cv, (byBucket = new Map()));
    if (byBucket.has(bucket)) return byBucket.get(bucket);
    const r = this.predictRate(campaignId, bucket, variantId);
    byBucket.set(bucket, r);
    return r;
  }

  private predictRate(campaignId: string, bucket: string, variantId: string): number | undefined {
    const k = key(campaignId, variantId);
    let m = this.models.get(k);
    if (m === undefined) {
      m = this.fit(campaignId, variantId);
      this.models.set(k, m);
    }
    return m ? predict(m, bucketFeatures(bucket)) : undefined;
  }

  /** Sets an arm to its stored totals (a refresh from the store). */
  set(campaignId: string, bucket: string, variantId: string, to: ArmStats): void {
    const old = this.arm(campaignId, bucket, variantId) ?? ZERO;
    if (old.impressions === to.impressions && old.clicks === to.clicks && old.conversions === to.conversions) return;
    this.add(campaignId, bucket, variantId, { impressions: to.impressions - old.impressions, clicks: to.clicks - old.clicks, conversions: to.conversions - old.conversions });
  }

  /** Adds a delta to an arm and its campaign-wide sum; the variant's model is refitted on next read. */
  add(campaignId: string, bucket: string, variantId: string, d: ArmStats): void {
    for (const [map, k] of [[this.arms, key(campaignId, bucket, variantId)], [this.totals, key(campaignId, variantId)]] as const) {
      const a = map.get(k) ?? ZERO;
      map.set(k, { impressions: a.impressions + d.impressions, clicks: a.clicks + d.clicks, conversions: a.conversions + d.conversions });
    }
    const cv = key(campaignId, variantId);
    let set = this.buckets.get(cv);
    if (!set) this.buckets.set(cv, (set = new Set()));
    set.add(bucket);
    this.models.delete(cv);
    this.rates.delete(cv);
  }

  private fit(campaignId: string, variantId: string): Model | null {
    const t = this.total(campaignId, variantId);
    if (!t || t.impressions === 0) return null;
    const w = this.conversionWeight;
    const rows = [...(this.buckets.get(key(campaignId, variantId)) ?? [])].map((b) => {
      const a = this.arm(campaignId, b, variantId)!;
      return { features: bucketFeatures(b), n: a.impressions, wins: a.clicks + w * a.conversions };
    });
    return fitModel(rows, (t.clicks + w * t.conversions + 0.5) / (t.impressions + 1));
  }
}
