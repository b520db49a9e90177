// Text that is right: Vitrine's engine and Chromium draw the same strings with the same font files
// at the same size; every glyph run must agree, mark for mark (test/text/ink.ts says how).
// One Chromium page, rows drawn in batches. Skipped only when no Chromium binary exists.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderEngine } from '../src/render/types.ts';
import { engineName, nodeEngine } from '../src/runtime/node/engine.ts';
import { loadNodeFonts } from '../src/runtime/node/fonts.ts';
import type { Fonts } from '../src/render/types.ts';
import { demoApp } from './helpers/app.ts';
import type { VChild, VNode } from '../src/render/types.ts';
import { templates } from '../templates/index.ts';
import { decode, fontFaceCss, hasChromium, launch } from './text/chromium.ts';
import { corpus, dirOf, type CorpusEntry } from './text/corpus.ts';
import { compareRuns, crop, TOLERANCE, type Rgba } from './text/ink.ts';
import { compareWith, referenceRows } from './text/run.ts';
import type { Row } from './text/rows.ts';

const entries = corpus();
// Bold where templates draw bold (headlines, prices, CTAs) on every other row; emoji ship at 400 only.
const rowOf = (e: CorpusEntry, i: number): Row => ({ text: e.text, dir: dirOf(e.text), weight: e.kind === 'emoji' || e.kind === 'emoji-sequence' || i % 2 === 0 ? 400 : 700 });
const rows = entries.map(rowOf);

/** The text drawn wrong on purpose: hamza seats without hamza, ta marbuta without its dots, harakat and shadda gone. */
const dropMarks = (s: string) => s.replace(/[أإآ]/g, 'ا').replace(/ؤ/g, 'و').replace(/ئ/g, 'ى').replace(/ة/g, 'ه').replace(/[\u064b-\u0652]/g, '');

