// POST /v1/admin/feeds/{products,regional-inventory,local-inventory}: Merchant Center feeds, TSV
// or RSS XML, streamed from the request body (never held whole); stores for local inventory at
// /v1/admin/stores. Bearer auth comes from the /v1/admin/* middleware.
import type { Hono } from 'hono';
import { z } from 'zod';
import { badParam, VitrineError } from '../domain/errors.ts';
import { sniffFormat, unpacked } from '../feeds/decode.ts';
import { fetchSource, refuseUrl, type FeedFetchDeps } from '../services/feed-sources.ts';
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
  /** Scheduled feed URLs: fetch config and runtime fetch. */
  sources: FeedFetchDeps;
}

export const sourceSchema = z
  .object({
    url: z.string().min(1).max(2000),
    kind: z.enum(['products', 'regional-inventory', 'local-inventory']),
    format: z.enum(['tsv', 'xml']).nullable().default(null),
    every_minutes: z.number().int().min(15, 'at least 15').max(10_080, 'at most a week (10080)'),
  })
  .strict();

/** Compressed uploads inflate to at most this (1 GiB): a feed of a few million rows. */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
const PACKED_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/zip', 'application/x-zip-compressed', 'application/octet-stream']);
const contentTypeOf = (h: string | undefined) => (h ?? '').split(';')[0]!.trim().toLowerCase();

