// Layout rules over the whole template registry: every template × every size it serves
// (templates/index.ts) × en/ar, checked with the fit report (what the fitter did) and with pixels
// (what the default engine drew). One table, one harness: a new template or size is covered by
// registering it.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import type { FitEntry } from '../src/render/fit.ts';
import { fitReport, templateTree } from '../src/render/tree.ts';
import type { Slots, VChild, VNode } from '../src/render/types.ts';
import { TEMPLATE_SIZES, templates } from '../templates/index.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';
import { emptyBands } from './helpers/space.ts';

const LANGS: Lang[] = ['en', 'ar'];
const CTV_QR: ReadonlySet<TemplateId> = new Set(['overlay', 'pause', 'inscene', 'lshape']);
// Designed to leave most of the canvas to the programme (transparent): the space rule does not apply.
const PROGRAMME_SHOWS_THROUGH: ReadonlySet<TemplateId> = new Set(['overlay', 'pause', 'lshape']);
const sizeOf = (key: string) => {
  const [w, h] = key.split('x').map(Number);
  return { w: w!, h: h! };
};

interface Case {
  t: TemplateId;
  size: string;
  lang: Lang;
}
const CASES: Case[] = (Object.keys(TEMPLATE_SIZES) as TemplateId[]).flatMap((t) => TEMPLATE_SIZES[t].flatMap((size) => LANGS.map((lang) => ({ t, size, lang }))));

let deps: Awaited<ReturnType<typeof renderDeps>>;
let image: string;
/** A long promo with a long code (hyphens, digits) in either language: what the code-chip path must keep whole. */
const LONG_PROMO = (lang: Lang): Partial<Slots> => ({
  promo: lang === 'ar' ? 'خصم 25% على كل شيء لأعضاء النادي هذا الأسبوع بالكود BLACKFRIDAY-2026-VIP' : 'Members get 25% off everything this weekend with code BLACKFRIDAY-2026-VIP',
  promoCode: 'BLACKFRIDAY-2026-VIP',
});
const slotsFor = (c: Case, over: Partial<Slots> = {}): Slots => sampleSlots(c.t, sizeOf(c.size), c.lang, image, { ...(CTV_QR.has(c.t) ? { qr: 'https://vitrine.example/q/layout-rules' } : {}), ...over });
const fitOf = (c: Case, over: Partial<Slots> = {}): FitEntry[] => fitReport(slotsFor(c, over), { templates, measure: deps.fonts.measure });
const PROMOS: Array<{ name: string; over: (lang: Lang) => Partial<Slots> }> = [
  { name: 'RIY20', over: () => ({}) },
  { name: 'a long code', over: LONG_PROMO },
];

beforeAll(async () => {
  deps = await renderDeps();
  image = await photo('#b91c1c');
}, 60_000);

async function rgb(png: Uint8Array) {
  const { data, info } = await sharp(Buffer.from(png)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  return { data, w: info.width, h: info.height };
}

function kids(n: VNode): VChild[] {
  const c = n.props.children;
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

/** The tree with the text of every node in `role` drawn transparent (backgrounds and borders stay). */
function hideText(n: VChild, role: string): VChild {
  if (!n || typeof n !== 'object') return n;
  const mine = n.props['data-role'] === role;
  return { ...n, props: { ...n.props, ...(mine ? { style: { ...n.props.style, color: 'rgba(0,0,0,0)' } } : {}), children: kids(n).map((c) => hideText(c, role)) } };
}

/** The lines of text under the first node of `role`, with the size and weight they are drawn at. */
function linesOf(n: VChild, role: string, inRole = false, size = 0, weight = 400): Array<{ text: string; size: number; weight: 400 | 700 }> {
  if (n === null || n === undefined || n === false) return [];
  if (typeof n === 'string' || typeof n === 'number') return inRole ? [{ text: String(n), size, weight: weight as 400 | 700 }] : [];
  const style = n.props.style ?? {};
  const here = inRole || n.props['data-role'] === role;
  const s = typeof style.fontSize === 'number' ? style.fontSize : size;
  const w = typeof style.fontWeight === 'number' ? style.fontWeight : weight;
  return kids(n).flatMap((c) => linesOf(c, role, here, s, w));
}

/** Bounding box of the pixels that change when `role`'s text is hidden: where that text is drawn. */
async function inkOf(slots: Slots, role: string): Promise<{ x0: number; x1: number; y0: number; y1: number; w: number; h: number } | null> {
  const tree = templateTree(slots, { templates, measure: deps.fonts.measure });
  const a = await rgb(await deps.engine.raster(tree, slots.size, 'png'));
  const b = await rgb(await deps.engine.raster(hideText(tree, role) as VNode, slots.size, 'png'));
  let box: { x0: number; x1: number; y0: number; y1: number } | null = null;
  for (let y = 0; y < a.h; y++)
    for (let x = 0; x < a.w; x++) {
      const i = (y * a.w + x) * 3;
      if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) < 90) continue;
      box = box ? { x0: Math.min(box.x0, x), x1: Math.max(box.x1, x), y0: Math.min(box.y0, y), y1: Math.max(box.y1, y) } : { x0: x, x1: x, y0: y, y1: y };
    }
  return box ? { ...box, w: a.w, h: a.h } : null;
}

