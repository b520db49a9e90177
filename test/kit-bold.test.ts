// Bold copy in a brand kit's font. A kit supplies one file per script; when that file is a regular
// face, the engine (takumi) emboldens it for bold copy, and the HTML unit declares the face at its
// own weight so Chromium synthesizes bold the same way; a kit whose file is a bold face draws it as
// it is in both. Compared glyph run by glyph run with the corpus's ink check (test/text/ink.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandStyle, kitFontFamily } from '../src/render/brand.ts';
import { fontFaceCss } from '../src/render/html.ts';
import { h } from '../src/render/jsx.ts';
import type { FontFace } from '../src/render/types.ts';
import { loadKit, type LoadedKit } from '../src/services/kit-fonts.ts';
import { decode, hasChromium, launch } from './text/chromium.ts';
import { compareRuns, TOLERANCE, type Rgba } from './text/ink.ts';
import { renderDeps } from './helpers/render.ts';

const require = createRequire(import.meta.url);
const file = (name: string) => {
  const b = readFileSync(require.resolve(`@fontsource/noto-sans/files/${name}`));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const W = 560;
const H = 80;
const STRINGS = ['Shop now', 'Winter Wool Coat', 'Only 3 left: SAR 1,299.00', 'CODE RIY20 -20%'];

describe.skipIf(!hasChromium)('bold copy in a brand kit font: the image and the browser agree', () => {
  let browser: Browser;
  let page: Page;
  let deps: Awaited<ReturnType<typeof renderDeps>>;
  const kits = new Map<string, LoadedKit>();
  beforeAll(async () => {
    deps = await renderDeps();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: W, height: H }, deviceScaleFactor: 1 });
    for (const [id, name] of [
      ['regular', 'noto-sans-latin-400-normal.woff'],
      ['bold', 'noto-sans-latin-700-normal.woff'],
    ] as const) {
      kits.set(id, await loadKit({ ...brandStyle(null), fonts: { latin: id, arabic: null } }, { fontBytes: async () => file(name) }, true));
    }
  }, 60_000);
  afterAll(async () => browser?.close());

  const style = (id: string, weight: number) => ({ display: 'flex', width: W, height: H, alignItems: 'center', paddingLeft: 12, boxSizing: 'border-box', backgroundColor: '#ffffff', color: '#000000', fontSize: 34, fontWeight: weight, fontFamily: `${kitFontFamily(id)}, Noto Sans` });
  async function engine(id: string, text: string, weight: 400 | 700): Promise<Rgba> {
    const faces: FontFace[] = kits.get(id)!.faces;
    return decode(await deps.engine.raster(h('div', { style: style(id, weight) }, text), { w: W, h: H }, 'png', faces));
  }
  async function chromium(id: string, text: string, weight: 400 | 700): Promise<Rgba> {
    const css = Object.entries(style(id, weight)).map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${typeof v === 'number' && k !== 'fontWeight' ? `${v}px` : v}`).join(';');
    await page.setContent(`<!doctype html><style>${fontFaceCss(kits.get(id)!.embeds)}body{margin:0}</style><div style="${css}">${text}</div>`);
    await page.evaluate(() => document.fonts.ready);
    return decode(new Uint8Array(await page.screenshot()));
  }
  const ink = (img: Rgba) => {
    let n = 0;
    for (let i = 0; i < img.data.length; i += 4) n += (255 - img.data[i]!) / 255;
    return n;
  };

  it('the HTML unit declares each kit face at its own weight (a regular file at 400, a bold file at 700)', () => {
    expect(kits.get('regular')!.embeds.map((e) => e.weight)).toEqual([400]);
    expect(kits.get('bold')!.embeds.map((e) => e.weight)).toEqual([700]);
    expect(fontFaceCss(kits.get('regular')!.embeds)).toContain('font-weight:400;');
  });

  it('a regular-only kit: bold copy is emboldened in the PNG as Chromium synthesizes it in the HTML unit', async () => {
    for (const text of STRINGS) {
      const [ours, ref, regular] = await Promise.all([engine('regular', text, 700), chromium('regular', text, 700), engine('regular', text, 400)]);
      expect({ text, blob: compareRuns(ours, ref).blob <= TOLERANCE }).toEqual({ text, blob: true });
      // Bold, not regular drawn at "700": clearly more ink than the regular run, in both.
      expect(ink(ours) / ink(regular)).toBeGreaterThan(1.2);
      expect(ink(ref) / ink(regular)).toBeGreaterThan(1.2);
      expect(Math.abs(ink(ours) / ink(ref) - 1)).toBeLessThan(0.05);
    }
  }, 120_000);

  it("a kit whose file is a bold face: drawn as it is in both, at either weight", async () => {
    for (const text of STRINGS) {
      for (const weight of [700, 400] as const) {
        const [ours, ref] = await Promise.all([engine('bold', text, weight), chromium('bold', text, weight)]);
        expect({ text, weight, blob: compareRuns(ours, ref).blob <= TOLERANCE }).toEqual({ text, weight, blob: true });
      }
    }
  }, 120_000);
});
