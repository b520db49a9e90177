// POST /openrtb2/auction: OpenRTB 2.6 in, bid response out. No bid: 204, or for exchanges configured
// for it (VITRINE_NBR_EXCHANGES) 200 with `{"id","seatbid":[],"nbr"}`; either way the reason in
// `X-Vitrine-No-Bid` and its code in `X-Vitrine-Nbr` (openrtb/no-bid.ts). 400 for a request that is not JSON, has no id/imp or more than MAX_IMPS
// imps (counted while the body streams in, before any parsing), 413 past 256 KiB. The answer
// leaves before tmax minus a network margin in every case: the auction never waits on a cold
// render (see services/bid-markup.ts), and a slow store loses the race against the deadline.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { ImpCounter } from '../openrtb/imp-count.ts';
import { MAX_IMPS, parseBidRequest, type BidRequest } from '../openrtb/request.ts';
import { nbrOf, noBid, responseNoBid, wantsNbrBody, type NoBid } from '../openrtb/no-bid.ts';
import { BID_CURRENCY, runAuction, SEAT, type AuctionResult } from '../services/auction.ts';
import { deadlineIn } from '../services/bid-markup.ts';
import { bidResponseBytes } from '../services/bid-json.ts';
import { formatBytes, ruleFor } from './limits.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';
import { BASE_SECURITY_HEADERS, finalHeaders } from './headers.ts';
import { corsHeaders } from './cors.ts';
import { bodyLimits } from './limits.ts';

export const MAX_BODY = ruleFor('POST', '/openrtb2/auction').bytes;
export const DEFAULT_TMAX = 200;
/** Longest tmax honoured: a larger one (even past a 32-bit timer, which would fire at once) waits this long at most. */
export const MAX_TMAX = 10_000;
/** Kept back from tmax for the response to travel. */
export const NETWORK_MS = 10;
/** Kept back for serializing and sending the answer after the auction. */
const SEND_MS = 3;

/**
 * How late this thread's timers have been firing (ms): a timer cannot fire while the thread is
 * busy or the process is not scheduled, so the guard is armed that much earlier. Jumps up at
 * once, comes down slowly; capped, so a stall never eats a whole budget. Sampled by one probe
 * timer at a time, armed by arriving auctions (none while idle), so an auction that wins the race
 * cancels its own deadline timer instead of leaving it to fire.
 */
export class TimerLag {
  private ms = 0;
  private probing = false;
  get allowance(): number {
    return Math.min(this.ms, 25);
  }
  record(late: number): void {
    const l = Math.max(0, late);
    this.ms = l > this.ms ? l : this.ms * 0.95 + l * 0.05;
  }
  /** Arms the probe unless one is pending: it records how late it fired. */
  probe(ms = PROBE_MS): void {
    if (this.probing) return;
    this.probing = true;
    const due = performance.now() + ms;
    setTimeout(() => {
      this.probing = false;
      this.record(performance.now() - due);
    }, ms);
  }
}

/** The lag probe's delay: short enough to sample often under load, one timer for the whole thread. */
const PROBE_MS = 10;

/** Resolves 'timeout' after `ms` unless cancelled (the auction answered first). */
function timeout(ms: number): { done: Promise<'timeout'>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(1, ms));
  });
  return { done, cancel: () => clearTimeout(timer) };
}

const header = (reason: string) => reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
const TMAX = noBid('insufficient_time', 'tmax');

/**
 * An answer with its headers written whole, as one plain object: the security headers and CORS
 * the app-wide middlewares would add (they leave `finalHeaders` answers alone), so no Headers
 * object is built per bid. Errors (thrown) still go through the app's error mapping and those middlewares.
 */
function answer(c: Context, cors: ReadonlySet<string>, body: string | Uint8Array | null, status: number, headers: Record<string, string>): Response {
  const res = new Response(body as BodyInit | null, { status, headers: { ...headers, ...BASE_SECURITY_HEADERS, ...corsHeaders(c.req.header('Origin'), '/openrtb2/auction', cors) } });
  finalHeaders.add(res);
  return res;
}

