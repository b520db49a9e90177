// Promos: the list with each region's local-time window (and its UTC equivalent), and a create /
// edit form whose field errors come from the same validation the admin API uses.
import { html } from 'hono/html';
import { instantOfWall } from '../domain/time.ts';
import type { Promo, Region } from '../domain/types.ts';
import { fieldError, page, type Html, type StudioCtx } from './layout.ts';
import { t } from './i18n.ts';

export interface PromoForm {
  values: Record<string, string | string[]>;
  errors: Map<string, string>;
  editing: string | null;
  saved: boolean;
}

/** Form field → the schema path whose error it shows. */
export const PROMO_FIELDS: ReadonlyArray<[string, string]> = [
  ['id', 'id'], ['name', 'name'], ['regions', 'regions'], ['startsLocal', 'startsLocal'], ['endsLocal', 'endsLocal'],
  ['kind', 'discount.kind'], ['value', 'discount.value'], ['code', 'code'], ['priority', 'priority'], ['categories', 'selector.categories'],
  ['copy_en', 'copy.en'], ['copy_ar', 'copy.ar'],
];

/** The admin API's promo document from the form. */
export function promoBody(f: (k: string) => string, all: (k: string) => string[]): Record<string, unknown> {
  const categories = f('categories').split(',').map((s) => s.trim()).filter(Boolean);
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    id: f('id').trim(),
    name: f('name').trim(),
    regions: all('regions'),
    startsLocal: f('startsLocal'),
    endsLocal: f('endsLocal'),
    discount: { kind: f('kind'), value: num(f('value')) },
    selector: categories.length ? { categories } : {},
    code: f('code').trim() || null,
    priority: f('priority').trim() === '' ? 0 : num(f('priority')),
    copy: { en: f('copy_en'), ...(f('copy_ar').trim() ? { ar: f('copy_ar') } : {}) },
  };
}

export function promoValues(p: Promo): Record<string, string | string[]> {
  return {
    id: p.id, name: p.name, regions: p.regions, startsLocal: p.startsLocal, endsLocal: p.endsLocal, kind: p.discount.kind, value: String(p.discount.value),
    code: p.code ?? '', priority: String(p.priority), categories: (p.selector.categories ?? []).join(', '), copy_en: p.copy.en, copy_ar: p.copy.ar ?? '',
  };
}

function windows(p: Promo, regions: ReadonlyMap<string, Region>, ctx: StudioCtx): Html {
  return html`<ul class="windows">${p.regions.map((code) => {
    const r = regions.get(code);
    if (!r) return html`<li><span class="ltr">${code}</span></li>`;
    const utc = (w: string) => new Date(instantOfWall(w, r.tz)).toISOString().slice(0, 16).replace('T', ' ');
    return html`<li><span class="ltr">${code}: ${p.startsLocal.replace('T', ' ')} → ${p.endsLocal.replace('T', ' ')} (${r.tz}) = ${utc(p.startsLocal)} → ${utc(p.endsLocal)} UTC</span></li>`;
  })}</ul>`;
}

function input(ctx: StudioCtx, f: PromoForm, name: string, label: string, type = 'text', extra: Record<string, string> = {}): Html {
  const err = f.errors.get(name);
  const v = f.values[name];
  return html`<label for="p-${name}">${label}<input id="p-${name}" name="${name}" type="${type}" value="${typeof v === 'string' ? v : ''}"${err ? html` aria-invalid="true" aria-describedby="p-${name}-error"` : ''}${Object.entries(extra).map(([k, x]) => html` ${k}="${x}"`)}>${fieldError(`p-${name}`, err)}</label>`;
}

