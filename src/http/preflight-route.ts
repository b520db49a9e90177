// GET /v1/admin/campaigns/:id/preflight[?version=N]: the pre-flight of a version (the head by
// default) through the real renderer — what approval enforces. Thin: permission, params, service.
import type { Hono } from 'hono';
import { badParam } from '../domain/errors.ts';
import { docOrThrow, versionOrThrow, type AuthoringDeps } from '../services/authoring/context.ts';
import { versionBundle } from '../services/authoring/review.ts';
import { campaignPreflight, PREFLIGHT_CAPS } from '../services/preflight-run.ts';
import type { ServeDeps } from '../services/serve-deps.ts';
import { actorWith } from './actor.ts';

export function mountPreflight(app: Hono, serve: ServeDeps, d: AuthoringDeps): void {
  app.get('/v1/admin/campaigns/:id/preflight', async (c) => {
    actorWith(c, 'read');
    const id = c.req.param('id');
    const raw = c.req.query('version');
    if (raw !== undefined && (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)) throw badParam('version', 'expected a positive integer');
    const row = await docOrThrow(d, id);
    const v = await versionOrThrow(d, id, raw === undefined ? row.head : Number(raw));
    const b = await versionBundle(d, id, v);
    const report = await campaignPreflight(serve, b.campaign, b.variants);
    return c.json({ id, version: v.version, state: v.state, hash: v.hash, caps: PREFLIGHT_CAPS, ...report }, 200, { 'Cache-Control': 'no-store' });
  });
}
