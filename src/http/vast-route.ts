// GET /v1/vast: VAST 4.2 for CTV players and ad insertion. Bad parameters → 400 JSON;
// no decision or any failure after validation → an empty VAST with an Error URL, never a 5xx.
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { vastEmpty } from '../render/vast.ts';
import { decideRequest } from '../services/decide-request.ts';
import { OVERLAY_SIZE, vastForDecision } from '../services/vast.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';
import { guardFutureAt } from './internal-access.ts';

const XML = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };

export function mountVast(app: Hono, deps: ServeDeps): void {
  app.get('/v1/vast', async (c) => {
    const q = c.req.query();
    await guardFutureAt(c, q.at, deps.config.adminKey, deps.clock());
    // The overlay is drawn for a 1920x1080 canvas whatever the player's size; CTV unless told otherwise.
    const params = { ...q, size: `${OVERLAY_SIZE.w}x${OVERLAY_SIZE.h}`, format: 'png', device: q.device || 'ctv' };
    const rd = await decideRequest(deps, params);
    try {
      const xml = await vastForDecision(deps, rd, originOf(deps, c.req.url), { test: q.test === '1', html: q.html !== '0' });
      return c.body(xml, 200, XML);
    } catch (err) {
      if (err instanceof VitrineError) throw err;
      deps.log.error('vast failed; serving empty VAST', { err: String(err) });
      return c.body(vastEmpty(null), 200, { ...XML, 'X-Vitrine-Fallback': 'error' });
    }
  });
}
