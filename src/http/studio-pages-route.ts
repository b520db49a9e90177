// The studio's pages: campaigns, tearsheet (and its shared read-only link and cell images),
// reports with CSV, catalog with feed upload, promos. Each handler gathers data from the same
// services the admin API uses and hands it to a page function in src/studio/.
import type { Context, Hono } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import { fnv1a, seededRng } from '../domain/rng.ts';
import { FEED_KINDS, feedFormatOf, importFeed, type FeedKind } from '../feeds/import.ts';
import type { Sealer } from '../security/sealed.ts';
import { can } from '../services/access.ts';
import { probabilityBest } from '../services/best-variant.ts';
import { creativeBody, signLinks } from '../services/creative.ts';
import { savePromo } from '../services/promos.ts';
import { campaignReport, reportCsv } from '../services/reports.ts';
import { originOf } from '../services/serve-deps.ts';
import { simulateDecision } from '../services/simulate.ts';
import type { ReportDimension } from '../storage/port.ts';
import { campaignListPage } from '../studio/campaigns.ts';
import { unservedCampaigns } from '../services/authoring/review.ts';
import { catalogPage } from '../studio/catalog.ts';
import { t } from '../studio/i18n.ts';
import { page } from '../studio/layout.ts';
import { html } from 'hono/html';
import { PROMO_FIELDS, promoBody, promosPage, promoValues, type PromoForm } from '../studio/promos.ts';
import { REPORT_DAYS, REPORT_DIMS, reportPage } from '../studio/report.ts';
import { runTearsheet } from '../studio/tearsheet-data.ts';
import { cellParams, parseSpec, scenarios, simulationOf, type TearsheetSpec } from '../studio/tearsheet-spec.ts';
import { tearsheetPage } from '../studio/tearsheet.ts';
import { actorWith } from './actor.ts';
import { sendPage, studioCtx, type StudioDeps } from './studio-route.ts';

