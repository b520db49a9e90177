// Templates × sizes × languages through the real renderer (satori + sharp), plus copy fitting.
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIZE_KEYS, parseSize } from '../src/domain/sizes.ts';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { fitText } from '../src/render/fit.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderImage } from '../src/render/image.ts';
import { templateTree } from '../src/render/tree.ts';
import type { VNode } from '../src/render/types.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

let deps: Awaited<ReturnType<typeof renderDeps>>;
let image: string;
beforeAll(async () => {
  deps = await renderDeps();
  image = await photo();
});

const TEMPLATES: TemplateId[] = ['hero', 'promo', 'carousel'];
const LANGS: Lang[] = ['en', 'ar'];

/** Every fitted text block in a tree with the width it was fitted to. */
function fittedBlocks(node: VNode, out: Array<{ maxWidth: number; size: number; weight: 400 | 700; lines: string[] }> = []) {
  const kids = Array.isArray(node.props.children) ? node.props.children : [node.props.children];
  const style = node.props.style ?? {};
  if (typeof style.maxWidth === 'number' && kids.every((k) => typeof k === 'object' && k !== null)) {
    const lines = kids.map((k) => String((k as VNode).props.children ?? ''));
    out.push({ maxWidth: style.maxWidth, size: Number(style.fontSize), weight: style.fontWeight === 700 ? 700 : 400, lines });
  }
  for (const k of kids) if (k && typeof k === 'object') fittedBlocks(k as VNode, out);
  return out;
}

describe('templates render every size in English and Arabic', () => {
  for (const t of TEMPLATES)
    for (const lang of LANGS)
      it(`${t} / ${lang}: PNG at exactly each size, not blank, every line within its box`, async () => {
        for (const key of SIZE_KEYS) {
          const size = parseSize(key)!;
          const slots = sampleSlots(t, size, lang, image);
          const png = await renderImage(slots, 'png', deps);
          expect(png.contentType).toBe('image/png');
          const meta = await sharp(png.bytes).metadata();
          expect([meta.width, meta.height], `${t} ${key} ${lang}`).toEqual([size.w, size.h]);
          const stats = await sharp(png.bytes).stats();
          expect(stats.channels[0]!.stdev, `${t} ${key} ${lang} is blank`).toBeGreaterThan(10);
          const blocks = fittedBlocks(templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure }));
          expect(blocks.length, `${t} ${key} ${lang}: fitted text blocks`).toBeGreaterThanOrEqual(1);
          for (const b of blocks)
            for (const line of b.lines) expect(deps.fonts.measure(line, b.size, b.weight), `${t} ${key} ${lang}: "${line}"`).toBeLessThanOrEqual(b.maxWidth);
        }
      });
});

describe('image formats', () => {
  it('SVG is self-contained (text as paths, no external references) and WebP has the exact size', async () => {
    const slots = sampleSlots('hero', { w: 300, h: 250 }, 'ar', image);
    const svg = new TextDecoder().decode((await renderImage(slots, 'svg', deps)).bytes);
    expect(svg).toMatch(/^<svg [^>]*\bwidth="300" height="250"/);
    expect(svg).not.toMatch(/<text|href="http/);
    const webp = await renderImage(slots, 'webp', deps);
    expect(webp.contentType).toBe('image/webp');
    const meta = await sharp(webp.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 300, 250]);
  });

  it('Arabic mirrors the layout: the product photo sits on the right, in English on the left', async () => {
    const size = { w: 970, h: 250 };
    const blueAt = async (lang: Lang, x: number) => {
      const png = await renderImage(sampleSlots('hero', size, lang, image), 'png', deps);
      const { data, info } = await sharp(png.bytes).raw().toBuffer({ resolveWithObject: true });
      const i = (125 * info.width + x) * info.channels;
      return data[i]! < 80 && data[i + 2]! > 200; // #2563eb
    };
    expect(await blueAt('en', 120)).toBe(true);
    expect(await blueAt('en', 850)).toBe(false);
    expect(await blueAt('ar', 850)).toBe(true);
    expect(await blueAt('ar', 120)).toBe(false);
  });

  it('a product without a photo still renders (placeholder tile), as does a fallback with no product', async () => {
    const noPhoto = await renderImage(sampleSlots('promo', { w: 300, h: 250 }, 'en', null), 'png', deps);
    expect((await sharp(noPhoto.bytes).metadata()).width).toBe(300);
    const fb = await renderImage(sampleSlots('hero', { w: 728, h: 90 }, 'en', null, { products: [], fallback: true, promo: null }), 'png', deps);
    expect((await sharp(fb.bytes).metadata()).height).toBe(90);
  });
});

