// /studio: the marketer's web app. This file is the shell: assets, language, sign-in and the
// guard every page passes (session → actor, same-origin check on writes, body limits); the
// pages' routes are in studio-pages-route.ts. Pages live in src/studio/.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';
import { Sealer } from '../security/sealed.ts';
import { webDigest } from '../security/digest.ts';
import type { ServeDeps } from '../services/serve-deps.ts';
import { studioAsset, type StudioAssetFiles } from '../studio/assets.ts';
import { isStudioLang, t } from '../studio/i18n.ts';
import { html } from 'hono/html';
import { page, type Html, type StudioCtx } from '../studio/layout.ts';
import { actorForKey, endSession, langOf, safeBack, sessionActor, setLang, startSession } from '../studio/session.ts';
import { signinPage } from '../studio/signin.ts';
import { mountStudioPages } from './studio-pages-route.ts';
import { mountStudioEditor } from './studio-editor-route.ts';
import './actor.ts';
import './auth.ts';
import { webKeyCompare } from '../security/compare.ts';
import type { Actor } from '../services/access.ts';

const fallbackCompare = webKeyCompare();

export interface StudioDeps extends ServeDeps {
  studioAssets?: StudioAssetFiles;
  /** The accounts' session resolver (better-auth cookie → actor); absent until accounts are wired. */
  actors?: { fromSession(headers: Headers): Promise<Actor | null> };
}

/** The accounts API the studio signs people in and out through (a script would call the same). */
const AUTH_SIGN_IN = '/v1/auth/sign-in/email';
const AUTH_SIGN_OUT = '/v1/auth/sign-out';

