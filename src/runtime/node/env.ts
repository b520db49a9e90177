// Environment → settings for the Node server: its own (port, file, demo, keys) plus the shared ones.
import type { Config, Logger } from '../../services/deps.ts';
import { num, sharedConfig, type Env } from '../../services/env-config.ts';

export interface NodeEnv {
  port: number;
  host: string;
  db: string;
  demo: boolean;
  adminKey: string | null;
  secret: string | null;
  /** Share of one core the start-up photo backfill (derivatives for stored photos that lack them) may use; 0 = none. */
  photoBackfillShare: number;
  /** Settings shared with the Workers runtime (links, images, consent, learning, profiles). */
  config: Partial<Config>;
}

export function readEnv(env: Env): NodeEnv {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0..65535, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    db: env.VITRINE_DB || './data/vitrine.db',
    demo: env.VITRINE_DEMO !== '0',
    adminKey: env.VITRINE_ADMIN_KEY || null,
    secret: env.VITRINE_SECRET || null,
    photoBackfillShare: num(env, 'VITRINE_PHOTO_BACKFILL_SHARE', 0.25, 0, 1),
    config: sharedConfig(env),
  };
}

export function consoleLogger(): Logger {
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
