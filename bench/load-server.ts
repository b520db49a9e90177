// The server child for bench/load.ts: the demo store in a SQLite file (WAL, as `npm start` runs).
// `GET /__bench/loop?reset=1` answers the event-loop delay (perf_hooks histogram, ms) since the
// last reset and the GC pauses seen meanwhile: what the ad path waited on while the import ran.
import { serve } from '@hono/node-server';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { buildNodeApp } from '../src/runtime/node/build.ts';

const [db, portArg] = process.argv.slice(2);
const v = await buildNodeApp({ db: db!, demo: true, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let gc = { count: 0, ms: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.ms += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
serve(
  {
    fetch: (req) => {
      if (new URL(req.url).pathname !== '/__bench/loop') return v.app.fetch(req);
      const out = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), gc: { count: gc.count, ms: Math.round(gc.ms), maxMs: Math.round(gc.maxMs * 10) / 10 } };
      loop.reset();
      gc = { count: 0, ms: 0, maxMs: 0 };
      return Response.json(out);
    },
    port: Number(portArg),
    hostname: '127.0.0.1',
  },
  () => process.stdout.write('ready\n'),
);
process.on('SIGINT', () => void v.close().then(() => process.exit(0)));
