// Beacon soak (issue 14): the Node server as a child process on loopback, impression beacons at a
// fixed open-loop rate (default 2,000/s for 60 s) from one generator process through an undici
// keep-alive pool, then a SIGKILL or a SIGTERM the moment the schedule ends, with answers still in
// flight. Every beacon answered 200 must be in the database file afterwards. Group commit (the
// default: a beacon answers after its batch committed) and the old buffered path (answers at once,
// writes within 100 ms) run on the same machine in the same run.
// Alone: `npx tsx bench/soak.ts [seconds] [rate] [buffered seconds]`; the last stdout line is JSON.
// A short run (CI, smoke): `SOAK_SECONDS=5 npx tsx bench/soak.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Pool } from 'undici';

const seconds = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 60);
const rate = Number(process.argv[3] ?? process.env.SOAK_RATE ?? 2000);
const bufferedSeconds = Number(process.argv[4] ?? process.env.SOAK_BUFFERED_SECONDS ?? Math.min(seconds, 10));
/** Keep-alive connections of the generator; each carries at most PIPELINING requests at a time. */
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const PIPELINING = Number(process.env.SOAK_PIPELINING ?? 4);
/** Past this many unanswered requests a due send is skipped (counted), never queued: the schedule stays open-loop. */
const MAX_INFLIGHT = CONNECTIONS * PIPELINING;
const SECRET = 'soak-secret-0123456789abcdef';
const ADMIN = 'soak-admin-key-0123456789';
const MAIN = fileURLToPath(new URL('../src/runtime/node/main.ts', import.meta.url));
const dir = mkdtempSync(join(os.tmpdir(), 'vitrine-soak-'));

export interface SoakRun {
  mode: 'commit' | 'buffered';
  signal: 'SIGKILL' | 'SIGTERM';
  seconds: number;
  targetRate: number;
  /** Sends the schedule called for. */
  due: number;
  sent: number;
  /** Due but not sent: MAX_INFLIGHT answers were outstanding (the server was behind). */
  skipped: number;
  /** Sends more than 10 ms behind their scheduled time (the generator itself was late). */
  lateSends: number;
  acked: number;
  failed: number;
  /** Sent, no answer before the signal. */
  inFlightAtSignal: number;
  stored: number;
  /** Answered 200 and not in the file: max(0, acked − stored); stored − acked ≤ inFlightAtSignal. */
  lost: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  /** From the server's /metrics just before the signal: batches, events per batch, ms per batch commit. */
  batches: number;
  eventsPerBatch: number;
  commitMsPerBatch: number;
  /** Share of the run's wall time spent inside batch commits. */
  commitShare: number;
  /** Server process CPU ms per beacon sent (user + system), from /proc. */
  serverCpuMsPerBeacon: number | null;
  /** The generator's own CPU ms per beacon sent (process.cpuUsage). */
  generatorCpuMsPerBeacon: number;
}

function start(db: string, mode: string): Promise<{ child: ChildProcess; port: number; creative: string }> {
  // SOAK_PROF=<dir>: each server writes a CPU profile there on SIGTERM (what limits beacons/s).
  const prof = process.env.SOAK_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SOAK_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VITRINE_DB: db, VITRINE_DEMO: '1', VITRINE_ADMIN_KEY: ADMIN, VITRINE_SECRET: SECRET, VITRINE_EVENT_WRITES: mode, VITRINE_PHOTO_BACKFILL_SHARE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 600_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      const creative = /Creative: (\S+)/.exec(out)?.[1];
      // The soak measures a server in its steady state: it starts once the start-up photo backfill
      // (derivatives for the demo's stored photos, at full speed here) has finished.
      const settled = /"msg":"photo (derivatives made|ingest failed)"/.test(out);
      if (port && creative && settled) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, port: Number(port), creative });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

/** User + system CPU of a process in ms (Linux /proc), or null elsewhere. */
function cpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

