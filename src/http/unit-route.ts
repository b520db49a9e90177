// GET /v1/unit/:token — render-on-fetch units referenced by bids (HTML banners and CTV
// resources, native image files). The token is signed and carries only what the unit shows; the
// render is cached by content, so only the first fetch renders. A bad token is a 4xx, never a
// redirect; a render failure serves the fallback creative.
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { fallbackSlots } from '../render/slots.ts';
import { personalizeHtml, renderDraft, unitFontSource } from '../services/creative.ts';
import { unitCsp } from './headers.ts';
import { contentKey } from '../services/render-cache.ts';
import type { ServeDeps } from '../services/serve-deps.ts';
import type { Signals } from '../domain/types.ts';

export function mountUnits(app: Hono, deps: ServeDeps): void {
  app.get('/v1/unit/:token', async (c) => {
    const opened = await deps.exchange.units.open(c.req.param('token'), deps.clock());
    if (!opened.ok) {
      const code = opened.status === 404 ? 'not_found' : 'bad_request';
      return c.json({ error: { code, message: `token: ${opened.reason}`, field: 'token' } }, opened.status);
    }
    const { format, payload } = opened;
    const draft = payload.s;
    if (!draft || typeof draft !== 'object' || !Object.hasOwn(deps.templates, draft.template)) throw new VitrineError('bad_request', 'token: unknown template', 'token');
    let out;
    let fallback: string | null = null;
    try {
      out = await renderDraft(deps, draft, format);
    } catch (err) {
      deps.log.error('unit render failed; serving fallback', { err: String(err) });
      fallback = 'render failed';
      out = await renderDraft(deps, fallbackSlots(null, { size: draft.size, lang: draft.lang, now: deps.clock() } as Signals), format);
    }
    const html = format === 'html';
    const links = { click: payload.l?.c ?? 'about:blank', impression: payload.l?.i ?? 'data:,', scan: 'about:blank' };
    const body = html ? personalizeHtml(out.bytes, links) : out.bytes;
    // The ETag covers the links the body carries, so another decision's copy never revalidates as this one.
    const etag = html ? `"${out.key}-${await contentKey([links.click, links.impression], deps.digest)}"` : `"${out.key}"`;
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': 'public, max-age=86400, immutable',
      'X-Vitrine-Cache': out.cached ? 'hit' : 'miss',
      ...(fallback ? { 'X-Vitrine-Fallback': fallback } : {}),
    };
    if (c.req.header('If-None-Match') === etag) return new Response(null, { status: 304, headers });
    const fonts = html ? unitFontSource(out.bytes, links) : null;
    return new Response(body as BodyInit, { status: 200, headers: { ...headers, ...(fonts ? { 'Content-Security-Policy': unitCsp(fonts) } : {}), 'Content-Type': out.contentType } });
  });
}
