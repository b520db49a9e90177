// The tearsheet page: the signal matrix form, then one block per scenario with every size's
// creative, the winning variant and the one-line reason. Read-only when opened from a share link.
import { html } from 'hono/html';
import { DEVICES, LANGS, WEATHERS, type CampaignBundle, type Region } from '../domain/types.ts';
import { SIZE_KEYS } from '../domain/sizes.ts';
import { page, type Html, type StudioCtx } from './layout.ts';
import { t } from './i18n.ts';
import { MAX_SCENARIOS, type TearsheetSpec } from './tearsheet-spec.ts';
import type { ScenarioResult } from './tearsheet-data.ts';

export interface TearsheetView {
  bundle: CampaignBundle;
  regions: Region[];
  spec: TearsheetSpec;
  results: ScenarioResult[];
  total: number;
  /** Sealed spec for the cell images. */
  token: string;
  share: { url: string; until: string } | null;
  readOnly: { until: string } | null;
  error: { field: string; message: string } | null;
  /** Where cell images are served (a version under review has its own); `/studio/ts` by default. */
  cellBase?: string;
  /** A heading line above the form (e.g. which version this is). */
  note?: string;
}

function checks(name: string, legend: string, values: ReadonlyArray<[string, string]>, chosen: readonly string[]): Html {
  return html`<fieldset><legend>${legend}</legend>${values.map(
    ([v, label]) => html`<label><input type="checkbox" name="${name}" value="${v}"${chosen.includes(v) ? ' checked' : ''}> ${label}</label>`,
  )}</fieldset>`;
}

function form(ctx: StudioCtx, v: TearsheetView): Html {
  const c = v.bundle.campaign;
  const L = (k: string) => t(ctx.lang, k);
  const sizes = c.sizes.length ? c.sizes : [...SIZE_KEYS];
  const err = v.error;
  return html`<form method="get" class="grid-form no-print" aria-describedby="tear-help">
<p id="tear-help" class="muted" style="flex-basis:100%">${L('tear.help')}</p>
${err ? html`<p class="alert" role="alert" style="flex-basis:100%">${err.field}: ${err.message}</p>` : ''}
${checks('region', L('tear.regions'), c.regions.map((r) => [r, `${r} ${v.regions.find((x) => x.code === r)?.name[ctx.lang] ?? ''}`]), v.spec.r)}
<label for="ts-at">${L('tear.local')}<input id="ts-at" type="datetime-local" name="at" value="${v.spec.at}"></label>
${checks('weather', L('tear.weather'), [['', '—'], ...WEATHERS.map((w): [string, string] => [w, w])], v.spec.w)}
${checks('device', L('tear.device'), DEVICES.map((d) => [d, d]), v.spec.d)}
${checks('lang', L('tear.lang'), LANGS.map((l) => [l, l === 'ar' ? 'العربية' : 'English']), v.spec.l)}
${checks('shopper', L('tear.segment'), [['none', L('tear.seg.none')], ['cart', L('tear.seg.cart')]], v.spec.g)}
<label for="ts-ci">${L('tear.cartitem')}<input id="ts-ci" name="cart_item" value="${v.spec.ci ?? ''}" dir="ltr"></label>
${checks('consent', L('tear.consent'), [['1', L('tear.consent.yes')], ['0', L('tear.consent.no')]], v.spec.k.map(String))}
<label for="ts-stock">${L('tear.stock')}<textarea id="ts-stock" name="stock" rows="3" dir="ltr">${v.spec.s.map(([id, n]) => `${id}=${n}`).join('\n')}</textarea></label>
${checks('size', L('tear.sizes'), sizes.map((s) => [s, s]), v.spec.z)}
<button type="submit">${L('tear.run')}</button>
</form>`;
}

