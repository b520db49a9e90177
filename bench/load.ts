// Issue 14's load target: ad-path latency (GET /v1/creative, a fresh decision each time, HTML
// unit from the render cache) idle, then while a 100,000-row product feed is POSTed over HTTP
// and stock updates arrive every 100 ms. Loopback only, bounded in time; the server is a child.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-load-'));
const IDLE_MS = Number(process.env.BENCH_LOAD_IDLE_MS ?? 10_000);
const MAX_MS = Number(process.env.BENCH_LOAD_MAX_MS ?? 180_000);
const CONCURRENCY = 4;

const files = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./import-files.ts', import.meta.url)), dir], { encoding: 'utf8', env: { ...process.env, BENCH_IMPORT_PRODUCTS: '100000' }, stdio: ['ignore', 'pipe', 'inherit'] });
const { productsFile } = JSON.parse(files.trim().split('\n').pop()!) as { productsFile: string };

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
// BENCH_PROF=<dir>: the server writes a CPU profile there (what blocks the ad path during the import).
const prof = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
const child = spawn(process.execPath, [...prof, '--import', 'tsx', fileURLToPath(new URL('./load-server.ts', import.meta.url)), join(dir, 'load.db'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('ready') && resolve()));
const base = `http://127.0.0.1:${port}`;
const auth = { Authorization: 'Bearer bench' };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Ad requests from CONCURRENCY loops until `stop()` says so; latencies in ms. */
async function adLoad(stop: () => boolean): Promise<number[]> {
  const out: number[] = [];
  const regions = ['SA-01', 'AE-DU', 'US-CA', 'GB-LND'];
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!stop()) {
        const t = performance.now();
        const res = await fetch(`${base}/v1/creative?campaign=c-winter-style&size=300x250&format=html&region=${regions[n++ % 4]}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`ad path answered ${res.status}`);
        out.push(performance.now() - t);
      }
    }),
  );
  return out;
}

try {
  // Warm-up: renders cached, JIT warm.
  let t0 = performance.now();
  await adLoad(() => performance.now() - t0 > 3000);
  const loop = async () => (await (await fetch(`${base}/__bench/loop`)).json()) as { p50: number; p99: number; max: number; gc: { count: number; ms: number; maxMs: number } };
  await loop();
  t0 = performance.now();
  const idle = await adLoad(() => performance.now() - t0 > IDLE_MS);
  const idleLoop = await loop();

  let importDone = false;
  let stockRows = 0;
  const started = performance.now();
  const importing = fetch(`${base}/v1/admin/feeds/products`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'text/tab-separated-values', 'Content-Length': String(statSync(productsFile).size) },
    body: Readable.toWeb(createReadStream(productsFile)) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit).then(async (r) => {
    const s = (await r.json()) as { read: number; inserted: number; updated: number; ms: number };
    importDone = true;
    if (r.status !== 200) throw new Error(`import answered ${r.status}`);
    return s;
  });
  const stocking = (async () => {
    let b = 0;
    while (!importDone && performance.now() - started < MAX_MS) {
      const rows = Array.from({ length: 200 }, (_, i) => ({ product_id: `p${String(((b * 200 + i) % 240) + 1).padStart(4, '0')}`, region: 'SA-01', quantity: 5 + ((b + i) % 40) }));
      const r = await fetch(`${base}/v1/admin/stock`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(rows) });
      await r.arrayBuffer();
      if (r.status === 200) stockRows += rows.length;
      b++;
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  const loaded = await adLoad(() => importDone || performance.now() - started > MAX_MS);
  const summary = await importing;
  await stocking;
  const importLoop = await loop();
  const result = {
    idle: { requests: idle.length, p50: pct(idle, 50), p99: pct(idle, 99), loop: idleLoop },
    duringImport: { requests: loaded.length, p50: pct(loaded, 50), p99: pct(loaded, 99), loop: importLoop },
    ratioP99: pct(loaded, 99) / pct(idle, 99),
    import: { rows: summary.read, inserted: summary.inserted, ms: summary.ms, wallMs: Math.round(performance.now() - started) },
    stockRows,
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
} finally {
  child.kill('SIGINT');
}
