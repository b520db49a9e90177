// Part: what issue 12's content work adds per request — the fit report a `format=json` decision
// now carries (a layout pass with the fitter logging) next to the same layout pass without it,
// pricing in the region's currency (conversion + formatting) next to formatting alone, and brand
// kit fonts (parse once; layout measured with the kit's advances next to the bundled fonts).
import { SIZE_KEYS } from '../src/domain/sizes.ts';
import { formatMoney, localOffer, numberStyle } from '../src/domain/money.ts';
import { fitReport, templateTree } from '../src/render/tree.ts';
import type { Slots } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor } from '../src/services/creative.ts';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadKit } from '../src/services/kit-fonts.ts';
import { summarize, timeAsync } from './stats.ts';

const N = Number(process.env.BENCH_CONTENT ?? 200);
const now = Date.now();
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
const deps = v.serve;
const snap = await deps.configCache.get();
const campaign = snap.bundles[0]!.campaign.id;
const rows: Array<Record<string, unknown>> = [];
for (const size of SIZE_KEYS) {
  for (const lang of ['en', 'ar'] as const) {
    const rd = await decideRequest(deps, { campaign, size, region: 'SA-01', lang, seed: '5', format: 'json' });
    const slots = draftFor(rd) as unknown as Slots;
    const plain = () => Promise.resolve(templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure }));
    const withFit = () => Promise.resolve(fitReport(slots, { templates: deps.templates, measure: deps.fonts.measure }));
    for (let i = 0; i < 20; i++) await Promise.all([plain(), withFit()]);
    rows.push({ size, lang, layout: summarize(await timeAsync(N, plain)), fit: summarize(await timeAsync(N, withFit)), fields: fitReport(slots, { templates: deps.templates, measure: deps.fonts.measure }).length });
  }
}
// Pricing: one chosen product's offer, USD feed → SAR through the demo rate table.
const region = snap.regionByCode.get('SA-01')!;
const offer = { currency: 'USD', regular: 254.99, final: 203.99, source: 'promo' as const, promo: null };
const st = numberStyle(region, 'ar');
const M = N * 50;
const fmtOnly = summarize(await timeAsync(M, async () => formatMoney(offer.final, offer.currency, st)));
const convertAndFormat = summarize(await timeAsync(M, async () => {
  const l = localOffer(offer, 'p1', region, snap.rateTable).offer;
  return formatMoney(l.final, l.currency, st) + formatMoney(l.regular, l.currency, st);
}));
// Brand kit fonts (WOFF2 Latin + Arabic): parsing the kit once (fontkit), and a 300x250 layout
// pass measured with the kit's advances next to the same pass with the bundled fonts (same run).
const fontFile = async (f: string) => {
  const b = await readFile(createRequire(import.meta.url).resolve(f));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const kitFiles = new Map([['latin', await fontFile('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2')], ['arabic', await fontFile('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2')]]);
const source = { fontBytes: async (id: string) => kitFiles.get(id) ?? null };
const kitRd = await decideRequest(deps, { campaign, size: '300x250', region: 'SA-01', lang: 'ar', seed: '5', format: 'json' });
const kitSlots = { ...(draftFor(kitRd) as unknown as Slots) };
kitSlots.brand = { ...kitSlots.brand, fonts: { latin: 'latin', arabic: 'arabic' } };
const kitLoad = summarize(await timeAsync(20, () => loadKit(kitSlots.brand, source, true)));
const kit = await loadKit(kitSlots.brand, source, true);
const kitMeasureAr = kit.measure('ar', deps.fonts.measure);
for (let i = 0; i < 20; i++) templateTree(kitSlots, { templates: deps.templates, measure: kitMeasureAr });
const kitFonts = {
  load: kitLoad,
  layoutBundled: summarize(await timeAsync(N, async () => templateTree(kitSlots, { templates: deps.templates, measure: deps.fonts.measure }))),
  layoutKit: summarize(await timeAsync(N, async () => templateTree(kitSlots, { templates: deps.templates, measure: kitMeasureAr }))),
};
process.stdout.write(JSON.stringify({ rows, pricing: { formatOnly: fmtOnly, convertAndFormat }, kitFonts }) + '\n');
await v.close();
