// A server child for the HTTP benchmark: `vitrine` (demo store), `bare` (Hono returning the
// bytes of a file: the very PNG Vitrine serves, since the load generator's cost depends on content)
// or `floor` (the irreducible part of a cached bid, given a sample bid response file).
// `--trace FILE`: log every request (wall-clock start and end, path, status, the bench's request id)
// and what held the thread (GC pauses, event-loop stalls seen by a 1 ms ticker, the event-loop
// delay histogram); written to FILE when the process is told to stop.
// `--cluster N`: N worker processes (node:cluster) share the port, each with its own app (its own
// in-memory demo store and render cache), as a Node server is deployed one process per core; the
// primary prints `workers <pid,…>` (for their CPU) before `ready`.
import cluster from 'node:cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Hono } from 'hono';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { serveNode } from '../src/runtime/node/serve.ts';
import { stampArrivals } from '../src/runtime/node/arrival.ts';
import { warmRenderPaths } from '../src/services/warm-start.ts';
import { TEMPLATE_SIZES } from '../templates/index.ts';
import { TokenSigner } from '../src/security/tokens.ts';
import { nodeAead, nodeDigest } from '../src/runtime/node/digest.ts';
import { parseBidRequest } from '../src/openrtb/request.ts';
import { bidResponseBytes, withEscapedAdm } from '../src/services/bid-json.ts';
import { BASE_SECURITY_HEADERS } from '../src/http/headers.ts';

const clusterAt = process.argv.indexOf('--cluster');
if (clusterAt > 0 && cluster.isPrimary) {
  const workers = Array.from({ length: Number(process.argv[clusterAt + 1]) }, () => cluster.fork());
  let ready = 0;
  for (const w of workers) w.on('message', (m) => m === 'ready' && ++ready === workers.length && process.stdout.write(`workers ${workers.map((x) => x.process.pid).join(',')}\nready\n`));
  const stop = () => {
    for (const w of workers) w.process.kill();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await new Promise(() => {}); // the primary only supervises
}
const [kind, portArg, bytesArg] = process.argv.slice(2);
const port = Number(portArg);
const traceAt = process.argv.indexOf('--trace');
const traceFile = traceAt > 0 ? process.argv[traceAt + 1] : undefined;
let fetcher: (req: Request) => Response | Promise<Response>;
if (kind === 'bare') {
  const body = new Uint8Array(readFileSync(bytesArg!));
  const app = new Hono();
  app.get('/bare', (c) => c.body(body, 200, { 'Content-Type': 'image/png' }));
  // The same bytes for a POST that reads its body first (the auction reads one).
  app.post('/bare', async (c) => {
    await c.req.text();
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  // The floor for a refused large POST: read the whole body as text, answer a small 400.
  app.post('/bare-post', async (c) => c.json({ error: { code: 'bad_request', bytes: (await c.req.text()).length } }, 400));
  fetcher = app.fetch;
} else if (kind === 'floor') {
  // The irreducible part of a cached bid, measured: the same HTTP server and Hono, the body read
  // and parsed as the auction reads it (JSON.parse + parseBidRequest), one decision seal for the
  // bid's four tokens, and the answer written as the auction writes it (bidResponseBytes with the
  // sample's markup as pre-escaped bytes, whole headers), but no decision and no markup lookup.
  const sample = JSON.parse(readFileSync(bytesArg!, 'utf8')) as { seatbid: Array<{ bid: Array<Record<string, unknown> & { adm: string }> }> };
  const template = sample.seatbid[0]!.bid[0]!;
  const admJson = [new TextEncoder().encode(JSON.stringify(template.adm).slice(1, -1))];
  const signer = new TokenSigner('bench-secret-0123456789', nodeDigest(), undefined, Date.now, nodeAead);
  const app = new Hono();
  let n = 0;
  app.post('/floor', async (c) => {
    const req = parseBidRequest(JSON.parse(await c.req.text()));
    const id = `d_${(n++).toString(16)}`;
    const t = await signer.signDecision({ d: id, c: String(template.cid), v: String(template.crid), p: 'p', r: 'ARE', u: 'https://nord.example/p', b: 'b' }, ['c', 'i', 'w', 'b']);
    const origin = 'http://127.0.0.1';
    const bid = withEscapedAdm({ ...template, id: `${id}-${req.imp[0]!.id}`, impid: req.imp[0]!.id, nurl: `${origin}/w/${t.w}?price=\${AUCTION_PRICE}`, burl: `${origin}/b/${t.b}?price=\${AUCTION_PRICE}` }, admJson);
    const body = bidResponseBytes({ id: req.id, bidid: `${req.id}:${bid.id}`, cur: 'USD', seatbid: [{ seat: 'vitrine', bid: [bid] }] });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', 'x-openrtb-version': '2.6', ...BASE_SECURITY_HEADERS, Vary: 'Origin' } });
  });
  fetcher = app.fetch;
} else {
  const v = await buildNodeApp({ db: ':memory:', demo: true, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
  fetcher = v.app.fetch;
  // As `npm start` does before listening (src/runtime/node/main.ts).
  if (!process.argv.includes('--no-warm')) await warmRenderPaths(v.serve, TEMPLATE_SIZES);
}

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
const wall = () => performance.timeOrigin + performance.now();
const trace = { requests: [] as Array<{ id: string | null; path: string; start: number; end: number; status: number }>, gc: [] as Array<{ start: number; ms: number; kind: number }>, stalls: [] as Array<{ end: number; ms: number }>, loop: {} as Record<string, number> };
if (traceFile) {
  const inner = fetcher;
  fetcher = async (req) => {
    const start = wall();
    const res = await inner(req);
    trace.requests.push({ id: req.headers.get('x-bench-id'), path: new URL(req.url).pathname, start, end: wall(), status: res.status });
    return res;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) trace.gc.push({ start: performance.timeOrigin + e.startTime, ms: e.duration, kind: ((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0 });
  }).observe({ entryTypes: ['gc'] });
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 5) trace.stalls.push({ end: performance.timeOrigin + now, ms: now - last });
    last = now;
  }, 1).unref();
  const write = () => {
    trace.loop = { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    writeFileSync(traceFile, JSON.stringify(trace));
    process.exit(0);
  };
  process.on('SIGTERM', write);
  process.on('SIGINT', write);
}
// As `npm start` listens (src/runtime/node/serve.ts); `--stream-bodies`: the adapter's own streaming body path, the baseline rows.
// Arrivals stamped as `npm start` does (the OpenRTB deadline counts from them).
stampArrivals(serveNode({ fetch: fetcher, port, hostname: '127.0.0.1', bufferBodies: !process.argv.includes('--stream-bodies') }, () => (cluster.isWorker ? process.send!('ready') : process.stdout.write('ready\n'))));
setInterval(() => {
  if (process.argv.includes('--report-rss')) process.stderr.write(`rss ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
}, 1000).unref();
process.on('SIGINT', () => process.exit(0));
