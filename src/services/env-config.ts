// Settings both runtimes read from their environment (Node: process.env; Workers: bindings).
// Runtime-free; a bad value is a startup error naming the variable.
import { ATTRIBUTION_MODELS, type AttributionModel } from '../domain/attribution.ts';
import { DEFAULT_POLICY } from '../domain/bandit.ts';
import type { Config } from './deps.ts';

export type Env = Record<string, string | undefined>;

export function num(env: Env, name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got "${raw}"`);
  return n;
}

function reportCurrency(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[A-Z]{3}$/.test(raw) || !Intl.supportedValuesOf('currency').includes(raw)) throw new Error(`VITRINE_REPORT_CURRENCY must be an ISO 4217 code such as SAR, got "${raw}"`);
  return raw;
}

function model(env: Env): AttributionModel {
  const raw = env.VITRINE_ATTRIBUTION_MODEL;
  if (raw === undefined || raw === '') return 'last_touch';
  const m = ATTRIBUTION_MODELS.find((x) => x === raw);
  if (!m) throw new Error(`VITRINE_ATTRIBUTION_MODEL must be one of ${ATTRIBUTION_MODELS.join(', ')}, got "${raw}"`);
  return m;
}
const list = (raw: string | undefined) => (raw ?? '').split(',').map((h) => h.trim()).filter(Boolean);

/** `buffered` acknowledges events before they are written: for the benchmark's comparison only. */
function eventWrites(raw: string | undefined): Config['eventWrites'] {
  if (raw === undefined || raw === '' || raw === 'commit') return 'commit';
  if (raw === 'buffered') return 'buffered';
  throw new Error(`VITRINE_EVENT_WRITES must be commit or buffered, got "${raw}"`);
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
    syncHosts: (env.VITRINE_SYNC_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    nbrExchanges: list(env.VITRINE_NBR_EXCHANGES).map((h) => h.toLowerCase()),
    corsOrigins: (env.VITRINE_CORS_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    trustedOrigins: origins(env.VITRINE_TRUSTED_ORIGINS),
    imageHosts: list(env.VITRINE_IMAGE_HOSTS).map((h) => h.toLowerCase()),
    imagePrivateHosts: list(env.VITRINE_IMAGE_PRIVATE_HOSTS).map((h) => h.toLowerCase()),
    imagePorts: env.VITRINE_IMAGE_PORTS ? list(env.VITRINE_IMAGE_PORTS).map((p) => num({ p }, 'p', 443, 1, 65535, true)) : [443],
    defaultRegion: env.VITRINE_DEFAULT_REGION || 'US-CA',
    shopifySecret: env.VITRINE_SHOPIFY_SECRET || null,
    merchantKey: env.VITRINE_MERCHANT_KEY || null,
    gvlVendorId: env.VITRINE_GVL_ID ? num(env, 'VITRINE_GVL_ID', 0, 1, 65535, true) : null,
    profileTtlDays: num(env, 'VITRINE_PROFILE_TTL_DAYS', 30, 1, 3650),
    clickWindowDays: num(env, 'VITRINE_CLICK_WINDOW_DAYS', 7, 0.01, 365),
    viewWindowDays: num(env, 'VITRINE_VIEW_WINDOW_DAYS', 1, 0, 365),
    attributionModel: model(env),
    reportCurrency: reportCurrency(env.VITRINE_REPORT_CURRENCY),
    feedFetch: {
      hosts: (env.VITRINE_FEED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      ports: (env.VITRINE_FEED_PORTS ?? '').split(',').map((p) => p.trim()).filter(Boolean).map((p) => num({ p }, 'p', 443, 1, 65535, true)),
      maxBytes: num(env, 'VITRINE_FEED_MAX_BYTES', 512 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024, true),
      timeoutMs: num(env, 'VITRINE_FEED_TIMEOUT_SECONDS', 300, 1, 3600) * 1000,
    },
    tokenTtl: {
      clickSeconds: num(env, 'VITRINE_CLICK_TOKEN_TTL_DAYS', 30, 0.001, 3650) * 86_400,
      beaconSeconds: num(env, 'VITRINE_BEACON_TOKEN_TTL_HOURS', 24, 0.01, 8760) * 3600,
    },
    clickDedupeHours: num(env, 'VITRINE_CLICK_DEDUPE_HOURS', 720, 0.01, 87_600),
    eventWrites: eventWrites(env.VITRINE_EVENT_WRITES),
    eventLingerMs: num(env, 'VITRINE_EVENT_LINGER_MS', 5, 0, 100),
    policy: { ...DEFAULT_POLICY, holdoutShare: num(env, 'VITRINE_HOLDOUT', DEFAULT_POLICY.holdoutShare, 0, 0.5), explorationFloor: num(env, 'VITRINE_EXPLORATION_FLOOR', DEFAULT_POLICY.explorationFloor, 0, 0.5) },
  };
}
