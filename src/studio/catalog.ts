// Catalog: products with stock by region and by store, searchable and paged; a feed upload form
// (the client script posts the file with a progress bar and lists every rejected row).
import { html } from 'hono/html';
import type { InventoryLevel, Product } from '../domain/types.ts';
import { page, type Html, type StudioCtx } from './layout.ts';
import { fmtNumber, t } from './i18n.ts';

export interface CatalogView {
  search: string;
  offset: number;
  pageSize: number;
  products: Product[];
  inventory: InventoryLevel[];
  canWrite: boolean;
}

function stockCell(ctx: StudioCtx, levels: InventoryLevel[]): Html {
  const regional = levels.filter((l) => l.storeCode === null);
  const stores = levels.filter((l) => l.storeCode !== null);
  return html`<ul class="windows">${regional.map((l) => html`<li><span class="ltr">${l.region}</span>: ${fmtNumber(ctx.lang, l.quantity)}</li>`)}</ul>
${stores.length ? html`<details><summary>${t(ctx.lang, 'catalog.stores')} (${fmtNumber(ctx.lang, stores.length)})</summary><ul class="windows">${stores.map((l) => html`<li><span class="ltr">${l.storeCode} (${l.region})</span>: ${fmtNumber(ctx.lang, l.quantity)}</li>`)}</ul></details>` : ''}`;
}

function uploadForm(ctx: StudioCtx): Html {
  const L = (k: string) => t(ctx.lang, k);
  return html`<section aria-labelledby="feed-h" class="no-print"><h2 id="feed-h">${L('feed.title')}</h2>
<form method="post" action="/studio/catalog/feed" enctype="multipart/form-data" class="grid-form" data-upload
 data-done="${L('feed.done')}" data-rejected="${L('feed.rejected')}" data-row="${L('feed.row')}" data-field="${L('feed.field')}" data-reason="${L('feed.reason')}">
<label for="feed-kind">${L('feed.kind')}<select id="feed-kind" name="kind">${['products', 'regional-inventory', 'local-inventory'].map((k) => html`<option value="${k}">${L(`feed.kind.${k}`)}</option>`)}</select></label>
<label for="feed-file">${L('feed.file')}<input id="feed-file" type="file" name="file" accept=".tsv,.txt,.xml,text/tab-separated-values,application/xml" required></label>
<button type="submit">${L('feed.upload')}</button>
<label for="feed-progress" style="flex-basis:100%">${L('feed.progress')}<progress id="feed-progress" max="100" value="0" hidden></progress></label>
</form><div id="feed-result" aria-live="polite"></div></section>`;
}

export function catalogPage(ctx: StudioCtx, v: CatalogView): Html {
  const L = (k: string) => t(ctx.lang, k);
  const byProduct = new Map<string, InventoryLevel[]>();
  for (const l of v.inventory) byProduct.set(l.productId, [...(byProduct.get(l.productId) ?? []), l]);
  const next = `/studio/catalog?q=${encodeURIComponent(v.search)}&offset=${v.offset + v.pageSize}`;
  const body = html`<h1>${L('catalog.title')}</h1>
<form method="get" class="filters" role="search"><label for="cat-q">${L('catalog.search')}<input id="cat-q" name="q" value="${v.search}" type="search"></label><button type="submit">${L('catalog.go')}</button></form>
${v.products.length === 0 ? html`<p role="status">${L('catalog.none')}</p>` : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${L('catalog.id')}</th><th scope="col">${L('col.name')}</th><th scope="col">${L('catalog.price')}</th><th scope="col">${L('catalog.stock')}</th></tr></thead>
<tbody>${v.products.map((p) => html`<tr><td class="ltr">${p.id}</td><th scope="row"><span lang="en" dir="auto">${p.title}</span>${p.i18n.ar?.title ? html`<div lang="ar" dir="rtl" class="muted">${p.i18n.ar.title}</div>` : ''}<div class="muted">${p.brand ?? ''} · ${p.category}</div></th>
<td class="ltr">${p.price.toFixed(2)} ${p.currency}${p.salePrice !== null ? html` <span class="muted">(${p.salePrice.toFixed(2)})</span>` : ''}</td><td>${stockCell(ctx, byProduct.get(p.id) ?? [])}</td></tr>`)}</tbody></table></div>
${v.products.length === v.pageSize ? html`<p><a href="${next}">${L('catalog.more')}</a></p>` : ''}`}
${v.canWrite ? uploadForm(ctx) : ''}`;
  return page(ctx, L('catalog.title'), body);
}
