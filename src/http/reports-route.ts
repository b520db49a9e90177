// GET /v1/admin/reports?campaign=…&by=variant|region|segment|day[&from=&to=]: JSON, or CSV with Accept: text/csv.
import type { Hono } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import { campaignReport, reportCsv } from '../services/reports.ts';
import type { ReportDimension, Store } from '../storage/port.ts';
import { actorWith } from './actor.ts';

const DIMENSIONS: ReportDimension[] = ['variant', 'region', 'segment', 'day'];

function instant(raw: string | undefined, field: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Date.parse(raw);
  if (!Number.isFinite(t)) throw badParam(field, `expected an ISO 8601 date or date-time, got "${raw}"`);
  return new Date(t).toISOString();
}

export function mountReports(app: Hono, deps: { store: Store; configCache: ConfigCache }): void {
  app.get('/v1/admin/reports', async (c) => {
    actorWith(c, 'read');
    const campaign = c.req.query('campaign');
    if (!campaign) throw badParam('campaign', 'required');
    if (!(await deps.configCache.get()).bundleById.has(campaign)) throw new VitrineError('not_found', `campaign: unknown campaign "${campaign}"`, 'campaign');
    const by = (c.req.query('by') ?? 'variant') as ReportDimension;
    if (!DIMENSIONS.includes(by)) throw badParam('by', `unsupported value "${by}"`, DIMENSIONS);
    const from = instant(c.req.query('from'), 'from');
    const to = instant(c.req.query('to'), 'to');
    const report = await campaignReport(deps.store, { campaignId: campaign, by, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if ((c.req.header('Accept') ?? '').includes('text/csv')) {
      return c.body(reportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${campaign}-by-${by}.csv"` });
    }
    return c.json(report);
  });
}
