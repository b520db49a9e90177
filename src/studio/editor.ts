// The campaign editor page (/studio/campaigns/new and /studio/campaigns/:id/edit): campaign fields,
// the variants editor and, beside them, the live preview. Server-rendered with the server's field
// errors in place; the small client (editor.js) adds rows, inserts placeholders, counts matching
// products, re-renders the preview as you type, and keeps the draft across an expired session.
import { html, raw } from 'hono/html';
import { SIGNAL_OPTIONS } from '../domain/signal-options.ts';
import { SIZE_KEYS } from '../domain/sizes.ts';
import type { Region } from '../domain/types.ts';
import { CHANNELS } from '../services/authoring/schemas.ts';
import { CONDITION_OPS } from '../services/authoring/schemas.ts';
import type { DraftDoc } from './editor-form.ts';
import { checks, errorSpan, input, select, textOf, valueAt, type Errors } from './editor-fields.ts';
import { conditionValueControl, variantsSection, type VariantChoices } from './editor-variants.ts';
import { t } from './i18n.ts';
import { page, type Html, type StudioCtx } from './layout.ts';

export interface EditorPage {
  mode: 'create' | 'edit';
  campaignId: string | null;
  /** The head version the form was loaded from (what a save must name). */
  version: number | null;
  status: string | null;
  doc: DraftDoc;
  errors: Errors;
  /** The save's summary (field errors are beside their fields). */
  message: string | null;
  stale: { changedBy: string; changedAt: string; current: number | null } | null;
  saved: number | null;
  regions: readonly Region[];
  placements: ReadonlyArray<{ id: string; name: string }>;
  kits: ReadonlyArray<{ id: string; name: string }>;
  templates: readonly string[];
  suggestions: { categories: string[]; brands: string[]; labels: string[]; products: string[] };
}

const json = (v: unknown) => raw(JSON.stringify(v).replace(/</g, '\\u003c'));

function datalists(p: EditorPage): Html {
  const dl = (id: string, values: readonly string[]) => html`<datalist id="${id}">${values.map((v) => html`<option value="${v}"></option>`)}</datalist>`;
  return html`${dl('dl-categories', p.suggestions.categories)}${dl('dl-brands', p.suggestions.brands)}${dl('dl-labels', p.suggestions.labels)}${dl('dl-products', p.suggestions.products)}
${Object.entries(SIGNAL_OPTIONS).filter(([, o]) => o.kind === 'text').map(([s, o]) => dl(`dl-${s}`, 'values' in o ? o.values : []))}`;
}

/** One value control per signal (single and multiple), cloned by the client when a condition's signal or operator changes. */
function valueTemplates(ctx: StudioCtx, choices: VariantChoices): Html {
  return html`${Object.keys(SIGNAL_OPTIONS).flatMap((s) => [false, true].map((many) => html`<template data-value-for="${s}" data-many="${many ? '1' : '0'}">${conditionValueControl(ctx, '__NAME__', s, many ? 'in' : 'eq', undefined, choices)}</template>`))}`;
}