const DAY = 86_400_000;
const PAGE_SIZE = 50;
const TEARSHEET_TOKEN_MS = 3600_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function mountStudioPages(app: Hono, deps: StudioDeps, sealer: Sealer): void {
  const bundleOr404 = async (id: string) => {
    const snap = await deps.configCache.get();
    const b = snap.bundleById.get(id);
    if (!b) throw new VitrineError('not_found', `campaign: unknown campaign "${id}"`, 'campaign');
    return { snap, b };
  };

  app.get('/studio/campaigns', async (c) => {
    actorWith(c, 'read');
    const snap = await deps.configCache.get();
    const status = c.req.query('status') ?? '';
    const brand = c.req.query('brand') ?? '';
    // Drafts and versions in review serve nothing yet, but are listed too (with their state).
    const unserved = deps.authoring ? await unservedCampaigns(deps.authoring, snap.regionByCode, new Set(snap.bundleById.keys())) : [];
    const all = [...snap.bundles.map((b) => ({ bundle: b, state: b.campaign.status as string })), ...unserved];
    const shown = all.filter((x) => (!status || x.state === status) && (!brand || x.bundle.campaign.advertiser === brand));
    const today = dayOf(deps.clock());
    const days = Array.from({ length: 7 }, (_, i) => dayOf(Date.parse(`${today}T00:00:00Z`) - (6 - i) * DAY));
    const rows = await Promise.all(
      shown.map(async ({ bundle, state }) => {
        const rep = await campaignReport(deps.store, { campaignId: bundle.campaign.id, by: 'day', from: `${days[0]}T00:00:00.000Z` });
        const byDay = new Map(rep.rows.map((r) => [r.key, r]));
        return { bundle, status: state, days: days.map((d) => ({ impressions: byDay.get(d)?.impressions ?? 0, clicks: (byDay.get(d)?.clicks ?? 0) + (byDay.get(d)?.scans ?? 0) })) };
      }),
    );
    return sendPage(c, campaignListPage(studioCtx(c), rows, all.map((x) => x.bundle), snap.regionByCode, { status, brand }));
  });

  // One campaign's page (GET /studio/campaigns/:id) is in studio-review-route.ts, with its review and lifecycle actions.

  // Tearsheet: the form's query is the spec; `share=N` seals it into an N-day read-only link.
  app.get('/studio/campaigns/:id/tearsheet', async (c) => {
    actorWith(c, 'read');
    const { snap, b } = await bundleOr404(c.req.param('id'));
    const now = deps.clock();
    const q = (k: string) => c.req.queries(k) ?? [];
    let spec: TearsheetSpec;
    let error: { field: string; message: string } | null = null;
    try {
      spec = parseSpec(q, b, snap.regionByCode, now, fnv1a(b.campaign.id));
    } catch (err) {
      if (!(err instanceof VitrineError)) throw err;
      error = { field: err.field ?? '', message: err.message };
      spec = parseSpec(() => [], b, snap.regionByCode, now, fnv1a(b.campaign.id));
    }
    let share: { url: string; until: string } | null = null;
    const shareDays = c.req.query('share');
    if (shareDays !== undefined && !error) {
      if (!/^\d{1,2}$/.test(shareDays) || Number(shareDays) < 1 || Number(shareDays) > 30) throw badParam('share', 'expected 1 to 30 days');
      const until = now + Number(shareDays) * DAY;
      share = { url: `${originOf(deps, c.req.url)}/studio/share/${await sealer.seal('tearsheet', spec, until)}`, until: new Date(until).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' };
    }
    const token = await sealer.seal('tearsheet', spec, now + TEARSHEET_TOKEN_MS);
    const { results, total } = await runTearsheet(deps, b, spec, snap.regionByCode);
    return sendPage(c, tearsheetPage(studioCtx(c), { bundle: b, regions: snap.regions, spec, results, total, token, share, readOnly: null, error }));
  });

  const openSpec = async (c: Context, token: string) => {
    const r = await sealer.open<TearsheetSpec>('tearsheet', token, deps.clock());
    if (!r.ok) return { spec: null, reason: r.reason, expires: 0 };
    return { spec: r.payload, reason: null, expires: r.expires };
  };

  app.get('/studio/share/:token', async (c) => {
    const ctx = studioCtx(c);
    const o = await openSpec(c, c.req.param('token'));
    if (!o.spec) return sendPage(c, page(ctx, t(ctx.lang, 'tear.expired'), html`<p class="alert" role="alert">${t(ctx.lang, 'tear.expired')}</p>`, { chrome: false }), 410);
    const { snap, b } = await bundleOr404(o.spec.c);
    const { results, total } = await runTearsheet(deps, b, o.spec, snap.regionByCode);
    const until = new Date(o.expires).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    return sendPage(c, tearsheetPage(ctx, { bundle: b, regions: snap.regions, spec: o.spec, results, total, token: c.req.param('token'), share: null, readOnly: { until }, error: null }));
  });

  // One tearsheet cell's creative, decided again under the sealed simulation (links are test traffic).
  app.get('/studio/ts/:token/:i/:file', async (c) => {
    const o = await openSpec(c, c.req.param('token'));
    if (!o.spec) throw new VitrineError('not_found', `token: ${o.reason}`, 'token');
    const m = /^(\d{2,4}x\d{2,4})\.png$/.exec(c.req.param('file'));
    const i = Number(c.req.param('i'));
    const { snap } = await bundleOr404(o.spec.c);
    const sc = scenarios(o.spec, snap.regionByCode).list[i];
    if (!m || !sc || !o.spec.z.includes(m[1]!)) throw new VitrineError('not_found', 'cell: not part of this tearsheet', 'cell');
    const rd = await simulateDecision(deps, { ...cellParams(o.spec, sc, m[1]!), format: 'png' }, simulationOf(o.spec, sc));
    const links = await signLinks(deps, rd, originOf(deps, c.req.url), true);
    const out = await creativeBody(deps, rd, 'png', links);
    return new Response(out.body as BodyInit, { headers: { 'Content-Type': out.contentType, 'Cache-Control': 'private, max-age=300', ETag: out.etag } });
  });

  const reportData = async (id: string, daysRaw: string | undefined) => {
    const { b } = await bundleOr404(id);
    const days = REPORT_DAYS.includes(Number(daysRaw)) ? Number(daysRaw) : 30;
    const today = Date.parse(`${dayOf(deps.clock())}T00:00:00Z`);
    const from = new Date(today - (days - 1) * DAY).toISOString();
    return { b, days, from };
  };

  app.get('/studio/campaigns/:id/report', async (c) => {
    actorWith(c, 'read');
    const { b, days, from } = await reportData(c.req.param('id'), c.req.query('days'));
    const daily = await campaignReport(deps.store, { campaignId: b.campaign.id, by: 'day', from });
    const byDay = new Map(daily.rows.map((r) => [r.key, r]));
    const start = Date.parse(from);
    const series = Array.from({ length: days }, (_, i) => dayOf(start + i * DAY)).map((day) => ({ day, row: byDay.get(day) ?? null }));
    const tables = await Promise.all(REPORT_DIMS.map(async (by) => ({ by, report: await campaignReport(deps.store, { campaignId: b.campaign.id, by, from }) })));
    const stats = await deps.policyState.ready();
    const best = probabilityBest(b, stats, deps.config.policy, seededRng(fnv1a(b.campaign.id)));
    return sendPage(c, reportPage(studioCtx(c), { bundle: b, days, daily: series, tables, best }));
  });

  app.get('/studio/campaigns/:id/report.csv', async (c) => {
    actorWith(c, 'read');
    const { b, days, from } = await reportData(c.req.param('id'), c.req.query('days'));
    const by = (c.req.query('by') ?? 'variant') as ReportDimension;
    if (!(['day', ...REPORT_DIMS] as string[]).includes(by)) throw badParam('by', `unsupported value "${by}"`, ['day', ...REPORT_DIMS]);
    const rep = await campaignReport(deps.store, { campaignId: b.campaign.id, by, from });
    return c.body(reportCsv(rep), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${b.campaign.id}-by-${by}-${days}d.csv"` });
  });

  app.get('/studio/catalog', async (c) => {
    const actor = actorWith(c, 'read');
    const search = (c.req.query('q') ?? '').slice(0, 100);
    const offset = Math.min(1_000_000, Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0));
    const { products, inventory } = await deps.store.browseProducts({ search, limit: PAGE_SIZE, offset });
    return sendPage(c, catalogPage(studioCtx(c), { search, offset, pageSize: PAGE_SIZE, products, inventory, canWrite: can(actor.role, 'catalog.write') }));
  });

  // The upload is the file itself (the client script streams it with a progress bar); same import as the admin API.
  app.post('/studio/catalog/feed', async (c) => {
    actorWith(c, 'catalog.write');
    const kind = c.req.query('kind') as FeedKind;
    if (!FEED_KINDS.includes(kind)) throw badParam('kind', `unknown feed "${kind}"`, FEED_KINDS);
    const format = feedFormatOf(c.req.header('Content-Type'));
    if (!format) throw new VitrineError('bad_request', 'Content-Type: expected text/tab-separated-values or application/xml', 'Content-Type');
    const body = c.req.raw.body;
    if (!body) throw new VitrineError('bad_request', 'body: empty; expected a feed', 'body');
    const summary = await importFeed(deps.store, kind, format, body as unknown as AsyncIterable<Uint8Array>, { now: deps.clock, fullSync: false });
    if (summary.inserted + summary.updated > 0) deps.configCache.retire();
    return c.json(summary);
  });

  const promosView = async (c: Context, f: PromoForm, status = 200) => {
    const actor = actorWith(c, 'read');
    const snap = await deps.configCache.get();
    return sendPage(c, promosPage(studioCtx(c), await deps.store.listPromos(), snap.regions, f, can(actor.role, 'catalog.write')), status);
  };
  const empty = (): PromoForm => ({ values: { regions: [], kind: 'percent' }, errors: new Map(), editing: null, saved: false });

  app.get('/studio/promos', (c) => promosView(c, empty()));
  app.get('/studio/promos/:id', async (c) => {
    const p = await deps.store.getPromo(c.req.param('id'));
    if (!p) throw new VitrineError('not_found', `promo: unknown promo "${c.req.param('id')}"`, 'id');
    return promosView(c, { values: promoValues(p), errors: new Map(), editing: p.id, saved: false });
  });

  const postPromo = async (c: Context, editing: string | null) => {
    const actor = actorWith(c, 'catalog.write');
    const form = await c.req.parseBody({ all: true });
    const one = (k: string) => { const v = form[k]; return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''; };
    const all = (k: string) => { const v = form[k]; return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string'); };
    const body = promoBody(one, all);
    if (editing) body.id = editing;
    const values: Record<string, string | string[]> = Object.fromEntries(PROMO_FIELDS.map(([f]) => [f, f === 'regions' ? all(f) : one(f)]));
    if (!editing && typeof body.id === 'string' && body.id && (await deps.store.getPromo(body.id))) {
      return promosView(c, { values, errors: new Map([['id', `id "${body.id}" already exists`]]), editing, saved: false });
    }
    try {
      const saved = await savePromo(deps, actor, body, typeof body.id === 'string' && body.id ? await deps.store.getPromo(body.id) : null);
      return promosView(c, { values: promoValues(saved), errors: new Map(), editing: saved.id, saved: true });
    } catch (err) {
      if (!(err instanceof VitrineError)) throw err;
      const problems = Array.isArray(err.details) ? (err.details as Array<{ field: string; reason: string }>) : [{ field: err.field ?? 'id', reason: err.message }];
      const byPath = new Map(PROMO_FIELDS.map(([f, p]) => [p, f]));
      const errors = new Map<string, string>();
      for (const p of problems) {
        const field = byPath.get(p.field) ?? byPath.get(p.field.split('.').slice(0, 2).join('.')) ?? byPath.get(p.field.split('.')[0]!) ?? 'name';
        if (!errors.has(field)) errors.set(field, p.reason);
      }
      return promosView(c, { values, errors, editing, saved: false });
    }
  };
  app.post('/studio/promos', (c) => postPromo(c, null));
  app.post('/studio/promos/:id', (c) => postPromo(c, c.req.param('id')));
}
