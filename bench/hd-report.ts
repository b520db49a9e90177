// The 1920x1080 part of BENCHMARKS.md (issue 12): where a cold 1920x1080 render goes, and the
// large-frame PNG encoder next to takumi's own, from bench/hd.ts.
import type { Summary } from './stats.ts';

type Row = { name: string; cpu: Summary; wall: Summary; bytes: number };
export interface HdPart {
  n: number;
  /** Whether a full GC ran (untimed) before each accounting case. */
  collected?: boolean;
  load?: string;
  accounting: Record<'ar' | 'en', Row[]>;
  sizes: Array<{ template: string; size: string; lang: string; rows: Row[] }>;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export function hdSection(h: HdPart): string[] {
  const names = h.accounting.en.map((r) => r.name);
  const find = (lang: 'ar' | 'en', name: string) => h.accounting[lang].find((r) => r.name === name);
  const cell = (r: Row | undefined) => (r ? `${ms(r.cpu.p50)} / ${ms(r.wall.p50)}` : '–');
  return [
    '',
    '## (f2) Cold 1920x1080: where the time goes, and the PNG encoder',
    '',
    `The demo creative (c-winter-style, hero 1920x1080) drawn by takumi with parts of its tree taken out one at a time, each render with a never-seen photo and title; cases interleaved, ${h.n} rounds${h.load ? `, load average ${h.load}` : ''}${h.collected ? ', a full GC before each case (untimed)' : ''}. CPU (all threads of the process) / wall, p50.`,
    '',
    '| case | ar CPU / wall | en CPU / wall | bytes (en) |',
    '|---|---|---|---|',
    ...names.map((n) => `| ${n} | ${cell(find('ar', n))} | ${cell(find('en', n))} | ${find('en', n)?.bytes && find('en', n)!.bytes < 4e6 ? kb(find('en', n)!.bytes) : 'raw'} |`),
    '',
    'Large templates through the engine port: takumi encoding its PNG (the path before) vs raw pixels + Vitrine\'s encoder, same renders interleaved, never-seen photo and title each.',
    '',
    '| template | size | lang | encoder | CPU p50 | wall p50 | PNG |',
    '|---|---|---|---|---|---|---|',
    ...h.sizes.flatMap((s) => s.rows.map((r) => `| ${s.template} | ${s.size} | ${s.lang} | ${r.name} | ${ms(r.cpu.p50)} | ${ms(r.wall.p50)} | ${kb(r.bytes)} |`)),
  ];
}
