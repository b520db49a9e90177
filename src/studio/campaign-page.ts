// One campaign's page: status, flight per region in its time zone, variants, the pre-flight of the
// head version, the history of versions with submit notes and review comments, and the actions the
// signed-in role may take (edit, submit with a note, review, pause/resume, tearsheet, report).
import { html } from 'hono/html';
import type { CampaignBundle, Region } from '../domain/types.ts';
import { can } from '../services/access.ts';
import type { CampaignView } from '../services/authoring/campaigns.ts';
import type { HistoryEntry } from '../services/authoring/review.ts';
import type { PreflightReport } from '../services/preflight-run.ts';
import { conditionText, flightText } from './format.ts';
import { fmtPercent, t } from './i18n.ts';
import { fieldError, page, type Html, type StudioCtx } from './layout.ts';
import { badge, historySection, operateLink, preflightSection } from './review-parts.ts';

export interface CampaignPageData {
  /** The head version as it would serve (managed), or what serves (loaded outside the authoring API). */
  bundle: CampaignBundle;
  view: CampaignView | null;
  /** Whether a version of it is in the serving tables now. */
  serving: boolean;
  regions: ReadonlyMap<string, Region>;
  report: PreflightReport;
  history: HistoryEntry[];
  holdoutDefault: number;
  notice: string | null;
  error: { field: string; message: string } | null;
  note: string;
}

function flight(ctx: StudioCtx, d: CampaignPageData): Html {
  const c = d.bundle.campaign;
  return html`<div class="card"><h2>${t(ctx.lang, 'camp.flight')}</h2><ul class="windows">${c.regions.map((r) => {
    const region = d.regions.get(r);
    const text = c.startsLocal && c.endsLocal ? `${c.startsLocal.replace('T', ' ')} → ${c.endsLocal.replace('T', ' ')} (${region?.tz ?? 'UTC'})` : flightText(c.startsAt, c.endsAt, region);
    return html`<li><span class="ltr">${r}</span> ${region ? region.name[ctx.lang] ?? region.name.en : ''}: <span class="ltr">${text}</span></li>`;
  })}</ul></div>`;
}

function submitForm(ctx: StudioCtx, d: CampaignPageData, v: CampaignView): Html | string {
  if (!ctx.actor || !can(ctx.actor.role, 'campaign.submit') || v.versionState !== 'draft') return '';
  const err = d.error?.field === 'comment' ? d.error.message : undefined;
  return html`<form method="post" action="/studio/campaigns/${encodeURIComponent(v.id)}/submit" class="card stack no-print" aria-labelledby="submit-h">
<h2 id="submit-h">${t(ctx.lang, 'camp.submit.title')}</h2>
<input type="hidden" name="version" value="${v.version}">
<label for="submit-note">${t(ctx.lang, 'camp.submit.note')}<textarea id="submit-note" name="comment" rows="3" maxlength="2000" dir="auto"${err ? html` aria-invalid="true" aria-describedby="submit-note-error"` : ''}>${d.note}</textarea></label>
${fieldError('submit-note', err)}
<button type="submit">${t(ctx.lang, 'camp.submit.go', { n: v.version })}</button>
</form>`;
}

function actions(ctx: StudioCtx, d: CampaignPageData): Html {
  const c = d.bundle.campaign;
  const id = encodeURIComponent(c.id);
  const v = d.view;
  const role = ctx.actor?.role;
  const here = `/studio/campaigns/${c.id}`;
  const status = v ? (v.status === 'paused' ? 'paused' : 'active') : c.status;
  const operable = !v || (v.servingVersion !== null && v.status !== 'archived');
  return html`<p class="actions no-print">
${v && role && can(role, 'campaign.edit') && v.status !== 'archived' ? html`<a class="button" href="/studio/campaigns/${id}/edit">${t(ctx.lang, 'camp.edit')}</a>` : ''}
${v?.versionState === 'in_review' ? html`<a class="button" href="/studio/campaigns/${id}/review">${t(ctx.lang, 'camp.review')}</a>` : ''}
${d.serving ? html`<a class="button" href="/studio/campaigns/${id}/tearsheet">${t(ctx.lang, 'link.tearsheet')}</a>` : ''}
${v && (!d.serving || v.version !== v.servingVersion) ? html`<a class="button" href="/studio/campaigns/${id}/versions/${v.version}/tearsheet">${t(ctx.lang, 'camp.versiontear', { n: v.version })}</a>` : ''}
${d.serving ? html`<a class="button" href="/studio/campaigns/${id}/report">${t(ctx.lang, 'link.report')}</a>` : ''}
${operable && d.serving ? operateLink(ctx, { id: c.id, name: c.name, status, version: v ? v.servingVersion ?? undefined : c.version }, here) : ''}
</p>`;
}

