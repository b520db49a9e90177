// The Workers part of BENCHMARKS.md (issue 6): bundle size, workerd vs Node render, CPU per cached request.
import type { Summary } from './stats.ts';

interface CpuRun {
  cpuMsPerRequest: number;
  wall: Summary;
  hits: number;
}
export interface WorkerPart {
  bundle: { uploadKiB: number; gzipKiB: number };
  render: { png: { node: Summary; worker: Summary }; json: { node: Summary; worker: Summary } };
  cpu: { requests: number; rounds: number; replay: CpuRun; fresh: CpuRun; notFound: CpuRun; health: CpuRun };
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const mb = (kib: number) => `${(kib / 1024).toFixed(2)} MB`;
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

export function workerSection(w: WorkerPart): string[] {
  const gz = w.bundle.gzipKiB;
  const { replay, fresh, notFound, health } = w.cpu;
  const { png, json } = w.render;
  // Local D1 runs inside workerd (a simulator); on Cloudflare the query executes in D1, not in the worker.
  const d1Query = Math.max(0, health.cpuMsPerRequest - notFound.cpuMsPerRequest);
  const freshOwn = Math.max(0, fresh.cpuMsPerRequest - 2 * d1Query);
  return [
    '## Targets (issue 6, Cloudflare Workers)',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| worker bundle gzipped < 3 MB (in any case < 10 MB) | ${mb(gz)} (${mb(w.bundle.uploadKiB)} uncompressed), from \`wrangler deploy --dry-run\` | ${mark(gz < 3 * 1024)} |`,
    `| 300x250 PNG rendered inside workerd: p50 next to Node | whole request workerd ${ms(png.worker.p50)} vs Node ${ms(png.node.p50)}; the render's share (PNG − JSON of the same decision) workerd ${ms(png.worker.p50 - json.worker.p50)} vs Node ${ms(png.node.p50 - json.node.p50)} | recorded |`,
    `| CPU per cached request within the free plan's 10 ms | replay URL ${ms(replay.cpuMsPerRequest)}; fresh decision + cached render ${ms(fresh.cpuMsPerRequest)} measured, ≈ ${ms(freshOwn)} without the local D1 simulator's two queries | ${mark(replay.cpuMsPerRequest < 10 && freshOwn < 10)}${fresh.cpuMsPerRequest >= 10 ? ' (estimate)' : ''} |`,
    '',
    '## (e) Workers (wrangler dev: workerd with a local D1)',
    '',
    `Render: \`/v1/creative\` 300x250 PNG over HTTP on loopback, one request at a time, the two runtimes interleaved, ${png.node.n} requests each after a warm-up; render caches off on both and a distinct URL per request, so every response is a decision and a render by each runtime's default engine (takumi native on Node, takumi wasm in workerd) with the product photo read from the store (better-sqlite3 / local D1).`,
    '',
    '| runtime | PNG p50 | PNG p99 | JSON p50 (same decision, no render) | render share p50 |',
    '|---|---|---|---|---|',
    `| Node (takumi native) | ${ms(png.node.p50)} | ${ms(png.node.p99)} | ${ms(json.node.p50)} | ${ms(png.node.p50 - json.node.p50)} |`,
    `| workerd (takumi wasm) | ${ms(png.worker.p50)} | ${ms(png.worker.p99)} | ${ms(json.worker.p50)} | ${ms(png.worker.p50 - json.worker.p50)} |`,
    '',
    "Local D1 is a simulator running inside workerd, several milliseconds per query on this machine (see `/healthz` below); the PNG path reads the product photo from D1 and the JSON path does not, so the workerd render share includes one such query.",
    '',
    `CPU per cached request: user + system time of the workerd processes (/proc) across ${w.cpu.requests} sequential requests, median of ${w.cpu.rounds} rounds. It includes miniflare's own routing worker in front of Vitrine, so it is an upper bound for Vitrine's share.`,
    '',
    '| request | CPU per request | wall p50 | wall p99 | served from cache |',
    '|---|---|---|---|---|',
    `| fresh decision (random seed), render cache hit | ${ms(fresh.cpuMsPerRequest)} | ${ms(fresh.wall.p50)} | ${ms(fresh.wall.p99)} | ${fresh.hits} / ${w.cpu.requests} |`,
    `| replay URL (seed + at: response cache) | ${ms(replay.cpuMsPerRequest)} | ${ms(replay.wall.p50)} | ${ms(replay.wall.p99)} | ${replay.hits} / ${w.cpu.requests} |`,
    `| reference: unknown path (404 JSON, no D1) | ${ms(notFound.cpuMsPerRequest)} | ${ms(notFound.wall.p50)} | ${ms(notFound.wall.p99)} | |`,
    `| reference: \`/healthz\` (one D1 query) | ${ms(health.cpuMsPerRequest)} | ${ms(health.wall.p50)} | ${ms(health.wall.p99)} | |`,
    '',
    `A fresh decision reads stock with two D1 queries (one per category of the campaign). On Cloudflare those run in D1, not in the worker's CPU time; here each costs about ${ms(d1Query)} of workerd CPU (\`/healthz\` − 404), hence the estimate above.`,
    '',
  ];
}
