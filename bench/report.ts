// Turns the benchmark parts' JSON into BENCHMARKS.md.
import type { OpenLoopResult } from './open-loop.ts';
import type { LateAnswer } from './ortb-trace.ts';
import { eventBatchSection, soakSection, type EventBatchPart, type SoakPart } from './soak-report.ts';
import type { SimRun } from './simulate.ts';
import type { AuthoringPart } from './authoring.ts';
import type { EditorPreviewPart } from './editor-preview.ts';
import type { ReviewPart } from './review.ts';
import { reviewSection } from './review-report.ts';
import type { Summary } from './stats.ts';
import { workerSection, type WorkerPart } from './worker-report.ts';
import { engineSection, type EnginePart } from './engines-report.ts';
import { hdMallocSection, hdSection, type HdPart } from './hd-report.ts';
import type { MallocPart } from './hd-malloc.ts';

interface DecisionPart {
  which: string;
  products: number;
  campaigns: number;
  seedMs: number;
  full: Summary;
  explained: Summary;
  /** Consented shoppers with profiles, the bandit reading learned arms. */
  personal: Summary;
  personalizedShare: number;
  pure: Summary;
  servingRssMb: number;
  /** After also running the personalized path. */
  personalRssMb: number;
  peakRssMb: number;
}
interface RenderRow {
  size: string;
  lang: string;
  template: string;
  products: number;
  bytes: number;
  cold: Summary;
  cached: Summary;
}
interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}
interface ImportPart {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  ms: number;
}
interface SimPart {
  requests: number;
  contexts: number;
  variants: number;
  settings: Record<string, number>;
  decideUsPerRequest: number;
  runs: Record<'vitrine' | 'oracle' | 'uniform' | 'ab', SimRun>;
  withHoldout: { settings: Record<string, number>; vitrine: SimRun };
}

export interface BenchResults {
  machine: string;
  date: string;
  decisionDemo: DecisionPart;
  decisionLarge: DecisionPart;
  simulate: SimPart;
  render: { rows: RenderRow[]; peakRssMb: number };
  /** Issue 12 (content): fit report and local pricing costs. */
  content?: ContentResults;
  /** Issue 12: the photo integrity check next to the header check and a cold render (CPU ms per call). */
  photoCheck?: PhotoCheckPart;
  imports: { products: ImportPart; reimport: ImportPart; local: ImportPart; stock: { rows: number; ms: number; perSecond: number }; peakRssMb: number };
  http: { pngBytes: number; connections: number; duration: number; png_replay: Load; png_cached: Load; html: Load; json: Load; bare: Load; vitrinePeakRssMb: number; barePeakRssMb: number };
  worker?: WorkerPart;
  engines?: EnginePart;
  /** Issue 12: where a cold 1920x1080 render goes, and the large-frame PNG encoder (bench/hd.ts). */
  hd?: HdPart;
  /** Issue 12: cold 1920x1080 under npm start's allocator setting vs glibc's defaults (bench/hd-malloc.ts). */
  hdMalloc?: MallocPart;
  authoring?: AuthoringPart;
  editorPreview?: EditorPreviewPart;
  review?: ReviewPart;
  /** Issue 14: ad-path latency idle and during an HTTP feed import with stock updates (bench/load.ts). */
  load?: LoadPart;
  openrtb?: OpenRtbPart;
  soak?: SoakPart;
  /** Issue 14: one group-commit batch's cost by size, synchronous NORMAL vs FULL (bench/event-batch.ts). */
  eventBatch?: EventBatchPart;
}

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  gc: { count: number; ms: number; maxMs: number };
}
export interface LoadPart {
  idle: { requests: number; p50: number; p99: number; loop?: LoopDelay };
  duringImport: { requests: number; p50: number; p99: number; loop?: LoopDelay };
  ratioP99: number;
  import: { rows: number; inserted: number; ms: number; wallMs: number };
  stockRows: number;
  loadAverage?: number[];
}