function variantsTable(ctx: StudioCtx, b: CampaignBundle): Html {
  return html`<h2>${t(ctx.lang, 'campaign.variants')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(ctx.lang, 'col.name')}</th><th scope="col">${t(ctx.lang, 'campaign.template')}</th><th scope="col">${t(ctx.lang, 'campaign.conditions')}</th><th scope="col">English</th><th scope="col">العربية</th></tr></thead>
<tbody>${b.variants.map((v) => html`<tr><th scope="row">${v.name}<div class="muted ltr">${v.id} · ${v.productSource ?? 'catalog'}</div></th><td>${v.template}</td>
<td class="ltr">${v.conditions.length ? v.conditions.map(conditionText).join('; ') : t(ctx.lang, 'campaign.always')}</td>
<td lang="en" dir="ltr">${v.copy.en.headline}<div class="muted">${v.copy.en.cta}</div></td>
<td lang="ar" dir="rtl">${v.copy.ar?.headline ?? ''}<div class="muted">${v.copy.ar?.cta ?? ''}</div></td></tr>`)}</tbody></table></div>`;
}

export function campaignPage(ctx: StudioCtx, d: CampaignPageData): Html {
  const c = d.bundle.campaign;
  const v = d.view;
  const sel = c.selector;
  const selText = [sel.categories?.join(', '), sel.brands?.join(', '), sel.labels?.join(', '), sel.productIds?.join(', ')].filter(Boolean).join(' · ') || '*';
  const body = html`<h1>${c.name} ${badge(ctx, v ? v.status : c.status)}</h1>
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : ''}
${d.error && d.error.field !== 'comment' ? html`<p class="alert" role="alert">${d.error.message}</p>` : ''}
${v
  ? html`<p class="muted">${t(ctx.lang, 'camp.version', { n: v.version, state: t(ctx.lang, `status.${v.versionState}`) })} · ${v.servingVersion !== null ? t(ctx.lang, 'camp.serving', { n: v.servingVersion }) : t(ctx.lang, 'camp.notserving')}</p>`
  : html`<p class="muted">${t(ctx.lang, 'camp.unmanaged')}</p>`}
${actions(ctx, d)}
<div class="cards">
${flight(ctx, d)}
<div class="card"><h2>${t(ctx.lang, 'campaign.selector')}</h2><p class="ltr">${selText}</p>
<p>${t(ctx.lang, 'campaign.sizes')}: <span class="ltr">${c.sizes.length ? c.sizes.join(', ') : '*'}</span></p></div>
<div class="card"><h2>${t(ctx.lang, 'campaign.optimization')}</h2><p>${c.optimization ?? 'thompson'}</p>
<p>${t(ctx.lang, 'campaign.holdout')}: ${fmtPercent(ctx.lang, c.holdoutShare ?? d.holdoutDefault, 1)}</p>
<p>${t(ctx.lang, 'campaign.cap')}: ${c.frequencyCap ?? t(ctx.lang, 'campaign.none')}</p></div>
</div>
${v ? submitForm(ctx, d, v) : ''}
${preflightSection(ctx, v?.version ?? c.version ?? 1, d.report)}
${variantsTable(ctx, d.bundle)}
${d.history.length ? historySection(ctx, d.history) : ''}`;
  return page(ctx, c.name, body, { scripts: ['review.css'] });
}
