// The Workers part of BENCHMARKS.md (issue 6): bundle size, workerd vs Node render, CPU per cached request.
import type { Summary } from './stats.ts';

interface CpuRun {
  cpuMsPerRequest: number;
  wall: Summary;
  hits: number;
}
export interface WorkerPart {
  bundle: { uploadKiB: number; gzipKiB: number };
  render: { node: Summary; worker: Summary };
  cpu: { requests: number; rounds: number; replay: CpuRun; fresh: CpuRun };
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const mb = (kib: number) => `${(kib / 1024).toFixed(2)} MB`;
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

export function workerSection(w: WorkerPart): string[] {
  const gz = w.bundle.gzipKiB;
  const { replay, fresh } = w.cpu;
  return [
    '## Targets (issue 6, Cloudflare Workers)',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| worker bundle gzipped < 3 MB (in any case < 10 MB) | ${mb(gz)} (${mb(w.bundle.uploadKiB)} uncompressed), from \`wrangler deploy --dry-run\` | ${mark(gz < 3 * 1024)} |`,
    `| 300x250 PNG rendered inside workerd: p50 next to Node | workerd ${ms(w.render.worker.p50)} (p99 ${ms(w.render.worker.p99)}) vs Node ${ms(w.render.node.p50)} (p99 ${ms(w.render.node.p99)}) | recorded |`,
    `| CPU per cached request within the free plan's 10 ms | ${ms(fresh.cpuMsPerRequest)} (fresh decision, cached render); ${ms(replay.cpuMsPerRequest)} (replay URL) | ${mark(Math.max(fresh.cpuMsPerRequest, replay.cpuMsPerRequest) < 10)} |`,
    '',
    '## (e) Workers (wrangler dev: workerd with a local D1)',
    '',
    `Render: \`/v1/creative\` 300x250 PNG over HTTP on loopback, one request at a time, the two runtimes interleaved, ${w.render.node.n} requests each after a warm-up; render caches off on both and a distinct URL per request, so every response is a decision, satori and a rasterizer (sharp on Node, resvg-wasm in workerd) with the product photo read from the store (better-sqlite3 / local D1).`,
    '',
    '| runtime | p50 | p99 | mean |',
    '|---|---|---|---|',
    `| Node (sharp) | ${ms(w.render.node.p50)} | ${ms(w.render.node.p99)} | ${ms(w.render.node.mean)} |`,
    `| workerd (resvg-wasm) | ${ms(w.render.worker.p50)} | ${ms(w.render.worker.p99)} | ${ms(w.render.worker.mean)} |`,
    '',
    `CPU per cached request: user + system time of the workerd processes (/proc) across ${w.cpu.requests} sequential requests, median of ${w.cpu.rounds} rounds. It includes miniflare's own routing worker in front of Vitrine, so it is an upper bound for Vitrine's share.`,
    '',
    '| request | CPU per request | wall p50 | wall p99 | served from cache |',
    '|---|---|---|---|---|',
    `| fresh decision (random seed), render cache hit | ${ms(fresh.cpuMsPerRequest)} | ${ms(fresh.wall.p50)} | ${ms(fresh.wall.p99)} | ${fresh.hits} / ${w.cpu.requests} |`,
    `| replay URL (seed + at: response cache) | ${ms(replay.cpuMsPerRequest)} | ${ms(replay.wall.p50)} | ${ms(replay.wall.p99)} | ${replay.hits} / ${w.cpu.requests} |`,
    '',
  ];
}
