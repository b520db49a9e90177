// Part (b): rendering each size uncached (the default engine) and from the render cache; truly cold renders are part (f), bench/engines.ts.
// Cold means not cached, not a cold process: every case is warmed up before any is measured.
import { SIZE_KEYS, parseSize } from '../src/domain/sizes.ts';
import { renderImage } from '../src/render/image.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import type { SlotsDraft } from '../src/render/slots.ts';
import type { Slots } from '../src/render/types.ts';
import { draftFor, renderDraft } from '../src/services/creative.ts';
import { photoSideFor } from '../src/services/images.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { peakRssMb, summarize, timeAsync } from './stats.ts';

const N = Number(process.env.BENCH_RENDERS ?? 40);
const now = Date.now();
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
const deps = v.serve;
const { fonts, engine, images } = deps;
const snap = await deps.configCache.get();
const campaign = snap.bundles[0]!.campaign.id;
const rows: Array<Record<string, unknown>> = [];
const cases: Array<{ size: string; lang: 'en' | 'ar'; draft: SlotsDraft; slots: Slots }> = [];
for (const size of SIZE_KEYS) {
  for (const lang of ['en', 'ar'] as const) {
    const rd = await decideRequest(deps, { campaign, size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '5', format: 'png' });
    const draft = draftFor(rd);
    const slots = { ...draft, products: await Promise.all(draft.products.map(async (p) => ({ ...p, image: p.image ? await images.load(p.image, photoSideFor(draft.size)) : null }))) };
    cases.push({ size, lang, draft, slots });
  }
}
const render = (slots: Slots) => renderImage(slots, 'png', { fonts, templates: deps.templates, engine });
// Steady state, as a server that has rendered before: warm every case up first, so the first
// size measured does not also pay for the JIT and the font and shaping caches.
for (let round = 0; round < 5; round++) for (const c of cases) await render(c.slots);
for (const { size, lang, draft, slots } of cases) {
  const cold = await timeAsync(N, () => render(slots));
  await renderDraft(deps, draft, 'png');
  const cached = await timeAsync(N * 50, () => renderDraft(deps, draft, 'png'));
  const bytes = (await renderDraft(deps, draft, 'png')).bytes.length;
  rows.push({ size, lang, template: draft.template, products: draft.products.length, bytes, cold: summarize(cold), cached: summarize(cached), w: parseSize(size)!.w });
}
process.stdout.write(JSON.stringify({ rows, peakRssMb: peakRssMb() }) + '\n');
await v.close();
