// The learning policy: Thompson sampling over a campaign's variants per context bucket, with a
// two-level prior so a new bucket starts from what the campaign already knows. Pure: statistics
// and randomness are handed in.
import type { Signals } from './types.ts';

export interface ArmStats {
  impressions: number;
  clicks: number;
  conversions: number;
}

/** Read-only learning state (a snapshot the request path reads; writes happen in event batches). */
export interface PolicyStats {
  /** One variant in one context bucket. */
  arm(campaignId: string, bucket: string, variantId: string): ArmStats | undefined;
  /** One variant over every bucket of its campaign. */
  total(campaignId: string, variantId: string): ArmStats | undefined;
  /** The variant's click rate in this bucket as its context model predicts it (unseen buckets too); undefined without data. */
  contextRate(campaignId: string, bucket: string, variantId: string): number | undefined;
}

export interface PolicySettings {
  /** Share of decisions that pick uniformly among eligible variants, so no variant starves. */
  explorationFloor: number;
  /** Share of decisions that serve the campaign's default variant (lift measurement), unless the campaign says otherwise. */
  holdoutShare: number;
  /** Reward of an attributed conversion relative to a click. */
  conversionWeight: number;
  /** Pseudo-impressions the variant's configured prior weighs before data. */
  priorStrength: number;
  /** Pseudo-impressions the context model's rate weighs in a bucket once the campaign has that much data. */
  contextStrength: number;
}

export const DEFAULT_POLICY: PolicySettings = { explorationFloor: 0.01, holdoutShare: 0.05, conversionWeight: 1, priorStrength: 30, contextStrength: 300 };

export const NO_STATS: PolicyStats = { arm: () => undefined, total: () => undefined, contextRate: () => undefined };

/** The context a variant's performance is learned in: region × daypart × device. */
export function contextBucket(s: Pick<Signals, 'region' | 'device' | 'local'>): string {
  return `${s.region}|${s.local.daypart}|${s.device}`;
}

/** A bucket's feature values, in CONTEXT_FEATURES order. */
export function bucketFeatures(bucket: string): string[] {
  return bucket.split('|');
}

export interface Posterior {
  alpha: number;
  beta: number;
  /** Observations behind it: impressions in the bucket and in the whole campaign. */
  local: number;
  campaign: number;
}

function reward(a: ArmStats | undefined, w: number): { wins: number; losses: number; n: number } {
  if (!a) return { wins: 0, losses: 0, n: 0 };
  const wins = a.clicks + w * a.conversions;
  return { wins, losses: Math.max(0, a.impressions - a.clicks), n: a.impressions };
}

const clamp = (m: number) => Math.min(0.99, Math.max(1e-4, m));

/**
 * Beta posterior of a variant's reward rate in a bucket, by empirical-Bayes back-off: the
 * variant's prior is replaced, as its campaign-wide data grows, by its context model's rate for
 * this bucket (a logistic model over region, daypart and device fitted to every bucket); the
 * bucket's own observations then weigh against that. A new bucket starts from what the campaign
 * learned about its region, time of day and device; its own data takes over as it accrues.
 */
export function posterior(prior: number, stats: { total?: ArmStats; local?: ArmStats; context?: number }, p: PolicySettings): Posterior {
  const n = stats.total?.impressions ?? 0;
  const m = clamp(stats.context === undefined ? prior : (clamp(prior) * p.priorStrength + stats.context * n) / (p.priorStrength + n));
  // The prior's weight grows with the campaign's data, up to contextStrength: wide at first, then
  // as sure of the model as the evidence behind it allows.
  const k = Math.max(p.priorStrength, Math.min(p.contextStrength, p.priorStrength + n));
  const l = reward(stats.local, p.conversionWeight);
  return { alpha: m * k + l.wins, beta: (1 - m) * k + l.losses, local: l.n, campaign: n };
}

/** Standard normal by Box–Muller from uniform draws. */
function normal(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 are boosted and scaled back. */
function gamma(shape: number, next: () => number): number {
  if (shape < 1) return gamma(shape + 1, next) * Math.pow(1 - next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(next);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(alpha: number, beta: number, next: () => number): number {
  const x = gamma(alpha, next);
  const y = gamma(beta, next);
  return x + y === 0 ? 0 : x / (x + y);
}
