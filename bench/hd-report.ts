// The 1920x1080 part of BENCHMARKS.md (issue 12): where a cold 1920x1080 render goes, and the
// large-frame PNG encoder next to takumi's own, from bench/hd.ts.
import type { MallocPart } from './hd-malloc.ts';
import type { Summary } from './stats.ts';

type Row = { name: string; cpu: Summary; wall: Summary; bytes: number; faults?: Summary };
export interface HdPart {
  n: number;
  /** Whether a full GC ran (untimed) before each accounting case. */
  collected?: boolean;
  load?: string;
  accounting: Record<'ar' | 'en', Row[]>;
  sizes: Array<{ template: string; size: string; lang: string; rows: Row[] }>;
  /** An 8.3 MB frame written into new memory vs into memory written before (page faults), same run. */
  memory?: Row[];
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
/** Page faults p50 (every thread of the process), or a dash for a run before they were counted. */
const pf = (r: Row | undefined) => (r?.faults ? `${Math.round(r.faults.p50)}` : '–');

export function hdSection(h: HdPart): string[] {
  const names = h.accounting.en.map((r) => r.name);
  const find = (lang: 'ar' | 'en', name: string) => h.accounting[lang].find((r) => r.name === name);
  const cell = (r: Row | undefined) => (r ? `${ms(r.cpu.p50)} / ${ms(r.wall.p50)} / ${pf(r)}` : '–');
  return [
    '',
    '## (f2) Cold 1920x1080: where the time goes, and the PNG encoder',
    '',
    `The demo creative (c-winter-style, hero 1920x1080) drawn by takumi with parts of its tree taken out one at a time, each render with a never-seen photo and title; cases interleaved, ${h.n} rounds${h.load ? `, load average ${h.load}` : ''}${h.collected ? ', a full GC before each case (untimed)' : ''}. CPU (all threads of the process) / wall / page faults (all threads), p50.`,
    '',
    '| case | ar CPU / wall / faults | en CPU / wall / faults | bytes (en) |',
    '|---|---|---|---|',
    ...names.map((n) => `| ${n} | ${cell(find('ar', n))} | ${cell(find('en', n))} | ${find('en', n)?.bytes && find('en', n)!.bytes < 4e6 ? kb(find('en', n)!.bytes) : 'raw'} |`),
    '',
    'Large templates through the engine port: takumi encoding its PNG (the path before) vs raw pixels + Vitrine\'s encoder, same renders interleaved, never-seen photo and title each.',
    '',
    '| template | size | lang | encoder | CPU p50 | wall p50 | page faults p50 | PNG |',
    '|---|---|---|---|---|---|---|---|',
    ...h.sizes.flatMap((s) => s.rows.map((r) => `| ${s.template} | ${s.size} | ${s.lang} | ${r.name} | ${ms(r.cpu.p50)} | ${ms(r.wall.p50)} | ${pf(r)} | ${kb(r.bytes)} |`)),
    ...(h.memory?.length
      ? [
          '',
          'What new memory costs on this machine (takumi draws each frame into a canvas it allocates and hands over as the raw frame: a page fault per 4 KB page touched first), same run, interleaved:',
          '',
          '| case | CPU p50 | wall p50 | page faults p50 |',
          '|---|---|---|---|',
          ...h.memory.map((r) => `| ${r.name} | ${ms(r.cpu.p50)} | ${ms(r.wall.p50)} | ${pf(r)} |`),
        ]
      : []),
  ];
}

export function hdMallocSection(m: MallocPart): string[] {
  return [
    '',
    '## (f3) Cold 1920x1080: glibc malloc as `npm start` sets it vs its defaults',
    '',
    `The (f) takumi row's serving path (renderDraft: derivative read, takumi, PNG), never-seen photo and text each render, in child processes alternating glibc's defaults and \`GLIBC_TUNABLES=${m.tunables}\` (what \`npm start\` sets, and every other part of this bench runs with) round by round (${m.rounds} rounds of ${m.perChild} renders per context and language each; glibc reads the setting when a process starts, so one process cannot time both). takumi draws each frame into a canvas it allocates (8.3 MB at 1920x1080) and frees when its buffer is collected: with glibc's defaults that memory comes from a per-thread arena heap or its own mapping and often goes back to the kernel, so the next canvas is pages never touched before, a page fault per 4 KB page (what that costs: the last table of (f2)); with the setting, one arena serves every thread, blocks up to 32 MB come from it and up to 128 MB freed at its top is kept for the next frame. Load average ${m.load.join(' → ')}. p50 per render; CPU and page faults of all threads.`,
    '',
    '| lang | context | setting | wall p50 | CPU p50 | page faults p50 |',
    '|---|---|---|---|---|---|',
    ...m.rows.map((r) => `| ${r.lang} | ${r.context} | ${r.setting} | ${ms(r.wall.p50)} | ${ms(r.cpu.p50)} | ${Math.round(r.faults.p50)} |`),
  ];
}
