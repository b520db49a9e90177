// Response headers every answer carries, and the framing and script rules per surface.
import type { MiddlewareHandler } from 'hono';

/** The HTML unit: inline styles, images (the product photo as data:, the impression pixel), no script, no form, no base. */
export const UNIT_CSP = "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data:; base-uri 'none'; form-action 'none'";

/** The unit's CSP when it links brand fonts: `font-src` allows exactly the origin they are served from. */
export function unitCsp(fontSource: string | null): string {
  return fontSource ? UNIT_CSP.replace("font-src data:", `font-src data: ${fontSource}`) : UNIT_CSP;
}

/** Operator pages are never framed (clickjacking). */
const NO_FRAMING = ["/v1/admin", '/studio', '/docs'];

const underAny = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/** The headers `securityHeaders` adds to a non-HTML answer outside NO_FRAMING (what a route answering with `finalHeaders` includes itself). */
export const BASE_SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * Responses whose headers their route wrote whole (security headers and CORS included) as a
 * plain object: the app-wide middlewares leave them alone. Reading `res.headers` would make the
 * Node adapter build a Headers object per answer and walk it again to write it (~5% of a cached
 * bid's CPU); the auction route answers this way.
 */
export const finalHeaders = new WeakSet<Response>();

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (finalHeaders.has(c.res)) return;
    const h = c.res.headers;
    const set = (k: string, v: string) => {
      try {
        h.set(k, v);
      } catch {
        // Immutable headers (a fetched Response passed through): copy once, then set.
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set(k, v);
      }
    };
    set('X-Content-Type-Options', BASE_SECURITY_HEADERS['X-Content-Type-Options']);
    if (!h.has('Referrer-Policy')) set('Referrer-Policy', BASE_SECURITY_HEADERS['Referrer-Policy']);
    const path = c.req.path;
    if (underAny(path, NO_FRAMING)) {
      const csp = c.res.headers.get('Content-Security-Policy');
      if (!csp) set('Content-Security-Policy', "frame-ancestors 'none'");
      else if (!/frame-ancestors/.test(csp)) set('Content-Security-Policy', `${csp}; frame-ancestors 'none'`);
      set('X-Frame-Options', 'DENY');
    } else if ((c.res.headers.get('Content-Type') ?? '').startsWith('text/html') && !c.res.headers.has('Content-Security-Policy')) {
      // Ad markup and any other HTML we answer (preview pages set their own): no script runs.
      set('Content-Security-Policy', UNIT_CSP);
    }
  };
}
