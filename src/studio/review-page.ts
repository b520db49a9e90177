// The approver's page for the version in review: the submit note, the field-level diff from the
// previous approved version, the submitted version drawn per variant and language (with a link to
// its full tearsheet), the pre-flight, and approve / reject with a comment.
import { html } from 'hono/html';
import { can } from '../services/access.ts';
import type { CampaignView } from '../services/authoring/campaigns.ts';
import type { DocDiff, FieldChange, HistoryEntry } from '../services/authoring/review.ts';
import type { PreflightReport } from '../services/preflight-run.ts';
import { t } from './i18n.ts';
import { fieldError, page, type Html, type StudioCtx } from './layout.ts';
import { badge, historySection, preflightSection } from './review-parts.ts';

export interface ReviewPageData {
  view: CampaignView;
  name: string;
  /** The version waiting for review, or null (nothing to review). */
  version: number | null;
  /** Who made that version (nobody approves their own). */
  madeBy: string | null;
  submitted: { by: string; at: string; comment: string | null } | null;
  diff: DocDiff | null;
  report: PreflightReport | null;
  /** The submitted version drawn: one image per variant × language at one size. */
  creatives: { size: string; cells: Array<{ variant: string; name: string; lang: string; src: string }> };
  history: HistoryEntry[];
  error: { field: string; message: string; status: number } | null;
  comment: string;
}

function changeRows(ctx: StudioCtx, rows: FieldChange[]): Html {
  const cell = (v: string | null) => (v === null ? html`<span class="muted">—</span>` : html`<span dir="auto">${v}</span>`);
  return html`<div class="table-wrap"><table class="diff"><thead><tr><th scope="col">${t(ctx.lang, 'rev.field')}</th><th scope="col">${t(ctx.lang, 'rev.before')}</th><th scope="col">${t(ctx.lang, 'rev.after')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-field="${r.field}"><th scope="row" class="ltr">${r.field}</th><td class="before">${cell(r.before)}</td><td class="after">${cell(r.after)}</td></tr>`)}</tbody></table></div>`;
}

function diffSection(ctx: StudioCtx, d: DocDiff): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  const empty = d.campaign.length === 0 && d.variants.length === 0;
  return html`<section aria-labelledby="diff-h" class="diff-section"><h2 id="diff-h">${d.base === null ? L('rev.diff.first') : L('rev.diff', { n: d.base })}</h2>
${empty ? html`<p class="notice" role="status">${L('rev.nochange')}</p>` : ''}
${d.campaign.length ? html`<h3>${L('rev.campaign')}</h3>${changeRows(ctx, d.campaign)}` : ''}
${d.variants.map(
    (v) => html`<div class="variant-change ${v.change}" data-variant="${v.id}" data-change="${v.change}"><h3>${L(`rev.variant.${v.change}`, { name: `${v.name} (${v.id})` })}</h3>${v.fields.length ? changeRows(ctx, v.fields) : ''}</div>`,
  )}
</section>`;
}

function decideForms(ctx: StudioCtx, d: ReviewPageData, version: number): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  if (!ctx.actor || !can(ctx.actor.role, 'campaign.approve')) return html`<p class="muted">${L('rev.cannot')}</p>`;
  if (ctx.actor.id === d.madeBy) return html`<p class="muted">${L('rev.own')}</p>`;
  const id = encodeURIComponent(d.view.id);
  const err = d.error?.field === 'comment' ? d.error.message : undefined;
  return html`<form method="post" class="card stack no-print" aria-labelledby="decide-h" action="/studio/campaigns/${id}/approve">
<h2 id="decide-h">${L('rev.decide')}</h2>
<input type="hidden" name="version" value="${version}">
<label for="rev-comment">${L('rev.comment')}<textarea id="rev-comment" name="comment" rows="3" maxlength="2000" dir="auto" aria-describedby="rev-comment-help${err ? ' rev-comment-error' : ''}"${err ? html` aria-invalid="true"` : ''}>${d.comment}</textarea></label>
<span id="rev-comment-help" class="muted">${L('rev.comment.help')}</span>
${fieldError('rev-comment', err)}
<div class="actions"><button type="submit">${L('rev.approve', { n: version })}</button>
<button type="submit" class="danger" formaction="/studio/campaigns/${id}/reject">${L('rev.reject', { n: version })}</button></div>
</form>`;
}

export function reviewPage(ctx: StudioCtx, d: ReviewPageData): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  const id = encodeURIComponent(d.view.id);
  const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const title = L('rev.title', { name: d.name });
  const body = html`<h1>${title} ${badge(ctx, d.view.status)}</h1>
<p><a href="/studio/campaigns/${id}">← ${d.name}</a></p>
${d.error && d.error.field !== 'comment' ? html`<div class="alert" role="alert"><p>${d.error.message}</p></div>` : ''}
${d.version === null
  ? html`<p class="notice" role="status">${L('rev.nothing')}</p>`
  : html`${d.submitted ? html`<div class="card"><p><b>${L('rev.note', { who: d.submitted.by, at: when(d.submitted.at) })}</b></p><blockquote dir="auto">${d.submitted.comment ?? L('hist.nocomment')}</blockquote></div>` : ''}
${d.diff ? diffSection(ctx, d.diff) : ''}
<section aria-labelledby="tear-h"><h2 id="tear-h">${L('rev.tearsheet')}</h2>
<p class="actions no-print"><a class="button" href="/studio/campaigns/${id}/versions/${d.version}/tearsheet">${L('camp.versiontear', { n: d.version })}</a></p>
<p class="muted">${L('rev.creatives', { size: d.creatives.size })}</p>
<div class="cells">${d.creatives.cells.map((c) => html`<figure class="cell" data-variant="${c.variant}" data-lang="${c.lang}"><img src="${c.src}" alt="${c.name} (${c.lang}) ${d.creatives.size}" loading="lazy"><figcaption>${c.name} · <span class="ltr">${c.lang}</span></figcaption></figure>`)}</div>
</section>
${d.report ? preflightSection(ctx, d.version, d.report) : ''}
${decideForms(ctx, d, d.version)}`}
${d.history.length ? historySection(ctx, d.history) : ''}`;
  return page(ctx, title, body, { scripts: ['review.css'] });
}
