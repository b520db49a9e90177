// `npm start`: the server on embedded SQLite with the demo store, configured by environment.
import { serve } from '@hono/node-server';
import { buildNodeApp } from './build.ts';
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

const server = serve({ fetch: vitrine.app.fetch, port: env.port, hostname: env.host }, (info) => {
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
    console.log(`Admin key: ${env.adminKey ? '(from VITRINE_ADMIN_KEY)' : vitrine.config.adminKey} (Authorization: Bearer …)`);
    if (owner) {
      const where = owner.file ? `password in ${owner.file} (mode 0600; delete it once changed or noted)` : owner.password ? `password ${owner.password} (shown once)` : 'password from VITRINE_OWNER_PASSWORD';
      console.log(`Sign in:  POST ${base}/v1/auth/sign-in/email as ${owner.email}, ${where}`);
    }
    console.log(`API docs: ${base}/docs (OpenAPI: ${base}/openapi.json)`);
  });
});

// Expired profiles are never read; this deletes them from disk too, hourly.
const purge = setInterval(() => {
  void vitrine.store.purgeExpiredProfiles(new Date().toISOString()).then(
    (n) => n > 0 && log.info('purged expired profiles', { count: n }),
    (err: unknown) => log.warn('profile purge failed', { err: String(err) }),
  );
}, 3_600_000);
purge.unref();

async function shutdown(signal: string) {
  log.info(`${signal}: flushing events and closing`);
  server.close();
  await vitrine.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