function loadRows(l: LoadPart): string[] {
  return [
    '## Targets (issue 14)',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| ad-path p99 during a 100,000-row HTTP feed import with stock updates ≤ 2× idle | ${l.duringImport.p99.toFixed(1)} ms vs ${l.idle.p99.toFixed(1)} ms idle (${l.ratioP99.toFixed(2)}×; p50 ${l.duringImport.p50.toFixed(1)} vs ${l.idle.p50.toFixed(1)} ms; import ${(l.import.ms / 1000).toFixed(1)} s, ${l.stockRows.toLocaleString('en')} stock rows meanwhile) | ${l.ratioP99 <= 2 ? 'met' : '**not met**'} |`,
    '',
    ...(l.idle.loop && l.duringImport.loop
      ? [
          `Server event-loop delay (\`monitorEventLoopDelay\`, ms): idle p99 ${l.idle.loop.p99} / max ${l.idle.loop.max}; during the import p99 ${l.duringImport.loop.p99} / max ${l.duringImport.loop.max}, GC ${l.duringImport.loop.gc.count} pauses, ${l.duringImport.loop.gc.ms} ms in all, longest ${l.duringImport.loop.gc.maxMs} ms.${l.loadAverage ? ` Load average at the end: ${l.loadAverage.join(', ')}.` : ''}`,
          '',
        ]
      : []),
  ];
}

interface OpenRtbDeadline {
  tmax: number;
  requests: number;
  late: number;
  bids: number;
  noBids: number;
  unitsFetched: number;
  p50: number;
  p99: number;
  max: number;
  /** 1-minute load average at the end of the run (the machine may be shared). */
  load?: number;
  /** From the server's trace (bench/server.ts --trace). */
  eventLoop?: Record<string, number>;
  majorGc?: number;
  maxGcMs?: number;
  maxStallMs?: number;
  lateAnswers?: LateAnswer[];
}
type ClosedLoop = { rps: number; p50: number; p99: number; serverCpuMs?: number | null; serverSysMs?: number | null; load?: number };
export interface OpenRtbPart {
  connections: number;
  duration: number;
  cached: ClosedLoop & { non2xx: number; errors: number; bytes: number };
  bare: ClosedLoop;
  barePost?: ClosedLoop;
  /** The irreducible part of a cached bid: HTTP, body parse, one decision seal, the same answer bytes (bench/server.ts `floor`). */
  floor?: ClosedLoop;
  /** The same rows over @hono/node-server's own streaming body path (before src/runtime/node/serve.ts), same run. */
  barePostStreamBodies?: ClosedLoop;
  cachedStreamBodies?: ClosedLoop;
  /** One process per core (node:cluster), Vitrine and the bare route alike. */
  cluster?: { processes: number; cached: ClosedLoop; barePost: ClosedLoop };
  open?: Array<{ vitrine: OpenLoopResult; bare: OpenLoopResult | null }>;
  fiveThousandImps: { status: number; bytes: number; ms: number[]; median: number; bareSameBytes?: number; refusedOneImp?: number };
  deadline: OpenRtbDeadline[];
}

const cpu = (r: { serverCpuMs?: number | null; serverSysMs?: number | null }) => (r.serverCpuMs != null ? `; server CPU ${r.serverCpuMs} ms/request${r.serverSysMs != null ? ` (${r.serverSysMs} ms of it in the kernel)` : ''}` : '');
const openRow = (r: OpenLoopResult) => `p50 / p99 ${r.p50} / ${r.p99} ms, ${r.achievedRate}/s answered, ${r.skipped} skipped sends${cpu(r)}; load ${r.load}`;

/** What the late answers of a deadline run had in common (see bench/ortb-trace.ts). */
function lateCauses(d: OpenRtbDeadline): string {
  const l = d.lateAnswers ?? [];
  if (l.length === 0) return '';
  const waited = l.filter((x) => (x.waitMs ?? 0) > (x.handlerMs ?? 0)).length;
  const first = l.filter((x) => x.index < 20).length;
  return ` Late answers: ${waited} of ${l.length} waited longer for the thread before the handler ran than they spent in it; ${l.filter((x) => x.gcMs > 0).length} overlapped a GC pause (${l.filter((x) => x.majorGc).length} a major one); ${l.filter((x) => x.unitsMeanwhile > 0).length} overlapped a render-on-fetch unit; ${first} among the first 20 auctions.`;
}

