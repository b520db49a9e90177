// Settings both runtimes read from their environment (Node: process.env; Workers: bindings).
// Runtime-free; a bad value is a startup error naming the variable.
import { DEFAULT_POLICY } from '../domain/bandit.ts';
import type { Config } from './deps.ts';

export type Env = Record<string, string | undefined>;

function num(env: Env, name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got "${raw}"`);
  return n;
}

/** Comma-separated absolute origins (scheme://host[:port]); a bad one is a startup error. */
function origins(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      let u: URL;
      try {
        u = new URL(o);
      } catch {
        throw new Error(`VITRINE_TRUSTED_ORIGINS: "${o}" is not an origin like https://studio.example.com`);
      }
      if (u.origin !== o.replace(/\/$/, '')) throw new Error(`VITRINE_TRUSTED_ORIGINS: "${o}" is not an origin like https://studio.example.com (no path)`);
      return u.origin;
    });
}

export function sharedConfig(env: Env): Partial<Config> {
  return {
    publicUrl: env.VITRINE_PUBLIC_URL?.replace(/\/$/, '') || null,
    trustedOrigins: origins(env.VITRINE_TRUSTED_ORIGINS),
    imageHosts: (env.VITRINE_IMAGE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    defaultRegion: env.VITRINE_DEFAULT_REGION || 'US-CA',
    shopifySecret: env.VITRINE_SHOPIFY_SECRET || null,
    merchantKey: env.VITRINE_MERCHANT_KEY || null,
    gvlVendorId: env.VITRINE_GVL_ID ? num(env, 'VITRINE_GVL_ID', 0, 1, 65535, true) : null,
    profileTtlDays: num(env, 'VITRINE_PROFILE_TTL_DAYS', 30, 1, 3650),
    clickWindowDays: num(env, 'VITRINE_CLICK_WINDOW_DAYS', 7, 0.01, 365),
    policy: { ...DEFAULT_POLICY, holdoutShare: num(env, 'VITRINE_HOLDOUT', DEFAULT_POLICY.holdoutShare, 0, 0.5), explorationFloor: num(env, 'VITRINE_EXPLORATION_FLOOR', DEFAULT_POLICY.explorationFloor, 0, 0.5) },
  };
}
