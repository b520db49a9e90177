// Each variant's probability of being the best, from the learning posteriors: draw every
// variant's campaign-wide reward rate from its Beta posterior (the same prior and evidence the
// policy uses) and count how often each draw is the highest. Seeded, so a page is reproducible.
import { posterior, sampleBeta, type PolicySettings, type PolicyStats } from '../domain/bandit.ts';
import type { Rng } from '../domain/rng.ts';
import type { CampaignBundle } from '../domain/types.ts';

export interface BestShare {
  variantId: string;
  /** Share of draws in which this variant had the highest rate. */
  probability: number;
  /** Posterior mean of its reward rate and the evidence behind it. */
  mean: number;
  impressions: number;
}

export function probabilityBest(b: CampaignBundle, stats: PolicyStats, settings: PolicySettings, rng: Rng, draws = 4000): BestShare[] {
  const arms = b.variants.map((v) => {
    const total = stats.total(b.campaign.id, v.id);
    const p = posterior(v.prior, { ...(total ? { total, local: total } : {}) }, settings);
    return { id: v.id, p, impressions: total?.impressions ?? 0 };
  });
  const wins = new Array<number>(arms.length).fill(0);
  const next = () => rng.next();
  for (let i = 0; i < draws; i++) {
    let best = -1;
    let at = 0;
    arms.forEach((a, j) => {
      const x = sampleBeta(a.p.alpha, a.p.beta, next);
      if (x > best) {
        best = x;
        at = j;
      }
    });
    wins[at]!++;
  }
  return arms.map((a, j) => ({ variantId: a.id, probability: wins[j]! / draws, mean: a.p.alpha / (a.p.alpha + a.p.beta), impressions: a.impressions }));
}
