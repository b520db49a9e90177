// Sign-in page: email and password (the accounts API, better-auth) or the bootstrap admin key
// (acts as the owner). Either way the browser returns to the page it asked for.
import { html } from 'hono/html';
import { page, type Html, type StudioCtx } from './layout.ts';
import { t } from './i18n.ts';

export type SigninError = 'bad' | 'bad_password' | 'unavailable' | 'expired';

export function signinPage(ctx: StudioCtx, opts: { next: string; error?: SigninError; email?: string }): Html {
  const L = (k: string) => t(ctx.lang, k);
  const err = opts.error ? L(`signin.err.${opts.error}`) : '';
  const body = html`<h1>${L('signin.title')}</h1>
${err ? html`<p class="alert" role="alert" id="signin-error">${err}</p>` : ''}
<div class="cards" style="max-width:900px">
<form method="post" action="/studio/signin" class="card grid-form" aria-labelledby="si-pw">
<h2 id="si-pw" style="flex-basis:100%">${L('signin.with.password')}</h2>
<input type="hidden" name="next" value="${opts.next}">
<label for="email">${L('signin.email')}<input id="email" name="email" type="email" autocomplete="username" required dir="ltr" value="${opts.email ?? ''}"></label>
<label for="password">${L('signin.password')}<input id="password" name="password" type="password" autocomplete="current-password" required dir="ltr"></label>
<button type="submit">${L('signin.submit')}</button>
</form>
<form method="post" action="/studio/signin" class="card grid-form" aria-labelledby="si-key">
<h2 id="si-key" style="flex-basis:100%">${L('signin.with.key')}</h2>
<input type="hidden" name="next" value="${opts.next}">
<label for="key">${L('signin.key')}
<input id="key" name="key" type="password" autocomplete="off" required aria-describedby="key-help" dir="ltr"></label>
<p class="muted" id="key-help" style="flex-basis:100%">${L('signin.key.help')}</p>
<button type="submit">${L('signin.submit')}</button>
</form></div>`;
  return page(ctx, L('signin.title'), body, { chrome: false });
}
