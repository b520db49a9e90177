// The app factory: one Hono app from injected dependencies. Runtimes call this; tests too.
import { Hono, type MiddlewareHandler } from 'hono';
import { VitrineError } from './domain/errors.ts';
import { mountAdmin } from './http/admin-route.ts';
import { adminAuth } from './http/auth.ts';
import { withActorKeys } from './services/actor-keys.ts';
import { mountCampaigns } from './http/campaigns-route.ts';
import { mountAssets, mountKits } from './http/kits-route.ts';
import { mountVersionPreview } from './http/preview-version-route.ts';
import { ADMIN_KEY_ACTOR } from './services/access.ts';
import type { AuthoringDeps } from './services/authoring/context.ts';
import { mountFeeds } from './http/feeds-route.ts';
import { runDueSources, type FeedFetchDeps } from './services/feed-sources.ts';
import { mountShopify } from './http/shopify-route.ts';
import { emergencyCreative, mountCreative } from './http/creative-route.ts';
import type { ServeDeps } from './services/serve-deps.ts';
import { mountPreview } from './http/preview-route.ts';
import { auctionArrival, mountOpenRtb } from './http/openrtb-route.ts';
import { mountTag } from './http/tag-route.ts';
import { mountTracking } from './http/track-route.ts';
import { mountMetrics } from './http/metrics-route.ts';
import { mountVast } from './http/vast-route.ts';
import { mountMerchant } from './http/profiles-route.ts';
import { mountReports } from './http/reports-route.ts';
import { securityHeaders } from './http/headers.ts';
import { bodyLimits } from './http/limits.ts';
import { mountRates } from './http/rates-route.ts';
import { mountStudio } from './http/studio-route.ts';
import { webDigest } from './security/digest.ts';
import { webKeyCompare } from './security/compare.ts';
import { TokenSigner } from './security/tokens.ts';
import { ConfigCache } from './services/config-cache.ts';
import type { AppDeps } from './services/deps.ts';
import { EventBuffer } from './services/events.ts';
import { ImageResolver, engineDownscale } from './services/images.ts';
import { photoIngestFor } from './services/photo-ingest.ts';
import { ReplayCache } from './services/replay-cache.ts';
import { PolicyState } from './services/policy-state.ts';
import { KitFonts, storeFontSource } from './services/kit-fonts.ts';
import { UnitLinks } from './services/unit-links.ts';
import { prerenderCampaign } from './services/prerender.ts';
import { ScanLinks } from './services/scan-links.ts';
import { RenderCost, RenderWarmer } from './services/warmer.ts';
import { mountUnits } from './http/unit-route.ts';
import { mountCors } from './http/cors.ts';
import { mountSync } from './http/sync-route.ts';
import { keyOnlyActors, type ActorSource } from './services/accounts/index.ts';
import { mountAuth, requireActor, resolveActor } from './http/auth-route.ts';
import { mountUsers } from './http/users-route.ts';
import { mountAudit } from './http/audit-route.ts';
import { mountOpenApi } from './http/openapi-route.ts';
import { Background } from './services/background.ts';
import { campaignPreflight } from './services/preflight-run.ts';
import { mountPreflight } from './http/preflight-route.ts';
import { mountStudioReview } from './http/studio-review-route.ts';

export interface VitrineApp {
  app: Hono;
  events: EventBuffer;
  configCache: ConfigCache;
  policyState: PolicyState;
  /** The request-path dependencies the routes share (benchmarks and tests reuse them). */
  serve: ServeDeps;
  /** The authoring services' dependencies (the demo seed writes through them); null without an authoring store. */
  authoring: AuthoringDeps | null;
  /** Who is acting, for the admin API and the studio (`resolveActor` in src/http/auth-route.ts). */
  actors: ActorSource;
  /** Writes pending events; call before shutdown and in tests before reading events. */
  flush(): Promise<void>;
  /** Work started after an answer (pre-render at approval): Workers keep the isolate alive with it, tests await idle(). */
  background: Background;
  /** Fetches the feed URLs whose interval has passed (Node: a timer; Workers: the Cron Trigger). */
  runScheduledFeeds(): Promise<Array<{ id: string; status: string }>>;
}

