// A campaign's report: charts over time (impressions and clicks, CTR with its 95% band,
// conversions, revenue) drawn by uPlot from data embedded in the page, tables by variant, region,
// day part and segment with CSV export of each, lift against the holdout, probability of being best.
import { html, raw } from 'hono/html';
import type { CampaignBundle } from '../domain/types.ts';
import type { BestShare } from '../services/best-variant.ts';
import type { Report, ReportRow } from '../services/reports.ts';
import { page, type Html, type StudioCtx } from './layout.ts';
import { fmtNumber, fmtPercent, t } from './i18n.ts';

export const REPORT_DIMS = ['variant', 'region', 'daypart', 'segment'] as const;
export const REPORT_DAYS = [7, 14, 30, 90];

export interface ReportView {
  bundle: CampaignBundle;
  days: number;
  daily: Array<{ day: string; row: ReportRow | null }>;
  tables: Array<{ by: (typeof REPORT_DIMS)[number]; report: Report }>;
  best: BestShare[];
}

/** The chart data the client script reads (uPlot: x in epoch seconds, one array per series). */
export function chartData(ctx: StudioCtx, v: ReportView): Record<string, unknown> {
  const x = v.daily.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const col = (f: (r: ReportRow) => number | null) => v.daily.map((d) => (d.row ? f(d.row) : 0));
  const L = (k: string) => t(ctx.lang, k);
  return {
    volume: { x, series: [{ label: L('report.impressions'), color: '#0f766e' }, { label: L('report.clicks'), color: '#b45309' }], y: [col((r) => r.impressions), col((r) => r.clicks + r.scans)] },
    ctr: {
      x,
      series: [{ label: `${L('report.band')} −`, color: 'rgba(15,118,110,0.4)', width: 1 }, { label: L('report.ctr'), color: '#0f766e' }, { label: `${L('report.band')} +`, color: 'rgba(15,118,110,0.4)', width: 1 }],
      y: [col((r) => r.ctr_low), col((r) => r.ctr), col((r) => r.ctr_high)],
      band: [3, 1],
    },
    conversions: { x, series: [{ label: L('report.conversions'), color: '#7c3aed' }], y: [col((r) => r.conversions)] },
    revenue: { x, series: [{ label: `${L('report.revenue')}${v.daily.find((d) => d.row?.currency)?.row?.currency ? ` (${v.daily.find((d) => d.row?.currency)!.row!.currency})` : ''}`, color: '#1d4ed8' }], y: [col((r) => r.revenue)] },
  };
}

function liftLine(ctx: StudioCtx, r: ReportRow): Html {
  if (!r.holdout_impressions || r.lift === null) return html`<p>${t(ctx.lang, 'report.noholdout')}</p>`;
  const p = (n: number | null) => fmtPercent(ctx.lang, n, 1);
  return html`<p>${t(ctx.lang, 'report.liftline', { ctr: p(r.ctr), h: p(r.holdout_ctr), lift: p(r.lift), lo: p(r.lift_low), hi: p(r.lift_high) })}</p>`;
}