function campaignSection(ctx: StudioCtx, p: EditorPage): Html {
  const L = (k: string) => t(ctx.lang, k);
  const d = p.doc;
  const e = p.errors;
  const hold = valueAt(d, 'holdoutShare');
  return html`<fieldset class="section"><legend>${L('ed.campaign')}</legend>
${p.mode === 'create' ? input(d, e, 'id', L('ed.id'), { required: true, dir: 'ltr', help: L('ed.id.help') }) : html`<input type="hidden" name="version" value="${p.version ?? ''}">`}
${input(d, e, 'name', L('ed.name'), { required: true })}
${input(d, e, 'advertiser', L('ed.advertiser'), { required: true, list: 'dl-brands' })}
${input(d, e, 'adomain', L('ed.adomain'), { required: true, dir: 'ltr', placeholder: 'brand.example' })}
${select(d, e, 'brandKitId', L('ed.kit'), [['', L('ed.kit.none')], ...p.kits.map((k): [string, string] => [k.id, k.name])])}
${input(d, e, 'brandColor', L('ed.brandColor'), { type: 'color', value: textOf(valueAt(d, 'brandColor')) || '#111827' })}
</fieldset>
<fieldset class="section" data-flight><legend>${L('ed.flight')}</legend>
${input(d, e, 'startsLocal', L('ed.starts'), { type: 'datetime-local', required: true, help: L('ed.flight.help') })}
${input(d, e, 'endsLocal', L('ed.ends'), { type: 'datetime-local', required: true })}
<div class="tz-list" id="tz-list" aria-live="polite"></div>
</fieldset>
${checks(d, e, 'regions', L('ed.regions'), p.regions.map((r): [string, string] => [r.code, `${r.code} ${ctx.lang === 'ar' ? (r.name.ar ?? r.name.en) : r.name.en} · ${r.tz}`]))}
<fieldset class="section"><legend>${L('ed.products')}</legend>
<p class="muted" id="sel-help">${L('ed.products.help')}</p>
${input(d, e, 'selector.categories', L('ed.sel.categories'), { list: 'dl-categories', placeholder: 'a, b' })}
${input(d, e, 'selector.brands', L('ed.sel.brands'), { list: 'dl-brands' })}
${input(d, e, 'selector.labels', L('ed.sel.labels'), { list: 'dl-labels' })}
${input(d, e, 'selector.productIds', L('ed.sel.productIds'), { list: 'dl-products', dir: 'ltr' })}
${input(d, e, 'selector.priceMin', L('ed.sel.priceMin'), { inputmode: 'decimal' })}
${input(d, e, 'selector.priceMax', L('ed.sel.priceMax'), { inputmode: 'decimal' })}
<details><summary>${L('ed.sel.exclude')}</summary><div class="row">
${input(d, e, 'selector.exclude.categories', L('ed.sel.categories'), { list: 'dl-categories' })}
${input(d, e, 'selector.exclude.brands', L('ed.sel.brands'), { list: 'dl-brands' })}
${input(d, e, 'selector.exclude.productIds', L('ed.sel.productIds'), { dir: 'ltr' })}
${input(d, e, 'selector.exclude.labels', L('ed.sel.labels'), { list: 'dl-labels' })}
</div></details>
${errorSpan('selector', e)}
<div id="product-matches" class="matches" aria-live="polite" data-label="${L('ed.matches')}" data-none="${L('ed.matches.none')}"></div>
</fieldset>
<fieldset class="section"><legend>${L('ed.where')}</legend>
${checks(d, e, 'sizes', L('ed.sizes'), SIZE_KEYS.map((s): [string, string] => [s, s]), { help: L('ed.sizes.help') })}
${checks(d, e, 'channels', L('ed.channels'), CHANNELS.map((c): [string, string] => [c, L(`ed.channel.${c}`)]), { checked: Array.isArray(d.channels) ? (d.channels as string[]) : [...CHANNELS] })}
${p.placements.length ? checks(d, e, 'placements', L('ed.placements'), p.placements.map((x): [string, string] => [x.id, `${x.name} (${x.id})`])) : html`<p class="muted">${L('ed.placements.none')}</p>`}
${input(d, e, 'deals', L('ed.deals'), { dir: 'ltr', help: L('ed.deals.help') })}
${input(d, e, 'bidCpm', L('ed.bidCpm'), { inputmode: 'decimal' })}
${input(d, e, 'iabCategories', L('ed.iab'), { dir: 'ltr', placeholder: 'IAB18' })}
</fieldset>
<fieldset class="section"><legend>${L('ed.delivery')}</legend>
${input(d, e, 'frequencyCap', L('ed.cap'), { type: 'number', min: '1', max: '1000', help: L('ed.cap.help') })}
${select(d, e, 'optimization', L('ed.optimization'), [['thompson', L('ed.opt.thompson')], ['rules', L('ed.opt.rules')]])}
${input(d, e, 'holdoutShare', L('ed.holdout'), { type: 'number', min: '0', max: '50', step: '0.1', value: typeof hold === 'number' ? String(Math.round(hold * 1000) / 10) : textOf(hold), help: L('ed.holdout.help') })}
${input(d, e, 'lowStockThreshold', L('ed.lowStock'), { type: 'number', min: '0', max: '1000', value: textOf(valueAt(d, 'lowStockThreshold') ?? 5) })}
</fieldset>
<fieldset class="section"><legend>${L('ed.fallback')}</legend>
${input(d, e, 'fallback.headline.en', L('ed.fallback.en'), { required: true, lang: 'en', dir: 'ltr' })}
${input(d, e, 'fallback.headline.ar', L('ed.fallback.ar'), { lang: 'ar', dir: 'rtl' })}
${input(d, e, 'fallback.link', L('ed.fallback.link'), { type: 'url', required: true, dir: 'ltr', placeholder: 'https://' })}
</fieldset>`;
}

