// Wires the Workers dependencies (D1 store, resvg-wasm, bundled fonts, Cache API) into the same
// app factory as Node. Built once per isolate; while D1 is unusable (missing binding, migrations
// not applied) a degraded app answers /healthz 503 and ad paths with the fallback creative.
import { init as initSatori } from 'satori/standalone';
import yogaWasm from 'satori/layout.wasm';
import { createApp, type VitrineApp } from '../../app.ts';
import { seededRng } from '../../domain/rng.ts';
import { defaultConfig, type Logger } from '../../services/deps.ts';
import { MemoryRenderCache } from '../../services/render-cache.ts';
import type { Store } from '../../storage/port.ts';
import { templates } from '../../../templates/index.ts';
import type { EdgeCache, WorkerEnv } from './cf-types.ts';
import { openD1 } from './d1.ts';
import { parseActorKeys } from '../../services/actor-keys.ts';
import type { SqlStore } from '../../storage/sql-store.ts';
import { SqlAuditLog } from '../../storage/audit-store.ts';
import type { AuditLog } from '../../services/audit.ts';
import { configFromEnv, persistentSecret, randomKey, workerLogger } from './env.ts';
import { loadWorkerFonts } from './fonts.ts';
import { resvgRasterizer } from './rasterizer.ts';
import { EdgeRenderCache } from './render-cache.ts';
import { startupProblem } from './startup.ts';

export interface EdgeVitrine extends VitrineApp {
  /** Why D1 cannot be used, or null when it can. */
  problem: string | null;
  builtAt: number;
}

/** A store that refuses every call with the startup problem (health answers 503 with it). */
function unavailable<T extends object>(problem: string): T {
  return new Proxy({} as T, { get: () => () => Promise.reject(new Error(problem)) });
}

let yoga: Promise<void> | null = null;
const initLayout = () => (yoga ??= initSatori(yogaWasm));

function edgeCache(): EdgeCache | null {
  const c = (globalThis as { caches?: { default?: EdgeCache } }).caches;
  return c?.default ?? null;
}

/** The D1 store and the two secrets, or the reason D1 cannot be used yet. */
async function openStore(env: WorkerEnv, log: Logger): Promise<{ store: Store; audit: AuditLog; secret: string; adminKey: string | null; problem: string | null }> {
  let problem = await startupProblem(env.DB);
  if (!problem) {
    const { store, db } = openD1(env.DB!);
    try {
      const secret = await persistentSecret(store, 'secret', env.VITRINE_SECRET, log);
      const adminKey = await persistentSecret(store, 'admin_key', env.VITRINE_ADMIN_KEY, log);
      return { store, audit: new SqlAuditLog(db, Date.now), secret, adminKey, problem };
    } catch (err) {
      problem = `D1 is not reachable: ${String(err)}`;
    }
  }
  log.error(`startup: ${problem}`);
  // No signed link can be recorded without D1: an ephemeral secret, and admin closed.
  return { store: unavailable<Store>(problem), audit: unavailable<AuditLog>(problem), secret: randomKey(), adminKey: null, problem };
}

export async function buildWorkerApp(env: WorkerEnv, log: Logger = workerLogger()): Promise<EdgeVitrine> {
  const [{ store, audit, secret, adminKey, problem }] = await Promise.all([openStore(env, log), initLayout()]);
  const config = defaultConfig({ ...configFromEnv(env), secret, adminKey });
  const vitrine = createApp({
    store,
    audit,
    ...(problem ? {} : { authoring: (store as SqlStore).authoring() }),
    actorKeys: parseActorKeys(env.VITRINE_ACTOR_KEYS),
    rasterizer: resvgRasterizer(),
    fonts: loadWorkerFonts(),
    templates,
    renderCache: env.VITRINE_RENDER_CACHE === 'off' ? new MemoryRenderCache(0) : new EdgeRenderCache(edgeCache(), undefined, (msg, err) => log.warn(msg, { err: String(err) })),
    config,
    clock: Date.now,
    rng: seededRng(crypto.getRandomValues(new Uint32Array(1))[0]!),
    log,
    fetch: globalThis.fetch.bind(globalThis),
  });
  return { ...vitrine, problem, builtAt: Date.now() };
}
