// Request body limits, one table for every route (the README's limits table mirrors it). Small
// JSON bodies are read through Hono's bodyLimit (it trusts Content-Length and otherwise stops
// reading at the limit); feed and profile uploads are streamed to their importer, so those are
// counted as they flow and cut at the limit without being held. Either way: 413 naming the limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyRule {
  method: string;
  /** Exact path, or a prefix ending in `/*`. */
  path: string;
  bytes: number;
  /** Streamed to the handler (counted in flight) rather than read whole. */
  streamed?: boolean;
}

/** First match wins; the last rule is the default for every other route. */
export const BODY_LIMITS: readonly BodyRule[] = [
  { method: 'POST', path: '/v1/admin/feeds/*', bytes: 512 * MiB, streamed: true },
  { method: 'POST', path: '/v1/profiles/import', bytes: 256 * MiB, streamed: true },
  { method: 'POST', path: '/v1/admin/stock', bytes: 8 * MiB },
  // The studio's feed upload is a multipart form read whole by the same importer as the admin API.
  { method: 'POST', path: '/studio/catalog/feed', bytes: 64 * MiB },
  // The auction reads its body itself (streamed, imp cap checked in flight) under this same limit.
  { method: 'POST', path: '/openrtb2/auction', bytes: 256 * KiB },
  { method: 'POST', path: '/v1/webhooks/shopify/*', bytes: 256 * KiB },
  { method: 'POST', path: '/v1/events/conversion', bytes: 16 * KiB },
  { method: 'PUT', path: '/v1/profiles/*', bytes: 64 * KiB },
  { method: '*', path: '/v1/admin/*', bytes: 1 * MiB },
  { method: '*', path: '/*', bytes: 64 * KiB },
];

export function ruleFor(method: string, path: string): BodyRule {
  return BODY_LIMITS.find((r) => (r.method === '*' || r.method === method) && (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) || path === r.path.slice(0, -2) : path === r.path))!;
}

export function formatBytes(n: number): string {
  return n >= MiB ? `${n / MiB} MiB` : `${n / KiB} KiB`;
}

function tooLarge(rule: BodyRule, method: string, path: string): VitrineError {
  return new VitrineError('payload_too_large', `body: larger than ${formatBytes(rule.bytes)}, the limit for ${method} ${path}`, 'body', undefined, { limitBytes: rule.bytes });
}

/** Counts a streamed body and errors it (413) once it passes the limit. */
function counted(body: ReadableStream<Uint8Array>, max: number, error: () => VitrineError): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        seen += chunk.byteLength;
        if (seen > max) ctl.error(error());
        else ctl.enqueue(chunk);
      },
    }),
  );
}

export function bodyLimits(): MiddlewareHandler {
  const buffered = new Map<BodyRule, MiddlewareHandler>();
  return async (c, next) => {
    // GET and HEAD carry no body: decided from the method alone, because touching `raw.body` makes
    // the Node adapter build a full Request (abort signal and all) for every beacon and ad request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = c.req.raw;
    const rule = ruleFor(raw.method, c.req.path);
    const error = () => tooLarge(rule, raw.method, c.req.path);
    // A read body framed by its Content-Length is judged from the header alone (as bodyLimit does),
    // without touching `raw.body`: on Node that would make a stream for a body already read (serve.ts).
    const declared = raw.headers.get('content-length');
    const framed = declared !== null && !raw.headers.has('transfer-encoding');
    if (framed && !rule.streamed) {
      if (Number.parseInt(declared, 10) > rule.bytes) throw error();
      return next();
    }
    if (!raw.body) return next();
    if (!rule.streamed) {
      let mw = buffered.get(rule);
      if (!mw) {
        mw = bodyLimit({ maxSize: rule.bytes, onError: () => { throw error(); } });
        buffered.set(rule, mw);
      }
      return mw(c, next);
    }
    if (framed && Number(declared) > rule.bytes) throw error();
    c.req.raw = new Request(raw, { body: counted(raw.body, rule.bytes, error), duplex: 'half' } as RequestInit);
    await next();
  };
}
