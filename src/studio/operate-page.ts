// The confirmation step before pausing or resuming: it says what stops (OpenRTB bids; tags and
// /v1/creative fall back) or what starts again, and asks once more. A plain page and form:
// keyboard-usable, no script, Cancel goes back.
import { html } from 'hono/html';
import { t } from './i18n.ts';
import { page, type Html, type StudioCtx } from './layout.ts';

export function operatePage(ctx: StudioCtx, o: { id: string; name: string; op: 'pause' | 'resume'; servingVersion: number | null; back: string; error: string | null }): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  const title = L(`op.${o.op}.title`, { name: o.name });
  const items = o.op === 'pause' ? [L('op.pause.bids'), L('op.pause.tags'), L('op.pause.keep')] : [L('op.resume.bids'), L('op.resume.tags', { n: o.servingVersion ?? '?' })];
  const body = html`<h1 id="op-h">${title}</h1>
${o.error ? html`<p class="alert" role="alert">${o.error}</p>` : ''}
<form method="post" action="/studio/campaigns/${encodeURIComponent(o.id)}/${o.op}" class="card stack confirm" aria-labelledby="op-h" aria-describedby="op-what">
<div id="op-what"><p><b>${L(`op.${o.op}.what`)}</b></p><ul>${items.map((i) => html`<li>${i}</li>`)}</ul></div>
<input type="hidden" name="back" value="${o.back}">
<label for="op-comment">${L('op.comment')}<textarea id="op-comment" name="comment" rows="2" maxlength="2000" dir="auto"></textarea></label>
<div class="actions"><button type="submit" class="${o.op === 'pause' ? 'danger' : ''}" autofocus>${L(`op.confirm.${o.op}`)}</button>
<a class="button secondary-link" href="${o.back}">${L('op.cancel')}</a></div>
</form>`;
  return page(ctx, title, body, { scripts: ['review.css'] });
}