/** The OpenRTB section: cached p99 at 50 connections with the bare route of the same run, the deadline runs, the 5,000-imp request. */
export function openRtbRows(o: OpenRtbPart): string[] {
  return [
    '## OpenRTB (`bench/openrtb.ts`)',
    '',
    `| measure | value | same-run baseline |`,
    `|---|---|---|`,
    `| cached creatives, closed loop, ${o.connections} connections, ${o.duration} s: p50 / p99 | ${o.cached.p50} / ${o.cached.p99} ms (${o.cached.rps} rps, ${o.cached.non2xx} non-2xx${cpu(o.cached)}${o.cached.load !== undefined ? `; load ${o.cached.load}` : ''}) | bare Hono route, same bytes: ${o.bare.p50} / ${o.bare.p99} ms (${o.bare.rps} rps${cpu(o.bare)})${o.barePost ? `; reading the same request body first: ${o.barePost.p50} / ${o.barePost.p99} ms (${o.barePost.rps} rps${cpu(o.barePost)})` : ''} |`,
    ...(o.floor
      ? [`| the floor under a cached bid: the same server, body read and parsed as the auction does, one decision seal, the same answer bytes written as the auction writes them; no decision, no markup lookup (an extra row) | ${o.floor.p50} / ${o.floor.p99} ms (${o.floor.rps} rps${cpu(o.floor)}; load ${o.floor.load}) | Vitrine's cached bid above: ${o.cached.serverCpuMs != null && o.floor.serverCpuMs ? `${Math.round((o.cached.serverCpuMs / o.floor.serverCpuMs) * 10) / 10}× the floor's CPU per request` : ''} |`]
      : []),
    ...(o.cachedStreamBodies && o.barePostStreamBodies
      ? [`| the same, request bodies through @hono/node-server's streaming path (Readable.toWeb; every POST before the buffered-body server) | ${o.cachedStreamBodies.p50} / ${o.cachedStreamBodies.p99} ms (${o.cachedStreamBodies.rps} rps${cpu(o.cachedStreamBodies)}) | bare route reading the body that way: ${o.barePostStreamBodies.p50} / ${o.barePostStreamBodies.p99} ms (${o.barePostStreamBodies.rps} rps${cpu(o.barePostStreamBodies)}) |`]
      : []),
    ...(o.cluster
      ? [`| cached creatives, closed loop, ${o.connections} connections, ${o.cluster.processes} processes (node:cluster, one per core; an extra row, not the target's) | ${o.cluster.cached.p50} / ${o.cluster.cached.p99} ms (${o.cluster.cached.rps} rps${cpu(o.cluster.cached)}; load ${o.cluster.cached.load}) | bare route reading the body, ${o.cluster.processes} processes: ${o.cluster.barePost.p50} / ${o.cluster.barePost.p99} ms (${o.cluster.barePost.rps} rps${cpu(o.cluster.barePost)}) |`]
      : []),
    ...(o.open ?? []).map((r) => `| cached creatives, open loop, ${r.vitrine.rate}/s over ${r.vitrine.connections} keep-alive connections, ${r.vitrine.seconds} s | ${openRow(r.vitrine)} | ${r.bare ? `bare route at the same rate: ${openRow(r.bare)}` : ''} |`),
    `| one request with 5,000 imps (${Math.round(o.fiveThousandImps.bytes / 1024)} KB) answered in < 50 ms | ${o.fiveThousandImps.status}, median ${o.fiveThousandImps.median.toFixed(1)} ms of ${o.fiveThousandImps.ms.length}${o.fiveThousandImps.bareSameBytes !== undefined ? `; same run: the same bytes to a bare Hono route that reads them ${o.fiveThousandImps.bareSameBytes.toFixed(1)} ms, a refused one-imp request ${o.fiveThousandImps.refusedOneImp!.toFixed(1)} ms` : ''} | ${o.fiveThousandImps.median < 50 ? 'met' : '**not met**'} |`,
    ...o.deadline.map((d) => `| tmax ${d.tmax}: ${d.requests} auctions from a cold server (banner + native + in-scene), units fetched alongside: ${d.unitsFetched} | answers later than tmax − 10 ms: ${d.late}; p50 / p99 / max ${d.p50.toFixed(1)} / ${d.p99.toFixed(1)} / ${d.max.toFixed(1)} ms; ${d.bids} with bids${d.load !== undefined ? `; load average ${d.load}` : ''}${d.eventLoop ? `; event-loop delay p99 / max ${d.eventLoop.p99?.toFixed(1)} / ${d.eventLoop.max?.toFixed(1)} ms, longest GC pause ${d.maxGcMs} ms` : ''}.${lateCauses(d)} | |`),
    '',
    ...(o.cached.serverCpuMs && o.bare.serverCpuMs
      ? [
          `Closed loop, each of the ${o.connections} connections sends again the moment it is answered, so ${o.connections} requests always wait on one server thread and the latency is about ${o.connections} × the server's time per request (Little's law): ${o.connections} × ${o.cached.serverCpuMs} ms ≈ ${Math.round(o.connections * o.cached.serverCpuMs)} ms for Vitrine, ${o.connections} × ${o.bare.serverCpuMs} ms ≈ ${Math.round(o.connections * o.bare.serverCpuMs * 10) / 10} ms for the bare route, on a machine whose 2 cores also run the load generator. p99 < 10 ms at ${o.connections} closed-loop connections needs ≤ ${Math.round((10 / o.connections) * 1000) / 1000} ms of server time per request. The open-loop rows send at a fixed rate, as an exchange does.`,
          '',
        ]
      : []),
  ];
}

const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(v < 10 ? 3 : 1)} ms`);

function decisionRows(r: BenchResults): string[] {
  return [r.decisionDemo, r.decisionLarge].flatMap((d) => [
    `| ${d.which} (${d.products.toLocaleString('en')} products, ${d.campaigns} campaigns) | serving path: signals + store + engine (png, html, OpenRTB) | ${ms(d.full.p50)} | ${ms(d.full.p99)} | ${d.servingRssMb} MB (${d.personalRssMb} MB with the personalized runs, ${d.peakRssMb} MB with the explained ones too) |`,
    `| ${d.which} | explained path (format=json: every promo traced) | ${ms(d.explained.p50)} | ${ms(d.explained.p99)} | |`,
    `| ${d.which} | personalized path: granting TC string, profile read, cart/complement candidates, bandit over learned arms | ${ms(d.personal.p50)} | ${ms(d.personal.p99)} | |`,
    `| ${d.which} | pure engine only | ${ms(d.pure.p50)} | ${ms(d.pure.p99)} | |`,
  ]);
}

function targets(r: BenchResults): string[] {
  const L = r.decisionLarge;
  const cold = r.render.rows.filter((x) => x.size === '300x250').map((x) => x.cold.p50);
  const replay = r.http.png_replay.rps / r.http.bare.rps;
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  return [
    '| target | measured | |',
    '|---|---|---|',
    `| decision over 100k products: p50 < 0.2 ms | ${ms(L.full.p50)} | ${mark(L.full.p50 < 0.2)} |`,
    `| decision over 100k products: p99 < 1 ms | ${ms(L.full.p99)} | ${mark(L.full.p99 < 1)} |`,
    `| cold 300x250 PNG with a product image: p50 < 10 ms | ${cold.map(ms).join(' / ')} (en / ar) | ${mark(Math.max(...cold) < 10)} |`,
    `| cached creative ≥ 70% of bare Hono throughput | ${(replay * 100).toFixed(0)}% (replay URL) | ${mark(replay >= 0.7)} |`,
    `| peak RSS with the 100k store < 300 MB | ${L.servingRssMb} MB serving (${L.personalRssMb} MB after also serving 10,000 profiled shoppers, ${L.peakRssMb} MB after the explained path too) | ${mark(L.servingRssMb < 300)} |`,
  ];
}

function issue4(r: BenchResults): string[] {
  const S = r.simulate;
  const v = S.runs.vitrine;
  const regretRatio = v.regret / S.runs.uniform.regret;
  const tail = v.tailExpectedCtr / S.runs.oracle.tailExpectedCtr;
  const L = r.decisionLarge;
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  return [
    '| target | measured | |',
    '|---|---|---|',
    `| simulator: cumulative regret at ${S.requests.toLocaleString('en')} requests ≤ ⅓ of uniform random's | ${v.regret.toFixed(0)} vs ${S.runs.uniform.regret.toFixed(0)} (${(regretRatio * 100).toFixed(1)}%) | ${mark(regretRatio <= 1 / 3)} |`,
    `| simulator: click-through over the last 20,000 within 10% of the oracle | ${(v.tailExpectedCtr * 100).toFixed(3)}% vs ${(S.runs.oracle.tailExpectedCtr * 100).toFixed(3)}% (${(tail * 100).toFixed(1)}%) | ${mark(tail >= 0.9)} |`,
    `| decision p99 with profiles and the bandit, 100k-product store < 1 ms | ${ms(L.personal.p99)} (p50 ${ms(L.personal.p50)}; ${(L.personalizedShare * 100).toFixed(1)}% personalized) | ${mark(L.personal.p99 < 1)} |`,
  ];
}

