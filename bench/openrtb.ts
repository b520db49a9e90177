// Part: OpenRTB over loopback. (1) cached creatives at 50 connections: closed loop (autocannon,
// each connection sends again when answered) next to a bare Hono route answering the same bytes
// in the same run, and open loop (a fixed request rate over 50 keep-alive connections, as an
// exchange sends: 200 and 400/s by default) with the bare route at the same rates; server CPU per
// request from /proc, and the floor under a cached bid (the same HTTP server, parse, one seal and
// the same answer bytes, no decision). (2) the deadline: ≥ 2,000 auctions at each tmax (100, 200, 500) against a
// fresh server (every render cold at first), banner + native + CTV imps of varied sizes, while a
// "page" fetches the render-on-fetch units the bids carry (so cold renders load the server),
// counting answers later than tmax − 10 ms, each late one explained from a server trace (GC,
// event-loop stalls, units rendered meanwhile). (3) one 5,000-imp request.
// Run alone: `npx tsx bench/openrtb.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import os from 'node:os';
import autocannon from 'autocannon';
import { openLoop, processCpuMs, type OpenLoopResult } from './open-loop.ts';
import { explainLate, type ClientRecord, type LateAnswer, type ServerTrace } from './ortb-trace.ts';
import { readFileSync } from 'node:fs';

const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DEADLINE_REQUESTS = Number(process.env.BENCH_DEADLINE_REQUESTS ?? 2000);
const DEADLINE_CONCURRENCY = Number(process.env.BENCH_DEADLINE_CONCURRENCY ?? 4);
/** Open-loop rates (bid requests per second): what one bidder instance gets from an exchange, below what the server sustains on this machine. */
const OPEN_RATES = (process.env.BENCH_ORTB_OPEN_RATES ?? '200,400').split(',').map(Number);
const OPEN_SECONDS = Number(process.env.BENCH_ORTB_OPEN_SECONDS ?? 8);
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** Worker process ids of a `--cluster` server (their CPU is the server's). */
const clusterPids = new WeakMap<ChildProcess, number[]>();

function start(args: string[]): Promise<ChildProcess> {
  // BENCH_ORTB_PROF=<dir>: each server writes a CPU profile there when it stops.
  const prof = process.env.BENCH_ORTB_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_ORTB_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      const workers = /workers ([\d,]+)/.exec(text);
      if (workers) clusterPids.set(child, workers[1]!.split(',').map(Number));
      if (text.includes('ready')) resolve(child);
    });
    child.on('exit', (code) => code !== null && reject(new Error(`server exited ${code}`)));
  });
}

/** Stops a server and waits until its port is free. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill();
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const SIZES = [[300, 250], [728, 90], [160, 600], [320, 50], [300, 600], [970, 250]];
const GEOS = [['SAU', '01'], ['ARE', 'DU'], ['EGY', 'C'], ['USA', 'CA'], ['GBR', 'LND'], ['DEU', 'BE']];
const LANGS = ['en', 'ar'];

/** The i-th auction: its banner size, geo, language, native image and in-scene sizes vary, so renders are cold at first. */
function request(i: number, tmax: number): string {
  const [w, h] = SIZES[i % SIZES.length]!;
  const [country, region] = GEOS[Math.floor(i / SIZES.length) % GEOS.length]!;
  const lang = LANGS[Math.floor(i / 36) % 2]!;
  const nw = 600 + (i % 50) * 12;
  const native = { assets: [{ id: 1, required: 1, title: { len: 80 } }, { id: 2, required: 1, img: { type: 3, w: nw, h: Math.round(nw / 1.91) } }, { id: 3, data: { type: 6 } }] };
  return JSON.stringify({
    id: `bench-${tmax}-${i}`,
    tmax,
    imp: [
      { id: 'b', tagid: 'pl-home-top', banner: { w, h } },
      { id: 'n', tagid: 'pl-home-top', native: { request: JSON.stringify(native) } },
      { id: 'v', tagid: 'pl-ctv-overlay', video: { mimes: ['video/mp4'], plcmt: 9, w: 1000 + (i % 40) * 10, h: 400, protocols: [13] } },
    ],
    site: { domain: 'news.example' },
    device: { devicetype: 3, language: lang, geo: { country, region } },
  });
}