function previewPanel(ctx: StudioCtx): Html {
  const L = (k: string) => t(ctx.lang, k);
  return html`<aside class="preview-panel" aria-labelledby="h-preview">
<h2 id="h-preview">${L('ed.preview')}</h2>
<div class="row">
<label for="pv-variant">${L('ed.preview.variant')}<select id="pv-variant"></select></label>
<label for="pv-region">${L('ed.preview.region')}<select id="pv-region"></select></label>
<fieldset class="inline-group"><legend>${L('ed.preview.format')}</legend>
<label><input type="radio" name="pv-format" value="png" checked> PNG</label>
<label><input type="radio" name="pv-format" value="html"> HTML</label></fieldset>
</div>
<p id="pv-status" class="muted" role="status" aria-live="polite">${L('ed.preview.idle')}</p>
<ul id="pv-warnings" class="warnings" aria-label="${L('ed.preview.warnings')}"></ul>
<div id="pv-cells" class="pv-cells"></div>
</aside>`;
}

/** Words the client script shows (taken from data attributes: one language table, on the server). */
function clientWords(ctx: StudioCtx): Record<string, string> {
  const keys = ['ed.preview.loading', 'ed.preview.done', 'ed.preview.failed', 'ed.preview.fallback', 'ed.preview.simulated', 'ed.preview.capped', 'ed.warn.shortened', 'ed.warn.dropped', 'ed.warn.shrunk', 'ed.saving', 'ed.saved', 'ed.errors', 'ed.stale', 'ed.expired', 'ed.restored', 'ed.forbidden', 'ed.tz.line', 'ed.tz.same', 'ed.ph.into', 'ed.matches.more', 'ed.matches.sample', 'ed.preview.none'];
  return Object.fromEntries(keys.map((k) => [k, t(ctx.lang, k)]));
}

export function editorPage(ctx: StudioCtx, p: EditorPage): Html {
  const L = (k: string) => t(ctx.lang, k);
  const choices: VariantChoices = { templates: p.templates, regions: p.regions.map((r) => r.code) };
  const action = p.mode === 'create' ? '/studio/campaigns/new' : `/studio/campaigns/${encodeURIComponent(p.campaignId!)}/edit`;
  const title = p.mode === 'create' ? L('ed.title.new') : `${L('ed.title.edit')}: ${textOf(p.doc.name) || p.campaignId}`;
  const data = { regions: p.regions.map((r) => ({ code: r.code, name: ctx.lang === 'ar' ? (r.name.ar ?? r.name.en) : r.name.en, tz: r.tz })), ops: Object.fromEntries(Object.entries(SIGNAL_OPTIONS).map(([s, o]) => [s, CONDITION_OPS.filter((x) => (o.ops as readonly string[]).includes(x))])), words: clientWords(ctx) };
  const body = html`<h1>${title}${p.status ? html` <span class="badge ${p.status}">${p.status}</span>` : ''}</h1>
${p.campaignId ? html`<p class="actions no-print"><a href="/studio/campaigns/${encodeURIComponent(p.campaignId)}">${L('ed.link.campaign')}</a> <a href="/studio/campaigns/${encodeURIComponent(p.campaignId)}/review">${L('ed.link.review')}</a></p>` : ''}
${p.saved ? html`<p class="notice" role="status" id="ed-saved">${t(ctx.lang, 'ed.saved.version', { version: p.saved })}</p>` : ''}
<div id="ed-stale" class="alert" role="alert"${p.stale ? '' : html` hidden`}><p data-stale-text>${p.stale ? t(ctx.lang, 'ed.stale', { who: p.stale.changedBy, when: p.stale.changedAt, version: p.stale.current ?? '?' }) : ''}</p>
<p class="actions"><a class="button" href="${action}" data-reload>${L('ed.reload')}</a></p></div>
<div id="ed-message" class="alert" role="alert"${p.message ? '' : html` hidden`}>${p.message ?? ''}</div>
<div class="editor">
<form id="campaign-form" class="editor-form" method="post" action="${action}" novalidate data-draft-key="${p.campaignId ?? 'new'}" data-preview="/studio/editor/preview" data-products="/studio/editor/products">
${campaignSection(ctx, p)}
${variantsSection(ctx, p.doc, p.errors, choices)}
<p class="actions save-bar"><button type="submit">${L('ed.save')}</button> <span class="muted">${L('ed.save.help')}</span></p>
</form>
${previewPanel(ctx)}
</div>
${datalists(p)}${valueTemplates(ctx, choices)}
<script type="application/json" id="editor-data">${json(data)}</script>`;
  return page(ctx, title, body, { scripts: ['editor.css', 'editor.js'] });
}
