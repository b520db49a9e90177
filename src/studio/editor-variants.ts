// The variants editor: per variant a template picker, copy per language (Arabic typed right to
// left), a placeholder menu that inserts the tokens the renderer understands at the caret,
// conditions built from the signal registry (dropdowns and value pickers, no JSON), and the
// product source. New rows come from <template> elements (index markers __V__ and __C__).
import { html } from 'hono/html';
import { SIGNAL_OPTIONS, signalOption } from '../domain/signal-options.ts';
import { CONDITION_OPS, PLACEHOLDERS, PRODUCT_SOURCES } from '../services/authoring/schemas.ts';
import { COPY_FIELDS, EDITOR_LANGS, type DraftDoc } from './editor-form.ts';
import { errorSpan, fid, textOf, type Errors } from './editor-fields.ts';
import { t } from './i18n.ts';
import type { Html, StudioCtx } from './layout.ts';

export interface VariantChoices {
  templates: readonly string[];
  regions: readonly string[];
}

const OP_TEXT = new Map([['eq', '='], ['ne', '≠'], ['lt', '<'], ['lte', '≤'], ['gt', '>'], ['gte', '≥'], ['in', 'in'], ['not_in', 'not in']]);

/** The value control for one condition: select (multiple for in/not in), yes/no, number or text. */
export function conditionValueControl(ctx: StudioCtx, name: string, signal: string, op: string, value: unknown, choices: VariantChoices): Html {
  const o = signalOption(signal) ?? SIGNAL_OPTIONS.segment;
  const label = t(ctx.lang, 'ed.cond.value');
  const list = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
  const many = op === 'in' || op === 'not_in';
  if (o.kind === 'boolean') {
    const cur = list[0] ?? 'true';
    return html`<label class="cond-value">${label}<select name="${name}">${['true', 'false'].map((v) => html`<option value="${v}"${v === cur ? html` selected` : ''}>${t(ctx.lang, `ed.bool.${v}`)}</option>`)}</select></label>`;
  }
  if (o.kind === 'choice') {
    const values = 'fromRegions' in o ? choices.regions : (o.values ?? []);
    const text = (v: string) => (signal === 'weekday' ? t(ctx.lang, `ed.weekday.${v}`) : v);
    return html`<label class="cond-value">${label}<select name="${name}"${many ? html` multiple size="${Math.min(4, values.length)}"` : ''}>${values.map((v) => html`<option value="${v}"${list.includes(v) ? html` selected` : ''}>${text(v)}</option>`)}</select></label>`;
  }
  if (o.kind === 'number') return html`<label class="cond-value">${label}<input name="${name}" type="number" step="1" min="0" value="${list[0] ?? ''}" inputmode="numeric"></label>`;
  const dl = `dl-${signal}`;
  return html`<label class="cond-value">${label}<input name="${name}" value="${list.join(', ')}" list="${dl}" dir="ltr" placeholder="${many ? 'a, b' : ''}"></label>`;
}

function conditionRow(ctx: StudioCtx, v: string, c: string, cond: Record<string, unknown>, errors: Errors, choices: VariantChoices): Html {
  const p = `variants.${v}.conditions.${c}`;
  const signal = typeof cond.signal === 'string' ? cond.signal : 'weather';
  const o = signalOption(signal) ?? SIGNAL_OPTIONS.weather;
  const op = typeof cond.op === 'string' && (o.ops as readonly string[]).includes(cond.op) ? cond.op : o.ops[0]!;
  return html`<div class="cond" data-cond>
<label>${t(ctx.lang, 'ed.cond.signal')}<select name="${p}.signal" data-signal>${Object.keys(SIGNAL_OPTIONS).map((s) => html`<option value="${s}"${s === signal ? html` selected` : ''}>${t(ctx.lang, `ed.signal.${s}`)}</option>`)}</select></label>
<label>${t(ctx.lang, 'ed.cond.op')}<select name="${p}.op" data-op>${CONDITION_OPS.filter((x) => (o.ops as readonly string[]).includes(x)).map((x) => html`<option value="${x}"${x === op ? html` selected` : ''}>${OP_TEXT.get(x)}</option>`)}</select></label>
<span data-value>${conditionValueControl(ctx, `${p}.value`, signal, op, cond.value, choices)}</span>
<button type="button" class="secondary" data-remove-cond>${t(ctx.lang, 'ed.cond.remove')}</button>
${errorSpan(p, errors)}${errorSpan(`${p}.value`, errors)}</div>`;
}

function copyGroup(ctx: StudioCtx, v: string, lang: string, copy: Record<string, unknown>, errors: Errors): Html {
  const rtl = lang === 'ar';
  return html`<fieldset class="copy" data-lang="${lang}"><legend>${t(ctx.lang, `ed.copy.${lang}`)}</legend>
${COPY_FIELDS.map((f) => {
  const name = `variants.${v}.copy.${lang}.${f}`;
  return html`<label>${t(ctx.lang, `ed.copy.${f}`)}
<input name="${name}" value="${textOf(copy[f])}" dir="${rtl ? 'rtl' : 'ltr'}" lang="${lang}" data-copy maxlength="${f === 'cta' ? 40 : f === 'headline' ? 120 : 200}" aria-describedby="${fid(name)}-error">${errorSpan(name, errors)}</label>`;
})}</fieldset>`;
}