describe('HTML unit', () => {
  it('is self-contained, escapes catalog strings, carries the buy link and the language direction', () => {
    const hostile = 'Evil <script>alert(1)</script> "Runner" & \'Co\'';
    const slots = sampleSlots('hero', { w: 300, h: 250 }, 'en', image, { headline: hostile });
    const html = renderHtml(slots, { templates: deps.templates, measure: deps.fonts.measure, clickHref: 'https://ads.example/c/tok?a=1&b=2' });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/<a class="v-cta" style="[^"]*" href="https:\/\/ads\.example\/c\/tok\?a=1&amp;b=2" target="_blank" rel="noopener">Shop now<\/a>/);
    expect(html).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
    expect(html).not.toMatch(/(src|href)="http(?!s:\/\/ads\.example)/);
    const ar = renderHtml(sampleSlots('promo', { w: 320, h: 50 }, 'ar', image), { templates: deps.templates, measure: deps.fonts.measure, clickHref: '#' });
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('تسوق الآن');
  });

  it('drops images that are not inlined data URIs', () => {
    const slots = sampleSlots('hero', { w: 300, h: 250 }, 'en', 'https://tracker.example/pixel.png');
    const html = renderHtml(slots, { templates: deps.templates, measure: deps.fonts.measure, clickHref: '#' });
    expect(html).not.toContain('tracker.example');
  });
});

describe('fitText', () => {
  const measure = (t: string, size: number) => [...t].length * size * 0.5;
  it('shrinks before it shortens', () => {
    const f = fitText('Trail runner shoes', { maxWidth: 100, maxLines: 1, fontSize: 20, minFontSize: 8, weight: 400 }, measure);
    expect(f.shortened).toBe(false);
    expect(f.lines).toEqual(['Trail runner shoes']);
    expect(f.fontSize).toBeLessThan(20);
  });
  it('shortens at a word boundary with an ellipsis at the smallest size', () => {
    const f = fitText('Lightweight trail runner with a sole built for long distances', { maxWidth: 120, maxLines: 2, fontSize: 12, minFontSize: 12, weight: 400 }, measure);
    expect(f.shortened).toBe(true);
    expect(f.lines).toHaveLength(2);
    expect(f.lines[1]).toMatch(/^[\w ]+…$/);
    expect(f.lines[1]).not.toMatch(/ …$/);
  });
  it('never exceeds the box and never splits a grapheme (property)', () => {
    const word = fc.constantFrom('Runner', 'حذاء', 'é', 'e\u0301', '👟', '🇸🇦', 'مريح', 'XXXXXXXXXXXXXXXXXXXXXXXX', '1,299.00');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 4 }), (words, maxWidth, maxLines) => {
        const text = words.join(' ');
        const f = fitText(text, { maxWidth, maxLines, fontSize: 16, minFontSize: 10, weight: 400 }, deps.fonts.measure);
        expect(f.lines.length).toBeLessThanOrEqual(maxLines);
        for (const l of f.lines) expect(deps.fonts.measure(l, f.fontSize, 400)).toBeLessThanOrEqual(maxWidth);
        const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
        const graphemes = new Set(Array.from(seg.segment(text), (s) => s.segment));
        for (const l of f.lines) for (const g of seg.segment(l.replace(/…$/, ''))) if (g.segment !== ' ') expect(graphemes.has(g.segment)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('product photos', () => {
  it('are scaled down to about the size drawn before rendering, and never enlarged', async () => {
    const { ImageResolver, photoSideFor } = await import('../src/services/images.ts');
    const { sharpDownscale } = await import('../src/runtime/node/rasterizer.ts');
    const big = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#0a7' } }).png().toBuffer();
    const store = { getAsset: async (key: string) => (key === 'big' ? { contentType: 'image/png', bytes: new Uint8Array(big) } : null) } as never;
    const log = { info() {}, warn() {}, error() {} };
    const resolver = new ImageResolver(store, { hosts: [], log, downscale: sharpDownscale });
    const side = photoSideFor({ w: 300, h: 250 });
    expect(side).toBe(192);
    const uri = (await resolver.load('big', side))!;
    const meta = await sharp(Buffer.from(uri.split(',')[1]!, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([192, 144]);
    const full = (await resolver.load('big', 2000))!;
    expect((await sharp(Buffer.from(full.split(',')[1]!, 'base64')).metadata()).width).toBe(800);
    expect(await resolver.load('missing', side)).toBeNull();
  });
});
