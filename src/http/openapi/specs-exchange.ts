// Schemas of the exchange routes: render-on-fetch units, cookie sync, opt-out and the privacy notice.
import { z } from 'zod';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

defineRoutes([
  { method: 'get', path: '/v1/unit/:token', tag: 'Serving', auth: 'none', summary: 'A render-on-fetch unit a bid points at (HTML banner or CTV frame, PNG native image or CTV resource): renders on first fetch, cached by content', params: z.object({ token: z.string().describe('<payload>.<mac>.html|png, signed, expires after a day') }), responses: { 200: { description: 'the unit (text/html or image/png)' }, 304: { description: 'unchanged (If-None-Match)' }, 400: errorBody('malformed token'), 404: errorBody('tampered token'), 410: errorBody('expired unit link') } },
  { method: 'get', path: '/v1/sync', tag: 'Tracking', auth: 'none', summary: "Cookie sync: with consent, Vitrine's id fills ${UID} in redir (an allow-listed exchange) and is recorded as a buyeruid; without consent or after opt-out the id is empty", query: z.object({ redir: z.string().describe('https URL on a VITRINE_SYNC_HOSTS host, containing ${UID}'), gdpr: z.enum(['0', '1']).optional(), gdpr_consent: z.string().optional(), us_privacy: z.string().optional(), gpp: z.string().optional(), gpp_sid: z.string().optional() }), responses: { 302: { description: 'redirect to redir' }, 400: errorBody('redir missing, not https, not a sync partner, or without ${UID}') } },
  { method: 'get', path: '/v1/sync/optout', tag: 'Tracking', auth: 'none', summary: 'Opt out of the cookie sync: sets vitrine_optout=1, clears vitrine_uid and forgets the synced id', responses: { 200: { description: 'HTML confirmation', type: 'text/html' } } },
  { method: 'get', path: '/v1/privacy', tag: 'Tracking', auth: 'none', summary: 'The privacy notice native ads link to: what Vitrine uses and stores, and the opt-out', responses: { 200: { description: 'HTML', type: 'text/html' } } },
]);