describe('the text corpus', () => {
  it('has at least 200 strings covering every kind, and every code point has a bundled glyph (no tofu)', async () => {
    expect(entries.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(entries.map((e) => e.kind));
    for (const k of ['hamza', 'ta-marbuta', 'marks', 'lam-alef', 'mixed', 'price', 'percent', 'emoji', 'english', 'tashkeel', 'tatweel', 'digits', 'signs', 'controls', 'emoji-sequence'] as const) expect(kinds.has(k), k).toBe(true);
    const fonts = await loadNodeFonts();
    const missing = new Set<string>();
    for (const e of entries)
      for (const ch of e.text) {
        const cp = ch.codePointAt(0)!;
        // Joiners, directional marks and variation selectors have no glyph of their own; everything else must.
        if (/\p{Cf}/u.test(ch) || cp === 0xfe0f || cp === 0x20) continue;
        if (fonts.measure(ch, 100, 400) === 60 && !hasGlyph(fonts, ch)) missing.add(`U+${cp.toString(16)} in "${e.text}"`);
      }
    expect([...missing]).toEqual([]);
  });
});

/** A glyph in some bundled face (the measure falls back to 0.6 em only when none has it). */
function hasGlyph(fonts: Fonts, ch: string): boolean {
  return fonts.measure(ch, 100, 400) !== 60 || fonts.measure(ch, 100, 700) !== 60;
}

describe.skipIf(!hasChromium)('Vitrine draws text as Chromium does (same fonts, same size)', () => {
  let browser: Browser;
  let page: Page;
  let fonts: Fonts;
  let engine: RenderEngine;
  let reference: Rgba[];

  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage();
    fonts = await loadNodeFonts();
    // The engine the Node server uses by default.
    engine = await nodeEngine(engineName(undefined), fonts);
    reference = await referenceRows(page, rows);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('every string of the corpus, glyph run by glyph run', async () => {
    const diffs = await compareWith(engine, rows, reference);
    const failed = diffs.flatMap((d, i) => (d.blob > TOLERANCE ? [`${rows[i]!.weight} "${rows[i]!.text}": ${d.blob} px cluster`] : []));
    expect(failed).toEqual([]);
  }, 240_000);

  it('fails when marks are dropped: every row whose hamza, dots or harakat were removed', async () => {
    const changed = rows.map((r, i) => ({ r, i })).filter(({ r }) => dropMarks(r.text) !== r.text).slice(0, 48);
    expect(changed.length).toBeGreaterThan(40);
    const diffs = await compareWith(engine, changed.map(({ r }) => ({ ...r, text: dropMarks(r.text) })), changed.map(({ i }) => reference[i]!));
    const passed = diffs.flatMap((d, j) => (d.blob <= TOLERANCE ? [`"${changed[j]!.r.text}" → "${dropMarks(changed[j]!.r.text)}": ${d.blob}`] : []));
    expect(passed).toEqual([]);
  }, 240_000);

  it('fails when marks are moved: satori (y offsets of marks flipped) on the bold hamza and ta marbuta rows', async () => {
    const satori = await nodeEngine('satori', fonts);
    const picked = rows.map((r, i) => ({ r, i, e: entries[i]! })).filter(({ r, e }) => r.weight === 700 && (e.kind === 'hamza' || e.kind === 'ta-marbuta') && /[أإؤئة]/.test(r.text));
    expect(picked.length).toBeGreaterThan(15);
    const diffs = await compareWith(satori, picked.map(({ r }) => r), picked.map(({ i }) => reference[i]!));
    const passed = diffs.flatMap((d, j) => (d.blob <= TOLERANCE ? [`"${picked[j]!.r.text}": ${d.blob}`] : []));
    expect(passed).toEqual([]);
  }, 240_000);

  describe('the 300x600 evening variant (c-winter-style, Riyadh, 19:00)', () => {
    const url = '/v1/creative?campaign=c-winter-style&region=SA-01&seed=7&at=2026-11-30T16:00:00Z&variant=v-ws-evening&size=300x600';
    let headline: { y: number; h: number };
    let box: { x: number; y: number; w: number; h: number };
    let chromiumShot: Rgba;

    beforeAll(async () => {
      const v = await demoApp(Date.parse('2026-11-30T16:00:00Z'));
      const get = async (f: string) => new Uint8Array(await (await v.app.request(`${url}&format=${f}`)).arrayBuffer());
      const [html, png, svg] = await Promise.all([get('html'), get('png'), get('svg')]);
      await v.close();
      const text = new TextDecoder().decode(html).replace(/<img src="http[^>]*>/g, '').replace('</head>', `<style>${fontFaceCss('Noto Sans')}</style></head>`);
      expect(text).toContain('>أمسية بأناقة<');
      const p = await browser.newPage({ viewport: { width: 300, height: 600 } });
      await p.setContent(text);
      await p.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())).then(() => document.fonts.ready).then(() => undefined));
      const found = (await p.locator('.v-headline').boundingBox())!;
      headline = { y: Math.max(0, Math.floor(found.y) - 8), h: Math.ceil(found.height) + 16 };
      // The headline's own box (a few px of margin for marks), without the logo above or the tiles below.
      box = { x: Math.max(0, Math.floor(found.x) - 4), y: Math.max(0, Math.floor(found.y) - 2), w: Math.ceil(found.width) + 8, h: Math.ceil(found.height) + 4 };
      chromiumShot = await decode(await p.screenshot({ type: 'png' }));
      // The corpus reference for this headline: Chromium drawing the string alone (no template
      // tree), in the headline's box, font size, weight and colours.
      const look = await p.locator('.v-headline').evaluate((el) => {
        const cs = getComputedStyle(el);
        return { size: cs.fontSize, weight: cs.fontWeight, color: cs.color, lineHeight: cs.lineHeight, bg: getComputedStyle(document.querySelector('.v-unit')!).backgroundColor, lines: [...el.children].map((c) => (c as HTMLElement).innerText) };
      });
      await p.close();
      const ref = await browser.newPage({ viewport: { width: 300, height: 600 } });
      const lines = look.lines.map((l) => `<div style="white-space:nowrap">${l}</div>`).join('');
      await ref.setContent(`<!doctype html><html lang="ar" dir="rtl"><head><style>${fontFaceCss('Noto Sans')}html,body{margin:0;background:${look.bg}}</style></head><body><div style="position:absolute;left:${found.x}px;top:${found.y}px;width:${found.width}px;font-family:'Noto Sans';font-size:${look.size};font-weight:${look.weight};line-height:${look.lineHeight};color:${look.color};direction:rtl">${lines}</div></body></html>`);
      await ref.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())).then(() => document.fonts.ready).then(() => undefined));
      stringShot = await decode(await ref.screenshot({ type: 'png' }));
      await ref.close();
      // A template change that moves marks: the carousel's text with every mark split off its
      // letter into an element of its own (what per-character markup does), through the real pipeline.
      const original = templates.carousel;
      templates.carousel = { ...original, version: original.version + 1000, render: (sl, ctx) => splitMarks(original.render(sl, ctx)) as VNode };
      try {
        const mutated = await demoApp(Date.parse('2026-11-30T16:00:00Z'));
        movedPng = await decode(new Uint8Array(await (await mutated.app.request(`${url}&format=png`)).arrayBuffer()));
        await mutated.close();
      } finally {
        templates.carousel = original;
      }
      pngImg = await decode(png);
      svgText = new TextDecoder().decode(svg);
      svgImg = await decode(await sharp(Buffer.from(svg), { density: 72 }).png().toBuffer());
    }, 120_000);
    let pngImg: Rgba;
    let svgImg: Rgba;
    let svgText: string;
    let stringShot: Rgba;
    let movedPng: Rgba;

    it('PNG: the headline matches Chromium drawing the string alone (the corpus check, independent of the template)', () => {
      const d = compareRuns(cropBox(pngImg, box), cropBox(stringShot, box));
      expect(d.blob, JSON.stringify(d)).toBeLessThanOrEqual(TOLERANCE);
    });

    it('a template change that moves a mark fails that check (hamza split off its alef)', () => {
      const d = compareRuns(cropBox(movedPng, box), cropBox(stringShot, box));
      expect(d.blob, JSON.stringify(d)).toBeGreaterThan(TOLERANCE);
    });

    it('PNG: the headline أمسية بأناقة keeps its hamza and the dots of its ta marbuta, as Chromium draws the HTML unit', () => {
      const d = compareRuns(crop(pngImg, headline.y, headline.h), crop(chromiumShot, headline.y, headline.h));
      expect(d.blob, JSON.stringify(d)).toBeLessThanOrEqual(TOLERANCE);
    });

    it('SVG: the same headline as glyph outlines (no <text>, no font needed), matching Chromium too', () => {
      expect(svgText).not.toMatch(/<text[\s>]/);
      const d = compareRuns(crop(svgImg, headline.y, headline.h), crop(chromiumShot, headline.y, headline.h));
      expect(d.blob, JSON.stringify(d)).toBeLessThanOrEqual(TOLERANCE);
    });
  });
});

