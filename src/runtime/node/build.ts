// Wires the Node dependencies (better-sqlite3 store, sharp, bundled fonts) into the app factory.
// Used by main.ts, the tests and the benchmark alike.
import { randomBytes } from 'node:crypto';
import { createApp, type VitrineApp } from '../../app.ts';
import { seededRng } from '../../domain/rng.ts';
import { loadDemo } from '../../demo/seed.ts';
import { defaultConfig, silentLogger, type Config, type Logger } from '../../services/deps.ts';
import { MemoryRenderCache } from '../../services/render-cache.ts';
import type { Store } from '../../storage/port.ts';
import { TEMPLATE_SIZES, templates } from '../../../templates/index.ts';
import { takumiDerivatives } from './derivatives.ts';
import { nodeAead, nodeDigest, nodeKeyCompare } from './digest.ts';
import { guardedFetch } from './fetch.ts';
import { loadNodeFonts } from './fonts.ts';
import { nodeZlibLength, sharpDownscale, sharpRasterizer } from './rasterizer.ts';
import { engineName, nodeEngine, type EngineName } from './engine.ts';
import { openNodeStore } from './sqlite.ts';
import { nodeArrival } from './arrival.ts';
import type { ActorKey } from '../../services/actor-keys.ts';
import type { KeyCompare } from '../../security/compare.ts';
import { SqlAuditLog } from '../../storage/audit-store.ts';
import { createAccounts, type Accounts } from '../../services/accounts/index.ts';
import type { AuditLog } from '../../services/audit.ts';
import { loadNodeStudioAssets } from './studio-assets.ts';

export interface NodeOptions {
  db: string;
  demo: boolean;
  config?: Partial<Config>;
  clock?: () => number;
  seed?: number;
  log?: Logger;
  renderCacheBytes?: number;
  /** Outbound fetch (images, scheduled feeds); the global one by default. Tests inject a fake. */
  fetch?: typeof fetch;
  /** Render engine; defaults to VITRINE_RENDER_ENGINE, else takumi. */
  engine?: EngineName;
  /** Interim per-role bearer keys (VITRINE_ACTOR_KEYS). */
  actorKeys?: ActorKey[];
  /** Constant-time key comparison; Node's timingSafeEqual over SHA-256 digests by default (tests wrap it to see it used). */
  keyCompare?: KeyCompare;
}

export interface NodeVitrine extends VitrineApp {
  store: Store;
  audit: AuditLog;
  accounts: Accounts;
  config: Config;
  seeded: boolean;
  /** True when this start generated the admin key (main.ts prints it this once, never again). */
  adminKeyGenerated: boolean;
  close(): Promise<void>;
}

/** A setting from the environment, else the store, else generated once and persisted. */
async function persistentSecret(store: Store, key: string, fromEnv: string | null | undefined): Promise<{ value: string; generated: boolean }> {
  if (fromEnv) return { value: fromEnv, generated: false };
  const saved = await store.getSetting(key);
  if (saved) return { value: saved, generated: false };
  const made = randomBytes(32).toString('base64url');
  await store.setSetting(key, made);
  return { value: made, generated: true };
}

export async function buildNodeApp(opts: NodeOptions): Promise<NodeVitrine> {
  const { store, db, close } = openNodeStore(opts.db);
  const clock = opts.clock ?? Date.now;
  const rasterizer = sharpRasterizer();
  const fonts = await loadNodeFonts();
  const engine = await nodeEngine(opts.engine ?? engineName(process.env.VITRINE_RENDER_ENGINE), fonts);
  const secret = (await persistentSecret(store, 'secret', opts.config?.secret)).value;
  const madeKey = opts.config?.adminKey === undefined ? await persistentSecret(store, 'admin_key', null) : null;
  const adminKey = madeKey ? madeKey.value : (opts.config?.adminKey ?? null);
  const config = defaultConfig({ ...opts.config, secret, adminKey });
  const audit = new SqlAuditLog(db, clock);
  const digest = nodeDigest();
  const accounts = createAccounts({ db, audit, digest, clock, secret, adminKey, publicUrl: config.publicUrl, trustedOrigins: config.trustedOrigins });
  const vitrine = createApp({
    store,
    audit,
    accounts,
    engine,
    authoring: store.authoring(),
    ...(opts.actorKeys ? { actorKeys: opts.actorKeys } : {}),
    fonts,
    templates,
    templateSizes: TEMPLATE_SIZES,
    renderCache: new MemoryRenderCache(opts.renderCacheBytes),
    config,
    clock,
    rng: seededRng(opts.seed ?? randomBytes(4).readUInt32LE(0)),
    log: opts.log ?? silentLogger,
    fetch: opts.fetch ?? guardedFetch(config.imagePrivateHosts),
    digest,
    keyCompare: opts.keyCompare ?? nodeKeyCompare,
    aead: nodeAead,
    downscale: sharpDownscale,
    deriveSizes: takumiDerivatives(),
    zlibLength: nodeZlibLength,
    arrival: nodeArrival,
    studioAssets: loadNodeStudioAssets(),
  });
  // The demo goes in through the same authoring services as a user's campaigns; its brand logos are wordmarks drawn with the bundled fonts.
  // The seed's approvals do not each pre-render in the background: main.ts pre-renders every live campaign once at start.
  const seeded = opts.demo ? await loadDemo(store, rasterizer, new Date(clock()), { ...vitrine.authoring!, approved: () => {} }, fonts) : false;
  return {
    ...vitrine,
    store,
    audit,
    accounts,
    config,
    seeded,
    adminKeyGenerated: madeKey?.generated ?? false,
    async close() {
      // Background work (pre-render after an approval) finishes before the database closes.
      await vitrine.background.idle();
      await vitrine.flush();
      close();
    },
  };
}
