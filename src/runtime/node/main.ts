// `npm start`: the server on embedded SQLite with the demo store, configured by environment.
import { serveNode } from './serve.ts';
import { stampArrivals } from './arrival.ts';
import { buildNodeApp } from './build.ts';
import { ingestStoredPhotos } from '../../services/photo-ingest.ts';
import { prerenderLive } from '../../services/prerender.ts';
import { warmRenderPaths } from '../../services/warm-start.ts';
import { TEMPLATE_SIZES } from '../../../templates/index.ts';
import { parseActorKeys } from '../../services/actor-keys.ts';
import { consoleLogger, readEnv } from './env.ts';
import { bootstrapOwner } from './bootstrap.ts';

const env = readEnv(process.env);
const log = consoleLogger();
const vitrine = await buildNodeApp({
  db: env.db,
  demo: env.demo,
  log,
  actorKeys: parseActorKeys(process.env.VITRINE_ACTOR_KEYS),
  config: { ...env.config, adminKey: env.adminKey ?? undefined, secret: env.secret ?? undefined },
} as Parameters<typeof buildNodeApp>[0]);

const owner = await bootstrapOwner(vitrine.accounts, env.db, { email: process.env.VITRINE_OWNER_EMAIL, password: process.env.VITRINE_OWNER_PASSWORD });

// Every template × format drawn once before taking traffic: cold paths cost the first auctions their deadline otherwise.
const warmed = await warmRenderPaths(vitrine.serve, TEMPLATE_SIZES);
log.info('warmed render paths', { ...warmed });

const server = serveNode({ fetch: vitrine.app.fetch, port: env.port, hostname: env.host }, (info) => {
  const base = `http://localhost:${info.port}`;
  const campaigns = vitrine.configCache.get();
  void campaigns.then((snap) => {
    const first = snap.bundles[0]?.campaign.id;
    console.log(`Vitrine listening on ${base} (database ${env.db}${vitrine.seeded ? ', demo store loaded' : ''})`);
    if (first) {
      console.log(`Preview:  ${base}/v1/preview?campaign=${first}&region=SA-01`);
      console.log(`Creative: ${base}/v1/creative?campaign=${first}&size=300x250&region=AE-DU&format=png`);
    } else {
      console.log('No campaigns yet (VITRINE_DEMO=0): add some through the admin API.');
    }
    // The generated key is shown once, on the start that made it; later starts only say where it is.
    if (env.adminKey) console.log('Admin key: from VITRINE_ADMIN_KEY (Authorization: Bearer …)');
    else if (vitrine.adminKeyGenerated) console.log(`Admin key: ${vitrine.config.adminKey} (Authorization: Bearer …; shown only now: keep it, or set VITRINE_ADMIN_KEY)`);
    else console.log(`Admin key: generated at first start and kept in the database's settings (not shown again; set VITRINE_ADMIN_KEY to choose one)`);
    if (owner) {
      const where = owner.file ? `password in ${owner.file} (mode 0600; delete it once changed or noted)` : owner.password ? `password ${owner.password} (shown once)` : 'password from VITRINE_OWNER_PASSWORD';
      console.log(`Sign in:  POST ${base}/v1/auth/sign-in/email as ${owner.email}, ${where}`);
    }
    console.log(`API docs: ${base}/docs (OpenAPI: ${base}/openapi.json)`);
    console.log(`Studio:   ${base}/studio (sign in with an account or the admin key)`);
    // Live campaigns' most-served units into the render cache, so early bids carry them inline.
    void prerenderLive(vitrine.serve)
      .then(
        (r) => log.info('pre-rendered live campaigns', { ...r }),
        (err: unknown) => log.warn('pre-render failed', { err: String(err) }),
      )
      // Then stored photos without derivatives (the demo's, an older database's) get them, one at a
      // time, using a share of one core (VITRINE_PHOTO_BACKFILL_SHARE) so serving keeps the rest.
      .then(() => (vitrine.serve.photoIngest && env.photoBackfillShare > 0 ? ingestStoredPhotos(vitrine.store, vitrine.serve.photoIngest, { batch: 1, share: env.photoBackfillShare }) : null))
      .then(
        (r) => r && log.info('photo derivatives made', { ...r }),
        (err: unknown) => log.warn('photo ingest failed', { err: String(err) }),
      );
  });
});
// Each request is stamped on arrival, before anything reads it: the OpenRTB deadline counts from it.
stampArrivals(server);

// Expired profiles are never read; this deletes them from disk too, hourly.
const purge = setInterval(() => {
  void vitrine.store.purgeExpiredProfiles(new Date().toISOString()).then(
    (n) => n > 0 && log.info('purged expired profiles', { count: n }),
    (err: unknown) => log.warn('profile purge failed', { err: String(err) }),
  );
  // Click / scan tokens first used before the dedupe window no longer decide anything.
  void vitrine.store.purgeEventTokens(new Date(Date.now() - vitrine.config.clickDedupeHours * 3_600_000).toISOString()).catch((err: unknown) => log.warn('event token purge failed', { err: String(err) }));
  // QR short links past their token's expiry (plus a grace week).
  void vitrine.store.purgeScanLinks(new Date().toISOString()).catch((err: unknown) => log.warn('scan link purge failed', { err: String(err) }));
}, 3_600_000);
purge.unref();

// Scheduled feed URLs (VITRINE_FEED_HOSTS allow-lists their hosts): look for due ones every minute.
let fetching = false;
const feeds = setInterval(() => {
  if (fetching || vitrine.config.feedFetch.hosts.length === 0) return;
  fetching = true;
  void vitrine
    .runScheduledFeeds()
    .then(
      (done) => done.length > 0 && log.info('scheduled feeds fetched', { feeds: done }),
      (err: unknown) => log.warn('scheduled feed fetch failed', { err: String(err) }),
    )
    .finally(() => (fetching = false));
}, 60_000);
feeds.unref();

async function shutdown(signal: string) {
  log.info(`${signal}: flushing events and closing`);
  server.close();
  await vitrine.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