function form(ctx: StudioCtx, f: PromoForm, regions: Region[]): Html {
  const L = (k: string) => t(ctx.lang, k);
  const chosen = Array.isArray(f.values.regions) ? f.values.regions : [];
  const kind = typeof f.values.kind === 'string' ? f.values.kind : 'percent';
  const action = f.editing ? `/studio/promos/${encodeURIComponent(f.editing)}` : '/studio/promos';
  const regErr = f.errors.get('regions');
  const arErr = f.errors.get('copy_ar');
  const tz = regions.filter((r) => chosen.includes(r.code)).map((r) => `${r.code}: ${r.tz}`).join(', ');
  return html`<section aria-labelledby="pf-h"><h2 id="pf-h">${f.editing ? t(ctx.lang, 'promos.edit', { id: f.editing }) : L('promos.new')}</h2>
${f.saved ? html`<p class="notice" role="status">${L('promo.saved')}</p>` : ''}
${f.errors.size ? html`<p class="alert" role="alert">${L('promo.errors')}</p>` : ''}
<form method="post" action="${action}" class="grid-form" novalidate>
${f.editing ? html`<input type="hidden" name="id" value="${f.editing}">` : input(ctx, f, 'id', L('promo.id'), 'text', { dir: 'ltr', required: 'required' })}
${input(ctx, f, 'name', L('promo.name'), 'text', { required: 'required' })}
<fieldset${regErr ? html` aria-describedby="p-regions-error"` : ''}><legend>${L('promo.regions')}</legend>${regions.map((r) => html`<label><input type="checkbox" name="regions" value="${r.code}"${chosen.includes(r.code) ? ' checked' : ''}> <span class="ltr">${r.code}</span> ${r.name[ctx.lang] ?? r.name.en} <span class="muted ltr">(${r.tz})</span></label>`)}${fieldError('p-regions', regErr)}</fieldset>
${input(ctx, f, 'startsLocal', L('promo.starts'), 'datetime-local')}
${input(ctx, f, 'endsLocal', L('promo.ends'), 'datetime-local')}
${tz ? html`<p class="muted ltr" style="flex-basis:100%">${tz}</p>` : ''}
<label for="p-kind">${L('promo.kind')}<select id="p-kind" name="kind">${['percent', 'amount', 'fixed'].map((k) => html`<option value="${k}"${k === kind ? ' selected' : ''}>${L(`promo.kind.${k}`)}</option>`)}</select>${fieldError('p-kind', f.errors.get('kind'))}</label>
${input(ctx, f, 'value', L('promo.value'), 'number', { step: '0.01', min: '0' })}
${input(ctx, f, 'code', L('promo.code'), 'text', { dir: 'ltr' })}
${input(ctx, f, 'priority', L('promo.priority'), 'number', { step: '1' })}
${input(ctx, f, 'categories', L('promo.categories'), 'text', { dir: 'ltr' })}
${input(ctx, f, 'copy_en', L('promo.copy.en'), 'text', { dir: 'ltr', lang: 'en' })}
<label for="p-copy_ar">${L('promo.copy.ar')}<input id="p-copy_ar" name="copy_ar" dir="rtl" lang="ar" value="${typeof f.values.copy_ar === 'string' ? f.values.copy_ar : ''}"${arErr ? html` aria-invalid="true" aria-describedby="p-copy_ar-error"` : ''}>${fieldError('p-copy_ar', arErr)}</label>
<button type="submit">${L('promo.save')}</button>
</form></section>`;
}

export function promosPage(ctx: StudioCtx, promos: Promo[], regions: Region[], f: PromoForm, canWrite: boolean): Html {
  const L = (k: string) => t(ctx.lang, k);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const body = html`<h1>${L('promos.title')}</h1>
<div class="table-wrap"><table><thead><tr><th scope="col">${L('promo.id')}</th><th scope="col">${L('promo.name')}</th><th scope="col">${L('promos.window')}</th><th scope="col">${L('promo.value')}</th></tr></thead>
<tbody>${promos.map((p) => html`<tr><td class="ltr">${canWrite ? html`<a href="/studio/promos/${encodeURIComponent(p.id)}">${p.id}</a>` : p.id}</td><th scope="row">${p.name}<div class="muted" lang="ar" dir="rtl">${p.copy.ar ?? ''}</div></th><td>${windows(p, byCode, ctx)}</td>
<td class="ltr">${p.discount.kind} ${p.discount.value}${p.code ? ` · ${p.code}` : ''}</td></tr>`)}</tbody></table></div>
${canWrite ? form(ctx, f, regions) : ''}`;
  return page(ctx, L('promos.title'), body);
}
