// Part (f3): cold 1920x1080 renders with glibc's malloc as `npm start` sets it (GLIBC_TUNABLES: one
// arena for every thread, blocks up to 32 MB carved from it, up to 128 MB of freed memory kept at its
// top) vs glibc's defaults. takumi draws every frame into a canvas it allocates (8.3 MB at 1920x1080) and frees when
// its buffer is collected; with the defaults that memory often goes back to the kernel, and the next
// canvas is pages never touched before: a page fault per 4 KB page (section (f2) measures what that
// costs here). The setting is read when a process starts, so one process cannot time both:
// the parent runs short child processes, alternating the two settings round by round (the same
// machine load hits both), and pools their renders. Each child times the serving path of the
// (f) takumi row (renderDraft: derivative read, takumi, PNG), every render a never-seen photo
// (stocked through the app's ingest, outside the timing) and new text, in two contexts: right after
// an untimed satori + sharp render (as section (f) times it) and back to back. Reported: wall, CPU
// (all threads) and minor page faults (all threads) per render, p50.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { SERVER_TUNABLES } from './server-env.ts';
import { summarize, type Summary } from './stats.ts';

/** The setting compared with glibc's defaults: the server's own. */
export const TRIED_TUNABLES = SERVER_TUNABLES ?? 'glibc.malloc.hugetlb=1';
const ROUNDS = Number(process.env.BENCH_MALLOC_ROUNDS ?? 3);
const PER_CHILD = Number(process.env.BENCH_MALLOC_RENDERS ?? 6);
type Samples = { wall: number[]; cpu: number[]; faults: number[] };
type ChildOut = Record<string, Samples>;

async function child(): Promise<void> {
  const { buildNodeApp } = await import('../src/runtime/node/build.ts');
  const { nodeEngine } = await import('../src/runtime/node/engine.ts');
  const { decideRequest } = await import('../src/services/decide-request.ts');
  const { draftFor, renderDraft } = await import('../src/services/creative.ts');
  const { coldImages, freshCreative, stockFresh } = await import('./cold-photos.ts');
  const now = Date.parse('2026-11-30T16:00:00Z');
  const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
  const deps = v.serve;
  const satori = await nodeEngine('satori', deps.fonts);
  let links = 0;
  const out: ChildOut = {};
  for (const lang of ['ar', 'en'] as const) {
    const draft = draftFor(await decideRequest(deps, { campaign: 'c-winter-style', size: '1920x1080', region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' }));
    const base = (await v.store.getAsset(draft.products[0]!.image!))!.bytes;
    const fresh = () => stockFresh(deps, base, `https://shop.vitrine.example/img/malloc-${++links}.png`);
    const creative = (link: string) => freshCreative(draft, lang, link);
    const photos: string[] = [];
    for (let i = 0; i < PER_CHILD * 2 + 1; i++) photos.push(await fresh());
    await new Promise((r) => setTimeout(r, 250));
    const d = { ...deps, images: coldImages(v.store, deps.log, deps.photoIngest) };
    // One untimed takumi render first: the process's first render pays one-time costs in either setting.
    await renderDraft(d, creative(photos.pop()!), 'png');
    for (let i = 0; i < PER_CHILD; i++) {
      for (const ctx of ['after satori + sharp', 'back to back'] as const) {
        if (ctx === 'after satori + sharp') await renderDraft({ ...deps, engine: satori, images: coldImages(v.store, deps.log) }, creative(photos[0]!), 'png');
        const c = creative(photos.pop()!);
        const f0 = process.resourceUsage().minorPageFault;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await renderDraft(d, c, 'png');
        const wall = performance.now() - t0;
        const cu = process.cpuUsage(c0);
        if (r.cached) throw new Error('bench: expected an uncached render');
        const s = (out[`${lang}|${ctx}`] ??= { wall: [], cpu: [], faults: [] });
        s.wall.push(wall);
        s.cpu.push((cu.user + cu.system) / 1000);
        s.faults.push(process.resourceUsage().minorPageFault - f0);
      }
    }
  }
  await v.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

export interface MallocPart {
  rounds: number;
  perChild: number;
  tunables: string;
  load: string[];
  rows: Array<{ lang: string; context: string; setting: string; wall: Summary; cpu: Summary; faults: Summary }>;
}

function parent(): void {
  const self = fileURLToPath(import.meta.url);
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  const settings: Record<string, NodeJS.ProcessEnv> = { "glibc's defaults": env, [`GLIBC_TUNABLES=${TRIED_TUNABLES}${SERVER_TUNABLES ? ' (as npm start runs)' : ' (experiment)'}`]: { ...env, GLIBC_TUNABLES: TRIED_TUNABLES } };
  const pooled: Record<string, ChildOut> = {};
  const load = [os.loadavg().map((x) => x.toFixed(2)).join(' ')];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which setting goes first, so neither always follows the other.
    const order = Object.keys(settings);
    if (r % 2) order.reverse();
    for (const name of order) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'child'], { encoding: 'utf8', env: settings[name], stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
      const got = JSON.parse(out.trim().split('\n').pop()!) as ChildOut;
      const into = (pooled[name] ??= {});
      for (const [k, s] of Object.entries(got)) {
        const t = (into[k] ??= { wall: [], cpu: [], faults: [] });
        t.wall.push(...s.wall);
        t.cpu.push(...s.cpu);
        t.faults.push(...s.faults);
      }
    }
  }
  load.push(os.loadavg().map((x) => x.toFixed(2)).join(' '));
  const rows: MallocPart['rows'] = [];
  for (const [setting, byKey] of Object.entries(pooled)) {
    for (const [k, s] of Object.entries(byKey)) {
      const [lang, context] = k.split('|') as [string, string];
      rows.push({ lang, context, setting, wall: summarize(s.wall), cpu: summarize(s.cpu), faults: summarize(s.faults) });
    }
  }
  rows.sort((a, b) => a.lang.localeCompare(b.lang) || a.context.localeCompare(b.context) || a.setting.localeCompare(b.setting));
  const part: MallocPart = { rounds: ROUNDS, perChild: PER_CHILD, tunables: TRIED_TUNABLES, load, rows };
  process.stdout.write(`${JSON.stringify(part)}\n`);
}

if (process.argv[2] === 'child') await child();
else if (import.meta.url === `file://${process.argv[1]}`) parent();