/** Ad-facing paths answer with a creative even when something unexpected breaks. */
const AD_PATHS = ['/v1/creative', '/v1/tag/unit'];

export function createApp(deps: AppDeps): VitrineApp {
  const app = new Hono();
  const configCache = new ConfigCache(deps.store, deps.config.configTtlSeconds * 1000, deps.clock, deps.authoring);
  const events = new EventBuffer(deps.store, deps.log, { mode: deps.config.eventWrites, lingerMs: deps.config.eventLingerMs, dedupeWindowMs: deps.config.clickDedupeHours * 3_600_000 }, deps.clock);
  const signer = new TokenSigner(deps.config.secret, deps.digest, deps.config.tokenTtl, deps.clock, deps.aead);
  const photoIngest = photoIngestFor(deps);
  const images = new ImageResolver(deps.store, {
    hosts: deps.config.imageHosts,
    ports: deps.config.imagePorts,
    log: deps.log,
    clock: deps.clock,
    // Without an image library (Workers) photos are re-encoded through the rasterizer.
    downscale: deps.downscale ?? engineDownscale(deps.engine),
    ...(deps.zlibLength ? { zlibLength: deps.zlibLength } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(photoIngest ? { ingest: photoIngest } : {}),
  });
  const replay = new ReplayCache(64 * 1024 * 1024, deps.config.configTtlSeconds * 1000);
  const policyState = new PolicyState(deps.store, deps.config.policyRefreshMs, deps.clock, deps.log, deps.config.policy.conversionWeight);
  // satori (the selectable Node engine) cannot read WOFF2: such brand fonts are left to Noto there.
  const kitFonts = new KitFonts(storeFontSource(deps.store), deps.engine.name !== 'satori');
  const exchange = { units: new UnitLinks(deps.config.secret, deps.digest), warmer: new RenderWarmer(deps.log), htmlCost: new RenderCost() };
  const authoring: AuthoringDeps | null = deps.authoring ? { authoring: deps.authoring, store: deps.store, audit: deps.audit, configCache, clock: deps.clock, digest: deps.digest ?? webDigest() } : null;
  const scanLinks = new ScanLinks(deps.config.secret, deps.digest ?? webDigest(), deps.store, deps.clock, deps.config.tokenTtl.clickSeconds, deps.log);
  const serve: ServeDeps = { ...deps, configCache, signer, images, kitFonts, scanLinks, ...(photoIngest ? { photoIngest } : {}), replay, policyState, exchange, pendingImpressions: (h, day) => events.pendingImpressions(h, day) };
  const background = new Background(deps.log);
  if (authoring) {
    // Approval is gated by the real renderer's pre-flight, and pre-renders the campaign's top sizes without delaying its answer.
    authoring.preflight = (b) => campaignPreflight(serve, b.campaign, b.variants);
    authoring.approved = (id) => background.run('prerender', () => prerenderCampaign(serve, id));
  }

  app.onError(async (err, c) => {
    if (err instanceof VitrineError) return c.json(err.toJSON(), err.status as 400);
    deps.log.error('unhandled error', { path: c.req.path, err: String(err), stack: (err as Error).stack });
    if (AD_PATHS.includes(c.req.path)) return emergencyCreative(serve, c.req.query(), String(err));
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  // First of all: the auction's tmax counts from the request's arrival, before any middleware reads its body.
  app.use('/openrtb2/auction', auctionArrival(deps.arrival));
  // The auction answers ahead of the app-wide middlewares, writing their headers itself (openrtb-route.ts).
  mountOpenRtb(app, serve);
  // Before every route: the security headers wrap all answers, the body limit guards all reads.
  app.use('*', securityHeaders());
  // Before the body limit, so a browser bidder can read a 413 too.
  mountCors(app, deps.config.corsOrigins ?? []);
  app.use('*', bodyLimits());
  const keyCompare = deps.keyCompare ?? webKeyCompare();
  app.use('*', async (c, next) => {
    c.set('keyCompare', keyCompare);
    await next();
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.get('/healthz', async (c) => {
    try {
      await deps.store.ping();
      return c.json({ ok: true });
    } catch (err) {
      return c.json({ ok: false, error: String(err) }, 503);
    }
  });

  mountOpenApi(app);
  // Who is acting: admin key (owner), API token or session cookie (+ CSRF proof on writes).
  const actors = withActorKeys(deps.accounts?.actors ?? keyOnlyActors(deps.config.adminKey, deps.digest ?? webDigest()), deps.actorKeys ?? [], keyCompare);
  const trusted = [...deps.config.trustedOrigins, ...(deps.config.publicUrl ? [new URL(deps.config.publicUrl).origin] : [])];
  mountAuth(app, deps.accounts, trusted);
  // Public routes that show more to an internal reader (traces, stock, future `at`, metrics): the
  // actor when the request names one, never a refusal.
  const optionalActor: MiddlewareHandler = async (c, next) => {
    if (c.req.header('Authorization') || /session/i.test(c.req.header('Cookie') ?? '')) {
      const actor = await resolveActor(actors, c.req.raw, trusted).catch(() => null);
      if (actor) c.set('actor', actor);
    }
    await next();
  };
  for (const path of ['/v1/creative', '/v1/preview', '/v1/vast', '/metrics']) app.use(path, optionalActor);

  mountCreative(app, serve);
  mountUnits(app, serve);
  mountSync(app, serve);
  if (authoring) mountVersionPreview(app, serve, authoring, adminAuth(deps.config.adminKey, deps.actorKeys ?? [], ADMIN_KEY_ACTOR));
  mountPreview(app, serve);
  mountVast(app, serve);
  mountTag(app, serve);
  mountTracking(app, { signer, events, clock: deps.clock, store: deps.store, scanLinks });
  // One auth middleware for every /v1/admin route: admin key (owner), API token or session cookie (+ CSRF proof).
  app.use('/v1/admin/*', requireActor(actors, trusted));
  mountMetrics(app, { events, store: deps.store, adminKey: deps.config.adminKey });
  mountUsers(app, deps.accounts);
  mountAudit(app, deps.audit);
  mountAdmin(app, { store: deps.store, configCache, clock: deps.clock, audit: deps.audit });
  if (authoring) mountPreflight(app, serve, authoring);
  if (authoring) mountCampaigns(app, authoring);
  if (authoring) mountKits(app, authoring);
  mountAssets(app, deps.store);
  mountReports(app, { store: deps.store, configCache });
  mountRates(app, { store: deps.store, configCache, clock: deps.clock, audit: deps.audit });
  mountMerchant(app, { store: deps.store, config: deps.config, clock: deps.clock, digest: deps.digest ?? webDigest(), signer, events, configCache });
  const sources: FeedFetchDeps = { store: deps.store, ...(deps.fetch ? { fetch: deps.fetch } : {}), clock: deps.clock, config: deps.config.feedFetch, changed: () => configCache.retire() };
  mountFeeds(app, { store: deps.store, configCache, clock: deps.clock, audit: deps.audit, sources });
  mountShopify(app, { store: deps.store, configCache, clock: deps.clock, audit: deps.audit, secret: deps.config.shopifySecret, ...(deps.digest ? { digest: deps.digest } : {}) });
  mountStudio(app, { ...serve, actors });
  if (authoring) mountStudioReview(app, { ...serve, actors }, authoring);

  return { app, events, configCache, policyState, serve, authoring, actors, background, flush: () => events.flush(), runScheduledFeeds: () => runDueSources(sources) };
}
