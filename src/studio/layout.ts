// The studio's page shell: <html lang dir>, skip link, top bar with navigation, the signed-in
// user, the language switch, then the page. Every page is server-rendered through this.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Actor } from '../services/access.ts';
import { t, type StudioLang } from './i18n.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface StudioCtx {
  lang: StudioLang;
  actor: Actor | null;
  /** Path and query of this request (the language switch returns here). */
  here: string;
}

const NAV: Array<[string, string]> = [
  ['/studio/campaigns', 'nav.campaigns'],
  ['/studio/catalog', 'nav.catalog'],
  ['/studio/promos', 'nav.promos'],
];

function nav(ctx: StudioCtx): Html {
  const path = ctx.here.split('?')[0]!;
  return html`<nav class="main" aria-label="${t(ctx.lang, 'nav.main')}"><ul>${NAV.map(
    ([href, key]) => html`<li><a href="${href}"${path.startsWith(href) ? html` aria-current="page"` : ''}>${t(ctx.lang, key)}</a></li>`,
  )}</ul></nav>`;
}

function langSwitch(ctx: StudioCtx): Html {
  const other: StudioLang = ctx.lang === 'ar' ? 'en' : 'ar';
  const href = `/studio/lang?to=${other}&back=${encodeURIComponent(ctx.here)}`;
  return html`<a href="${href}" lang="${other}" hreflang="${other}" aria-label="${t(ctx.lang, 'lang.label')}: ${t(ctx.lang, 'lang.switch')}">${t(ctx.lang, 'lang.switch')}</a>`;
}

export function page(ctx: StudioCtx, title: string, body: Html, opts: { chrome?: boolean; scripts?: string[] } = {}): Html {
  const chrome = opts.chrome ?? true;
  const who = ctx.actor
    ? html`<span>${t(ctx.lang, 'signed.as', { who: ctx.actor.label, role: ctx.actor.role })}</span>
        <form method="post" action="/studio/signout" class="no-print"><button class="secondary" type="submit">${t(ctx.lang, 'nav.signout')}</button></form>`
    : '';
  return html`<!doctype html>
<html lang="${ctx.lang}" dir="${ctx.lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t(ctx.lang, 'studio')}</title>
<link rel="icon" href="/studio/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/studio/assets/studio.css">
${(opts.scripts ?? []).filter((s) => s.endsWith('.css')).map((s) => html`<link rel="stylesheet" href="/studio/assets/${s}">`)}
</head>
<body>
<a class="skip" href="#content">${t(ctx.lang, 'skip')}</a>
<header class="top">
<a class="brand" href="/studio/campaigns">${t(ctx.lang, 'studio')}</a>
${chrome && ctx.actor ? nav(ctx) : ''}
<div class="who">${who}${langSwitch(ctx)}</div>
</header>
<main id="content" tabindex="-1">
${body}
</main>
${(opts.scripts ?? []).filter((s) => s.endsWith('.js')).map((s) => html`<script src="/studio/assets/${s}"></script>`)}
<script src="/studio/assets/studio.js"></script>
</body></html>`;
}

/** A field's server error, tied to its input by id (aria-describedby). */
export function fieldError(id: string, message: string | undefined): Html {
  return message ? html`<span class="field-error" id="${id}-error">${message}</span>` : html``;
}
