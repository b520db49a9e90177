// Wires the Workers dependencies (D1 store, takumi wasm, bundled fonts, Cache API) into the same
// app factory as Node. Built once per isolate; while D1 is unusable (missing binding, migrations
// not applied) a degraded app answers /healthz 503 and ad paths with the fallback creative.
import { createApp, type VitrineApp } from '../../app.ts';
import { seededRng } from '../../domain/rng.ts';
import { defaultConfig, type Logger } from '../../services/deps.ts';
import { MemoryRenderCache } from '../../services/render-cache.ts';
import type { Store } from '../../storage/port.ts';
import { TEMPLATE_SIZES, templates } from '../../../templates/index.ts';
import type { EdgeCache, WorkerEnv } from './cf-types.ts';
import { openD1 } from './d1.ts';
import { parseActorKeys } from '../../services/actor-keys.ts';
import type { SqlStore } from '../../storage/sql-store.ts';
import { SqlAuditLog } from '../../storage/audit-store.ts';
import type { AuditLog } from '../../services/audit.ts';
import { createAccounts, type Accounts } from '../../services/accounts/index.ts';
import { SYSTEM_ACTOR } from '../../services/access.ts';
import { webDigest } from '../../security/digest.ts';
import type { Db } from '../../storage/sql-store.ts';
import { configFromEnv, persistentSecret, randomKey, workerLogger } from './env.ts';
import { loadWorkerFonts } from './fonts.ts';
import { workerEngine } from './engine.ts';
import { workerStudioAssets } from './studio-assets.ts';
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

function edgeCache(): EdgeCache | null {
  const c = (globalThis as { caches?: { default?: EdgeCache } }).caches;
  return c?.default ?? null;
}

/** The D1 store and the two secrets, or the reason D1 cannot be used yet. */
async function openStore(env: WorkerEnv, log: Logger): Promise<{ store: Store; audit: AuditLog; db: Db | null; secret: string; adminKey: string | null; problem: string | null }> {
  let problem = await startupProblem(env.DB);
  if (!problem) {
    const { store, db } = openD1(env.DB!);
    try {
      const secret = await persistentSecret(store, 'secret', env.VITRINE_SECRET, log);
      const adminKey = await persistentSecret(store, 'admin_key', env.VITRINE_ADMIN_KEY, log);
      return { store, audit: new SqlAuditLog(db, Date.now), db, secret, adminKey, problem };
    } catch (err) {
      problem = `D1 is not reachable: ${String(err)}`;
    }
  }
  log.error(`startup: ${problem}`);
  // No signed link can be recorded without D1: an ephemeral secret, and admin closed.
  return { store: unavailable<Store>(problem), audit: unavailable<AuditLog>(problem), db: null, secret: randomKey(), adminKey: null, problem };
}

/**
 * Workers have no file to hand a generated password to: the first owner comes from the secrets
 * VITRINE_OWNER_EMAIL + VITRINE_OWNER_PASSWORD, or is created with the admin key (POST /v1/admin/users).
 */
async function firstOwner(accounts: Accounts, env: WorkerEnv, log: Logger): Promise<void> {
  try {
    if ((await accounts.store.countUsers()) > 0) return;
    if (env.VITRINE_OWNER_EMAIL && env.VITRINE_OWNER_PASSWORD) {
      const made = await accounts.users.bootstrapOwner(SYSTEM_ACTOR, env.VITRINE_OWNER_EMAIL, env.VITRINE_OWNER_PASSWORD);
      if (made) log.info(`owner ${made.user.email} created from VITRINE_OWNER_EMAIL/VITRINE_OWNER_PASSWORD; sign in at POST /v1/auth/sign-in/email`);
      return;
    }
    log.warn('no users yet: create the first owner with the admin key: POST /v1/admin/users {"email","role":"owner","password"} (Authorization: Bearer $VITRINE_ADMIN_KEY), or set the secrets VITRINE_OWNER_EMAIL and VITRINE_OWNER_PASSWORD');
  } catch (err) {
    log.warn('first owner: could not check or create', { err: String(err) });
  }
}

export async function buildWorkerApp(env: WorkerEnv, log: Logger = workerLogger()): Promise<EdgeVitrine> {
  const fonts = await loadWorkerFonts(env.ASSETS, log);
  const [{ store, audit, db, secret, adminKey, problem }, engine] = await Promise.all([openStore(env, log), workerEngine(fonts)]);
  const config = defaultConfig({ ...configFromEnv(env), secret, adminKey });
  const accounts = db ? createAccounts({ db, audit, digest: webDigest(), clock: Date.now, secret, adminKey, publicUrl: config.publicUrl, trustedOrigins: config.trustedOrigins }) : null;
  if (accounts) await firstOwner(accounts, env, log);
  const vitrine = createApp({
    store,
    audit,
    ...(problem ? {} : { authoring: (store as SqlStore).authoring() }),
    actorKeys: parseActorKeys(env.VITRINE_ACTOR_KEYS),
    accounts,
    engine,
    fonts,
    templates,
    templateSizes: TEMPLATE_SIZES,
    renderCache: env.VITRINE_RENDER_CACHE === 'off' ? new MemoryRenderCache(0) : new EdgeRenderCache(edgeCache(), undefined, (msg, err) => log.warn(msg, { err: String(err) })),
    config,
    clock: Date.now,
    rng: seededRng(crypto.getRandomValues(new Uint32Array(1))[0]!),
    log,
    fetch: globalThis.fetch.bind(globalThis),
    studioAssets: workerStudioAssets,
  });
  return { ...vitrine, problem, builtAt: Date.now() };
}