function simulatorSection(r: BenchResults): string[] {
  const S = r.simulate;
  const row = (x: SimRun) => `| ${x.name} | ${x.regret.toFixed(1)} | ${((x.regret / S.runs.uniform.regret) * 100).toFixed(1)}% | ${(x.ctr * 100).toFixed(3)}% | ${(x.tailExpectedCtr * 100).toFixed(3)}% (${(x.tailCtr * 100).toFixed(3)}% observed) | ${((x.tailExpectedCtr / S.runs.oracle.tailExpectedCtr) * 100).toFixed(1)}% |`;
  const curve = Object.entries(S.runs.vitrine.regretAt).map(([n, reg]) => `${Number(n) / 1000}k: ${reg.toFixed(0)}`).join(' · ');
  return [
    `\`bench/simulate.ts\`: ${S.requests.toLocaleString('en')} synthetic requests over ${S.contexts} contexts (6 regions × 4 dayparts × 3 devices) and ${S.variants} variants whose true click rates depend on variant × context (with interactions no single feature explains); the policy is told nothing but bucket ids and clicks. Vitrine's choices come from the real \`decide()\` with its learning state updated in batches of 500 events, as event flushes write it. Regret is expected clicks lost against the oracle (best variant per context); every policy sees the same requests and click draws. Settings: ${Object.entries(S.settings).map(([k, x]) => `${k} ${x}`).join(', ')}.`,
    '',
    '| policy | cumulative regret | vs uniform | CTR (all) | CTR, last 20k (expected) | vs oracle, last 20k |',
    '|---|---|---|---|---|---|',
    row(S.runs.vitrine),
    row(S.runs.oracle),
    row(S.runs.uniform),
    row(S.runs.ab),
    '',
    `Vitrine's cumulative regret by request count: ${curve}. With the default ${(S.withHoldout.settings.holdoutShare! * 100).toFixed(0)}% holdout (default variant, to measure lift) the same run has regret ${S.withHoldout.vitrine.regret.toFixed(0)} (${((S.withHoldout.vitrine.regret / S.runs.uniform.regret) * 100).toFixed(1)}% of uniform) and ${((S.withHoldout.vitrine.tailExpectedCtr / S.runs.oracle.tailExpectedCtr) * 100).toFixed(1)}% of the oracle's CTR over the last 20k: the price of measuring. The simulator's \`decide()\` calls took ${S.decideUsPerRequest.toFixed(1)} µs each on average.`,
  ];
}