/** Every text with its combining marks (after NFD: the hamza of أ too) split into elements of their own. */
function splitMarks(n: VChild): VChild {
  if (typeof n === 'string') {
    const nfd = n.normalize('NFD');
    if (!/\p{M}/u.test(nfd)) return n;
    const parts = nfd.match(/\p{M}|[^\p{M}]+/gu)!;
    return { type: 'div', props: { style: { display: 'flex', flexDirection: 'row' }, children: parts } };
  }
  if (!n || typeof n !== 'object') return n;
  const c = n.props.children;
  return { ...n, props: { ...n.props, children: Array.isArray(c) ? c.map(splitMarks) : splitMarks(c) } };
}

/** The pixels of one box of an image, on white past its edges. */
function cropBox(img: Rgba, b: { x: number; y: number; w: number; h: number }): Rgba {
  const out = new Uint8Array(b.w * b.h * 4).fill(255);
  for (let y = 0; y < b.h && b.y + y < img.height; y++)
    for (let x = 0; x < b.w && b.x + x < img.width; x++) out.set(img.data.subarray(((b.y + y) * img.width + b.x + x) * 4, ((b.y + y) * img.width + b.x + x) * 4 + 4), (y * b.w + x) * 4);
  return { data: out, width: b.w, height: b.h };
}
