// /v1/admin/campaigns: versioned campaign documents and their lifecycle. Thin: permission, body,
// service call. Every write names the version it edits; the services validate, audit and commit.
import type { Context, Hono } from 'hono';
import { createCampaign, campaignView, listCampaignViews, updateCampaign, versionView } from '../services/authoring/campaigns.ts';
import { docOrThrow, versionOrThrow, type AuthoringDeps } from '../services/authoring/context.ts';
import { approveCampaign, operateCampaign, rejectCampaign, submitCampaign } from '../services/authoring/lifecycle.ts';
import { badParam } from '../domain/errors.ts';
import { jsonBody } from '../services/validation.ts';
import { actorWith } from './actor.ts';
import { DOCUMENT_LIMIT, limit } from './body-limits.ts';

/** An optional JSON body (lifecycle actions may send none). */
async function optionalJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  return jsonBody({ json: async () => JSON.parse(text) });
}

function versionParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw badParam('version', 'expected a positive integer');
  return Number(raw);
}

export function mountCampaigns(app: Hono, d: AuthoringDeps): void {
  const body = limit(DOCUMENT_LIMIT);

  app.get('/v1/admin/campaigns', async (c) => {
    actorWith(c, 'read');
    const authored = await listCampaignViews(d);
    const ids = new Set(authored.map((a) => a.id));
    // Campaigns seeded outside the authoring API (older databases, fixtures) are listed as they serve.
    const seeded = (await d.configCache.get()).bundles.filter((b) => !ids.has(b.campaign.id)).map((b) => ({ ...b.campaign, status: b.campaign.status === 'active' ? 'live' : 'paused', managed: false, variants: b.variants }));
    return c.json({ campaigns: [...authored.map((a) => ({ ...a, managed: true, name: a.document.name, variants: a.document.variants })), ...seeded] });
  });

  app.post('/v1/admin/campaigns', body, async (c) => c.json(await createCampaign(d, actorWith(c, 'campaign.edit'), await jsonBody(c.req)), 201));

  app.get('/v1/admin/campaigns/:id', async (c) => {
    actorWith(c, 'read');
    return c.json(await campaignView(d, c.req.param('id')));
  });

  app.put('/v1/admin/campaigns/:id', body, async (c) => c.json(await updateCampaign(d, actorWith(c, 'campaign.edit'), c.req.param('id'), await jsonBody(c.req))));

  app.get('/v1/admin/campaigns/:id/versions', async (c) => {
    actorWith(c, 'read');
    const id = c.req.param('id');
    const row = await docOrThrow(d, id);
    const versions = await d.authoring.listVersions(id);
    return c.json({ id, version: row.head, servingVersion: row.serving, versions: versions.map(versionView) });
  });

  app.get('/v1/admin/campaigns/:id/versions/:version', async (c) => {
    actorWith(c, 'read');
    const v = await versionOrThrow(d, c.req.param('id'), versionParam(c.req.param('version')));
    return c.json({ ...versionView(v), document: v.doc });
  });

  app.post('/v1/admin/campaigns/:id/submit', body, async (c) => c.json(await submitCampaign(d, actorWith(c, 'campaign.submit'), c.req.param('id'), await optionalJson(c))));
  app.post('/v1/admin/campaigns/:id/approve', body, async (c) => c.json(await approveCampaign(d, actorWith(c, 'campaign.approve'), c.req.param('id'), await optionalJson(c))));
  app.post('/v1/admin/campaigns/:id/reject', body, async (c) => c.json(await rejectCampaign(d, actorWith(c, 'campaign.approve'), c.req.param('id'), await optionalJson(c))));
  for (const op of ['pause', 'resume', 'archive'] as const) {
    app.post(`/v1/admin/campaigns/:id/${op}`, body, async (c) => c.json(await operateCampaign(d, actorWith(c, 'campaign.operate'), c.req.param('id'), op, await optionalJson(c))));
  }
}