export interface ContentResults {
  rows: Array<{ size: string; lang: string; layout: Summary; fit: Summary; fields: number }>;
  pricing: { formatOnly: Summary; convertAndFormat: Summary };
  /** Brand kit fonts (WOFF2 Latin + Arabic): parse once, and a 300x250 ar layout pass with the kit measure vs the bundled one. */
  kitFonts?: { load: Summary; layoutBundled: Summary; layoutKit: Summary };
}

export function contentSection(c: ContentResults): string[] {
  const us = (x: number) => `${(x * 1000).toFixed(1)} µs`;
  return [
    '## Fit report and local prices (issue 12)',
    '',
    'The fit report a `format=json` decision carries is a layout pass with the fitter logging; baseline: the same layout pass without it (same run). Pricing: converting an offer to the region currency and formatting both prices, next to formatting one price.',
    '',
    '| size | lang | layout p50 | layout + fit report p50 | fields |',
    '|---|---|---|---|---|',
    ...c.rows.map((x) => `| ${x.size} | ${x.lang} | ${ms(x.layout.p50)} | ${ms(x.fit.p50)} | ${x.fields} |`),
    '',
    `Pricing per product: format only ${us(c.pricing.formatOnly.p50)} p50; convert + format regular and final ${us(c.pricing.convertAndFormat.p50)} p50.`,
    '',
    ...(c.kitFonts
      ? [`Brand kit fonts (WOFF2 Latin + Arabic, fontkit): parsing the kit ${ms(c.kitFonts.load.p50)} p50 (once per font set, then cached); a 300x250 Arabic layout pass measured with the kit ${ms(c.kitFonts.layoutKit.p50)} p50 vs ${ms(c.kitFonts.layoutBundled.p50)} with the bundled fonts (same run).`, '']
      : []),
  ];
}

