// Worker bindings → settings, mirroring the Node server's environment variables.
import type { Config, Logger } from '../../services/deps.ts';
import type { Store } from '../../storage/port.ts';
import type { WorkerEnv } from './cf-types.ts';
import { sharedConfig, type Env } from '../../services/env-config.ts';

export function configFromEnv(env: WorkerEnv): Partial<Config> {
  return sharedConfig(env as unknown as Env);
}

export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A secret from the bindings, else from D1's settings, else generated once and stored there (as on Node). */
export async function persistentSecret(store: Store, key: 'secret' | 'admin_key', fromEnv: string | undefined, log: Logger): Promise<string> {
  if (fromEnv) return fromEnv;
  const saved = await store.getSetting(key);
  if (saved) return saved;
  const made = randomKey();
  await store.setSetting(key, made);
  // Another isolate may have raced us: whatever D1 holds now is the one every isolate uses.
  const kept = (await store.getSetting(key)) ?? made;
  log.warn(`${key} generated and stored in D1 settings; set it with \`wrangler secret put ${key === 'secret' ? 'VITRINE_SECRET' : 'VITRINE_ADMIN_KEY'}\``);
  return kept;
}

export function workerLogger(): Logger {
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) => console.log(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
