// Schemas of the public routes: creatives, preview, VAST, the web tag, OpenRTB, tracking, health,
// and this API description itself.
import { z } from 'zod';
import { SIZE_KEYS } from '../../domain/sizes.ts';
import { FORMATS } from '../../domain/types.ts';
import { bidRequestSchema } from '../../openrtb/request.ts';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

const signals = {
  region: z.string().optional().describe('ISO 3166-2 region (SA-01, AE-DU, US-CA …)'),
  country: z.string().optional().describe('ISO 3166-1 alpha-2, when no region is given'),
  tz: z.string().optional().describe('IANA time zone; defaults to the region’s'),
  weather: z.enum(['clear', 'cloudy', 'rain', 'snow', 'heat', 'cold']).optional(),
  device: z.enum(['desktop', 'mobile', 'tablet', 'ctv']).optional(),
  lang: z.string().optional().describe('en, ar; defaults to the region’s language'),
  seed: z.string().optional().describe('replay: with `at`, the same decision'),
  at: z.string().optional().describe('replay clock (ISO instant)'),
  uid: z.string().optional().describe('merchant user id; used only with consent'),
  gdpr: z.enum(['0', '1']).optional(),
  gdpr_consent: z.string().optional().describe('TCF v2 string (alias: consent)'),
  consent: z.string().optional(),
  us_privacy: z.string().optional(),
  gpp: z.string().optional(),
  gpp_sid: z.string().optional(),
};
const creativeQuery = z.object({
  campaign: z.string().optional().describe('a campaign id (or give placement)'),
  placement: z.string().optional(),
  size: z.enum(SIZE_KEYS),
  format: z.enum(FORMATS).optional(),
  layout: z.enum(['overlay']).optional(),
  variant: z.string().optional().describe('restrict to one variant (preview)'),
  test: z.enum(['1']).optional().describe('mark events as test traffic'),
  ...signals,
});
const token = z.object({ token: z.string().describe('signed token from a creative') });
const image = (description: string) => ({ description, type: 'image/png' });
const notice = z.object({ price: z.string().optional().describe('the clearing price the exchange substituted for ${AUCTION_PRICE}') });