export function formatReport(r: BenchResults): string {
  const h = r.http;
  const ratio = (l: Load) => `${((l.rps / h.bare.rps) * 100).toFixed(0)}%`;
  const load = (name: string, l: Load, rss: string) => `| ${name} | ${l.rps.toLocaleString('en')} | ${l.p50} ms | ${l.p99} ms | ${ratio(l)} | ${l.non2xx + l.errors} | ${rss} |`;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${r.date.slice(0, 10)} (${r.date}).`,
    '',
    `Machine: ${r.machine}. The machine is shared and noisy: compare the ratios within one run, not figures across runs.`,
    '',
    '## Targets (issue 2)',
    '',
    ...targets(r),
    '',
    '## Targets (issue 5)',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| import a 100,000-row product TSV < 10 s | ${(r.imports.products.ms / 1000).toFixed(1)} s (${r.imports.products.read.toLocaleString('en')} rows; the same file again: ${(r.imports.reimport.ms / 1000).toFixed(1)} s, ${r.imports.reimport.unchanged.toLocaleString('en')} unchanged) | ${r.imports.products.ms < 10_000 ? 'met' : '**not met**'} |`,
    `| import a 1,000,000-row local inventory TSV < 60 s | ${(r.imports.local.ms / 1000).toFixed(1)} s (${r.imports.local.read.toLocaleString('en')} rows) | ${r.imports.local.ms < 60_000 ? 'met' : '**not met**'} |`,
    `| peak RSS while importing < 400 MB (streamed) | ${r.imports.peakRssMb} MB | ${r.imports.peakRssMb < 400 ? 'met' : '**not met**'} |`,
    `| stock updates ≥ 20,000 rows/s in batches | ${r.imports.stock.perSecond.toLocaleString('en')} rows/s (${r.imports.stock.rows.toLocaleString('en')} rows, batches of 1,000) | ${r.imports.stock.perSecond >= 20_000 ? 'met' : '**not met**'} |`,
    '',
    ...(r.load ? loadRows(r.load) : []),
    '## Targets (issue 4)',
    '',
    ...issue4(r),
    '',
    '## Learning simulator',
    '',
    ...simulatorSection(r),
    '',
    '## (a) Decision',
    '',
    `The large store is generated: 100,000 products, 20 campaigns, 200 variants, 1,000 promos, 6 regions, 10,000 first-party profiles and learned arms for every campaign × variant × bucket (seeded in ${(r.decisionLarge.seedMs / 1000).toFixed(1)} s). Campaigns learn (Thompson sampling) unless a campaign says otherwise. Targets: p50 < 0.2 ms, p99 < 1 ms over the large store. Candidates come from the partial (region, category, rank) index, never a scan of all products.`,
    '',
    '| store | path | p50 | p99 | peak RSS |',
    '|---|---|---|---|---|',
    ...decisionRows(r),
    '',
    '## (b) Render (PNG, one decision per size and language)',
    '',
    'Cold = the default engine (takumi, native) on every call, same slots each time (a warm process: every case is rendered five times before any is measured); cached = served from the content-addressed render cache.',
    '',
    '| size | lang | template | bytes | cold p50 | cold p99 | cached p50 | cached p99 | cold / cached |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.render.rows.map((x) => `| ${x.size} | ${x.lang} | ${x.template} (${x.products}) | ${x.bytes.toLocaleString('en')} | ${ms(x.cold.p50)} | ${ms(x.cold.p99)} | ${ms(x.cached.p50)} | ${ms(x.cached.p99)} | ${Math.round(x.cold.p50 / x.cached.p50).toLocaleString('en')}× |`),
    '',
    `Peak RSS of the render process: ${r.render.peakRssMb} MB.`,
    '',
    '## (c) HTTP on loopback',
    '',
    `autocannon, ${h.connections} connections, ${h.duration} s per route, one server process each; the bare Hono route returns the same ${h.pngBytes.toLocaleString('en')}-byte PNG from memory. (Same bytes, not a same-sized filler: on this machine autocannon shares the two cores with the server, and its own cost depends on the body's content; a buffer of one repeated byte runs about 2.5× faster than a real PNG of the same size.)`,
    '',
    '| route | requests/s | p50 | p99 | vs bare Hono | non-2xx + errors | peak RSS |',
    '|---|---|---|---|---|---|---|',
    load('`/v1/creative` png, replay URL (response cache)', h.png_replay, `${h.vitrinePeakRssMb} MB (whole run)`),
    load('`/v1/creative` png, fresh decision + render cache', h.png_cached, ''),
    load('`/v1/creative` html', h.html, ''),
    load('`/v1/creative` json', h.json, ''),
    load('bare Hono, same bytes', h.bare, `${h.barePeakRssMb} MB`),
    '',
    ...(r.worker ? workerSection(r.worker) : []),
    ...(r.content ? contentSection(r.content) : []),
    ...(r.engines ? engineSection(r.engines, r.worker) : []),
    ...(r.hd ? hdSection(r.hd) : []),
    ...(r.hdMalloc ? hdMallocSection(r.hdMalloc) : []),
    ...(r.photoCheck ? photoCheckSection(r.photoCheck) : []),
    ...(r.openrtb ? openRtbRows(r.openrtb) : []),
    ...(r.soak ? soakSection(r.soak) : []),
    ...(r.eventBatch ? eventBatchSection(r.eventBatch) : []),
    ...(r.authoring ? authoringSection(r.authoring) : []),
    ...(r.editorPreview ? editorPreviewSection(r.editorPreview) : []),
    ...(r.review ? reviewSection(r.review) : []),
  ].join('\n');
}

