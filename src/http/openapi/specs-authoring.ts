// Schemas of the campaign authoring routes (campaigns and their lifecycle, placements, brand kits
// and uploads, brand assets). The zod schemas are the ones the services validate with.
import { z } from 'zod';
import { brandKitSchema, campaignCreateSchema, campaignUpdateSchema, operateSchema, placementSchema, rejectSchema, resourceId, reviewActionSchema } from '../../services/authoring/schemas.ts';
import { defineRoutes, type RouteSpec } from './registry.ts';
import { errorBody } from './shared.ts';

const admin = { auth: 'admin' as const, tag: 'Authoring' };
const id = z.object({ id: z.string() });
const json = (schema: z.ZodType) => ({ type: 'application/json', schema, limit: 256 * 1024 });
const forbidden = errorBody('the role lacks the permission (or approving one’s own version)');
const stale = errorBody('stale version or revision: who changed it and when');
const revision = z.object({ revision: z.string().describe('the revision this write was made from') });
const upload = (what: string) => ({ type: 'application/octet-stream', description: what, limit: 4 * 1024 * 1024 });
const lifecycle = (op: string, permission: RouteSpec['permission'], schema: z.ZodType, summary: string): RouteSpec => ({ ...admin, method: 'post', path: `/v1/admin/campaigns/:id/${op}`, permission, summary, params: id, body: json(schema), responses: { 200: { description: 'the campaign' }, 400: errorBody('invalid body'), 403: forbidden, 404: errorBody('unknown campaign'), 409: stale } });

