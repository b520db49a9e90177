// Pieces the campaign and review pages share: status badge, pause/resume link (offered only to a
// role that may operate), the pre-flight table, and the history of versions with their comments.
import { html } from 'hono/html';
import type { Campaign } from '../domain/types.ts';
import { can } from '../services/access.ts';
import type { HistoryEntry } from '../services/authoring/review.ts';
import type { PreflightIssue, PreflightReport } from '../services/preflight-run.ts';
import type { Html, StudioCtx } from './layout.ts';
import { t } from './i18n.ts';

export function badge(ctx: StudioCtx, status: string): Html {
  return html`<span class="badge ${status}">${t(ctx.lang, `status.${status}`)}</span>`;
}

export const mayOperate = (ctx: StudioCtx) => !!ctx.actor && can(ctx.actor.role, 'campaign.operate');

/** Pause (serving) or Resume (paused) for a campaign the authoring API manages (it has a version); `back` is where to return. */
export function operateLink(ctx: StudioCtx, c: Pick<Campaign, 'id' | 'name' | 'status' | 'version'>, back: string): Html | string {
  if (!mayOperate(ctx) || c.version === undefined || (c.status !== 'active' && c.status !== 'paused')) return '';
  const op = c.status === 'paused' ? 'resume' : 'pause';
  return html`<a class="button secondary-link" href="/studio/campaigns/${encodeURIComponent(c.id)}/${op}?back=${encodeURIComponent(back)}" aria-label="${t(ctx.lang, `op.${op}.label`, { name: c.name })}">${t(ctx.lang, `op.${op}`)}</a>`;
}

/** A fit finding shows the copy as written and as drawn, each isolated in its own direction (Arabic inside an English line reads right). */
function detail(f: PreflightIssue): Html {
  if (f.original === undefined) return html`<span dir="ltr">${f.detail}</span>`;
  const size = f.fontSize !== undefined ? html` <span class="muted">(${f.fontSize}px, ${f.requestedSize}px)</span>` : '';
  return html`<span dir="ltr"><bdi>“${f.original}”</bdi> → ${f.shown ? html`<bdi>“${f.shown}”</bdi>` : '∅'}${size}</span>`;
}

export function preflightSection(ctx: StudioCtx, version: number, r: PreflightReport): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  const rows = [...r.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
  return html`<section aria-labelledby="pf" class="card preflight-card">
<h2 id="pf">${L('pf.title')}</h2>
<p data-blocking="${r.blocking}" data-warnings="${r.warnings}">${L('pf.of', { n: version, b: r.blocking, w: r.warnings, v: r.checked.variants.length, s: r.checked.sizes.length, l: r.checked.languages.length })}</p>
${r.blocking ? html`<p class="alert" role="alert">${L('pf.blocks')}</p>` : ''}
${r.capped.length ? html`<p class="muted">${L('pf.capped', { what: r.capped.join('; ') })}</p>` : ''}
${rows.length === 0
  ? html`<p class="notice" role="status">${L('pf.ok')}</p>`
  : html`<div class="table-wrap"><table class="preflight">
<thead><tr><th scope="col">${L('pf.severity')}</th><th scope="col">${L('pf.check')}</th><th scope="col">${L('pf.subject')}</th><th scope="col">${L('pf.field')}</th><th scope="col">${L('pf.size')}</th><th scope="col">${L('pf.lang')}</th><th scope="col">${L('pf.detail')}</th></tr></thead>
<tbody>${rows.map(
    (f) => html`<tr data-check="${f.check}" data-severity="${f.severity}">
<td data-label="${L('pf.severity')}"><span class="sev ${f.severity}">${L(`sev.${f.severity}`)}</span></td><td data-label="${L('pf.check')}">${L(`chk.${f.check}`)}</td>
<td class="ltr" data-label="${L('pf.subject')}">${f.subject}</td><td class="ltr" data-label="${L('pf.field')}">${f.field}</td><td class="ltr" data-label="${L('pf.size')}">${f.size ?? ''}</td><td class="ltr" data-label="${L('pf.lang')}">${f.lang ?? ''}${f.region ? ` (${f.region})` : ''}</td>
<td data-label="${L('pf.detail')}">${detail(f)}<div class="muted">${f.reason}</div></td></tr>`,
  )}</tbody></table></div>`}
</section>`;
}

export function historySection(ctx: StudioCtx, entries: HistoryEntry[]): Html {
  const L = (k: string, vars?: Record<string, string | number>) => t(ctx.lang, k, vars);
  const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return html`<section aria-labelledby="hist"><h2 id="hist">${L('camp.history')}</h2>
<ol class="history" reversed>${entries.map(
    (e) => html`<li data-version="${e.version}"><div><b>${L('camp.madeby', { n: e.version, who: e.createdBy, at: when(e.createdAt) })}</b> ${badge(ctx, e.state)}</div>
<div class="muted"><span>${L('hist.changes')}:</span> <span dir="auto">${e.summary.join('; ')}</span></div>
${e.events.length ? html`<ul class="comments">${e.events.map((ev) => html`<li data-action="${ev.action}"><span class="by">${ev.by}</span> ${L(`hist.${ev.action}`)} · <time datetime="${ev.at}">${when(ev.at)}</time>: <q dir="auto">${ev.comment ?? L('hist.nocomment')}</q></li>`)}</ul>` : ''}
</li>`,
  )}</ol></section>`;
}
