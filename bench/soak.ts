// Beacon soak (issue 14): the Node server as a child process on loopback, impression beacons at a
// fixed open-loop rate (default 2,000/s for 60 s), then a SIGKILL (or SIGTERM) right after the last
// answer; every beacon answered 200 must be in the database file afterwards. Run once with group
// commit (the default: a beacon answers after its batch committed) and once with the old buffered
// path (answers at once, writes within 100 ms), same machine, same run.
// Alone: `npx tsx bench/soak.ts [seconds] [rate] [calm rate]`; the last stdout line is JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const seconds = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 60);
const rate = Number(process.argv[3] ?? process.env.SOAK_RATE ?? 2000);
const calmRate = Number(process.argv[4] ?? process.env.SOAK_CALM_RATE ?? 100);
const SECRET = 'soak-secret-0123456789abcdef';
const MAIN = fileURLToPath(new URL('../src/runtime/node/main.ts', import.meta.url));
const dir = mkdtempSync(join(os.tmpdir(), 'vitrine-soak-'));

export interface SoakRun {
  mode: 'commit' | 'buffered';
  signal: 'SIGKILL' | 'SIGTERM';
  seconds: number;
  targetRate: number;
  sent: number;
  /** Not sent: the server was MAX_INFLIGHT answers behind the schedule. */
  shed: number;
  acked: number;
  failed: number;
  stored: number;
  lost: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
}

function start(db: string, mode: string): Promise<{ child: ChildProcess; port: number; creative: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VITRINE_DB: db, VITRINE_DEMO: '1', VITRINE_ADMIN_KEY: 'soak-admin-key-0123456789', VITRINE_SECRET: SECRET, VITRINE_EVENT_WRITES: mode },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      const creative = /Creative: (\S+)/.exec(out)?.[1];
      if (port && creative) {
        clearTimeout(timer);
        resolve({ child, port: Number(port), creative });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const MAX_INFLIGHT = 512;
// As many sockets as answers in flight: beacons come from many browsers, not one pooled client.
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_INFLIGHT });

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

async function run(template: string, mode: SoakRun['mode'], signal: SoakRun['signal'], secs: number, rate: number): Promise<SoakRun> {
  const db = join(dir, `${mode}-${signal}-${rate}.db`);
  copyFileSync(template, db);
  const { child, port, creative } = await start(db, mode);
  const exited = new Promise((r) => child.once('exit', r));
  const json = JSON.parse((await get(port, new URL(creative).pathname + new URL(creative).search.replace('format=png', 'format=json'))).body) as { decision: { id: string }; urls: { impression: string } };
  const imp = new URL(json.urls.impression).pathname;
  const latencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let shed = 0;
  const inflight = new Set<Promise<void>>();
  const began = performance.now();
  const total = Math.round(rate * secs);
  // Open loop: every 5 ms send what the schedule says is due, whatever the server's pace.
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate));
      while (sent + shed < due) {
        // Bounded in time: past MAX_INFLIGHT waiting answers the generator sheds load (counted) instead of queueing forever.
        if (inflight.size >= MAX_INFLIGHT) {
          shed++;
          continue;
        }
        sent++;
        const t0 = performance.now();
        const p = get(port, imp).then((r) => {
          latencies.push(performance.now() - t0);
          if (r.status === 200) acked++;
          else failed++;
          inflight.delete(p);
        });
        inflight.add(p);
      }
      if (sent + shed >= total) {
        clearInterval(tick);
        done();
      }
    }, 5);
  });
  await Promise.all([...inflight]);
  const elapsed = (performance.now() - began) / 1000;
  // The moment the last answer is in.
  child.kill(signal);
  await exited;
  const sqlite = new Database(db);
  const stored = (sqlite.prepare("select count(*) as n from events where decision_id = ? and type = 'impression'").get(json.decision.id) as { n: number }).n;
  sqlite.close();
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { mode, signal, seconds: secs, targetRate: rate, sent, shed, acked, failed, stored, lost: Math.max(0, acked - stored), achievedRate: Math.round(acked / elapsed), p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? 0) };
}

async function main(): Promise<void> {
  // One demo database, loaded once, copied for every run.
  const template = join(dir, 'template.db');
  const first = await start(template, 'commit');
  first.child.kill('SIGTERM');
  await new Promise((r) => first.child.once('exit', r));
  const runs: SoakRun[] = [];
  const short = Math.max(5, Math.round(seconds / 6));
  for (const mode of ['commit', 'buffered'] as const) {
    runs.push(await run(template, mode, 'SIGKILL', seconds, rate));
    runs.push(await run(template, mode, 'SIGTERM', short, rate));
    // A rate this machine sustains, so latency is service time rather than queueing.
    runs.push(await run(template, mode, 'SIGKILL', short, calmRate));
    process.stderr.write(`soak ${mode}: ${JSON.stringify(runs.slice(-3))}\n`);
  }
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ runs }) + '\n');
}

await main();