async function deadlineRun(base: string, tmax: number, traceFile: string, stopServer: () => Promise<void>) {
  const latencies: number[] = [];
  const client: ClientRecord[] = [];
  let late = 0;
  let bids = 0;
  let noBids = 0;
  const units: string[] = [];
  let next = 0;
  let pageDone = false;
  const wall = () => performance.timeOrigin + performance.now();
  // The "page": fetches render-on-fetch units from the bids, one at a time, as exchanges' pages would.
  const page = (async () => {
    let fetched = 0;
    while (!pageDone) {
      const u = units.shift();
      if (!u) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      await (await fetch(u)).arrayBuffer();
      fetched++;
    }
    return fetched;
  })();
  const worker = async () => {
    while (next < DEADLINE_REQUESTS) {
      const i = next++;
      const id = `bench-${tmax}-${i}`;
      const send = wall();
      const t0 = performance.now();
      const res = await fetch(`${base}/openrtb2/auction`, { method: 'POST', body: request(i, tmax), headers: { 'Content-Type': 'application/json', 'x-bench-id': id } });
      const text = await res.text();
      const ms = performance.now() - t0;
      client.push({ id, send, recv: wall(), ms, status: res.status });
      latencies.push(ms);
      if (ms > tmax - 10) late++;
      if (res.status === 200) {
        bids++;
        if (units.length < 200) for (const m of text.matchAll(/https?:\/\/[^"\\]+\/v1\/unit\/[^"\\]+\.png/g)) units.push(m[0]);
      } else noBids++;
    }
  };
  await Promise.all(Array.from({ length: DEADLINE_CONCURRENCY }, worker));
  pageDone = true;
  const unitsFetched = await page;
  // The machine is shared: the 1-minute load average at the end of the run says how contended it was.
  const load = load1();
  await stopServer();
  const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as ServerTrace;
  const lateAnswers: LateAnswer[] = explainLate(client, trace, (c) => c.ms > tmax - 10);
  return { tmax, requests: latencies.length, late, bids, noBids, unitsFetched, p50: pct(latencies, 50), p99: pct(latencies, 99), max: Math.max(...latencies), load, eventLoop: trace.loop, gcPauses: trace.gc.length, majorGc: trace.gc.filter((g) => g.kind === 2).length, maxGcMs: Math.round(Math.max(0, ...trace.gc.map((g) => g.ms)) * 10) / 10, stallsOver5ms: trace.stalls.length, maxStallMs: Math.round(Math.max(0, ...trace.stalls.map((st) => st.ms)) * 10) / 10, lateAnswers };
}

const PORT = 18797;
const base = `http://127.0.0.1:${PORT}`;
const results: Record<string, unknown> = {};

/**
 * (3) One 5,000-imp request (about 200 KB), timed end to end over HTTP (21 times, median), next
 * to two same-run floors: the same bytes POSTed to a bare Hono route that reads them and answers
 * 400, and a one-imp request Vitrine refuses (no id).
 */
async function fiveThousandImps(vitrineBase: string, bareBase: string) {
  const big = JSON.stringify({ id: 'big', imp: Array.from({ length: 5000 }, (_, i) => ({ id: String(i + 1), banner: { w: 300, h: 250 } })) });
  const small = JSON.stringify({ imp: [{ id: '1', banner: { w: 300, h: 250 } }] });
  const time = async (url: string, body: string) => {
    const ms: number[] = [];
    let status = 0;
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await fetch(url, { method: 'POST', body });
      await r.text();
      ms.push(performance.now() - t0);
      status = r.status;
    }
    return { status, ms: ms.map((m) => Math.round(m * 10) / 10), median: pct(ms, 50) };
  };
  const vitrine = await time(`${vitrineBase}/openrtb2/auction`, big);
  const bare = await time(`${bareBase}/bare-post`, big);
  const refusedSmall = await time(`${vitrineBase}/openrtb2/auction`, small);
  return { ...vitrine, bytes: big.length, bareSameBytes: bare.median, refusedOneImp: refusedSmall.median };
}

