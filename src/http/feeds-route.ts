// POST /v1/admin/feeds/{products,regional-inventory,local-inventory}: Merchant Center feeds, TSV
// or RSS XML, streamed from the request body (never held whole); stores for local inventory at
// /v1/admin/stores. Bearer auth comes from the /v1/admin/* middleware.
import type { Hono } from 'hono';
import { z } from 'zod';
import { badParam, VitrineError } from '../domain/errors.ts';
import { FEED_KINDS, feedFormatOf, importFeed, type FeedKind } from '../feeds/import.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import type { Store } from '../storage/port.ts';
import { problemsOf } from '../services/validation.ts';
import type { AuditLog } from '../services/audit.ts';
import { actorWith } from './actor.ts';

export interface FeedDeps {
  store: Store;
  configCache: ConfigCache;
  clock: () => number;
  audit: AuditLog;
}

/** The audit trail keeps a feed import's counts and its first problems, not every row. */
const AUDIT_PROBLEMS = 20;

export const storesSchema = z.array(z.object({ store_code: z.string().min(1).max(64), region: z.string().min(1), name: z.string().max(200).optional() })).min(1);

/** The listed stores among the given codes (a store write's before/after). */
function storesIn<T extends { code: string }>(all: T[], given: Array<{ store_code: string }>): T[] {
  const codes = new Set(given.map((s) => s.store_code));
  return all.filter((s) => codes.has(s.code));
}

export function mountFeeds(app: Hono, deps: FeedDeps): void {
  app.post('/v1/admin/feeds/:kind', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const kind = c.req.param('kind') as FeedKind;
    if (!FEED_KINDS.includes(kind)) throw badParam('kind', `unknown feed "${kind}"`, FEED_KINDS);
    const format = feedFormatOf(c.req.header('Content-Type'));
    if (!format) {
      throw new VitrineError('bad_request', 'Content-Type: expected text/tab-separated-values (TSV with a header row) or application/xml (RSS 2.0 with g: attributes)', 'Content-Type', ['text/tab-separated-values', 'application/xml']);
    }
    const body = c.req.raw.body;
    if (!body) throw new VitrineError('bad_request', 'body: empty; expected a feed', 'body');
    const mode = c.req.query('mode');
    if (mode !== undefined && mode !== 'full' && mode !== 'incremental') throw badParam('mode', `unsupported value "${mode}"`, ['incremental', 'full']);
    if (mode === 'full' && kind !== 'products') throw badParam('mode', 'full sync applies to the products feed only', ['incremental']);
    const summary = await importFeed(deps.store, kind, format, body as unknown as AsyncIterable<Uint8Array>, { now: deps.clock, fullSync: mode === 'full' });
    // Prices, availability or stock may have changed: replayed responses must not outlive them.
    if (summary.inserted + summary.updated + (summary.markedUnavailable ?? 0) > 0) deps.configCache.invalidate();
    const { problems, ...counts } = summary;
    await deps.audit.record({
      actor,
      action: 'feed.import',
      entity: 'feed',
      entityId: kind,
      before: null,
      after: { ...counts, mode: mode ?? 'incremental', problems: problems.slice(0, AUDIT_PROBLEMS) },
      note: `${summary.read} read, ${summary.inserted} inserted, ${summary.updated} updated, ${summary.rejected} rejected`,
    });
    return c.json(summary, 200);
  });

  app.get('/v1/admin/stores', async (c) => {
    actorWith(c, 'read');
    return c.json({ stores: await deps.store.listStores() });
  });

  app.put('/v1/admin/stores', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const r = storesSchema.safeParse(await c.req.json().catch(() => null));
    if (!r.success) throw new VitrineError('bad_request', 'body: expected [{ store_code, region, name? }]', 'body', undefined, problemsOf(r.error));
    const known = new Set((await deps.configCache.get()).regions.map((x) => x.code));
    const bad = r.data.filter((s) => !known.has(s.region));
    if (bad.length) throw new VitrineError('bad_request', `region: unknown region(s) ${bad.map((s) => `"${s.region}" (store ${s.store_code})`).join(', ')}`, 'region', [...known]);
    const before = await deps.store.listStores();
    await deps.store.putStores(r.data.map((s) => ({ code: s.store_code, region: s.region, name: s.name ?? null })));
    const after = await deps.store.listStores();
    await deps.audit.record({ actor, action: 'store.put', entity: 'store', entityId: r.data.length === 1 ? r.data[0]!.store_code : '*', before: storesIn(before, r.data), after: storesIn(after, r.data), note: `${r.data.length} store(s) upserted` });
    return c.json({ stores: after });
  });
}
