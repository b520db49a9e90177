// Sign-in page. Today: the bootstrap admin key (owner). With the accounts work merged: email and
// password through better-auth, same page, same `next` return.
import { html } from 'hono/html';
import { page, type Html, type StudioCtx } from './layout.ts';
import { t } from './i18n.ts';

export function signinPage(ctx: StudioCtx, opts: { next: string; error?: 'bad' | 'expired' }): Html {
  const err = opts.error === 'bad' ? t(ctx.lang, 'signin.bad') : opts.error === 'expired' ? t(ctx.lang, 'signin.expired') : '';
  const body = html`<h1>${t(ctx.lang, 'signin.title')}</h1>
${err ? html`<p class="alert" role="alert" id="signin-error">${err}</p>` : ''}
<form method="post" action="/studio/signin" class="grid-form" style="max-width:480px">
<input type="hidden" name="next" value="${opts.next}">
<label for="key">${t(ctx.lang, 'signin.key')}
<input id="key" name="key" type="password" autocomplete="current-password" required aria-describedby="key-help${err ? ' signin-error' : ''}" dir="ltr"></label>
<p class="muted" id="key-help">${t(ctx.lang, 'signin.key.help')}</p>
<button type="submit">${t(ctx.lang, 'signin.submit')}</button>
</form>`;
  return page(ctx, t(ctx.lang, 'signin.title'), body, { chrome: false });
}
