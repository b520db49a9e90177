// Campaign list (status, flight, regions, last 7 days) with filters, and one campaign's page.
import { html } from 'hono/html';
import type { CampaignBundle, Region } from '../domain/types.ts';
import type { PreflightFinding } from '../domain/preflight.ts';
import { page, type Html, type StudioCtx } from './layout.ts';
import { can } from '../services/access.ts';
import { conditionText, flightText, sparkline } from './format.ts';
import { fmtPercent, t } from './i18n.ts';

export interface ListRow {
  bundle: CampaignBundle;
  days: Array<{ impressions: number; clicks: number }>;
}

function statusBadge(ctx: StudioCtx, status: string): Html {
  return html`<span class="badge ${status}">${t(ctx.lang, `status.${status}`)}</span>`;
}

function filters(ctx: StudioCtx, brands: string[], status: string, brand: string): Html {
  const opt = (v: string, label: string, cur: string) => html`<option value="${v}"${v === cur ? ' selected' : ''}>${label}</option>`;
  return html`<form method="get" class="filters" role="search">
<label for="f-status">${t(ctx.lang, 'filter.status')}<select id="f-status" name="status">${opt('', t(ctx.lang, 'filter.all'), status)}${opt('active', t(ctx.lang, 'status.active'), status)}${opt('paused', t(ctx.lang, 'status.paused'), status)}</select></label>
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
<thead><tr><th scope="col">${t(ctx.lang, 'col.name')}</th><th scope="col">${t(ctx.lang, 'col.status')}</th><th scope="col" class="hide-narrow">${t(ctx.lang, 'col.flight')}</th><th scope="col">${t(ctx.lang, 'col.regions')}</th><th scope="col">${t(ctx.lang, 'col.last7')}</th></tr></thead>
<tbody>${rows.map(({ bundle: { campaign: c }, days }) => html`<tr>
<th scope="row"><a href="/studio/campaigns/${encodeURIComponent(c.id)}">${c.name}</a><div class="muted">${c.advertiser}</div></th>
<td>${statusBadge(ctx, c.status)}</td>
<td class="hide-narrow ltr">${flightText(c.startsAt, c.endsAt, regions.get(c.regions[0] ?? ''))}</td>
<td class="ltr">${c.regions.join(', ')}</td>
<td>${sparkline(ctx.lang, days)}</td></tr>`)}</tbody></table></div>`}`;
  return page(ctx, t(ctx.lang, 'campaigns.title'), body);
}

function preflightCard(ctx: StudioCtx, findings: PreflightFinding[]): Html {
  const L = (k: string) => t(ctx.lang, k);
  return html`<section aria-labelledby="pf" class="card" style="margin-top:12px"><h2 id="pf">${L('preflight.title')}</h2>
${findings.length === 0 ? html`<p class="notice" role="status">${L('preflight.ok')}</p>` : html`<ul class="preflight" role="list">${findings.map((f) => html`<li class="alert" data-check="${f.check}"><b>${L(`preflight.${f.check}`)}</b> — <span class="ltr" dir="ltr">${f.subject}: ${f.field}: ${f.detail}</span></li>`)}</ul>`}
<p class="muted">${L('preflight.fit')}</p></section>`;
}

export function campaignPage(ctx: StudioCtx, b: CampaignBundle, regions: ReadonlyMap<string, Region>, holdoutDefault: number, findings: PreflightFinding[]): Html {
  const c = b.campaign;
  const id = encodeURIComponent(c.id);
  const sel = c.selector;
  const selText = [sel.categories?.join(', '), sel.brands?.join(', '), sel.labels?.join(', '), sel.productIds?.join(', ')].filter(Boolean).join(' · ') || '*';
  const body = html`<h1>${c.name} ${statusBadge(ctx, c.status)}</h1>
<p class="actions no-print"><a class="button" href="/studio/campaigns/${id}/tearsheet">${t(ctx.lang, 'link.tearsheet')}</a>
<a class="button" href="/studio/campaigns/${id}/report">${t(ctx.lang, 'link.report')}</a></p>
<div class="cards">
<div class="card"><h2>${t(ctx.lang, 'col.flight')}</h2><ul class="windows">${c.regions.map((r) => html`<li><span class="ltr">${r}: ${flightText(c.startsAt, c.endsAt, regions.get(r))}</span></li>`)}</ul></div>
<div class="card"><h2>${t(ctx.lang, 'campaign.selector')}</h2><p class="ltr">${selText}</p>
<p>${t(ctx.lang, 'campaign.sizes')}: <span class="ltr">${c.sizes.length ? c.sizes.join(', ') : '*'}</span></p></div>
<div class="card"><h2>${t(ctx.lang, 'campaign.optimization')}</h2><p>${c.optimization ?? 'thompson'}</p>
<p>${t(ctx.lang, 'campaign.holdout')}: ${fmtPercent(ctx.lang, c.holdoutShare ?? holdoutDefault, 1)}</p>
<p>${t(ctx.lang, 'campaign.cap')}: ${c.frequencyCap ?? t(ctx.lang, 'campaign.none')}</p></div>
</div>
${preflightCard(ctx, findings)}
<h2>${t(ctx.lang, 'campaign.variants')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(ctx.lang, 'col.name')}</th><th scope="col">${t(ctx.lang, 'campaign.template')}</th><th scope="col">${t(ctx.lang, 'campaign.conditions')}</th><th scope="col">English</th><th scope="col">العربية</th></tr></thead>
<tbody>${b.variants.map((v) => html`<tr><th scope="row">${v.name}<div class="muted ltr">${v.id}</div></th><td>${v.template}</td>
<td class="ltr">${v.conditions.length ? v.conditions.map(conditionText).join('; ') : t(ctx.lang, 'campaign.always')}</td>
<td lang="en" dir="ltr">${v.copy.en.headline}<div class="muted">${v.copy.en.cta}</div></td>
<td lang="ar" dir="rtl">${v.copy.ar?.headline ?? ''}<div class="muted">${v.copy.ar?.cta ?? ''}</div></td></tr>`)}</tbody></table></div>`;
  return page(ctx, c.name, body);
}
