// Part (c): HTTP throughput over loopback with autocannon, Vitrine next to a bare Hono route
// returning a byte buffer of the same size, in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

function start(args: string[]): Promise<{ child: ChildProcess; peak: () => number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, ...args, '--report-rss'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let peak = 0;
  child.stderr!.on('data', (d: Buffer) => {
    const m = /rss (\d+)/.exec(d.toString());
    if (m) peak = Math.max(peak, Number(m[1]));
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve({ child, peak: () => peak }));
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function load(url: string) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1 });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, bytes: Math.round(r.throughput.average) };
}

const PORT = 18787;
const base = `http://127.0.0.1:${PORT}`;
const vit = await start(['vitrine', String(PORT)]);
const listed = (await (await fetch(`${base}/v1/admin/campaigns`, { headers: { Authorization: 'Bearer bench' } })).json()) as { campaigns: Array<{ id: string }> };
const q = `campaign=${listed.campaigns[0]!.id}&size=300x250&region=AE-DU&seed=7`;
const png = await fetch(`${base}/v1/creative?${q}&format=png`);
const pngBody = new Uint8Array(await png.arrayBuffer());
const pngBytes = pngBody.byteLength;
const pngFile = join(mkdtempSync(join(tmpdir(), 'vitrine-http-')), 'creative.png');
writeFileSync(pngFile, pngBody);
const results: Record<string, unknown> = {};
// Replay URL (seed and clock fixed, as in the JSON view's format URLs): served from the response cache.
const replay = `${base}/v1/creative?${q}&at=${encodeURIComponent(new Date().toISOString())}&format=png`;
await fetch(replay);
results.png_replay = await load(replay);
// A fresh decision per request whose rendered PNG comes from the render cache.
results.png_cached = await load(`${base}/v1/creative?${q}&format=png`);
results.html = await load(`${base}/v1/creative?${q}&format=html`);
results.json = await load(`${base}/v1/creative?${q}&format=json`);
results.vitrinePeakRssMb = vit.peak();
vit.child.kill();
const bare = await start(['bare', String(PORT + 1), pngFile]);
results.bare = await load(`http://127.0.0.1:${PORT + 1}/bare`);
results.barePeakRssMb = bare.peak();
bare.child.kill();
process.stdout.write(JSON.stringify({ pngBytes, connections: CONNECTIONS, duration: DURATION, ...results }) + '\n');
process.exit(0);
