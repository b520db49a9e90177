// The studio's campaign editor (src/http/studio-editor-route.ts): pages and the JSON the editor's
// script calls. Saves go through the same services as POST/PUT /v1/admin/campaigns.
import { z } from 'zod';
import { defineRoutes, type RouteSpec } from './registry.ts';
import { errorBody } from './shared.ts';

const html = { description: 'an HTML page', type: 'text/html' };
const id = z.object({ id: z.string() });
const form = { type: 'application/x-www-form-urlencoded', description: 'the editor form: input names are the campaign document’s field paths (variants.0.copy.ar.headline)', limit: 64 * 1024 };
const refusals = { 401: errorBody('signed out (the editor keeps the draft and returns after sign-in)'), 403: errorBody('not from the studio’s own origin, or the role lacks campaign.edit') };
const page = (path: string, summary: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({ method: 'get', path, summary, tag: 'Studio', auth: 'session', permission: 'campaign.edit', responses: { 200: html, 302: { description: 'signed out: to /studio/signin?next=…' }, 403: errorBody('the role lacks campaign.edit') }, ...extra });
const saved = { description: 'saved: { id, version, status, location } (JSON) or 303 to the editor' };
const problems = { description: 'field errors: { error: { code, message, field, details, fields: [{ field, input, reason }] } } (JSON), or the page with the errors beside the fields' };

defineRoutes([
  page('/studio/campaigns/new', 'Campaign editor: a new campaign (fields, variants, live preview)'),
  page('/studio/campaigns/:id/edit', 'Campaign editor: the head version of a campaign', { params: id, query: z.object({ saved: z.string().optional() }) }),
  { method: 'post', path: '/studio/campaigns/new', summary: 'Create a campaign from the editor form (same service and audit as POST /v1/admin/campaigns)', tag: 'Studio', auth: 'session', permission: 'campaign.edit', body: form, responses: { 201: saved, 200: html, 303: { description: 'saved: to the editor' }, 400: problems, 409: errorBody('the id exists'), 422: problems, ...refusals } },
  { method: 'post', path: '/studio/campaigns/:id/edit', summary: 'Save a new draft version from the editor form; `version` names the version edited (409 naming who changed it and when if stale)', tag: 'Studio', auth: 'session', permission: 'campaign.edit', params: id, body: form, responses: { 200: saved, 303: { description: 'saved: to the editor' }, 400: problems, 409: errorBody('stale: error.stale = { changedBy, changedAt, current }'), 422: problems, ...refusals } },
  { method: 'post', path: '/studio/editor/preview', summary: 'Live preview of an unsaved draft: one variant through the real engine and renderer in every served size × language (≤ 14 cells), PNG and HTML, with the fit report and warnings; nothing is written', tag: 'Studio', auth: 'session', permission: 'campaign.edit', body: { ...form, description: 'the editor form plus preview.variant (index), preview.region, preview.campaign' }, responses: { 200: { description: '{ variant, region, at, simulated, cells: [{ size, lang, status, reason, png (data: URI), html, fit, warnings }], capped, problems }' }, 400: errorBody('unknown preview.region or preview.variant'), ...refusals } },
  { method: 'post', path: '/studio/editor/products', summary: 'Live count (capped at 200) and a sample of the in-stock products a selector matches, per region', tag: 'Studio', auth: 'session', permission: 'campaign.edit', body: form, responses: { 200: { description: '{ regions: [{ region, name, count, more, sample }], problems }' }, ...refusals } },
]);
