// Schemas of the admin catalog routes (campaign list, products, stock, promos, reports, feeds,
// stores, Shopify) and the merchant routes (profiles, conversions). The zod schemas are the ones
// the routes validate with.
import { z } from 'zod';
import { FEED_KINDS } from '../../feeds/import.ts';
import { conversionInput } from '../../services/conversions.ts';
import { profileInput } from '../../services/profiles.ts';
import { promoSchema, stockRow } from '../admin-route.ts';
import { storesSchema } from '../feeds-route.ts';
import { mappingSchema } from '../shopify-route.ts';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

const id = z.object({ id: z.string() });
const uid = z.object({ uid: z.string().describe('the merchant’s user id (stored only as a keyed hash)') });
const admin = { auth: 'admin' as const };
const forbidden = errorBody('the role lacks the permission (named in error.details.missing)');
const json = (schema: z.ZodType, limit?: number) => ({ type: 'application/json', schema, ...(limit ? { limit } : {}) });

defineRoutes([
  { ...admin, tag: 'Catalog', method: 'get', path: '/v1/admin/products/:id', permission: 'read', summary: 'A product with its inventory by region', params: id, responses: { 200: { description: 'product and inventory' }, 404: errorBody('unknown product') } },
  { ...admin, tag: 'Catalog', method: 'post', path: '/v1/admin/stock', permission: 'catalog.write', summary: 'Bulk stock counts or adjustments, all or nothing (every bad row listed)', body: json(z.array(stockRow)), responses: { 200: { description: 'applied', schema: z.object({ updated: z.number().int() }) }, 400: errorBody('invalid rows; nothing written'), 403: forbidden } },
  { ...admin, tag: 'Catalog', method: 'get', path: '/v1/admin/promos', permission: 'read', summary: 'Regional promos', responses: { 200: { description: 'promos', schema: z.object({ promos: z.array(promoSchema) }) } } },
  { ...admin, tag: 'Catalog', method: 'get', path: '/v1/admin/promos/:id', permission: 'read', summary: 'One promo', params: id, responses: { 200: { description: 'the promo', schema: promoSchema }, 404: errorBody('unknown promo') } },
  { ...admin, tag: 'Catalog', method: 'post', path: '/v1/admin/promos', permission: 'catalog.write', summary: 'Create a promo', body: json(promoSchema), responses: { 201: { description: 'created', schema: promoSchema }, 400: errorBody('invalid or existing id'), 403: forbidden } },
  { ...admin, tag: 'Catalog', method: 'put', path: '/v1/admin/promos/:id', permission: 'catalog.write', summary: 'Create or replace a promo', params: id, body: json(promoSchema), responses: { 200: { description: 'saved', schema: promoSchema }, 400: errorBody('invalid'), 403: forbidden } },
  { ...admin, tag: 'Catalog', method: 'delete', path: '/v1/admin/promos/:id', permission: 'catalog.write', summary: 'Delete a promo', params: id, responses: { 204: { description: 'deleted' }, 404: errorBody('unknown promo'), 403: forbidden } },
  { ...admin, tag: 'Reports', method: 'get', path: '/v1/admin/reports', permission: 'read', summary: 'Campaign report by variant, region, segment or day (JSON, or CSV with Accept: text/csv)', query: z.object({ campaign: z.string(), by: z.enum(['variant', 'region', 'segment', 'day']).optional(), from: z.string().optional(), to: z.string().optional() }), responses: { 200: { description: 'report' }, 404: errorBody('unknown campaign') } },
  { ...admin, tag: 'Feeds', method: 'post', path: '/v1/admin/feeds/:kind', permission: 'catalog.write', summary: 'Stream a Merchant Center feed (TSV or RSS XML); every rejected row reported', params: z.object({ kind: z.enum(FEED_KINDS) }), query: z.object({ mode: z.enum(['incremental', 'full']).optional() }), body: { type: 'text/tab-separated-values', description: 'TSV with a header row, or application/xml (RSS 2.0 with g: attributes); streamed' }, responses: { 200: { description: 'import summary' }, 400: errorBody('bad content type or parameter'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/stores', permission: 'read', summary: 'Physical stores (local inventory)', responses: { 200: { description: 'stores' } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/stores', permission: 'catalog.write', summary: 'Upsert stores and their regions', body: json(storesSchema), responses: { 200: { description: 'all stores' }, 400: errorBody('invalid'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/shopify/mapping', permission: 'read', summary: 'Shopify inventory item → product and location → region mapping', responses: { 200: { description: 'mapping', schema: mappingSchema } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/shopify/mapping', permission: 'catalog.write', summary: 'Replace the Shopify mapping', body: json(mappingSchema), responses: { 200: { description: 'saved', schema: mappingSchema }, 400: errorBody('invalid'), 403: forbidden } },
  { tag: 'Feeds', auth: 'webhook', method: 'post', path: '/v1/webhooks/shopify/inventory-levels', summary: 'Shopify inventory_levels/update webhook (X-Shopify-Hmac-Sha256 over the body)', body: { type: 'application/json', description: 'Shopify inventory level payload' }, responses: { 200: { description: 'applied' }, 202: { description: 'accepted, not mapped' }, 401: errorBody('bad signature') } },
  { tag: 'Profiles', auth: 'merchant', method: 'put', path: '/v1/profiles/:uid', summary: 'Upsert a first-party profile', params: uid, body: json(profileInput), responses: { 200: { description: 'stored' }, 400: errorBody('invalid') } },
  { tag: 'Profiles', auth: 'merchant', method: 'get', path: '/v1/profiles/:uid', summary: 'A profile and what a decision derives from it', params: uid, responses: { 200: { description: 'profile' }, 404: errorBody('none or expired') } },
  { tag: 'Profiles', auth: 'merchant', method: 'delete', path: '/v1/profiles/:uid', summary: 'Erase a profile (and unlink its events)', params: uid, responses: { 200: { description: 'erased' } } },
  { tag: 'Profiles', auth: 'merchant', method: 'post', path: '/v1/profiles/import', summary: 'Bulk profile import, NDJSON streamed; every rejected line reported', body: { type: 'application/x-ndjson', description: 'one { uid, …profile } per line' }, responses: { 200: { description: 'import summary' } } },
  { tag: 'Profiles', auth: 'merchant', method: 'post', path: '/v1/events/conversion', summary: 'Record a conversion (idempotent by order id)', body: json(conversionInput), responses: { 201: { description: 'attributed' }, 202: { description: 'unattributed' }, 200: { description: 'duplicate' }, 400: errorBody('invalid') } },
]);
