// Environment → settings for the Node server.
import type { Logger } from '../../services/deps.ts';

export interface NodeEnv {
  port: number;
  host: string;
  db: string;
  demo: boolean;
  adminKey: string | null;
  secret: string | null;
  publicUrl: string | null;
  imageHosts: string[];
  defaultRegion: string;
  shopifySecret: string | null;
  merchantKey: string | null;
  gvlVendorId: number | null;
  profileTtlDays: number;
  clickWindowDays: number;
  holdoutShare: number;
  explorationFloor: number;
}

function num(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got "${raw}"`);
  return n;
}

export function readEnv(env: Record<string, string | undefined>): NodeEnv {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0..65535, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    db: env.VITRINE_DB || './data/vitrine.db',
    demo: env.VITRINE_DEMO !== '0',
    adminKey: env.VITRINE_ADMIN_KEY || null,
    secret: env.VITRINE_SECRET || null,
    publicUrl: env.VITRINE_PUBLIC_URL?.replace(/\/$/, '') || null,
    imageHosts: (env.VITRINE_IMAGE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    defaultRegion: env.VITRINE_DEFAULT_REGION || 'US-CA',
    shopifySecret: env.VITRINE_SHOPIFY_SECRET || null,
    merchantKey: env.VITRINE_MERCHANT_KEY || null,
    gvlVendorId: env.VITRINE_GVL_ID ? num(env, 'VITRINE_GVL_ID', 0, 1, 65535, true) : null,
    profileTtlDays: num(env, 'VITRINE_PROFILE_TTL_DAYS', 30, 1, 3650),
    clickWindowDays: num(env, 'VITRINE_CLICK_WINDOW_DAYS', 7, 0.01, 365),
    holdoutShare: num(env, 'VITRINE_HOLDOUT', 0.05, 0, 0.5),
    explorationFloor: num(env, 'VITRINE_EXPLORATION_FLOOR', 0.01, 0, 0.5),
  };
}

export function consoleLogger(): Logger {
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