function table(ctx: StudioCtx, v: ReportView, by: string, rep: Report): Html {
  const L = (k: string) => t(ctx.lang, k);
  const names = new Map(v.bundle.variants.map((x) => [x.id, x.name]));
  const csv = `/studio/campaigns/${encodeURIComponent(v.bundle.campaign.id)}/report.csv?by=${by}&days=${v.days}`;
  const rows = [...rep.rows, { ...rep.total, key: L('report.total') }];
  return html`<section aria-labelledby="t-${by}"><h2 id="t-${by}">${t(ctx.lang, 'report.by', { dim: L(`dim.${by}`) })}</h2>
<p class="no-print"><a href="${csv}" download>${L('report.csv')}</a></p>
<div class="table-wrap"><table data-dim="${by}"><thead><tr><th scope="col">${L(`dim.${by}`)}</th><th scope="col">${L('report.impressions')}</th><th scope="col">${L('report.clicks')}</th><th scope="col">${L('report.ctr')} (${L('report.band')})</th><th scope="col">${L('report.conversions')}</th><th scope="col">${L('report.revenue')}</th><th scope="col">${L('report.lift')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${by === 'variant' ? (names.get(r.key) ?? r.key) : r.key}</th><td>${fmtNumber(ctx.lang, r.impressions)}</td><td>${fmtNumber(ctx.lang, r.clicks + r.scans)}</td>
<td>${fmtPercent(ctx.lang, r.ctr)} <span class="muted">(${fmtPercent(ctx.lang, r.ctr_low)} – ${fmtPercent(ctx.lang, r.ctr_high)})</span></td><td>${fmtNumber(ctx.lang, r.conversions)}</td>
<td>${fmtNumber(ctx.lang, r.revenue, 2)} ${r.currency ?? ''}</td><td>${fmtPercent(ctx.lang, r.lift, 1)}${r.lift_low !== null ? html` <span class="muted">(${fmtPercent(ctx.lang, r.lift_low, 1)} – ${fmtPercent(ctx.lang, r.lift_high, 1)})</span>` : ''}</td></tr>`)}</tbody></table></div></section>`;
}

/** Every variant (also those not yet shown) with its chance of being best and posterior mean rate. */
function bestTable(ctx: StudioCtx, v: ReportView): Html {
  const L = (k: string) => t(ctx.lang, k);
  const names = new Map(v.bundle.variants.map((x) => [x.id, x.name]));
  return html`<section aria-labelledby="t-best"><h2 id="t-best">${L('report.pbest')}</h2>
<div class="table-wrap"><table data-dim="best"><thead><tr><th scope="col">${L('dim.variant')}</th><th scope="col">${L('report.pbest')}</th><th scope="col">${L('report.rate')}</th><th scope="col">${L('report.impressions')}</th></tr></thead>
<tbody>${[...v.best].sort((a, z) => z.probability - a.probability).map((b) => html`<tr><th scope="row">${names.get(b.variantId) ?? b.variantId}</th><td>${fmtPercent(ctx.lang, b.probability, 1)}</td><td>${fmtPercent(ctx.lang, b.mean, 2)}</td><td>${fmtNumber(ctx.lang, b.impressions)}</td></tr>`)}</tbody></table></div></section>`;
}

export function reportPage(ctx: StudioCtx, v: ReportView): Html {
  const c = v.bundle.campaign;
  const L = (k: string) => t(ctx.lang, k);
  const title = t(ctx.lang, 'report.title', { name: c.name });
  const total = v.tables[0]?.report.total;
  // JSON inside <script> must not be able to close it: escape '<'.
  const data = JSON.stringify(chartData(ctx, v)).replace(/</g, '\\u003c');
  const chart = (key: string, label: string) => html`<h3 id="c-${key}">${label}</h3><div class="chart" data-chart="${key}" role="img" aria-labelledby="c-${key}"></div>`;
  const body = html`<h1>${title}</h1>
<form method="get" class="filters no-print"><label for="r-days">${L('report.range')}<select id="r-days" name="days">${REPORT_DAYS.map((d) => html`<option value="${d}"${d === v.days ? ' selected' : ''}>${fmtNumber(ctx.lang, d)}</option>`)}</select></label><button type="submit">${L('filter.apply')}</button>
<button type="button" class="secondary" data-print>${L('tear.print')}</button></form>
${total ? liftLine(ctx, total) : ''}
${total && total.impressions === 0 ? html`<p role="status">${L('report.nodata')}</p>` : ''}
<section aria-labelledby="over"><h2 id="over">${L('report.over')}</h2>
<p class="no-print"><a href="/studio/campaigns/${encodeURIComponent(c.id)}/report.csv?by=day&days=${v.days}" download>${L('report.csv')}</a></p>
${chart('volume', `${L('report.impressions')} / ${L('report.clicks')}`)}${chart('ctr', `${L('report.ctr')} (${L('report.band')})`)}${chart('conversions', L('report.conversions'))}${chart('revenue', L('report.revenue'))}
</section>
${bestTable(ctx, v)}
${v.tables.map((x) => table(ctx, v, x.by, x.report))}
<script type="application/json" id="chart-data">${raw(data)}</script>`;
  return page(ctx, title, body, { scripts: ['uplot.css', 'uplot.js'] });
}