/** One timed operation: name, count, p50, p99. */
const timingRow = (name: string, x: { n: number; p50: number; p99: number }) => `| ${name} | ${x.n} | ${ms(x.p50)} | ${ms(x.p99)} |`;

function authoringSection(a: AuthoringPart): string[] {
  return [
    '',
    '## Campaign authoring (demo store, Node, in-memory SQLite)',
    '',
    '| operation | n | p50 | p99 |',
    '|---|---|---|---|',
    timingRow('edit: validate, hash, new version, audit', a.edit),
    timingRow('edit + submit + approve (publishes the serving projection)', a.submitApprove),
    timingRow('decision, no write in between (baseline)', a.decision),
    timingRow('decision right after an approval (configuration reload)', a.decisionAfterWrite),
  ];
}

function editorPreviewSection(a: EditorPreviewPart): string[] {
  return [
    '',
    `## Studio live preview (POST /studio/editor/preview, ${a.cells} cells: 7 sizes × en/ar, PNG + HTML, ~${a.responseKb} KB JSON)`,
    '',
    '| call | n | p50 | p99 |',
    '|---|---|---|---|',
    timingRow('every cell changed (14 decisions, 28 renders)', a.cold),
    timingRow('one language changed (7 cells from the render cache)', a.oneLanguage),
    timingRow('nothing changed (14 cells from the render cache)', a.warm),
    timingRow('one decision alone (baseline)', a.decision),
  ];
}

export interface PhotoCheckPart {
  rows: Array<{ photo: string; bytes: number; cases: Record<string, { n: number; p50: number; p99: number }> }>;
}

function photoCheckSection(p: PhotoCheckPart): string[] {
  return [
    '',
    '## Photo integrity check (a stored photo is checked whole before takumi decodes it; CPU ms per call, interleaved in one process)',
    '',
    '| photo | check | n | p50 | p99 |',
    '|---|---|---|---|---|',
    ...p.rows.flatMap((r) => Object.entries(r.cases).map(([k, x]) => `| ${r.photo} (${(r.bytes / 1024).toFixed(1)} KB) | ${k} | ${x.n} | ${ms(x.p50)} | ${ms(x.p99)} |`)),
  ];
}
