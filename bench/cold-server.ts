// The server child of the end-to-end cold benchmark (bench/engines.ts): the demo app over HTTP with
// the render cache off and product photos never kept between renders. A bench-only hook (this file
// only, never in the app): `POST /__bench/stock?<creative query>` decides that request in-process,
// gives each of its products a never-seen photo through the app's own photo ingest (checked,
// derivatives at the drawn sides stored) and answers the ingest time; the client then times the
// creative request itself. `GET /__bench/cpu` answers this process's CPU time (ms), all threads and
// the main (JavaScript) thread's alone. `GET /__bench/stats` answers where the timed requests' time
// went: the time inside the app per creative request, and the garbage collections that started
// inside a timed window (a creative request's arrival to the next CPU read) against all others
// (stocking's: its sharp re-tint and ingest sprites are most of this process's garbage).
// `POST /__bench/bare` keeps a body and headers (the client sends the creative it just timed) and
// `GET /__bench/bare` answers them without the app: what the HTTP round trip alone costs for that
// answer, the part of the row no change inside the app can remove.
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor } from '../src/services/creative.ts';
import { coldImages, freshPhoto } from './cold-photos.ts';

const port = Number(process.argv[2] ?? 18797);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const ingest = deps.photoIngest;
if (!ingest) throw new Error('bench: the app has no photo ingest');
deps.images = coldImages(v.store, deps.log, ingest);
const originals = new Map<string, Uint8Array>();

/** The main thread's CPU time in ms (Linux schedstat, ns resolution), or null where there is none. */
function mainThreadMs(): number | null {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

const windows: Array<[number, number]> = [];
const gcs: Array<{ at: number; ms: number }> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ at: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
const appMs: number[] = [];
/** The last creative answer's bytes and headers: what the bare route answers. */
let last: { body: Uint8Array; headers: Record<string, string> } | null = null;

async function timedCreative(req: Request): Promise<Response> {
  const t = performance.now();
  windows.push([t, Infinity]);
  const res = await v.app.fetch(req);
  appMs.push(performance.now() - t);
  return res;
}

function stats(): Response {
  const timed = gcs.filter((g) => windows.some(([a, b]) => g.at >= a && g.at <= b));
  const sum = (a: Array<{ ms: number }>) => a.reduce((x, g) => x + g.ms, 0);
  return Response.json({ appMs, gc: { timedCount: timed.length, timedMs: sum(timed), otherCount: gcs.length - timed.length, otherMs: sum(gcs) - sum(timed) } });
}

async function stock(params: Record<string, string>): Promise<Response> {
  const rd = await decideRequest(deps, params);
  const ms: number[] = [];
  for (const p of draftFor(rd).products) {
    if (!p.image) continue;
    if (!originals.has(p.image)) originals.set(p.image, (await v.store.getAsset(p.image))!.bytes);
    const bytes = await freshPhoto(originals.get(p.image)!);
    const t = performance.now();
    const r = await ingest!(p.image, { contentType: 'image/png', bytes });
    ms.push(performance.now() - t);
    if (!r.ok) return Response.json({ error: r.reason }, { status: 500 });
  }
  return Response.json({ ingestMs: ms });
}

serve(
  {
    fetch: (req) => {
      const url = new URL(req.url);
      if (url.pathname === '/__bench/stock') return stock(Object.fromEntries(url.searchParams));
      if (url.pathname === '/__bench/cpu') {
        const open = windows.at(-1);
        if (open && open[1] === Infinity) open[1] = performance.now();
        const c = process.cpuUsage();
        return Response.json({ ms: (c.user + c.system) / 1000, mainMs: mainThreadMs() });
      }
      if (url.pathname === '/__bench/stats') return stats();
      if (url.pathname === '/__bench/bare' && req.method === 'POST') {
        return req.arrayBuffer().then((b) => {
          last = { body: new Uint8Array(b), headers: JSON.parse(url.searchParams.get('headers') ?? '{}') as Record<string, string> };
          return new Response(null, { status: 204 });
        });
      }
      if (url.pathname === '/__bench/bare') return new Response((last?.body ?? null) as BodyInit | null, { headers: last?.headers ?? {} });
      if (url.pathname === '/v1/creative') return timedCreative(req);
      return v.app.fetch(req);
    },
    port,
    hostname: '127.0.0.1',
  },
  () => process.stdout.write('ready\n'),
);
process.on('SIGTERM', () => void v.close().then(() => process.exit(0)));
