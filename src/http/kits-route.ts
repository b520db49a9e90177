// /v1/admin/placements and /v1/admin/brand-kits (with logo and font uploads), and the public
// /v1/assets/brand/:name path templates and the studio load uploaded assets from.
import type { Context, Hono } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import type { AuthoringDeps } from '../services/authoring/context.ts';
import { brandKitView, createBrandKit, createPlacement, deletePlacement, listBrandKitViews, listPlacementViews, placementView, updateBrandKit, updatePlacement, uploadBrandAsset } from '../services/authoring/kits.ts';
import { SCRIPTS, type Script } from '../services/authoring/uploads.ts';
import type { Store } from '../storage/port.ts';
import { jsonBody } from '../services/validation.ts';
import { actorWith } from './actor.ts';
import { DOCUMENT_LIMIT, limit, UPLOAD_LIMIT } from './body-limits.ts';

function revisionOf(c: Context): number {
  const raw = c.req.query('revision') ?? '';
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw badParam('revision', 'the revision this write was made from is required (?revision=N)');
  return Number(raw);
}

export function mountKits(app: Hono, d: AuthoringDeps): void {
  const body = limit(DOCUMENT_LIMIT);

  app.get('/v1/admin/placements', async (c) => {
    actorWith(c, 'read');
    return c.json({ placements: await listPlacementViews(d) });
  });
  app.get('/v1/admin/placements/:id', async (c) => {
    actorWith(c, 'read');
    return c.json(await placementView(d, c.req.param('id')));
  });
  app.post('/v1/admin/placements', body, async (c) => c.json(await createPlacement(d, actorWith(c, 'placement.write'), await jsonBody(c.req)), 201));
  app.put('/v1/admin/placements/:id', body, async (c) => c.json(await updatePlacement(d, actorWith(c, 'placement.write'), c.req.param('id'), await jsonBody(c.req))));
  app.delete('/v1/admin/placements/:id', async (c) => {
    await deletePlacement(d, actorWith(c, 'placement.write'), c.req.param('id'), revisionOf(c));
    return c.body(null, 204);
  });

  app.get('/v1/admin/brand-kits', async (c) => {
    actorWith(c, 'read');
    return c.json({ brandKits: await listBrandKitViews(d) });
  });
  app.get('/v1/admin/brand-kits/:id', async (c) => {
    actorWith(c, 'read');
    return c.json(await brandKitView(d, c.req.param('id')));
  });
  app.post('/v1/admin/brand-kits', body, async (c) => c.json(await createBrandKit(d, actorWith(c, 'brand.write'), await jsonBody(c.req)), 201));
  app.put('/v1/admin/brand-kits/:id', body, async (c) => c.json(await updateBrandKit(d, actorWith(c, 'brand.write'), c.req.param('id'), await jsonBody(c.req))));

  const upload = limit(UPLOAD_LIMIT);
  const bytesOf = async (c: Context) => new Uint8Array(await c.req.arrayBuffer());
  app.put('/v1/admin/brand-kits/:id/logo', upload, async (c) => {
    const actor = actorWith(c, 'brand.write');
    return c.json(await uploadBrandAsset(d, actor, c.req.param('id'), { logo: true }, c.req.header('Content-Type') ?? '', await bytesOf(c), revisionOf(c)));
  });
  app.put('/v1/admin/brand-kits/:id/fonts/:script', upload, async (c) => {
    const actor = actorWith(c, 'brand.write');
    const script = c.req.param('script');
    if (!(SCRIPTS as readonly string[]).includes(script)) throw badParam('script', `unknown script "${script}"`, SCRIPTS);
    return c.json(await uploadBrandAsset(d, actor, c.req.param('id'), { font: script as Script }, c.req.header('Content-Type') ?? '', await bytesOf(c), revisionOf(c)));
  });
}

/** Uploaded brand assets, by content address: immutable, public (creatives draw them), inert. */
export function mountAssets(app: Hono, store: Store): void {
  app.get('/v1/assets/brand/:name', async (c) => {
    const name = c.req.param('name');
    if (!/^[0-9a-f]{32}\.(png|svg|woff2?|ttf|otf)$/.test(name)) throw new VitrineError('not_found', `asset: unknown asset "${name}"`, 'name');
    const asset = await store.getAsset(`brand/${name}`);
    if (!asset) throw new VitrineError('not_found', `asset: unknown asset "${name}"`, 'name');
    return new Response(asset.bytes as BodyInit, {
      headers: {
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        // An SVG opened directly runs nothing and loads nothing.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        'Access-Control-Allow-Origin': '*',
      },
    });
  });
}
