// GET /v1/creative: decide and render. Bad parameters → 4xx JSON; anything after that → a creative.
import type { Hono } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import { parseSize } from '../domain/sizes.ts';
import type { Format, Signals } from '../domain/types.ts';
import { OUTPUT_FORMATS, type RenderedFormat } from '../render/formats.ts';
import { fallbackSlots } from '../render/slots.ts';
import { fitReport } from '../render/tree.ts';
import type { Slots } from '../render/types.ts';
import { creativeBody, draftFor, formatUrls, linksCarried, measureFor, personalizeHtml, privacyRef, renderDraft, signCarried, withPrivacyRef, type Links } from '../services/creative.ts';
import { BASE_SECURITY_HEADERS, finalHeaders, unitCsp } from './headers.ts';
import { corsHeaders } from './cors.ts';
import { guardFutureAt, internalReader } from './internal-access.ts';
import { decideRequest, type RequestDecision } from '../services/decide-request.ts';
import { decisionJson } from './decision-json.ts';
import type { ReplayEntry } from '../services/replay-cache.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';


export function creativeHeaders(rd: RequestDecision, extra: Record<string, string>): Record<string, string> {
  const r = rd.result;
  return {
    'X-Vitrine-Decision': r.kind === 'decision' ? r.decision.id : r.none.id,
    ...(r.kind === 'decision' ? { 'X-Vitrine-Variant': r.decision.variant.id } : {}),
    ...extra,
  };
}

/** A response, the bytes of its body and its own headers (kept for the replay cache without reading the response back). */
interface Served {
  res: Response;
  body: Uint8Array | null;
  /** The route's headers as a plain object (no security or CORS headers: those are per request). */
  headers: Record<string, string>;
}

/** What the app-wide middlewares would add to a creative answer (security headers, CORS): see `finalHeaders`. */
export interface AnswerContext {
  origin: string | undefined;
  cors: ReadonlySet<string>;
}

/**
 * A creative answer with its headers written whole, as one plain object: the route's own (an HTML
 * unit's CSP among them), the security headers (`securityHeaders`: nosniff, no referrer) and CORS
 * (`mountCors`) the app-wide middlewares would add, so they leave it alone and the Node adapter
 * writes the object as it is (adding the body's length), without a Headers object per creative.
 */
function finalAnswer(body: Uint8Array | null, status: number, headers: Record<string, string>, at: AnswerContext): Response {
  const res = new Response(body as BodyInit | null, {
    status,
    headers: {
      ...headers,
      ...BASE_SECURITY_HEADERS,
      ...corsHeaders(at.origin, '/v1/creative', at.cors),
    },
  });
  finalHeaders.add(res);
  return res;
}

async function respond(deps: ServeDeps, rd: RequestDecision, links: Links, format: RenderedFormat, ifNoneMatch: string | undefined, overlay: boolean, at: AnswerContext): Promise<Served> {
  const out = await creativeBody(deps, rd, format, links, overlay);
  const headers = creativeHeaders(rd, {
    ETag: out.etag,
    // The decision can change with stock and promos: revalidate every time, cheap thanks to the ETag.
    'Cache-Control': 'no-cache',
    'X-Vitrine-Cache': out.cached ? 'hit' : 'miss',
    ...(out.fallback ? { 'X-Vitrine-Fallback': out.fallback } : {}),
    ...(out.substituted ? { 'X-Vitrine-Format-Fallback': out.substituted } : {}),
  });
  if (ifNoneMatch && ifNoneMatch === out.etag) return { res: finalAnswer(null, 304, headers, at), body: null, headers };
  // An HTML unit's CSP (with a linked brand font's origin) is the route's own header, which replays keep.
  const csp: Record<string, string> = out.contentType.startsWith('text/html') ? { 'Content-Security-Policy': unitCsp(out.fontSource) } : {};
  const own = { ...headers, ...csp, 'Content-Type': out.contentType };
  return { res: finalAnswer(out.body, 200, own, at), body: out.body, headers: own };
}

