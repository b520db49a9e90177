// Schemas of the admin catalog routes (campaign list, products, stock, promos, reports, feeds,
// stores, Shopify) and the merchant routes (profiles, conversions). The zod schemas are the ones
// the routes validate with.
import { z } from 'zod';
import { FEED_KINDS } from '../../feeds/import.ts';
import { conversionInput } from '../../services/conversions.ts';
import { profileInput } from '../../services/profiles.ts';
import { promoSchema, stockRow } from '../admin-route.ts';
import { regionMappingSchema, sourceSchema, storesSchema } from '../feeds-route.ts';
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
  { ...admin, tag: 'Feeds', method: 'post', path: '/v1/admin/feeds/:kind', permission: 'catalog.write', summary: 'Stream a Merchant Center feed (TSV or RSS XML); every rejected row reported', params: z.object({ kind: z.enum(FEED_KINDS) }), query: z.object({ mode: z.enum(['incremental', 'full']).optional(), dry_run: z.enum(['1', '0', 'true', 'false']).optional() }), body: { type: 'text/tab-separated-values', description: 'TSV with a header row, or application/xml (RSS 2.0 with g: attributes), plain, gzipped (Content-Encoding: gzip or application/gzip) or zipped (application/zip); streamed' }, responses: { 200: { description: 'import summary with rejected rows and ignored attributes' }, 400: errorBody('bad content type, parameter or archive'), 403: forbidden, 413: errorBody('inflates past the limit') } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/feeds/sources', permission: 'read', summary: 'Feed URLs fetched on a schedule, with their last status', responses: { 200: { description: 'sources' } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/feeds/sources/:id', permission: 'catalog.write', summary: 'Create or change a scheduled feed URL (allow-listed https hosts only)', params: id, body: json(sourceSchema), responses: { 200: { description: 'changed' }, 201: { description: 'created' }, 400: errorBody('invalid or refused URL'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'delete', path: '/v1/admin/feeds/sources/:id', permission: 'catalog.write', summary: 'Stop fetching a feed URL', params: id, responses: { 200: { description: 'deleted' }, 404: errorBody('unknown source'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'post', path: '/v1/admin/feeds/sources/:id/fetch', permission: 'catalog.write', summary: 'Fetch a scheduled feed now (conditional GET)', params: id, responses: { 200: { description: 'imported, not_modified, refused or failed' }, 404: errorBody('unknown source'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/regions/mapping', permission: 'read', summary: 'Merchant Center region ids → Vitrine regions', responses: { 200: { description: 'mappings' } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/regions/mapping', permission: 'catalog.write', summary: 'Replace the Merchant Center region id mapping', body: json(regionMappingSchema), responses: { 200: { description: 'saved' }, 400: errorBody('unknown region or duplicate id; every problem listed'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/stores', permission: 'read', summary: 'Physical stores (local inventory)', responses: { 200: { description: 'stores' } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/stores', permission: 'catalog.write', summary: 'Upsert stores and their regions', body: json(storesSchema), responses: { 200: { description: 'all stores' }, 400: errorBody('invalid'), 403: forbidden } },
  { ...admin, tag: 'Feeds', method: 'get', path: '/v1/admin/shopify/mapping', permission: 'read', summary: 'Shopify inventory item → product and location → region mapping', responses: { 200: { description: 'mapping', schema: mappingSchema } } },
  { ...admin, tag: 'Feeds', method: 'put', path: '/v1/admin/shopify/mapping', permission: 'catalog.write', summary: 'Replace the Shopify mapping', body: json(mappingSchema), responses: { 200: { description: 'saved', schema: mappingSchema }, 400: errorBody('invalid'), 403: forbidden } },
  { tag: 'Feeds', auth: 'webhook', method: 'post', path: '/v1/webhooks/shopify', summary: 'Shopify webhooks by X-Shopify-Topic: inventory_levels/update, inventory_items/update, products/update (X-Shopify-Hmac-Sha256 over the body; ids parsed losslessly)', body: { type: 'application/json', description: 'Shopify payload of the topic' }, responses: { 200: { description: 'applied, or applied: false with reason stale' }, 202: { description: 'unknown topic or not mapped; nothing written' }, 400: errorBody('not the topic’s payload'), 401: errorBody('bad signature') } },
  { tag: 'Feeds', auth: 'webhook', method: 'post', path: '/v1/webhooks/shopify/inventory-levels', summary: 'Shopify inventory_levels/update webhook (X-Shopify-Hmac-Sha256 over the body)', body: { type: 'application/json', description: 'Shopify inventory level payload' }, responses: { 200: { description: 'applied' }, 202: { description: 'accepted, not mapped' }, 401: errorBody('bad signature') } },
  { tag: 'Profiles', auth: 'merchant', method: 'put', path: '/v1/profiles/:uid', summary: 'Upsert a first-party profile', params: uid, body: json(profileInput), responses: { 200: { description: 'stored' }, 400: errorBody('invalid') } },
  { tag: 'Profiles', auth: 'merchant', method: 'get', path: '/v1/profiles/:uid', summary: 'A profile and what a decision derives from it', params: uid, responses: { 200: { description: 'profile' }, 404: errorBody('none or expired') } },
  { tag: 'Profiles', auth: 'merchant', method: 'delete', path: '/v1/profiles/:uid', summary: 'Erase a profile (and unlink its events)', params: uid, responses: { 200: { description: 'erased' } } },
  { tag: 'Profiles', auth: 'merchant', method: 'post', path: '/v1/profiles/import', summary: 'Bulk profile import, NDJSON streamed; every rejected line reported', body: { type: 'application/x-ndjson', description: 'one { uid, …profile } per line' }, responses: { 200: { description: 'import summary' } } },
  { tag: 'Profiles', auth: 'merchant', method: 'post', path: '/v1/events/conversion', summary: 'Record a conversion (idempotent by order id; click-through or view-through, last touch or position-based)', body: json(conversionInput), responses: { 201: { description: 'attributed' }, 202: { description: 'unattributed' }, 200: { description: 'duplicate' }, 400: errorBody('invalid') } },
]);