/** One variant's fieldset; `v` is its index (or the template marker __V__). */
export function variantFieldset(ctx: StudioCtx, v: string, variant: Record<string, unknown>, errors: Errors, choices: VariantChoices, isDefault: boolean): Html {
  const L = (k: string) => t(ctx.lang, k);
  const p = `variants.${v}`;
  const copy = (variant.copy ?? {}) as Record<string, Record<string, unknown>>;
  const conditions = Array.isArray(variant.conditions) ? (variant.conditions as Array<Record<string, unknown>>) : [];
  const source = typeof variant.productSource === 'string' ? variant.productSource : 'catalog';
  const field = (name: string, label: string, value: string, extra: Html | string = '') =>
    html`<label>${label}<input name="${p}.${name}" value="${value}" dir="ltr"${extra} aria-describedby="${fid(`${p}.${name}`)}-error">${errorSpan(`${p}.${name}`, errors)}</label>`;
  return html`<fieldset class="variant" data-variant>
<legend>${L('ed.variant')} <span data-variant-number>${Number.isNaN(Number(v)) ? '' : Number(v) + 1}</span></legend>
<div class="row">
${field('id', L('ed.variant.id'), textOf(variant.id), html` required data-variant-id`)}
${field('name', L('ed.variant.name'), textOf(variant.name), html` required`)}
<label>${L('ed.variant.template')}<select name="${p}.template" data-template>${choices.templates.map((x) => html`<option value="${x}"${x === variant.template ? html` selected` : ''}>${L(`ed.template.${x}`)}</option>`)}</select>${errorSpan(`${p}.template`, errors)}</label>
<label class="inline"><input type="radio" name="defaultVariantId" value="${textOf(variant.id)}"${isDefault ? html` checked` : ''} data-default> ${L('ed.variant.default')}</label>
</div>
<div class="ph-bar"><label>${L('ed.ph')}<select data-ph-menu>${PLACEHOLDERS.map((x) => html`<option value="{${x}}">{${x}} — ${L(`ed.ph.${x}`)}</option>`)}</select></label>
<button type="button" class="secondary" data-ph-insert>${L('ed.ph.insert')}</button><span class="muted" data-ph-target aria-live="polite"></span></div>
${errorSpan(`${p}.copy`, errors)}
<div class="copies">${EDITOR_LANGS.map((lang) => copyGroup(ctx, v, lang, copy[lang] ?? {}, errors))}</div>
<fieldset class="conds"><legend>${L('ed.conditions')}</legend>
<p class="muted">${L('ed.conditions.help')}</p>
<div data-conds>${conditions.map((c, j) => conditionRow(ctx, v, String(j), c, errors, choices))}</div>
<button type="button" class="secondary" data-add-cond>${L('ed.cond.add')}</button>${errorSpan(`${p}.conditions`, errors)}</fieldset>
<div class="row">
<label>${L('ed.variant.source')}<select name="${p}.productSource" data-source>${PRODUCT_SOURCES.map((s) => html`<option value="${s}"${s === source ? html` selected` : ''}>${L(`ed.source.${s}`)}</option>`)}</select>${errorSpan(`${p}.productSource`, errors)}</label>
${field('productIds', L('ed.variant.productIds'), textOf(variant.productIds), html` list="dl-products" placeholder="id, id"`)}
${field('prior', L('ed.variant.prior'), textOf(variant.prior ?? 0.01), html` inputmode="decimal"`)}
</div>
<p class="actions"><button type="button" class="secondary" data-preview-this>${L('ed.variant.preview')}</button>
<button type="button" class="secondary danger" data-remove-variant>${L('ed.variant.remove')}</button></p>
</fieldset>`;
}

export function variantsSection(ctx: StudioCtx, doc: DraftDoc, errors: Errors, choices: VariantChoices): Html {
  const variants = doc.variants?.length ? doc.variants : [{ id: 'v-1', name: '', template: choices.templates[0], copy: { en: {} }, conditions: [] }];
  const def = textOf(doc.defaultVariantId) || textOf(variants[0]!.id);
  return html`<section class="variants" aria-labelledby="h-variants"><h2 id="h-variants">${t(ctx.lang, 'ed.variants')}</h2>
${errorSpan('variants', errors)}${errorSpan('defaultVariantId', errors)}
<div data-variants>${variants.map((v, i) => variantFieldset(ctx, String(i), v, errors, choices, textOf(v.id) === def))}</div>
<button type="button" data-add-variant>${t(ctx.lang, 'ed.variant.add')}</button>
<template id="variant-template">${variantFieldset(ctx, '__V__', { id: '', name: '', template: choices.templates[0], copy: {}, conditions: [] }, new Map(), choices, false)}</template>
<template id="cond-template">${conditionRow(ctx, '__V__', '__C__', { signal: 'weather', op: 'eq' }, new Map(), choices)}</template>
</section>`;
}
