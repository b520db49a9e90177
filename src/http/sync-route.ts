// Cookie sync and the privacy notice.
//   GET /v1/sync?redir=<exchange URL with ${UID}>[&gdpr=&gdpr_consent=&us_privacy=&gpp=&gpp_sid=]
//     With consent: Vitrine's own random user id (cookie `vitrine_uid`, set or reused) replaces
//     `${UID}` in `redir`, is recorded as an issued buyeruid, and the browser is redirected there.
//     Without consent, or after opt-out: the redirect happens with an empty `${UID}` and nothing
//     is set or stored. `redir` must be https on a host in VITRINE_SYNC_HOSTS (no open redirect).
//   GET /v1/sync/optout: sets `vitrine_optout=1`, clears the id cookie and forgets the synced id.
//   GET /v1/privacy: what Vitrine stores and the opt-out link (the native `privacy` URL).
import type { Context, Hono } from 'hono';
import { badParam } from '../domain/errors.ts';
import { base64url } from '../security/base64.ts';
import { SYNC_UID } from '../services/buyer-uid.ts';
import { consentOf } from '../services/personalize.ts';
import type { ServeDeps } from '../services/serve-deps.ts';

const UID_COOKIE = 'vitrine_uid';
const OPTOUT_COOKIE = 'vitrine_optout';
const YEAR_S = 365 * 24 * 3600;
const MACRO = '${UID}';

function cookie(c: Context, name: string): string | null {
  const header = c.req.header('Cookie') ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function setCookie(name: string, value: string, maxAge: number): string {
  // SameSite=None: the sync runs in the exchange's third-party context.
  return `${name}=${value}; Max-Age=${maxAge}; Path=/; Secure; HttpOnly; SameSite=None`;
}

/** The exchange URL, checked against the allow-list; `${UID}` is required so the id has somewhere to go. */
function redirTarget(raw: string | undefined, hosts: ReadonlySet<string>): URL {
  if (!raw) throw badParam('redir', 'required: the exchange URL to return to, with the ${UID} macro');
  if (raw.length > 2048) throw badParam('redir', 'longer than 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badParam('redir', 'not an absolute URL');
  }
  if (url.protocol !== 'https:') throw badParam('redir', 'must be https');
  if (url.username || url.password) throw badParam('redir', 'must not carry credentials');
  if (!hosts.has(url.hostname.toLowerCase())) throw badParam('redir', `host ${url.hostname} is not a configured sync partner (VITRINE_SYNC_HOSTS)`);
  if (!raw.includes(MACRO) && !raw.includes(encodeURIComponent(MACRO))) throw badParam('redir', 'must contain the ${UID} macro');
  return url;
}

const fill = (raw: string, uid: string) => raw.split(MACRO).join(encodeURIComponent(uid)).split(encodeURIComponent(MACRO)).join(encodeURIComponent(uid));

export function mountSync(app: Hono, deps: ServeDeps): void {
  const hosts = new Set((deps.config.syncHosts ?? []).map((h) => h.toLowerCase()));

  app.get('/v1/sync', async (c) => {
    const q = c.req.query();
    const target = redirTarget(q.redir, hosts);
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (cookie(c, OPTOUT_COOKIE) === '1') return c.redirect(fill(q.redir!, ''), 302);
    // Storing an id on the device needs the same basis as personalization (TCF purposes 1, 3, 4 for Vitrine, no US opt-out).
    const country = (c.req.header('CF-IPCountry') ?? deps.config.defaultRegion.slice(0, 2)).toUpperCase();
    const consent = consentOf(q, country, deps.config.gvlVendorId);
    if (!consent.personalize) {
      c.header('X-Vitrine-Consent', consent.rule);
      return c.redirect(fill(q.redir!, ''), 302);
    }
    const known = cookie(c, UID_COOKIE);
    const uid = known && SYNC_UID.test(known) ? known : base64url(crypto.getRandomValues(new Uint8Array(16)));
    await deps.store.putBuyerUid(uid, target.hostname.toLowerCase(), new Date(deps.clock()).toISOString());
    headers['Set-Cookie'] = setCookie(UID_COOKIE, uid, YEAR_S);
    return new Response(null, { status: 302, headers: { ...headers, Location: fill(q.redir!, uid) } });
  });

  app.get('/v1/sync/optout', async (c) => {
    const known = cookie(c, UID_COOKIE);
    if (known && SYNC_UID.test(known)) await deps.store.deleteBuyerUid(known);
    const h = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    h.append('Set-Cookie', setCookie(OPTOUT_COOKIE, '1', YEAR_S));
    h.append('Set-Cookie', setCookie(UID_COOKIE, '', 0));
    return new Response('<!doctype html><meta charset="utf-8"><title>Opted out</title><p>You have opted out: Vitrine will not set or sync an id in this browser, and the id it had is forgotten.</p>', { status: 200, headers: h });
  });

  app.get('/v1/privacy', (c) =>
    c.html(
      '<!doctype html><meta charset="utf-8"><title>Vitrine ads: privacy</title><h1>About this ad</h1>' +
        '<p>This ad was chosen from the advertiser\'s catalog by region, local time, weather, device and language. ' +
        'With your consent, the advertiser\'s own first-party data about you (for example, items left in a cart) may be used; without it, none is.</p>' +
        '<p>Vitrine may store one random id in a cookie (<code>vitrine_uid</code>) to recognise this browser, only with consent. ' +
        '<a href="/v1/sync/optout">Opt out</a> to stop it and forget the id.</p>',
      200,
      { 'Cache-Control': 'public, max-age=86400' },
    ),
  );
}
