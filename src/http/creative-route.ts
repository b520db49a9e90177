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
import { unitCsp } from './headers.ts';
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

/** A response and the bytes of its body (kept for the replay cache without reading the response back). */
interface Served {
  res: Response;
  body: Uint8Array | null;
}

async function respond(deps: ServeDeps, rd: RequestDecision, links: Links, format: RenderedFormat, ifNoneMatch: string | undefined, overlay: boolean): Promise<Served> {
  const out = await creativeBody(deps, rd, format, links, overlay);
  const headers = creativeHeaders(rd, {
    ETag: out.etag,
    // The decision can change with stock and promos: revalidate every time, cheap thanks to the ETag.
    'Cache-Control': 'no-cache',
    'X-Vitrine-Cache': out.cached ? 'hit' : 'miss',
    ...(out.fallback ? { 'X-Vitrine-Fallback': out.fallback } : {}),
    ...(out.substituted ? { 'X-Vitrine-Format-Fallback': out.substituted } : {}),
  });
  if (ifNoneMatch && ifNoneMatch === out.etag) return { res: new Response(null, { status: 304, headers }), body: null };
  const csp: Record<string, string> = out.fontSource ? { 'Content-Security-Policy': unitCsp(out.fontSource) } : {};
  return { res: new Response(out.body as BodyInit, { status: 200, headers: { ...headers, ...csp, 'Content-Type': out.contentType } }), body: out.body };
}

async function serveCreative(deps: ServeDeps, query: Record<string, string>, origin: string, ifNoneMatch: string | undefined, internal: boolean): Promise<Served> {
  const params = await withPrivacyRef(deps, query);
  const rd = await decideRequest(deps, params);
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
    return { res: new Response(bytes, { status: 200, headers: creativeHeaders(rd, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', Vary: 'Authorization' }) }), body: bytes };
  }
  return respond(deps, rd, links, rd.signals.format, ifNoneMatch, overlay);
}

function replayed(e: ReplayEntry, ifNoneMatch: string | undefined): Response {
  const headers = { ...e.headers, 'x-vitrine-cache': 'replay' };
  if (ifNoneMatch && e.headers.etag === ifNoneMatch) return new Response(null, { status: 304, headers });
  return new Response(e.body as BodyInit, { status: e.status, headers });
}

export function mountCreative(app: Hono, deps: ServeDeps): void {
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
    const { res, body } = await serveCreative(deps, params, origin, ifNoneMatch, internal);
    // The body's own bytes: cloning the response to read it back would turn the adapter's
    // lightweight response into a full one and tee its stream (~0.5 ms of CPU per creative).
    if (key && params.seed && params.at && res.status === 200 && body) {
      deps.replay.put(key, { body, status: 200, headers: Object.fromEntries(res.headers), at: deps.clock() });
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