export const regionMappingSchema = z
  .object({ mappings: z.array(z.object({ region_id: z.string().regex(/^[\w.-]{1,100}$/, 'expected 1-100 letters, digits, _ . -'), region: z.string().min(1).max(20) }).strict()).max(10_000) })
  .strict();

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
    const declared = feedFormatOf(c.req.header('Content-Type'));
    const encoding = (c.req.header('Content-Encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') throw new VitrineError('bad_request', `Content-Encoding: unsupported "${encoding}"`, 'Content-Encoding', ['gzip', 'identity']);
    if (declared === null && !PACKED_TYPES.has(contentTypeOf(c.req.header('Content-Type')))) {
      throw new VitrineError(
        'bad_request',
        'Content-Type: expected text/tab-separated-values (TSV with a header row) or application/xml (RSS 2.0 with g: attributes), or either gzipped or zipped (application/gzip, application/zip)',
        'Content-Type',
        ['text/tab-separated-values', 'application/xml', 'application/gzip', 'application/zip'],
      );
    }
    const body = c.req.raw.body;
    if (!body) throw new VitrineError('bad_request', 'body: empty; expected a feed', 'body');
    const mode = c.req.query('mode');
    if (mode !== undefined && mode !== 'full' && mode !== 'incremental') throw badParam('mode', `unsupported value "${mode}"`, ['incremental', 'full']);
    if (mode === 'full' && kind !== 'products') throw badParam('mode', 'full sync applies to the products feed only', ['incremental']);
    const dry = c.req.query('dry_run');
    if (dry !== undefined && dry !== '1' && dry !== 'true' && dry !== '0' && dry !== 'false') throw badParam('dry_run', `unsupported value "${dry}"`, ['1', '0']);
    // Packed or not is read from the bytes (a gzip or zip upload may come as any type).
    const { bytes } = await unpacked(body as unknown as AsyncIterable<Uint8Array>, MAX_INFLATED_BYTES);
    const { format, bytes: feed } = declared ? { format: declared, bytes } : await sniffFormat(bytes);
    const summary = await importFeed(deps.store, kind, format, feed, { now: deps.clock, fullSync: mode === 'full', dryRun: dry === '1' || dry === 'true' });
    // Prices, availability or stock may have changed: replayed responses must not outlive them.
    if (summary.inserted + summary.updated + (summary.markedUnavailable ?? 0) > 0) deps.configCache.retire();
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

  // Feed URLs fetched on a schedule (allow-listed hosts only; VITRINE_FEED_HOSTS).
  app.get('/v1/admin/feeds/sources', async (c) => {
    actorWith(c, 'read');
    return c.json({ sources: await deps.store.feedSources() });
  });
  app.put('/v1/admin/feeds/sources/:id', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const id = c.req.param('id');
    if (!/^[\w.-]{1,64}$/.test(id)) throw badParam('id', 'expected 1-64 letters, digits, _ . -');
    const r = sourceSchema.safeParse(await c.req.json().catch(() => null));
    if (!r.success) throw new VitrineError('bad_request', `source: ${problemsOf(r.error).map((p) => `${p.field}: ${p.reason}`).join('; ')}`, problemsOf(r.error)[0]?.field, undefined, problemsOf(r.error));
    const refused = refuseUrl(r.data.url, deps.sources.config);
    if (refused) throw new VitrineError('bad_request', `url: ${refused}`, 'url');
    const old = (await deps.store.feedSources()).find((s) => s.id === id);
    const same = old && old.url === r.data.url;
    const source = { id, url: r.data.url, kind: r.data.kind, format: r.data.format, everyMinutes: r.data.every_minutes, etag: same ? old.etag : null, lastModified: same ? old.lastModified : null, lastFetchAt: old?.lastFetchAt ?? null, lastStatus: old?.lastStatus ?? null, lastResult: old?.lastResult ?? null };
    await deps.store.putFeedSource(source);
    await deps.audit.record({ actor, action: old ? 'feed_source.update' : 'feed_source.create', entity: 'feed_source', entityId: id, before: old ? { url: old.url, kind: old.kind, format: old.format, everyMinutes: old.everyMinutes } : null, after: { url: source.url, kind: source.kind, format: source.format, everyMinutes: source.everyMinutes } });
    return c.json(source, old ? 200 : 201);
  });
  app.delete('/v1/admin/feeds/sources/:id', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const old = (await deps.store.feedSources()).find((s) => s.id === c.req.param('id'));
    if (!old || !(await deps.store.deleteFeedSource(old.id))) throw new VitrineError('not_found', `source: unknown source "${c.req.param('id')}"`, 'id');
    await deps.audit.record({ actor, action: 'feed_source.delete', entity: 'feed_source', entityId: old.id, before: { url: old.url, kind: old.kind, format: old.format, everyMinutes: old.everyMinutes }, after: null });
    return c.json({ deleted: true });
  });
  app.post('/v1/admin/feeds/sources/:id/fetch', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const source = (await deps.store.feedSources()).find((s) => s.id === c.req.param('id'));
    if (!source) throw new VitrineError('not_found', `source: unknown source "${c.req.param('id')}"`, 'id');
    const out = await fetchSource(deps.sources, source);
    await deps.audit.record({ actor, action: 'feed.fetch', entity: 'feed_source', entityId: source.id, before: null, after: out.status === 'imported' ? { status: out.status, read: out.summary.read, inserted: out.summary.inserted, updated: out.summary.updated, rejected: out.summary.rejected } : out });
    return c.json(out);
  });

  // Merchant Center region ids (regional inventory feeds) → Vitrine regions; PUT replaces the table.
  app.get('/v1/admin/regions/mapping', async (c) => {
    actorWith(c, 'read');
    return c.json({ mappings: (await deps.store.regionMappings()).map((m) => ({ region_id: m.externalId, region: m.region, updated_at: m.updatedAt })) });
  });

  app.put('/v1/admin/regions/mapping', async (c) => {
    const actor = actorWith(c, 'catalog.write');
    const r = regionMappingSchema.safeParse(await c.req.json().catch(() => null));
    if (!r.success) throw new VitrineError('bad_request', 'body: expected { mappings: [{ region_id, region }] }', 'body', undefined, problemsOf(r.error));
    const known = new Set((await deps.configCache.get()).regions.map((x) => x.code));
    const problems = r.data.mappings.flatMap((m, i) => [
      ...(known.has(m.region) ? [] : [{ field: `mappings.${i}.region`, reason: `unknown region "${m.region}"` }]),
      ...(r.data.mappings.findIndex((x) => x.region_id === m.region_id) !== i ? [{ field: `mappings.${i}.region_id`, reason: `"${m.region_id}" is mapped twice` }] : []),
    ]);
    if (problems.length) throw new VitrineError('bad_request', `mappings: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, problems[0]!.field, [...known], problems);
    const at = new Date(deps.clock()).toISOString();
    const before = (await deps.store.regionMappings()).map((m) => ({ region_id: m.externalId, region: m.region }));
    await deps.store.putRegionMappings(r.data.mappings.map((m) => ({ externalId: m.region_id, region: m.region, updatedAt: at })));
    await deps.audit.record({ actor, action: 'region_mapping.replace', entity: 'region_mapping', entityId: 'all', before, after: r.data.mappings });
    return c.json({ mappings: r.data.mappings.map((m) => ({ ...m, updated_at: at })) });
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