/** A no-bid in the form the exchange takes; the header names the reason, `X-Vitrine-Nbr` its code, in both forms. */
function noBidResponse(c: Context, deps: ServeDeps, cors: ReadonlySet<string>, req: BidRequest, why: NoBid): Response {
  const headers = { 'X-Vitrine-No-Bid': header(why.reason), 'X-Vitrine-Nbr': String(nbrOf(why)) };
  if (!wantsNbrBody(deps.config.nbrExchanges, req)) return answer(c, cors, null, 204, headers);
  return answer(c, cors, JSON.stringify({ id: req.id, seatbid: [], nbr: nbrOf(why) }), 200, { ...headers, 'Content-Type': 'application/json', 'x-openrtb-version': '2.6' });
}

/** Each auction's arrival (performance.now()), by its context. */
const arrivals = new WeakMap<Context, number>();

/**
 * Stamps an auction request's arrival before any other middleware runs (the body limit reads a
 * chunked body whole before the route): the runtime adapter's time when it has one (Node: when
 * the headers were parsed), else now. Workers have no earlier clock: the isolate is handed the
 * request with its headers, and its timers only move between I/O events.
 */
export function auctionArrival(arrival?: (env: unknown) => number | undefined): MiddlewareHandler {
  return async (c, next) => {
    arrivals.set(c, arrival?.(c.env) ?? performance.now());
    await next();
  };
}

/**
 * Mounted ahead of the app-wide middlewares (app.ts), so a bid request runs only this chain:
 * arrival stamp, the body limit, the auction. What those middlewares would add the route writes
 * itself: the security headers and CORS on every answer (`answer`), bids, no-bids and refusals
 * alike; a preflight (OPTIONS) and any other method still go through them.
 */
export function mountOpenRtb(app: Hono, deps: ServeDeps): void {
  const lag = new TimerLag();
  const cors: ReadonlySet<string> = new Set(deps.config.corsOrigins ?? []);
  // The same body limit as every route's (BODY_LIMITS), here its own instance; it holds again while readBidRequest reads the body.
  const limits = bodyLimits();
  const auction = async (c: Context): Promise<Response> => {
    const started = arrivals.get(c) ?? performance.now();
    const text = await readBidRequest(c.req.raw);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new VitrineError('bad_request', 'body: not valid JSON', 'body');
    }
    const req = parseBidRequest(body);
    const tmax = req.tmax && req.tmax > 0 ? Math.min(req.tmax, MAX_TMAX) : DEFAULT_TMAX;
    // The clock starts when the request arrived, not when its body was parsed.
    const budget = tmax - NETWORK_MS - SEND_MS - lag.allowance - (performance.now() - started);
    if (budget <= 0) return noBidResponse(c, deps, cors, req, TMAX);
    const warmer = deps.exchange.warmer;
    warmer.inflight++;
    // Bids land here as each imp finishes: at the deadline the answer carries those that made it.
    const ready: AuctionResult = { bids: [], noBid: new Map() };
    lag.probe();
    const deadline = timeout(budget);
    let result;
    try {
      result = await Promise.race([runAuction(deps, req, originOf(deps, c.req.url), deadlineIn(budget), ready), deadline.done]);
    } finally {
      warmer.inflight--;
      deadline.cancel();
    }
    if (result === 'timeout') {
      deps.log.warn('openrtb auction reached tmax; answering with the bids ready', { id: req.id, tmax, bids: ready.bids.length, imps: req.imp.length });
      if (ready.bids.length === 0) return noBidResponse(c, deps, cors, req, TMAX);
      return respond(c, cors, req.id, { bids: [...ready.bids], noBid: ready.noBid });
    }
    if (result.bids.length === 0) return noBidResponse(c, deps, cors, req, responseNoBid(result.noBid, req.imp.map((i) => i.id), noBid('no_eligible_campaign', 'no bid')));
    return respond(c, cors, req.id, result);
  };
  app.post('/openrtb2/auction', async (c) => {
    let res: Response | undefined;
    try {
      await limits(c, async () => {
        res = await auction(c);
      });
      return res!;
    } catch (err) {
      // The one error type, mapped as app.onError maps it (status and JSON body), with this route's headers.
      if (err instanceof VitrineError) return answer(c, cors, JSON.stringify(err.toJSON()), err.status, { 'Content-Type': 'application/json' });
      deps.log.error('unhandled error', { path: '/openrtb2/auction', err: String(err), stack: (err as Error).stack });
      return answer(c, cors, JSON.stringify({ error: { code: 'internal', message: 'internal error' } }), 500, { 'Content-Type': 'application/json' });
    }
  });
}