defineRoutes([
  { ...admin, method: 'get', path: '/v1/admin/campaigns', permission: 'read', summary: 'Campaigns with status, versions and variants', responses: { 200: { description: 'campaigns' } } },
  { ...admin, method: 'post', path: '/v1/admin/campaigns', permission: 'campaign.edit', summary: 'Create a campaign (version 1, draft)', body: json(campaignCreateSchema), responses: { 201: { description: 'created' }, 400: errorBody('invalid document; every problem listed'), 403: forbidden, 409: errorBody('exists'), 413: errorBody('body over 256 KB'), 422: errorBody('unknown references') } },
  { ...admin, method: 'get', path: '/v1/admin/campaigns/:id', permission: 'read', summary: 'A campaign: status, head version, serving version, document', params: id, responses: { 200: { description: 'the campaign' }, 404: errorBody('unknown campaign') } },
  { ...admin, method: 'put', path: '/v1/admin/campaigns/:id', permission: 'campaign.edit', summary: 'Edit: a new draft version from the version named', params: id, body: json(campaignUpdateSchema), responses: { 200: { description: 'the campaign' }, 400: errorBody('invalid document'), 403: forbidden, 409: stale, 422: errorBody('unknown references') } },
  { ...admin, method: 'get', path: '/v1/admin/campaigns/:id/versions', permission: 'read', summary: 'Every version: who, when, hash, diff summary, review', params: id, responses: { 200: { description: 'versions' }, 404: errorBody('unknown campaign') } },
  { ...admin, method: 'get', path: '/v1/admin/campaigns/:id/versions/:version', permission: 'read', summary: 'One version with its document', params: z.object({ id: z.string(), version: z.string() }), responses: { 200: { description: 'the version' }, 404: errorBody('unknown version') } },
  lifecycle('submit', 'campaign.submit', reviewActionSchema, 'Send the head draft to review'),
  ((s: RouteSpec): RouteSpec => ({ ...s, responses: { ...s.responses, 422: errorBody('blocking pre-flight findings stand (details.findings lists each: check, severity, reason, variant, field, size, language)') } }))(lifecycle('approve', 'campaign.approve', reviewActionSchema, 'Approve the version in review (bound to its content hash; never one’s own; refused while a blocking pre-flight finding stands); pre-renders its top sizes in the background')),
  lifecycle('reject', 'campaign.approve', rejectSchema, 'Reject the version in review (comment required)'),
  lifecycle('pause', 'campaign.operate', operateSchema, 'Pause serving'),
  lifecycle('resume', 'campaign.operate', operateSchema, 'Resume serving'),
  lifecycle('archive', 'campaign.operate', operateSchema, 'Archive (stops serving for good)'),
  { ...admin, method: 'get', path: '/v1/admin/placements', permission: 'read', summary: 'Placements', responses: { 200: { description: 'placements' } } },
  { ...admin, method: 'get', path: '/v1/admin/placements/:id', permission: 'read', summary: 'One placement', params: id, responses: { 200: { description: 'the placement' }, 404: errorBody('unknown placement') } },
  { ...admin, method: 'post', path: '/v1/admin/placements', permission: 'placement.write', summary: 'Create a placement', body: json(placementSchema.extend({ id: resourceId })), responses: { 201: { description: 'created' }, 400: errorBody('invalid'), 403: forbidden, 409: errorBody('exists') } },
  { ...admin, method: 'put', path: '/v1/admin/placements/:id', permission: 'placement.write', summary: 'Change a placement', params: id, body: json(placementSchema.extend({ revision: z.number().int() })), responses: { 200: { description: 'saved' }, 400: errorBody('invalid'), 403: forbidden, 409: stale } },
  { ...admin, method: 'delete', path: '/v1/admin/placements/:id', permission: 'placement.write', summary: 'Delete a placement no campaign books', params: id, query: revision, responses: { 204: { description: 'deleted' }, 403: forbidden, 409: stale } },
  { ...admin, method: 'get', path: '/v1/admin/brand-kits', permission: 'read', summary: 'Brand kits', responses: { 200: { description: 'brand kits' } } },
  { ...admin, method: 'get', path: '/v1/admin/brand-kits/:id', permission: 'read', summary: 'One brand kit', params: id, responses: { 200: { description: 'the brand kit' }, 404: errorBody('unknown brand kit') } },
  { ...admin, method: 'post', path: '/v1/admin/brand-kits', permission: 'brand.write', summary: 'Create a brand kit', body: json(brandKitSchema.extend({ id: resourceId })), responses: { 201: { description: 'created' }, 400: errorBody('invalid'), 403: forbidden, 409: errorBody('exists') } },
  { ...admin, method: 'put', path: '/v1/admin/brand-kits/:id', permission: 'brand.write', summary: 'Change a brand kit', params: id, body: json(brandKitSchema.extend({ revision: z.number().int() })), responses: { 200: { description: 'saved' }, 400: errorBody('invalid'), 403: forbidden, 409: stale } },
  { ...admin, method: 'put', path: '/v1/admin/brand-kits/:id/logo', permission: 'brand.write', summary: 'Upload the logo (image/png or image/svg+xml, ≤ 512 KB)', params: id, query: revision, body: upload('PNG or SVG bytes'), responses: { 200: { description: 'stored' }, 400: errorBody('wrong type, corrupt, unsafe or too large'), 403: forbidden, 409: stale, 413: errorBody('body over 4 MB') } },
  { ...admin, method: 'put', path: '/v1/admin/brand-kits/:id/fonts/:script', permission: 'brand.write', summary: 'Upload a font for latin or arabic (TTF/OTF, WOFF, WOFF2, ≤ 2 MB)', params: z.object({ id: z.string(), script: z.enum(['latin', 'arabic']) }), query: revision, body: upload('font bytes'), responses: { 200: { description: 'stored' }, 400: errorBody('wrong type, corrupt, missing script or too large'), 403: forbidden, 409: stale, 413: errorBody('body over 4 MB') } },
  { tag: 'Authoring', auth: 'none', method: 'get', path: '/v1/assets/brand/:name', summary: 'An uploaded brand asset by content address (immutable)', params: z.object({ name: z.string() }), responses: { 200: { description: 'the bytes' }, 404: errorBody('unknown asset') } },
]);
