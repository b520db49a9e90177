// Part: what the photo integrity check (src/render/image-integrity.ts) costs on the cold photo
// path, next to the header check alone and to a cold takumi render of a 300x250 creative with the
// same photo, interleaved in one process: CPU time per call (process.cpuUsage), medians. Node's
// zlib inflate (what the server injects) and the web-standard DecompressionStream (the default,
// what Workers use; on Node it is several times slower) are both shown.
import sharp from 'sharp';
import { integrityProblem, streamZlibLength } from '../src/render/image-integrity.ts';
import { nodeZlibLength } from '../src/runtime/node/rasterizer.ts';
import { headerProblem } from '../src/services/images.ts';
import { renderDeps, sampleSlots } from '../test/helpers/render.ts';
import { templateTree } from '../src/render/tree.ts';
import { summarize } from './stats.ts';

const N = Number(process.env.BENCH_PHOTO_CHECK ?? 200);
const deps = await renderDeps();
const svg = (hue: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="hsl(${hue},20%,95%)"/><circle cx="200" cy="200" r="120" fill="hsl(${hue},70%,45%)"/></svg>`;
const photos = {
  'demo-like 400×400 PNG': new Uint8Array(await sharp(Buffer.from(svg(10))).png().toBuffer()),
  '768×768 JPEG (q85)': new Uint8Array(await sharp(Buffer.from(svg(200))).resize(768, 768).jpeg({ quality: 85 }).toBuffer()),
};

/** CPU ms of one call. */
async function cpu(fn: () => Promise<unknown>): Promise<number> {
  const t = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const rows: Array<Record<string, unknown>> = [];
for (const [name, bytes] of Object.entries(photos)) {
  const slots = sampleSlots('hero', { w: 300, h: 250 }, 'en', 'vitrine-picture:0');
  const tree = templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure });
  const cases: Record<string, () => Promise<unknown>> = {
    header: async () => headerProblem(bytes),
    'integrity (node zlib)': () => integrityProblem(bytes, nodeZlibLength),
    'integrity (DecompressionStream)': () => integrityProblem(bytes, streamZlibLength),
    'takumi 300x250 render with this photo': () => deps.engine.raster(tree, slots.size, 'png', undefined, new Map([['vitrine-picture:0', bytes]])),
  };
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < 10; i++) for (const fn of Object.values(cases)) await fn();
  // Interleaved: each round runs every case once, so load changes hit them alike.
  for (let i = 0; i < N; i++) for (const [k, fn] of Object.entries(cases)) (samples[k] ??= []).push(await cpu(fn));
  rows.push({ photo: name, bytes: bytes.length, cases: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) });
}
process.stdout.write(`${JSON.stringify({ rows })}\n`);
