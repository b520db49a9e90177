// Schemas of the exchange-rate routes (local prices). The zod schema is the one the route validates with.
import { ratesBody } from '../../services/rates.ts';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

defineRoutes([
  { auth: 'admin', tag: 'Catalog', method: 'get', path: '/v1/admin/rates', permission: 'read', summary: 'The exchange-rate table prices are converted with (1 from = rate to, dated)', responses: { 200: { description: 'rates', schema: ratesBody } } },
  { auth: 'admin', tag: 'Catalog', method: 'put', path: '/v1/admin/rates', permission: 'catalog.write', summary: 'Replace the exchange-rate table (validated whole, audited)', body: { type: 'application/json', schema: ratesBody, limit: 64 * 1024 }, responses: { 200: { description: 'saved', schema: ratesBody }, 400: errorBody('invalid rate (named rates.N.field)'), 403: errorBody('the role lacks catalog.write'), 413: errorBody('body over 64 KB') } },
]);
