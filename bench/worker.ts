// Part (e): the Workers build. Bundle size from `wrangler deploy --dry-run`; a 300x250 PNG
// rendered uncached inside workerd (wrangler dev, local D1) next to the Node server over the
// same HTTP path; CPU time per cached request on workerd, read from /proc.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_CLOCK, startNode, startWorker, type Target } from '../test/contract/targets.ts';
import { summarize, type Summary } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RENDERS = 60;
const CACHED = 400;
const ROUNDS = 3;

function bundle(): { uploadKiB: number; gzipKiB: number } {
  const out = mkdtempSync(join(tmpdir(), 'vitrine-bundle-'));
  try {
    const log = execFileSync(process.execPath, [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(log);
    if (!m) throw new Error(`no size in wrangler's output:\n${log}`);
    return { uploadKiB: Number(m[1]), gzipKiB: Number(m[2]) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function timed(url: string, status = 200): Promise<{ ms: number; cache: string | null }> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== status) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - t, cache: res.headers.get('x-vitrine-cache') };
}

type PerRuntime = Record<Target['name'], Summary>;

/**
 * Uncached 300x250 PNG: render caches off, and a distinct URL per request so no response is
 * replayed. The same decision as JSON (no render, no photo read) is sampled alongside: the
 * difference is what rendering adds on each runtime.
 */
async function uncached(node: Target, worker: Target): Promise<{ png: PerRuntime; json: PerRuntime }> {
  const url = (t: Target, i: number, format: string) => `${t.url}/v1/creative?campaign=c-winter-style&size=300x250&region=AE-DU&seed=42&at=${DATA_CLOCK}&format=${format}&b=${i}`;
  for (let i = 0; i < 15; i++) await Promise.all([timed(url(node, -i - 1, 'png')), timed(url(worker, -i - 1, 'png'))]);
  const png = { node: [] as number[], worker: [] as number[] };
  const json = { node: [] as number[], worker: [] as number[] };
  // Interleaved, one request at a time: both runtimes see the same noise.
  for (let i = 0; i < RENDERS; i++) {
    for (const t of [node, worker]) {
      const r = await timed(url(t, i, 'png'));
      if (r.cache !== 'miss') throw new Error(`${t.name}: expected an uncached render, got X-Vitrine-Cache ${r.cache}`);
      png[t.name].push(r.ms);
      json[t.name].push((await timed(url(t, i, 'json'))).ms);
    }
  }
  return { png: { node: summarize(png.node), worker: summarize(png.worker) }, json: { node: summarize(json.node), worker: summarize(json.worker) } };
}

/** utime + stime (ms) of every workerd process in the worker's process group. */
function workerdCpuMs(pgid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm === 'workerd' && Number(f[2]) === pgid) total += (Number(f[11]) + Number(f[12])) * tick;
  }
  return total;
}

interface CpuRun {
  cpuMsPerRequest: number;
  wall: Summary;
  hits: number;
}

async function cpuPerRequest(worker: Target, path: string, status = 200): Promise<CpuRun> {
  const url = `${worker.url}${path}`;
  for (let i = 0; i < 50; i++) await timed(url, status);
  const runs: CpuRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = workerdCpuMs(worker.pgid!);
    const wall: number[] = [];
    let hits = 0;
    for (let i = 0; i < CACHED; i++) {
      const r = await timed(url, status);
      wall.push(r.ms);
      if (r.cache === 'hit' || r.cache === 'replay') hits++;
    }
    runs.push({ cpuMsPerRequest: (workerdCpuMs(worker.pgid!) - before) / CACHED, wall: summarize(wall), hits });
  }
  runs.sort((a, b) => a.cpuMsPerRequest - b.cpuMsPerRequest);
  return runs[Math.floor(runs.length / 2)]!;
}

/** Runs `fn` with the servers, stopping them whatever happens. */
async function using<T>(servers: Array<Promise<Target>>, fn: (started: Target[]) => Promise<T>): Promise<T> {
  const started = await Promise.allSettled(servers);
  try {
    const ok = started.map((s) => (s.status === 'fulfilled' ? s.value : Promise.reject(s.reason)));
    return await fn(await Promise.all(ok));
  } finally {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
  }
}

const size = bundle();
const render = await using([startNode({ renderCacheBytes: 0 }), startWorker({ vars: { VITRINE_RENDER_CACHE: 'off' } })], ([node, worker]) => uncached(node!, worker!));
const cpu = await using([startWorker()], async ([worker]) => ({
  replay: await cpuPerRequest(worker!, `/v1/creative?campaign=c-winter-style&size=300x250&region=AE-DU&seed=42&at=${DATA_CLOCK}`),
  fresh: await cpuPerRequest(worker!, `/v1/creative?campaign=c-winter-style&size=300x250&region=AE-DU&at=${DATA_CLOCK}`),
  // Reference points for reading the two above: routing alone (a 404, no D1), and one local D1 query (health).
  notFound: await cpuPerRequest(worker!, '/no-such-path', 404),
  health: await cpuPerRequest(worker!, '/healthz'),
}));
const { replay, fresh, notFound, health } = cpu;
process.stdout.write(`${JSON.stringify({ bundle: size, render, cpu: { requests: CACHED, rounds: ROUNDS, replay, fresh, notFound, health } })}\n`);