if (process.env.BENCH_ORTB_ONLY === 'imps') {
  const v = await start(['vitrine', String(PORT)]);
  const b = await start(['bare', String(PORT + 1), new URL('./server.ts', import.meta.url).pathname]);
  await fetch(`${base}/openrtb2/auction`, { method: 'POST', body: request(9999, 1000) });
  process.stdout.write(JSON.stringify({ fiveThousandImps: await fiveThousandImps(base, `http://127.0.0.1:${PORT + 1}`) }) + '\n');
  await stop(v);
  await stop(b);
  process.exit(0);
}

// (1) cached creatives at 50 connections (BENCH_ORTB_ONLY=deadline skips to (2)).
const onlyDeadline = process.env.BENCH_ORTB_ONLY === 'deadline';
let vit = await start(['vitrine', String(PORT)]);
if (!onlyDeadline) {
  const cachedBody = JSON.stringify({ id: 'cached', tmax: 200, imp: [{ id: '1', tagid: 'pl-home-top', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { devicetype: 2, geo: { country: 'ARE', region: 'DU' } } });
  let sample = '';
  // Warm the render cache: the demo's variants × products for this slot, then wait for background renders.
  const warmCached = async (at: string, rounds = 150) => {
    for (let i = 0; i < rounds; i++) await (await fetch(`${at}/openrtb2/auction`, { method: 'POST', body: cachedBody })).text();
    await new Promise((r) => setTimeout(r, 2000));
    for (let i = 0; i < 20; i++) sample = await (await fetch(`${at}/openrtb2/auction`, { method: 'POST', body: cachedBody })).text();
  };
  await warmCached(base);
  const file = join(mkdtempSync(join(tmpdir(), 'vitrine-ortb-')), 'bid.json');
  writeFileSync(file, sample);
  // A cluster's CPU is its workers' (the primary only supervises).
  const cpuOf = (child: ChildProcess) => () => {
    const pids = clusterPids.get(child) ?? [child.pid!];
    let sum = 0;
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === null) return null;
      sum += ms;
    }
    return sum;
  };
  /** The kernel's share of a server's CPU (/proc stime, ms): on loopback it includes delivering each answer to the client's socket. */
  const sysOf = (child: ChildProcess) => () => {
    let sum = 0;
    for (const pid of clusterPids.get(child) ?? [child.pid!]) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
        sum += (Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[12]) * 1000) / 100;
      } catch {
        return null;
      }
    }
    return sum;
  };
  /** Closed loop: autocannon keeps every connection busy; server CPU per answered request alongside (and its kernel part). */
  async function closedLoop(url: string, cpu: () => number | null, post?: string, sys?: () => number | null) {
    const c0 = cpu();
    const s0 = sys?.() ?? null;
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...(post ? { method: 'POST', body: post, headers: { 'content-type': 'application/json' } } : {}) });
    const c1 = cpu();
    const s1 = sys?.() ?? null;
    const answered = Math.round(r.requests.average * DURATION);
    const per = (a: number | null, b: number | null) => (a !== null && b !== null && answered > 0 ? Math.round(((b - a) / answered) * 1000) / 1000 : null);
    return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, serverCpuMs: per(c0, c1), ...(sys ? { serverSysMs: per(s0, s1) } : {}), load: load1() };
  }
  const cached = await closedLoop(`${base}/openrtb2/auction`, cpuOf(vit), cachedBody, sysOf(vit));
  results.cached = { ...cached, bytes: sample.length };
  const rates = OPEN_RATES;
  const open: Array<{ vitrine: OpenLoopResult; bare: OpenLoopResult | null }> = [];
  for (const rate of rates) open.push({ vitrine: await openLoop({ origin: base, path: '/openrtb2/auction', method: 'POST', body: cachedBody, rate, seconds: OPEN_SECONDS, connections: CONNECTIONS, cpuMs: cpuOf(vit), load: () => os.loadavg()[0]! }), bare: null });
  const bare = await start(['bare', String(PORT + 1), file]);
  results.fiveThousandImps = await fiveThousandImps(base, `http://127.0.0.1:${PORT + 1}`);
  await stop(vit);
  const bareBase = `http://127.0.0.1:${PORT + 1}`;
  results.bare = await closedLoop(`${bareBase}/bare`, cpuOf(bare));
  // The same bytes after reading the same request body: the floor the auction route stands on.
  results.barePost = await closedLoop(`${bareBase}/bare`, cpuOf(bare), cachedBody, sysOf(bare));
  for (const [i, rate] of rates.entries()) open[i]!.bare = await openLoop({ origin: bareBase, path: '/bare', method: 'POST', body: cachedBody, rate, seconds: OPEN_SECONDS, connections: CONNECTIONS, cpuMs: cpuOf(bare), load: () => os.loadavg()[0]! });
  results.open = open;
  await stop(bare);
  // Same run, the floor under a cached bid: HTTP, body parse, one decision seal and the same answer bytes written as the auction writes them (bench/server.ts `floor`).
  const floor = await start(['floor', String(PORT + 7), file]);
  results.floor = await closedLoop(`http://127.0.0.1:${PORT + 7}/floor`, cpuOf(floor), cachedBody, sysOf(floor));
  await stop(floor);
  // Same run, the @hono/node-server body path every POST took before src/runtime/node/serve.ts (`--stream-bodies`).
  const oldBare = await start(['bare', String(PORT + 1), file, '--stream-bodies']);
  results.barePostStreamBodies = await closedLoop(`${bareBase}/bare`, cpuOf(oldBare), cachedBody);
  await stop(oldBare);
  const oldVit = await start(['vitrine', String(PORT + 2), '--stream-bodies']);
  await warmCached(`http://127.0.0.1:${PORT + 2}`);
  results.cachedStreamBodies = await closedLoop(`http://127.0.0.1:${PORT + 2}/openrtb2/auction`, cpuOf(oldVit), cachedBody);
  await stop(oldVit);
  // One process per core (node:cluster), Vitrine and the bare route measured the same way: extra rows, the single-process ones stay the target's.
  const procs = os.availableParallelism();
  const clVit = await start(['vitrine', String(PORT + 5), '--cluster', String(procs)]);
  await warmCached(`http://127.0.0.1:${PORT + 5}`, 150 * procs);
  const clusterCached = await closedLoop(`http://127.0.0.1:${PORT + 5}/openrtb2/auction`, cpuOf(clVit), cachedBody);
  await stop(clVit);
  const clBare = await start(['bare', String(PORT + 6), file, '--cluster', String(procs)]);
  const clusterBarePost = await closedLoop(`http://127.0.0.1:${PORT + 6}/bare`, cpuOf(clBare), cachedBody);
  await stop(clBare);
  results.cluster = { processes: procs, cached: clusterCached, barePost: clusterBarePost };
} else await stop(vit);

// (2) the deadline, a fresh server (empty render cache) per tmax, traced.
const deadline: unknown[] = [];
const traceDir = mkdtempSync(join(tmpdir(), 'vitrine-ortb-trace-'));
// BENCH_ORTB_ONLY=cached stops after (1); BENCH_ORTB_TMAX picks the tmax values.
const tmaxes = process.env.BENCH_ORTB_ONLY === 'cached' ? [] : (process.env.BENCH_ORTB_TMAX ?? '100,200,500').split(',').map(Number);
for (const [k, tmax] of tmaxes.entries()) {
  // A port of its own per server: the previous one may still be releasing its socket.
  const port = PORT + 3 + k;
  const traceFile = join(traceDir, `tmax-${tmax}.json`);
  vit = await start(['vitrine', String(port), '--trace', traceFile]);
  const at = `http://127.0.0.1:${port}`;
  await fetch(`${at}/openrtb2/auction`, { method: 'POST', body: request(9999, 1000) }); // the process's first request
  const server = vit;
  deadline.push(await deadlineRun(at, tmax, traceFile, () => stop(server)));
}
results.deadline = deadline;
process.stdout.write(JSON.stringify({ connections: CONNECTIONS, duration: DURATION, ...results }) + '\n');
process.exit(0);