function shareBox(ctx: StudioCtx, v: TearsheetView, here: string): Html {
  const L = (k: string) => t(ctx.lang, k);
  return html`<div class="actions no-print">
<form method="get" action="${here.split('?')[0]}" class="actions">
${[...new URLSearchParams(here.split('?')[1] ?? '')].filter(([k]) => k !== 'share').map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}
<label for="ts-days">${L('tear.share.days')}<input id="ts-days" type="number" name="share" min="1" max="30" value="7" style="width:6em"></label>
<button type="submit" class="secondary">${L('tear.share.make')}</button></form>
<button type="button" class="secondary" data-print>${L('tear.print')}</button>
</div>
${v.share ? html`<p role="status">${t(ctx.lang, 'tear.share.link', { until: v.share.until })}</p><p class="share-link ltr"><a href="${v.share.url}" id="share-url">${v.share.url}</a></p>` : ''}`;
}

function scenarioBlock(ctx: StudioCtx, v: TearsheetView, r: ScenarioResult): Html {
  const sc = r.scenario;
  const names = new Map(v.bundle.variants.map((x) => [x.id, x.name]));
  const shopper = sc.shopper === 'cart' ? `${t(ctx.lang, 'tear.seg.cart')} (${v.spec.ci})` : t(ctx.lang, 'tear.seg.none');
  const consent = t(ctx.lang, sc.consent ? 'tear.consent.yes' : 'tear.consent.no');
  const title = [`${sc.region.code} ${sc.region.name[ctx.lang] ?? sc.region.name.en}`, `${v.spec.at.replace('T', ' ')} (${sc.region.tz})`, sc.weather || '—', sc.device, sc.lang, shopper, `${t(ctx.lang, 'tear.consent')}: ${consent}`].join(' · ');
  return html`<section class="scenario" aria-labelledby="sc-${r.index}">
<h2 id="sc-${r.index}">${title}</h2>
<div class="cells">${r.cells.map((cell) => {
    const [w] = cell.size.split('x');
    const src = `${v.cellBase ?? '/studio/ts'}/${v.token}/${r.index}/${cell.size}.png`;
    const who = cell.variantId ? `${names.get(cell.variantId) ?? cell.variantId} ${t(ctx.lang, 'tear.wins')}` : t(ctx.lang, 'tear.fallback');
    return html`<figure class="cell" data-size="${cell.size}" data-variant="${cell.variantId ?? ''}">
<img src="${src}" alt="${cell.size}: ${who}" width="${Math.min(Number(w), 600)}" loading="lazy">
<figcaption><span class="ltr">${cell.size}</span> — <b>${who}</b><br><span class="why ltr" dir="ltr">${cell.reason}</span></figcaption></figure>`;
  })}</div>
<details><summary>${t(ctx.lang, 'tear.variants')}</summary><ul>${r.variants.map(
    (x) => html`<li>${x.name}: ${x.status === 'wins' ? t(ctx.lang, 'tear.wins') : x.status === 'eligible' ? t(ctx.lang, 'tear.eligible') : html`<span class="ltr" dir="ltr">${x.why}</span>`}</li>`,
  )}</ul></details>
</section>`;
}

export function tearsheetPage(ctx: StudioCtx, v: TearsheetView): Html {
  const c = v.bundle.campaign;
  const title = t(ctx.lang, 'tear.title', { name: c.name });
  const body = html`<h1>${title}</h1>
${v.note ? html`<p class="notice" role="status">${v.note}</p>` : ''}
${v.readOnly ? html`<p class="notice" role="status">${t(ctx.lang, 'tear.readonly', { until: v.readOnly.until })} <button type="button" class="secondary no-print" data-print>${t(ctx.lang, 'tear.print')}</button></p>` : html`${form(ctx, v)}${v.cellBase ? '' : shareBox(ctx, v, ctx.here)}`}
${v.total > MAX_SCENARIOS ? html`<p class="alert" role="status">${t(ctx.lang, 'tear.toomany', { n: MAX_SCENARIOS })}</p>` : ''}
${v.results.map((r) => scenarioBlock(ctx, v, r))}`;
  return page(ctx, title, body, { chrome: !v.readOnly });
}
