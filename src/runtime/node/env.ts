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
  };
}

export function consoleLogger(): Logger {
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
