// Schemas of the review routes: the admin pre-flight, and the studio's campaign page, review
// page, version tearsheet and the submit / approve / reject / pause / resume forms.
import { z } from 'zod';
import { defineRoutes, type RouteSpec } from './registry.ts';
import { errorBody } from './shared.ts';

const id = z.object({ id: z.string() });
const idVersion = z.object({ id: z.string(), version: z.string() });
const html = { description: 'an HTML page', type: 'text/html' };
const page = (path: string, summary: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({ method: 'get', path, summary, tag: 'Studio', auth: 'session', permission: 'read', responses: { 200: html, 302: { description: 'signed out: to /studio/signin?next=…' }, 404: errorBody('unknown campaign or version') }, ...extra });
const form = (path: string, summary: string, permission: RouteSpec['permission']): RouteSpec => ({
  method: 'post', path, summary, tag: 'Studio', auth: 'session', permission, params: id,
  body: { type: 'application/x-www-form-urlencoded', description: 'version, comment (and back for pause/resume)', limit: 64 * 1024 },
  responses: { 303: { description: 'done: back to the page' }, 200: { description: 'the page again with the server’s error next to the field', type: 'text/html' }, 403: errorBody('not from the studio’s own origin, or the role lacks the permission') },
});

const finding = z.object({
  check: z.enum(['contrast', 'never_eligible', 'text_shortened', 'cta_cut', 'promo_code_cut', 'image_missing', 'not_laid_out']),
  severity: z.enum(['blocking', 'warning']),
  reason: z.string(),
  subject: z.string().describe('campaign or a variant id'),
  field: z.string(),
  size: z.string().optional(),
  lang: z.string().optional(),
  region: z.string().optional(),
  detail: z.string(),
  original: z.string().optional().describe('fit findings: the copy as written'),
  shown: z.string().optional().describe('fit findings: the copy as drawn (empty when left out)'),
  fontSize: z.number().optional(),
  requestedSize: z.number().optional(),
});

export const preflightReportSchema = z.object({
  id: z.string(),
  version: z.number(),
  state: z.string(),
  hash: z.string(),
  caps: z.object({ variants: z.number(), sizes: z.number(), languages: z.number() }),
  findings: z.array(finding),
  blocking: z.number(),
  warnings: z.number(),
  checked: z.object({ variants: z.array(z.string()), sizes: z.array(z.string()), languages: z.array(z.string()), layouts: z.number() }),
  capped: z.array(z.string()),
});

defineRoutes([
  {
    method: 'get', path: '/v1/admin/campaigns/:id/preflight', tag: 'Authoring', auth: 'admin', permission: 'read', params: id,
    summary: 'Pre-flight of a version (head by default): contrast, never-eligible variants, and the renderer’s text fit per variant × size × language (capped 12 × 8 × 4); approval refuses while a blocking finding stands',
    query: z.object({ version: z.string().optional() }),
    responses: { 200: { description: 'the findings with severity and reason', schema: preflightReportSchema }, 400: errorBody('bad version'), 404: errorBody('unknown campaign or version') },
  },
  page('/studio/campaigns/:id', 'One campaign: status, flight per region, variants, pre-flight, history of versions and comments, submit, pause/resume', { params: id }),
  page('/studio/campaigns/:id/review', 'Review of the version in review: field-level diff from the previous approved version, pre-flight, approve or reject with a comment', { params: id }),
  page('/studio/campaigns/:id/versions/:version/tearsheet', 'The tearsheet of one version (any state) over simulated signals', { params: idVersion }),
  { method: 'get', path: '/studio/campaigns/:id/versions/:version/ts/:token/:i/:file', summary: 'One version-tearsheet cell’s creative (PNG)', tag: 'Studio', auth: 'session', permission: 'read', params: z.object({ id: z.string(), version: z.string(), token: z.string(), i: z.string(), file: z.string() }), responses: { 200: { description: 'the creative', type: 'image/png' }, 404: errorBody('bad token or cell') } },
  { method: 'get', path: '/studio/campaigns/:id/versions/:version/creative/:variant/:lang/:file', summary: 'One variant of a version as drawn (conditions aside), for the review page (PNG)', tag: 'Studio', auth: 'session', permission: 'read', params: z.object({ id: z.string(), version: z.string(), variant: z.string(), lang: z.string(), file: z.string() }), responses: { 200: { description: 'the creative', type: 'image/png' }, 404: errorBody('unknown version, variant, language or size') } },
  page('/studio/campaigns/:id/pause', 'Confirmation: what pausing stops (OpenRTB bids; tags and /v1/creative fall back)', { params: id }),
  page('/studio/campaigns/:id/resume', 'Confirmation: what resuming starts again', { params: id }),
  form('/studio/campaigns/:id/submit', 'Submit the head version for review with a note (campaign.submit)', 'campaign.submit'),
  form('/studio/campaigns/:id/approve', 'Approve the version in review with a comment (campaign.approve)', 'campaign.approve'),
  form('/studio/campaigns/:id/reject', 'Reject the version in review with a comment (campaign.reject)', 'campaign.approve'),
  form('/studio/campaigns/:id/pause', 'Pause the campaign (campaign.operate)', 'campaign.operate'),
  form('/studio/campaigns/:id/resume', 'Resume the campaign (campaign.operate)', 'campaign.operate'),
]);