defineRoutes([
  { method: 'get', path: '/healthz', tag: 'Operations', auth: 'none', summary: 'Liveness: 200 when the store answers, 503 otherwise', responses: { 200: { description: 'ok', schema: z.object({ ok: z.literal(true) }) }, 503: { description: 'store unavailable', schema: z.object({ ok: z.literal(false), error: z.string() }) } } },
  { method: 'get', path: '/openapi.json', tag: 'Operations', auth: 'none', summary: 'This API as an OpenAPI 3.1 document, generated from the route schemas', responses: { 200: { description: 'OpenAPI document' } } },
  { method: 'get', path: '/docs', tag: 'Operations', auth: 'none', summary: 'Human-readable API reference generated from /openapi.json (no scripts, no CDN)', responses: { 200: { description: 'HTML', type: 'text/html' } } },
  { method: 'get', path: '/v1/creative', tag: 'Serving', auth: 'none', summary: 'Decide and render a creative (PNG, WebP, SVG, HTML unit or the decision as JSON); never a 5xx: a fallback creative with X-Vitrine-Fallback', query: creativeQuery, responses: { 200: image('the creative (Content-Type per format)'), 304: { description: 'unchanged (If-None-Match)' }, 400: errorBody('bad parameter'), 404: errorBody('unknown campaign or placement') } },
  { method: 'get', path: '/v1/preview', tag: 'Serving', auth: 'none', summary: 'HTML gallery of every variant × size under simulated signals, with the winner and traces', query: z.object({ campaign: z.string(), ...signals }), responses: { 200: { description: 'HTML', type: 'text/html' }, 400: errorBody('bad parameter') } },
  { method: 'get', path: '/v1/vast', tag: 'Serving', auth: 'none', summary: 'VAST 4.2 with a NonLinear overlay (transparent PNG + QR) for CTV', query: creativeQuery.omit({ size: true, format: true }).extend({ html: z.enum(['0', '1']).optional() }), responses: { 200: { description: 'VAST XML (empty VAST with Error when nothing is eligible)', type: 'application/xml' }, 400: errorBody('bad parameter') } },
  { method: 'get', path: '/v1/tag.js', tag: 'Serving', auth: 'none', summary: 'The web tag: a script that shows the HTML unit when the slot nears the viewport and counts the impression when ≥ 50% of it (30% from 242,500 px) was in view for 1 continuous second (MRC)', query: z.object({ placement: z.string(), size: z.enum(SIZE_KEYS) }).extend(signals), responses: { 200: { description: 'JavaScript', type: 'text/javascript' }, 400: errorBody('bad parameter') } },
  { method: 'get', path: '/v1/tag/unit', tag: 'Serving', auth: 'none', summary: 'The HTML unit the web tag shows: without its own pixel; the signed impression URL in X-Vitrine-Impression (CORS: any origin, no credentials), fired by the tag once the unit was viewable', query: z.object({ placement: z.string().optional(), campaign: z.string().optional(), size: z.enum(SIZE_KEYS), region: signals.region, country: signals.country, tz: signals.tz, weather: signals.weather, device: signals.device, lang: signals.lang, test: z.enum(['1']).optional() }), responses: { 200: { description: 'HTML unit', type: 'text/html' }, 400: errorBody('bad parameter') } },
  { method: 'post', path: '/openrtb2/auction', tag: 'Serving', auth: 'none', summary: 'OpenRTB 2.6 bid request → bid response; 204 for no bid (200 {id, seatbid: [], nbr} for exchanges in VITRINE_NBR_EXCHANGES)', body: { type: 'application/json', schema: bidRequestSchema, limit: 256 * 1024 }, responses: { 200: { description: 'bid response, or a no-bid with its reason code (nbr) for exchanges configured for that form' }, 204: { description: 'no bid (X-Vitrine-No-Bid: reason, X-Vitrine-Nbr: code)' }, 400: errorBody('not a bid request'), 413: errorBody('body over 256 KB') } },
  { method: 'get', path: '/c/:token', tag: 'Tracking', auth: 'none', summary: 'Sealed click token: records it (once per token per window; replays flagged), 302 to the product’s current link with UTM tags', params: token, responses: { 302: { description: 'redirect' }, 400: errorBody('not a canonical token'), 404: errorBody('tampered, foreign or wrong-kind token'), 410: errorBody('expired token') } },
  { method: 'get', path: '/q/:token', tag: 'Tracking', auth: 'none', summary: 'Sealed QR scan token (CTV): records it, 302 like a click', params: token, responses: { 302: { description: 'redirect' }, 400: errorBody('not a canonical token'), 404: errorBody('bad token'), 410: errorBody('expired token') } },
  { method: 'get', path: '/i/:token', tag: 'Tracking', auth: 'none', summary: 'Impression beacon (1×1 GIF); ?e= records a VAST player event', params: token, query: z.object({ e: z.enum(['creativeView', 'close', 'acceptInvitation', 'click', 'error']).optional() }), responses: { 200: { description: 'GIF: the event is committed', type: 'image/gif' }, 400: errorBody('unsupported e or not a canonical token'), 404: errorBody('bad token'), 410: errorBody('expired token'), 503: errorBody('store unavailable: not recorded, retry') } },
  ...(['get', 'post'] as const).flatMap((method) => [
    { method, path: '/w/:token', tag: 'Tracking', auth: 'none' as const, summary: 'OpenRTB win notice; price = ${AUCTION_PRICE} (CPM, USD) is stored', params: token, query: notice, responses: { 204: { description: 'recorded' }, 400: errorBody('price is not a decimal'), 410: errorBody('expired token') } },
    { method, path: '/b/:token', tag: 'Tracking', auth: 'none' as const, summary: 'OpenRTB billing notice; price = ${AUCTION_PRICE} (CPM, USD) is stored and reported as spend', params: token, query: notice, responses: { 204: { description: 'recorded' }, 400: errorBody('price is not a decimal'), 410: errorBody('expired token') } },
  ]),
]);