/**
 * The body as text, with the imp cap checked while it streams in: past MAX_IMPS imps the rest is
 * read off the connection without being decoded or kept (so the 400 reaches the client on a
 * healthy connection) and the request is refused before anything is parsed. The body limit
 * (413) holds either way.
 */
async function readBidRequest(req: Request): Promise<string> {
  // Prebid Server gzips requests to bidders configured for it; the limit counts inflated bytes.
  const encoding = (req.headers.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new VitrineError('bad_request', `Content-Encoding: unsupported "${encoding.slice(0, 40)}"`, 'Content-Encoding', ['gzip', 'identity']);
  if (encoding === 'identity') return plainBidRequest(req);
  if (!req.body) return '';
  const reader = req.body.pipeThrough(new DecompressionStream('gzip')).getReader();
  const text = new BidText();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      if (err instanceof VitrineError) throw err; // the app-wide body limit, say
      throw new VitrineError('bad_request', 'body: not valid gzip (Content-Encoding: gzip)', 'body');
    }
    if (chunk.done) break;
    if (!text.feed(chunk.value)) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
  }
  return text.end();
}

/**
 * An uncompressed body, read whole (the app-wide limit has bounded it: by Content-Length, or
 * counted as it streamed) without a stream of its own, then decoded and counted in 16 KiB
 * steps: past the imp cap the rest is never decoded or parsed.
 */
async function plainBidRequest(req: Request): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await req.arrayBuffer());
  } catch (err) {
    if (err instanceof VitrineError) throw err; // the app-wide body limit, say
    throw new VitrineError('bad_request', 'body: the request body could not be read', 'body');
  }
  const text = new BidText();
  for (let at = 0; at < bytes.byteLength; at += STEP) if (!text.feed(bytes.subarray(at, at + STEP))) throw tooLarge();
  return text.end();
}

const STEP = 16 * 1024;
const tooLarge = () => new VitrineError('payload_too_large', `body: larger than ${formatBytes(MAX_BODY)}, the limit for POST /openrtb2/auction`, 'body', undefined, { limitBytes: MAX_BODY });

/** The body's text as it arrives: its size held to MAX_BODY, its imps counted, nothing kept past the imp cap. */
class BidText {
  private readonly decoder = new TextDecoder();
  private readonly counter = new ImpCounter(MAX_IMPS);
  private readonly parts: string[] = [];
  private size = 0;
  private over = false;

  /** False once past the size limit. */
  feed(bytes: Uint8Array): boolean {
    this.size += bytes.byteLength;
    if (this.size > MAX_BODY) return false;
    if (this.over) return true;
    const text = this.decoder.decode(bytes, { stream: true });
    if (this.counter.feed(text)) this.over = true;
    else this.parts.push(text);
    return true;
  }

  /** The whole text, or the 400 past the imp cap. */
  end(): string {
    if (this.over) throw new VitrineError('bad_request', `imp: more than ${MAX_IMPS} impressions; at most ${MAX_IMPS} per request`, 'imp', undefined, { maxImps: MAX_IMPS });
    this.parts.push(this.decoder.decode());
    return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
  }
}

function respond(c: Context, cors: ReadonlySet<string>, id: string, r: AuctionResult): Response {
  const body = bidResponseBytes({ id, bidid: `${id}:${r.bids[0]!.id}`, cur: BID_CURRENCY, seatbid: [{ seat: SEAT, bid: r.bids }] });
  return answer(c, cors, body, 200, { 'Content-Type': 'application/json', 'x-openrtb-version': '2.6' });
}