describe('layout rules over every template × size × language', () => {
  it('covers every registered template', () => {
    expect(Object.keys(TEMPLATE_SIZES).sort()).toEqual(Object.keys(templates).sort());
    expect(CASES.length).toBeGreaterThan(60);
  });

  it.each(PROMOS)('the promo code ($name) is whole wherever the promo shows, per the fit report', ({ over }) => {
    const failures: string[] = [];
    let shown = 0;
    for (const c of CASES) {
      const slots = slotsFor(c, over(c.lang));
      const fit = fitOf(c, over(c.lang));
      const promo = fit.filter((f) => f.field === 'promo');
      const codes = fit.filter((f) => f.field === 'promo_code');
      for (const f of codes) if (f.truncated || f.shown !== slots.promoCode) failures.push(`${c.t} ${c.size} ${c.lang}: code shown as "${f.shown}"`);
      for (const p of promo) {
        if (p.shown && p.truncated) failures.push(`${c.t} ${c.size} ${c.lang}: promo line shortened to "${p.shown}" (its code with it)`);
        if (p.truncated && !p.shown && codes.length === 0) failures.push(`${c.t} ${c.size} ${c.lang}: promo dropped without its code`);
        if (p.shown && !p.truncated && !p.shown.includes(slots.promoCode!)) failures.push(`${c.t} ${c.size} ${c.lang}: promo line without its code`);
      }
      shown += codes.length;
    }
    expect(failures).toEqual([]);
    expect(shown).toBeGreaterThan(40);
  });

  it.each(PROMOS)('the promo code ($name) is whole wherever the promo shows, in pixels: drawn inside the canvas at its full width', async ({ over }) => {
    const failures: string[] = [];
    let checked = 0;
    for (const c of CASES) {
      const slots = slotsFor(c, over(c.lang));
      const tree = templateTree(slots, { templates, measure: deps.fonts.measure });
      for (const role of ['promo-code', 'promo']) {
        const lines = linesOf(tree, role);
        // A promo line counts when it carries the code (a line without one may be shortened).
        if (lines.length === 0 || (role === 'promo' && !lines.map((l) => l.text).join(' ').includes(slots.promoCode!))) continue;
        const box = await inkOf(slots, role);
        const want = Math.max(...lines.map((l) => deps.fonts.measure(l.text, l.size, l.weight)));
        const at = `${c.t} ${c.size} ${c.lang} ${role}`;
        checked++;
        if (!box) {
          failures.push(`${at}: not drawn`);
          continue;
        }
        if (box.x0 < 1 || box.y0 < 1 || box.x1 > box.w - 2 || box.y1 > box.h - 2) failures.push(`${at}: ink touches the canvas edge (${JSON.stringify(box)})`);
        // Unshaped advances measure Arabic a little wide; a cut line loses far more than a quarter.
        if (box.x1 - box.x0 + 1 < want * 0.75) failures.push(`${at}: ${box.x1 - box.x0 + 1} px of ink for a ${Math.round(want)} px line`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  }, 600_000);

  it('a headline of very long words (a German compound, an Arabic word run) wraps or shortens inside its canvas, in pixels', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const c of CASES) {
      const headline = c.lang === 'ar' ? 'وبمستحضراتالتجميلالطبيعيةالفاخرة للبشرة' : 'Donaudampfschifffahrtsgesellschaftskapitänsmütze Deluxe';
      const slots = slotsFor(c, { headline });
      const tree = templateTree(slots, { templates, measure: deps.fonts.measure });
      if (linesOf(tree, 'headline').length === 0) continue;
      const box = await inkOf(slots, 'headline');
      checked++;
      const at = `${c.t} ${c.size} ${c.lang}`;
      if (!box) failures.push(`${at}: headline not drawn`);
      else if (box.x0 < 1 || box.y0 < 1 || box.x1 > box.w - 2 || box.y1 > box.h - 2) failures.push(`${at}: headline ink touches the canvas edge (${JSON.stringify(box)})`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 600_000);

  it('the CTA is never shortened, and an Arabic CTA gets the room its English twin gets', () => {
    const failures: string[] = [];
    for (const c of CASES.filter((x) => x.lang === 'en')) {
      const cta = (lang: Lang) => fitOf({ ...c, lang }).find((f) => f.field === 'cta');
      const [en, ar] = [cta('en'), cta('ar')];
      if (!en && !ar) continue;
      for (const f of [en, ar]) if (!f || f.truncated || f.shown.toLowerCase() !== f.original.toLowerCase()) failures.push(`${c.t} ${c.size}: CTA ${JSON.stringify(f)}`);
      if (en && ar && ar.fontSize < en.fontSize * 0.9) failures.push(`${c.t} ${c.size}: Arabic CTA at ${ar.fontSize}px, English at ${en.fontSize}px`);
    }
    expect(failures).toEqual([]);
  });

  it('the title is not shortened at 1920x1080 when a smaller size of the same template shows it whole', () => {
    const failures: string[] = [];
    for (const t of Object.keys(TEMPLATE_SIZES) as TemplateId[]) {
      const sizes = TEMPLATE_SIZES[t];
      if (!sizes.includes('1920x1080')) continue;
      for (const lang of LANGS) {
        const big = fitOf({ t, size: '1920x1080', lang });
        for (const field of ['headline', 'title', 'product-title']) {
          const wholeElsewhere = sizes.filter((s) => s !== '1920x1080' && sizeOf(s).w * sizeOf(s).h < 1920 * 1080).filter((s) => fitOf({ t, size: s, lang }).some((f) => f.field === field && !f.truncated && f.shown));
          if (wholeElsewhere.length === 0) continue;
          for (const f of big.filter((x) => x.field === field)) if (f.truncated) failures.push(`${t} 1920x1080 ${lang} ${field}: "${f.shown}", whole at ${wholeElsewhere.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('at 1920x1080 the copy is set at full-screen size: the title at 5.5% of the height or more (not the lower third or the L-shape column, narrow by design)', () => {
    const failures: string[] = [];
    for (const c of CASES.filter((x) => x.size === '1920x1080' && x.t !== 'overlay' && x.t !== 'lshape')) {
      const title = Math.max(0, ...fitOf(c).filter((f) => (f.field === 'headline' || f.field === 'product-title') && f.shown).map((f) => f.fontSize));
      if (title < 1080 * 0.055) failures.push(`${c.t} ${c.lang}: title at ${title.toFixed(1)} px`);
    }
    expect(failures).toEqual([]);
  });

  it('every canvas is used: no empty band over a quarter of either axis (160x600 uses its height), ink in most cells; photos and icons fill theirs', async () => {
    const failures: string[] = [];
    for (const c of CASES.filter((x) => !PROGRAMME_SHOWS_THROUGH.has(x.t))) {
      const slots = slotsFor(c);
      const { data, w, h } = await rgb(await deps.engine.raster(templateTree(slots, { templates, measure: deps.fonts.measure }), slots.size, 'png'));
      const at = `${c.t} ${c.size} ${c.lang}`;
      if (c.t === 'photo' || c.t === 'logo') {
        // The photo fills its canvas edge to edge; the icon is the brand colour with the initials on it.
        let filled = 0;
        for (let i = 0; i < data.length; i += 3) if (data[i]! + data[i + 1]! + data[i + 2]! < 740) filled++;
        if (filled / (w * h) < 0.85) failures.push(`${at}: ${((filled / (w * h)) * 100).toFixed(0)}% of the canvas drawn`);
        continue;
      }
      const band = emptyBands(data, w, h);
      if (band.rows / h >= 0.25) failures.push(`${at}: ${band.rows} empty rows of ${h}`);
      if (band.cols / w >= 0.25) failures.push(`${at}: ${band.cols} empty columns of ${w}`);
      if (w >= 160 && h >= 160 && band.cells <= 0.4) failures.push(`${at}: ink in ${(band.cells * 100).toFixed(0)}% of cells`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
