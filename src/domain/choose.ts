// Which variant of one campaign to show: holdout, rules (priors only) or Thompson sampling with an
// exploration floor. Pure; every random draw comes from the decision's seeded stream.
import { posterior, sampleBeta, type PolicySettings, type PolicyStats } from './bandit.ts';
import { fnv1a } from './rng.ts';
import { priorClick, productValue, score } from './score.ts';
import type { Audience, Campaign, ChosenProduct, Decision, TraceEntry, Variant } from './types.ts';

export interface Option {
  variant: Variant;
  /** The products this variant may show, as the conditions allow, in pool order. */
  products: ChosenProduct[];
}

export interface Choice {
  variant: Variant;
  chosen: ChosenProduct;
  score: number;
  policy: Decision['policy'];
  /** How P(click) was had: 'prior', or the Beta posterior it was sampled from. */
  why: string;
}

export interface ChooseContext {
  campaign: Campaign;
  bucket: string;
  stats: PolicyStats;
  settings: PolicySettings;
  draw: () => number;
  trace: TraceEntry[];
  /** Trace every scored (variant, product) pair; serving paths that never show the trace skip it. */
  explain: boolean;
}

/**
 * Holdout membership: stable per user and campaign when a consented user key exists (the same
 * shopper stays in or out), else a fresh draw. A zero share draws nothing, so replays stay exact.
 */
export function inHoldout(campaign: Campaign, share: number, audience: Audience | null | undefined, draw: () => number): boolean {
  if (share <= 0) return false;
  const u = audience ? fnv1a(`${audience.userKey}|${campaign.id}`) / 4294967296 : draw();
  return u < share;
}

function clickFor(v: Variant, mode: 'rules' | 'thompson', x: ChooseContext): { click: number; why: string } {
  if (mode === 'rules') return { click: priorClick(v), why: 'prior' };
  const c = x.campaign.id;
  const p = posterior(priorClick(v), { total: x.stats.total(c, v.id), local: x.stats.arm(c, x.bucket, v.id), context: x.stats.contextRate(c, x.bucket, v.id) }, x.settings);
  const click = sampleBeta(p.alpha, p.beta, x.draw);
  return { click, why: x.explain ? `θ ~ Beta(${p.alpha.toFixed(2)}, ${p.beta.toFixed(2)}) from ${p.local} impressions in ${x.bucket}, ${p.campaign} in the campaign` : 'θ' };
}

/** Scores every (variant, product) pair; the best pair of the best variant wins. */
function best(options: readonly Option[], mode: 'rules' | 'thompson', x: ChooseContext): Choice {
  let top: Choice | null = null;
  for (const o of options) {
    const { click, why } = clickFor(o.variant, mode, x);
    for (const cp of o.products) {
      const value = productValue(cp.product);
      const sc = score(click, value, x.draw);
      if (x.explain)
        x.trace.push({
        stage: 'score',
        subject: `${o.variant.id}/${cp.product.id}`,
        outcome: 'include',
        rule: 'expected_value',
        detail: `${o.variant.id} with ${cp.product.id}: P(click) ${click.toFixed(4)} (${why}) × value ${value.toFixed(3)} = ${sc.toFixed(5)}`,
      });
      if (!top || sc > top.score) top = { variant: o.variant, chosen: cp, score: sc, policy: mode, why };
    }
  }
  // Serving paths keep one score entry: the winner's.
  if (!x.explain) {
    const t = top!;
    x.trace.push({ stage: 'score', subject: `${t.variant.id}/${t.chosen.product.id}`, outcome: 'include', rule: 'expected_value', detail: `${t.variant.id} with ${t.chosen.product.id}: score ${t.score.toFixed(5)} (${t.why})` });
  }
  return top!;
}

/** `options` is non-empty and every option has at least one product. */
export function chooseVariant(options: readonly Option[], holdout: boolean, x: ChooseContext): Choice {
  const mode = x.campaign.optimization ?? 'thompson';
  if (holdout) {
    const c = best(options, 'rules', x);
    x.trace.push({ stage: 'variant', subject: c.variant.id, outcome: 'choose', rule: 'holdout', detail: `holdout traffic: the default variant ${c.variant.id} is served, without learning or personalization of the variant choice` });
    return { ...c, policy: 'holdout' };
  }
  if (mode === 'thompson' && options.length > 1 && x.draw() < x.settings.explorationFloor) {
    const o = options[Math.floor(x.draw() * options.length)]!;
    const c = best([o], 'thompson', x);
    x.trace.push({ stage: 'variant', subject: o.variant.id, outcome: 'choose', rule: 'explore', detail: `exploration floor (${(x.settings.explorationFloor * 100).toFixed(1)}% of decisions): ${o.variant.id} picked uniformly among ${options.length} eligible variants` });
    return { ...c, policy: 'explore' };
  }
  return best(options, mode, x);
}
