// An open-loop load generator, the way an exchange sends bid requests: a fixed rate spread over
// keep-alive connections (undici Pool, one request per connection at a time), sends scheduled
// whatever the server's pace. A due send finding every connection busy is skipped and counted,
// never queued (queueing would turn it back into a closed loop).
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  connections: number;
  sent: number;
  skipped: number;
  /** Sends more than 5 ms behind their schedule (the generator itself was late). */
  lateSends: number;
  ok: number;
  other: number;
  errors: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  /** The server process's CPU ms per answered request (Linux /proc), null elsewhere. */
  serverCpuMs: number | null;
  load: number;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
const round = (x: number) => Math.round(x * 100) / 100;

export async function openLoop(opts: { origin: string; path: string; method: 'GET' | 'POST'; body?: string; rate: number; seconds: number; connections: number; cpuMs: () => number | null; load: () => number }): Promise<OpenLoopResult> {
  const pool = new Pool(opts.origin, { connections: opts.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const send = () => pool.request({ path: opts.path, method: opts.method, ...(opts.body ? { body: opts.body, headers: { 'content-type': 'application/json' } } : {}) });
  // Open the connections and warm both sides before the clock starts.
  await Promise.all(Array.from({ length: opts.connections * 4 }, async () => (await send()).body.dump()));
  const latencies: number[] = [];
  let sent = 0;
  let skipped = 0;
  let lateSends = 0;
  let inflight = 0;
  let ok = 0;
  let other = 0;
  let errors = 0;
  const total = Math.round(opts.rate * opts.seconds);
  const answered: Array<Promise<void>> = [];
  const cpu0 = opts.cpuMs();
  const began = performance.now();
  const fire = (scheduledAt: number) => {
    sent++;
    inflight++;
    const t0 = performance.now();
    if (t0 - scheduledAt > 5) lateSends++;
    answered.push(
      send().then(
        async (r) => {
          await r.body.dump();
          latencies.push(performance.now() - t0);
          if (r.statusCode === 200) ok++;
          else other++;
          inflight--;
        },
        () => {
          errors++;
          inflight--;
        },
      ),
    );
  };
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      // Send i is due at i / rate (the first at once).
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * opts.rate) + 1);
      while (sent + skipped < due) {
        const scheduledAt = began + ((sent + skipped) / opts.rate) * 1000;
        if (inflight >= opts.connections) skipped++;
        else fire(scheduledAt);
      }
      if (sent + skipped >= total) {
        clearInterval(tick);
        done();
      }
    }, 1);
  });
  await Promise.all(answered);
  const elapsed = (performance.now() - began) / 1000;
  const cpu1 = opts.cpuMs();
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    rate: opts.rate,
    seconds: opts.seconds,
    connections: opts.connections,
    sent,
    skipped,
    lateSends,
    ok,
    other,
    errors,
    achievedRate: Math.round((ok + other) / elapsed),
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? 0),
    serverCpuMs: cpu0 !== null && cpu1 !== null && ok + other > 0 ? Math.round(((cpu1 - cpu0) / (ok + other)) * 1000) / 1000 : null,
    load: Math.round(opts.load() * 100) / 100,
  };
}

/** User + system CPU of a process in ms (Linux /proc), or null elsewhere. */
export function processCpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
