// CORS for browser callers: Prebid.js adapters calling the OpenRTB endpoint and reading creative
// JSON from configured origins (`VITRINE_CORS_ORIGINS`, `*` = any), and VAST for video players,
// which fetch it with credentials from any page. Allowed origins are echoed (never `*`) with
// `Access-Control-Allow-Credentials`, as credentialed requests require; preflights are answered.
import type { Context, Hono } from 'hono';
import { finalHeaders } from './headers.ts';

const CONFIGURED = ['/openrtb2/auction', '/v1/creative'];
const ANY_ORIGIN = ['/v1/vast'];
const METHODS = 'GET, POST, OPTIONS';
const EXPOSE = 'X-Vitrine-Decision, X-Vitrine-No-Bid, X-Vitrine-Nbr';
const HEADERS = 'Content-Type, X-OpenRTB-Version';
/** Request header names a preflight may ask for (RFC 9110 tokens), at most this many characters in all. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const MAX_HEADER_LIST = 512;

/** The headers the preflight asked for when they are plain header names (echoed), else the fixed list. */
function allowedHeaders(c: Context): string {
  const asked = c.req.header('Access-Control-Request-Headers')?.trim();
  return asked && asked.length <= MAX_HEADER_LIST && HEADER_LIST.test(asked) ? asked : HEADERS;
}

function allowedOrigin(c: Context, origins: ReadonlySet<string>): string | null {
  return originAllowed(c.req.header('Origin'), c.req.path, origins);
}

function originAllowed(origin: string | undefined, path: string, origins: ReadonlySet<string>): string | null {
  if (!origin || origin === 'null') return null;
  if (ANY_ORIGIN.includes(path)) return origin;
  if (CONFIGURED.includes(path) && (origins.has('*') || origins.has(origin))) return origin;
  return null;
}

/**
 * The CORS headers the middleware below gives an answer on `path` (not a preflight), for a route
 * that writes its headers whole (`finalHeaders`): `Vary: Origin` always, the grant when allowed.
 */
export function corsHeaders(origin: string | undefined, path: string, configured: ReadonlySet<string>): Record<string, string> {
  const allowed = originAllowed(origin, path, configured);
  return allowed ? { Vary: 'Origin', ...grant(allowed) } : { Vary: 'Origin' };
}

/** What an allowed origin is given on an answer (not a preflight). */
const grant = (origin: string): Record<string, string> => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': EXPOSE });

export function mountCors(app: Hono, configured: readonly string[]): void {
  const origins = new Set(configured);
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (!CONFIGURED.includes(path) && !ANY_ORIGIN.includes(path)) return next();
    const origin = allowedOrigin(c, origins);
    if (c.req.method === 'OPTIONS') {
      if (!origin) return c.body(null, 403, { Vary: 'Origin' });
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Allow-Headers': allowedHeaders(c),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (finalHeaders.has(c.res)) return;
    c.res.headers.append('Vary', 'Origin');
    if (origin) {
      for (const [k, v] of Object.entries(grant(origin))) c.res.headers.set(k, v);
    } else {
      c.res.headers.delete('Access-Control-Allow-Origin');
    }
  });
}