function countImpressions(file: string, decisionId: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare("select count(*) as n from events where decision_id = ? and type = 'impression'").get(decisionId) as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

const metric = (text: string, name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);

async function run(template: string, mode: SoakRun['mode'], signal: SoakRun['signal'], secs: number, rate: number): Promise<SoakRun> {
  const db = join(dir, `${mode}-${signal}-${rate}.db`);
  copyFileSync(template, db);
  const { child, port, creative } = await start(db, mode);
  const exited = new Promise((r) => child.once('exit', r));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONNECTIONS, pipelining: PIPELINING, keepAliveTimeout: 60_000 });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await pool.request({ path, method: 'GET', headers });
    return { status: r.statusCode, body: await r.body.text() };
  };
  const u = new URL(creative);
  const json = JSON.parse((await get(u.pathname + u.search.replace('format=png', 'format=json'))).body) as { decision: { id: string }; urls: { impression: string } };
  const imp = new URL(json.urls.impression).pathname;
  // Warm: JIT, the first batches, the connections.
  await Promise.all(Array.from({ length: 200 }, () => get(imp)));
  const warm = countImpressions(db, json.decision.id);

  const latencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let skipped = 0;
  let lateSends = 0;
  let inflight = 0;
  let signalled = false;
  const total = Math.round(rate * secs);
  const cpu0 = cpuMs(child.pid!);
  const gen0 = process.cpuUsage();
  let metrics = '';
  const began = performance.now();
  const fire = (scheduledAt: number) => {
    sent++;
    inflight++;
    const t0 = performance.now();
    if (t0 - scheduledAt > 10) lateSends++;
    pool.request({ path: imp, method: 'GET' }).then(
      async (r) => {
        await r.body.dump();
        // An answer read after the signal was sent still counts: the server wrote it before dying.
        inflight--;
        latencies.push(performance.now() - t0);
        if (r.statusCode === 200) acked++;
        else failed++;
      },
      () => {
        inflight--;
        if (!signalled) failed++;
      },
    );
  };
  // Open loop: every millisecond send what the schedule says is due, whatever the server's pace.
  const metricsAt = began + secs * 950;
  let metricsAsked = false;
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - began) / 1000) * rate));
      while (sent + skipped < due) {
        const scheduledAt = began + ((sent + skipped) / rate) * 1000;
        if (inflight >= MAX_INFLIGHT) skipped++;
        else fire(scheduledAt);
      }
      if (!metricsAsked && now >= metricsAt) {
        metricsAsked = true;
        void get('/metrics', { authorization: `Bearer ${ADMIN}` }).then((m) => (metrics = m.body), () => {});
      }
      if (sent + skipped >= total) {
        clearInterval(tick);
        done();
      }
    }, 1);
  });
  const elapsed = (performance.now() - began) / 1000;
  const cpu1 = cpuMs(child.pid!);
  const gen = process.cpuUsage(gen0);
  // The moment the schedule ends, answers still in flight.
  const inFlightAtSignal = inflight;
  const ackedAtSignal = acked;
  signalled = true;
  child.kill(signal);
  await exited;
  await pool.destroy().catch(() => {});
  const stored = countImpressions(db, json.decision.id) - warm;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const batches = metric(metrics, 'vitrine_event_batches_total');
  const batchEvents = metric(metrics, 'vitrine_event_batch_events_total');
  const commitSeconds = metric(metrics, 'vitrine_event_commit_seconds_total');
  return {
    mode,
    signal,
    seconds: secs,
    targetRate: rate,
    due: total,
    sent,
    skipped,
    lateSends,
    acked,
    failed,
    inFlightAtSignal,
    stored,
    lost: Math.max(0, acked - stored),
    achievedRate: Math.round(ackedAtSignal / elapsed),
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? 0),
    batches,
    eventsPerBatch: round(batchEvents / batches),
    commitMsPerBatch: round((commitSeconds * 1000) / batches),
    commitShare: round(commitSeconds / elapsed),
    serverCpuMsPerBeacon: cpu0 !== null && cpu1 !== null && sent > 0 ? Math.round(((cpu1 - cpu0) / sent) * 1000) / 1000 : null,
    generatorCpuMsPerBeacon: sent > 0 ? Math.round(((gen.user + gen.system) / 1000 / sent) * 1000) / 1000 : 0,
  };
}

async function main(): Promise<void> {
  // One demo database, loaded once, copied for every run.
  const template = join(dir, 'template.db');
  const first = await start(template, 'commit');
  first.child.kill('SIGTERM');
  await new Promise((r) => first.child.once('exit', r));
  const runs: SoakRun[] = [];
  // SOAK_MODES / SOAK_SIGNALS narrow a run (profiling, CI): e.g. SOAK_MODES=commit SOAK_SIGNALS=SIGTERM.
  const modes = (process.env.SOAK_MODES ?? 'commit,buffered').split(',');
  const signals = (process.env.SOAK_SIGNALS ?? 'SIGKILL,SIGTERM').split(',');
  for (const [mode, secs] of [['commit', seconds], ['buffered', bufferedSeconds]] as const) {
    if (!modes.includes(mode)) continue;
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      if (!signals.includes(signal)) continue;
      const r = await run(template, mode, signal, secs, rate);
      runs.push(r);
      process.stderr.write(`soak ${mode} ${signal}: ${JSON.stringify(r)}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ connections: CONNECTIONS, pipelining: PIPELINING, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), runs }) + '\n');
}

await main();
