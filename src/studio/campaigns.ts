// Campaign list (status, flight, regions, last 7 days, pause/resume) with filters. One campaign's page is campaign-page.ts.
import { html } from 'hono/html';
import type { CampaignBundle, Region } from '../domain/types.ts';
import { page, type Html, type StudioCtx } from './layout.ts';
import { can } from '../services/access.ts';
import { flightText, sparkline } from './format.ts';
import { t } from './i18n.ts';
import { operateLink } from './review-parts.ts';

export interface ListRow {
  bundle: CampaignBundle;
  /** The lifecycle state when it is not what serves (draft, in review); else the bundle's status. */
  status?: string;
  days: Array<{ impressions: number; clicks: number }>;
}

function statusBadge(ctx: StudioCtx, status: string): Html {
  return html`<span class="badge ${status}">${t(ctx.lang, `status.${status}`)}</span>`;
}

function filters(ctx: StudioCtx, brands: string[], status: string, brand: string): Html {
  const opt = (v: string, label: string, cur: string) => html`<option value="${v}"${v === cur ? ' selected' : ''}>${label}</option>`;
  return html`<form method="get" class="filters" role="search">
<label for="f-status">${t(ctx.lang, 'filter.status')}<select id="f-status" name="status">${opt('', t(ctx.lang, 'filter.all'), status)}${opt('active', t(ctx.lang, 'status.active'), status)}${opt('paused', t(ctx.lang, 'status.paused'), status)}${opt('draft', t(ctx.lang, 'status.draft'), status)}${opt('in_review', t(ctx.lang, 'status.in_review'), status)}</select></label>
<label for="f-brand">${t(ctx.lang, 'filter.brand')}<select id="f-brand" name="brand">${opt('', t(ctx.lang, 'filter.all'), brand)}${brands.map((b) => opt(b, b, brand))}</select></label>
<button type="submit">${t(ctx.lang, 'filter.apply')}</button></form>`;
}

export function campaignListPage(ctx: StudioCtx, rows: ListRow[], all: CampaignBundle[], regions: ReadonlyMap<string, Region>, f: { status: string; brand: string }): Html {
  const brands = [...new Set(all.map((b) => b.campaign.advertiser))].sort();
  const body = html`<h1>${t(ctx.lang, 'campaigns.title')}</h1>
${ctx.actor && can(ctx.actor.role, 'campaign.edit') ? html`<p class="actions no-print"><a class="button" href="/studio/campaigns/new">${t(ctx.lang, 'ed.new')}</a></p>` : ''}
${filters(ctx, brands, f.status, f.brand)}
${rows.length === 0
  ? html`<p role="status">${t(ctx.lang, 'campaigns.none')}</p>`
  : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t(ctx.lang, 'col.name')}</th><th scope="col">${t(ctx.lang, 'col.status')}</th><th scope="col" class="hide-narrow">${t(ctx.lang, 'col.flight')}</th><th scope="col">${t(ctx.lang, 'col.regions')}</th><th scope="col">${t(ctx.lang, 'col.last7')}</th><th scope="col">${t(ctx.lang, 'col.actions')}</th></tr></thead>
<tbody>${rows.map(({ bundle: { campaign: c }, days, status }) => html`<tr>
<th scope="row"><a href="/studio/campaigns/${encodeURIComponent(c.id)}">${c.name}</a><div class="muted">${c.advertiser}</div></th>
<td>${statusBadge(ctx, status ?? c.status)}</td>
<td class="hide-narrow ltr">${flightText(c.startsAt, c.endsAt, regions.get(c.regions[0] ?? ''))}</td>
<td class="ltr">${c.regions.join(', ')}</td>
<td>${sparkline(ctx.lang, days)}</td>
<td>${operateLink(ctx, { ...c, status: (status ?? c.status) as typeof c.status }, '/studio/campaigns')}</td></tr>`)}</tbody></table></div>`}`;
  return page(ctx, t(ctx.lang, 'campaigns.title'), body);
}