const PUBLIC = [/^\/studio\/assets\//, /^\/studio\/signin$/, /^\/studio\/lang$/, /^\/studio\/share\//, /^\/studio\/ts\//];
// Pages load only what the server serves: no third-party script, style, image or frame.
// Under the app-wide `no-referrer` Chromium sends `Origin: null` on form posts, which the
// same-origin write check refuses; `same-origin` keeps the origin for the studio's own forms and
// still sends nothing to any other site.
const REFERRER = 'same-origin';
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
const FORM_LIMIT = 64 * 1024;
const FEED_LIMIT = 64 * 1024 * 1024;

export function studioCtx(c: Context): StudioCtx {
  const url = new URL(c.req.url);
  return { lang: langOf(c), actor: c.get('actor') ?? null, here: url.pathname + url.search };
}

export async function sendPage(c: Context, body: Html, status = 200): Promise<Response> {
  return c.html(await body, status as 200, { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': REFERRER });
}

function sameOrigin(c: Context): boolean {
  const origin = c.req.header('Origin');
  const self = new URL(c.req.url).origin;
  if (origin) return origin === self;
  return c.req.header('Sec-Fetch-Site') === 'same-origin';
}

export function mountStudio(app: Hono, deps: StudioDeps): void {
  const sealer = new Sealer(deps.config.secret, deps.digest ?? webDigest());

  app.get('/studio', (c) => c.redirect('/studio/campaigns'));

  app.use('/studio/*', async (c, next) => {
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    // Writes come from the studio's own pages only (the session cookie is SameSite=Strict too).
    if (write && !sameOrigin(c)) throw new VitrineError('forbidden', 'Origin: studio writes must come from the studio itself', 'Origin');
    const actor = (await sessionActor(c, sealer, deps.clock())) ?? (await deps.actors?.fromSession(c.req.raw.headers)) ?? null;
    if (actor) c.set('actor', actor);
    if (!actor && !PUBLIC.some((re) => re.test(c.req.path))) {
      const url = new URL(c.req.url);
      const back = write ? (c.req.header('Referer') ? new URL(c.req.header('Referer')!).pathname : '/studio/campaigns') : url.pathname + url.search;
      // An expired session returns to sign-in and then to the page (a GET form keeps its query).
      if (!write) return c.redirect(`/studio/signin?next=${encodeURIComponent(back)}${c.req.header('Cookie')?.includes('vitrine_studio=') ? '&expired=1' : ''}`);
      throw new VitrineError('unauthorized', 'session: sign in to the studio again', 'session');
    }
    await next();
    // A page the browser navigated to shows its error as a page (scripts and downloads keep JSON).
    if (c.error instanceof VitrineError && (c.req.header('Accept') ?? '').includes('text/html')) {
      const ctx = studioCtx(c);
      const title = c.error.status === 403 ? t(ctx.lang, 'forbidden') : c.error.status === 404 ? t(ctx.lang, 'notfound') : c.error.code;
      const body = html`<h1>${title}</h1><p class="alert" role="alert">${c.error.message}</p><p><a href="/studio/campaigns">${t(ctx.lang, 'nav.campaigns')}</a></p>`;
      c.res = undefined;
      c.res = await sendPage(c, page(ctx, title, body), c.error.status);
    }
  });
  app.post('/studio/catalog/feed', bodyLimit({ maxSize: FEED_LIMIT, onError: () => { throw new VitrineError('payload_too_large', `body: feed uploads are limited to ${FEED_LIMIT} bytes`, 'body'); } }));
  app.post('/studio/*', bodyLimit({ maxSize: FORM_LIMIT, onError: () => { throw new VitrineError('payload_too_large', `body: studio forms are limited to ${FORM_LIMIT} bytes`, 'body'); } }));

  app.get('/studio/assets/:name', (c) => {
    const a = studioAsset(c.req.param('name'), deps.studioAssets);
    if (!a) throw new VitrineError('not_found', `asset: unknown studio asset "${c.req.param('name')}"`, 'name');
    return c.body(a.body, 200, { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
  });

  app.get('/studio/lang', (c) => {
    const to = c.req.query('to');
    if (isStudioLang(to)) setLang(c, to);
    return c.redirect(safeBack(c.req.query('back')));
  });

  app.get('/studio/signin', (c) => {
    const next = safeBack(c.req.query('next'));
    return sendPage(c, signinPage(studioCtx(c), { next, ...(c.req.query('expired') ? { error: 'expired' as const } : {}) }));
  });

  app.post('/studio/signin', async (c) => {
    const form = await c.req.parseBody();
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const next = safeBack(str('next') || undefined);
    const ctx = studioCtx(c);
    if (str('email')) {
      // Email and password go to the accounts API; its session cookie comes back to the browser.
      const res = await app.request(new URL(AUTH_SIGN_IN, c.req.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: new URL(c.req.url).origin }, body: JSON.stringify({ email: str('email'), password: str('password') }) });
      if (res.status === 404) return sendPage(c, signinPage(ctx, { next, error: 'unavailable', email: str('email') }));
      if (res.status !== 200) return sendPage(c, signinPage(ctx, { next, error: 'bad_password', email: str('email') }));
      const out = c.redirect(next, 303);
      for (const cookie of res.headers.getSetCookie()) out.headers.append('Set-Cookie', cookie);
      return out;
    }
    const actor = await actorForKey(str('key'), deps.config.adminKey, c.get('keyCompare') ?? fallbackCompare);
    // The form comes back with its error (a page that rendered fine: 200, so the browser logs nothing).
    if (!actor) return sendPage(c, signinPage(ctx, { next, error: 'bad' }));
    await startSession(c, sealer, actor, deps.clock());
    return c.redirect(next, 303);
  });

  app.post('/studio/signout', async (c) => {
    endSession(c);
    const res = await app.request(new URL(AUTH_SIGN_OUT, c.req.url), { method: 'POST', headers: { Cookie: c.req.header('Cookie') ?? '', Origin: new URL(c.req.url).origin, 'Content-Type': 'application/json' }, body: '{}' });
    const out = c.redirect('/studio/signin', 303);
    if (res.status === 200) for (const cookie of res.headers.getSetCookie()) out.headers.append('Set-Cookie', cookie);
    return out;
  });

  // Before the pages: /studio/campaigns/new must not be read as the campaign "new".
  mountStudioEditor(app, deps);
  mountStudioPages(app, deps, sealer);
}
