// One request on the edge: the isolate's app (rebuilt while D1 is unusable), geo from
// `request.cf`, PNG in place of formats this runtime cannot encode, events written after the
// response through `ctx.waitUntil`.
import type { CfGeo, ExecutionContext, WorkerEnv } from './cf-types.ts';
import { buildWorkerApp, type EdgeVitrine } from './build.ts';
import { applyGeo, geoFromCf } from './geo.ts';
import { EdgeRenderCache } from './render-cache.ts';
import { warmRenderPaths } from '../../services/warm-start.ts';
import { TEMPLATE_SIZES } from '../../../templates/index.ts';

// While D1 is unusable, look again at most this often (an operator applies migrations, or binds D1).
const RETRY_MS = 5_000;
const GEO_PATHS = new Set(['/v1/creative', '/v1/vast']);

let current: Promise<EdgeVitrine> | null = null;
/** The app whose HTML paths were warmed (once per isolate and build). */
let warmed: EdgeVitrine | null = null;

function rebuild(env: WorkerEnv): Promise<EdgeVitrine> {
  const next = buildWorkerApp(env);
  current = next;
  // A build that threw (not a known D1 problem) is tried again by the next request.
  next.catch(() => {
    if (current === next) current = null;
  });
  return next;
}

function isolateApp(env: WorkerEnv): Promise<EdgeVitrine> {
  const building = current;
  if (!building) return rebuild(env);
  return building.then((v) => {
    if (v.problem === null || Date.now() - v.builtAt < RETRY_MS || current !== building) return current ?? rebuild(env);
    return rebuild(env);
  });
}

/** Rewrites what the worker fills in or substitutes; the headers say what it did. */
async function adapt(request: Request, v: EdgeVitrine): Promise<{ request: Request; headers: Record<string, string> }> {
  const url = new URL(request.url);
  if (request.method !== 'GET' || !GEO_PATHS.has(url.pathname)) return { request, headers: {} };
  const headers: Record<string, string> = {};
  const params = Object.fromEntries(url.searchParams);
  const cf = (request as Request & { cf?: CfGeo }).cf;
  if (!params.region && !params.country && !params.tz && cf && v.problem === null) {
    const geo = geoFromCf(params, cf, (await v.configCache.get().catch(() => null))?.regions ?? []);
    if (geo) headers['X-Vitrine-Geo'] = applyGeo(url, geo);
  }
  if (Object.keys(headers).length === 0) return { request, headers };
  return { request: new Request(url.toString(), request), headers };
}

/** Event routes wait for their own batch (group commit); anything still queued is written before the isolate may go. */
async function flushEvents(v: EdgeVitrine): Promise<void> {
  await v.flush();
  if (v.events.size > 0) await v.flush();
}

/** Cron (wrangler.toml `[triggers]`): expired profiles are never read; this deletes them from D1 too. */
export async function purgeProfiles(env: WorkerEnv): Promise<number> {
  const v = await isolateApp(env);
  if (v.problem !== null) return 0;
  await v.serve.store.purgeEventTokens(new Date(Date.now() - v.serve.config.clickDedupeHours * 3_600_000).toISOString());
  await v.serve.store.purgeScanLinks(new Date().toISOString());
  return v.serve.store.purgeExpiredProfiles(new Date().toISOString());
}

/** Cron: the feed URLs whose interval has passed (PUT /v1/admin/feeds/sources/:id). */
export async function runFeeds(env: WorkerEnv): Promise<void> {
  const v = await isolateApp(env);
  if (v.problem !== null) return;
  await v.runScheduledFeeds();
}

/** Settles when the render cache's Cache API writes started so far have (none: at once). */
function edgeWrites(v: EdgeVitrine): Promise<void> {
  const cache = v.serve.renderCache;
  return cache instanceof EdgeRenderCache && cache.busy ? cache.idle() : Promise.resolve();
}

export async function handle(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  const v = await isolateApp(env);
  const { request: req, headers } = await adapt(request, v);
  let res = await v.app.fetch(req);
  if (Object.keys(headers).length > 0) {
    res = new Response(res.body, res);
    for (const [k, val] of Object.entries(headers)) res.headers.set(k, val);
  }
  // Another request's event may be in a batch this request's drain loop is writing: finish it.
  if (v.events.busy) ctx.waitUntil(flushEvents(v));
  // A learning-state refresh this request started in the background must outlive the response.
  const refresh = v.policyState.refreshing;
  if (refresh) ctx.waitUntil(refresh);
  // Work an answer started and did not wait for (pre-render at approval) finishes after it.
  if (v.background.busy) ctx.waitUntil(v.background.idle());
  // An isolate has no "before listening": after its first answer, each template's HTML unit is
  // drawn once (nothing kept), so a later auction does not pay the cold path. PNGs are left to the
  // first real render: the WebAssembly engine's cold draws would hold the isolate far longer.
  if (v.problem === null && warmed !== v) {
    warmed = v;
    ctx.waitUntil(warmRenderPaths(v.serve, TEMPLATE_SIZES, ['html']).catch(() => undefined).then(() => edgeWrites(v)));
  }
  // A fresh render's Cache API write is not waited for by the answer; it finishes after it.
  ctx.waitUntil(edgeWrites(v));
  return res;
}