async function serveCreative(deps: ServeDeps, query: Record<string, string>, origin: string, ifNoneMatch: string | undefined, internal: boolean, at: AnswerContext): Promise<Served> {
  const params = await withPrivacyRef(deps, query);
  // Only the JSON view shows the decision's trace: an image or HTML answer skips tracing the
  // variant × product pairs it excludes (the same decision either way, test/decide-fixtures).
  const rd = await decideRequest(deps, params, params.format === 'json' ? {} : { traceExclusions: false });
  // layout=overlay: the CTV lower-third (transparent PNG with a QR code) for this decision.
  const overlay = params.layout === 'overlay';
  if (params.layout !== undefined && !overlay) throw badParam('layout', `unsupported value "${params.layout}"`, ['overlay']);
  // Only the links this answer carries are sealed (a PNG carries none).
  const links = await signCarried(deps, rd, origin, params.test === '1', linksCarried(rd.signals.format, overlay));
  if (rd.signals.format === 'json') {
    const seed = rd.result.kind === 'decision' ? rd.result.decision.seed : rd.result.none.seed;
    const draft = draftFor(rd);
    // Images do not change the layout (a missing photo keeps its box): the draft lays out as drawn.
    const fit = { size: `${draft.size.w}x${draft.size.h}`, lang: draft.lang, template: draft.template, fields: fitReport({ ...draft, products: draft.products.map((p) => ({ ...p, image: null })), brand: draft.brand } as Slots, { templates: deps.templates, measure: await measureFor(deps, draft) }) };
    const body = { ...decisionJson(rd, draft, { ...formatUrls(origin, params, rd.signals, seed, await privacyRef(deps, rd)), ...links }, internal), fit };
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    const headers = creativeHeaders(rd, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', Vary: 'Authorization' });
    return { res: new Response(bytes, { status: 200, headers }), body: bytes, headers };
  }
  return respond(deps, rd, links, rd.signals.format, ifNoneMatch, overlay, at);
}

function replayed(e: ReplayEntry, ifNoneMatch: string | undefined): Response {
  const headers = { ...e.headers, 'x-vitrine-cache': 'replay' };
  if (ifNoneMatch && e.headers.etag === ifNoneMatch) return new Response(null, { status: 304, headers });
  return new Response(e.body as BodyInit, { status: e.status, headers });
}

/** Header names as a Headers object lists them (lower case): how replay entries are kept. */
function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) out[k.toLowerCase()] = h[k]!;
  return out;
}

export function mountCreative(app: Hono, deps: ServeDeps): void {
  const cors: ReadonlySet<string> = new Set(deps.config.corsOrigins ?? []);
  app.get('/v1/creative', async (c) => {
    const url = c.req.url;
    const ifNoneMatch = c.req.header('If-None-Match');
    await guardFutureAt(c, c.req.query('at'), deps.config.adminKey, deps.clock());
    const internal = (await internalReader(c, deps.config.adminKey)) !== null;
    // Seed and clock given: the response is fixed by the URL (origin and parameters) and the
    // data version. The hit path parses nothing: replay URLs are generated, so byte-equal.
    const key = url.includes('seed=') && url.includes('at=') ? `${deps.configCache.version}|${internal ? 'internal' : 'public'}|${url}` : null;
    const hit = key ? deps.replay.get(key, deps.clock()) : undefined;
    if (hit) return replayed(hit, ifNoneMatch);
    const params = c.req.query();
    const origin = originOf(deps, url);
    const { res, body, headers } = await serveCreative(deps, params, origin, ifNoneMatch, internal, { origin: c.req.header('Origin'), cors });
    // The body's own bytes and the route's own headers: cloning the response to read it back would
    // turn the adapter's lightweight response into a full one and tee its stream (~0.5 ms of CPU per
    // creative), and reading its headers would build a Headers object.
    if (key && params.seed && params.at && res.status === 200 && body) {
      deps.replay.put(key, { body, status: 200, headers: lowerKeys(headers), at: deps.clock() });
    }
    return res;
  });
}

export function isClientError(err: unknown): err is VitrineError {
  return err instanceof VitrineError;
}

/**
 * Last resort when the store or something else failed before a decision: a generic fallback
 * creative at the requested size (or 300x250), in SVG if rasterizing fails too.
 */
export async function emergencyCreative(deps: ServeDeps, params: Record<string, string>, why: string): Promise<Response> {
  const size = parseSize(params.size ?? '') ?? { w: 300, h: 250 };
  const lang = params.lang === 'ar' ? 'ar' : 'en';
  const wanted: RenderedFormat = params.format && params.format !== 'json' && Object.hasOwn(OUTPUT_FORMATS, params.format) ? (params.format as RenderedFormat) : 'png';
  const signals = { size, lang, now: deps.clock() } as Signals;
  const draft = fallbackSlots(null, signals);
  let out;
  try {
    out = await renderDraft(deps, draft, wanted);
  } catch {
    out = await renderDraft(deps, draft, 'svg');
  }
  // No decision means no signed link: the unit links nowhere rather than somewhere unsigned.
  const body = out.contentType.startsWith('text/html') ? personalizeHtml(out.bytes, { click: 'about:blank', impression: 'data:,', scan: 'about:blank' }) : out.bytes;
  return new Response(body as BodyInit, {
    status: 200,
    headers: { 'Content-Type': out.contentType, 'Cache-Control': 'no-store', 'X-Vitrine-Fallback': `error: ${why}`.slice(0, 200) },
  });
}
