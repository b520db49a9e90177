// Brand kit fonts: measured by the fitter as they draw (a wide face cannot overflow), drawn by the
// engine with per-glyph fallback (a Latin-only face passes Arabic on to Noto Sans Arabic, never
// tofu), embedded in the HTML unit (inline when small, else linked from the content-addressed
// asset URL that font-src allows), and WOFF2 drawn as well as TTF/WOFF.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../src/domain/types.ts';
import { h } from '../src/render/jsx.ts';
import { kitMeasure } from '../src/render/measure.ts';
import type { BrandStyle } from '../src/render/types.ts';
import { brandStyle, kitFontFamily } from '../src/render/brand.ts';
import { INLINE_FONT_MAX, kitGlyphs, loadKit } from '../src/services/kit-fonts.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { CAMPAIGN } from './helpers/fixture.ts';
import { boxFont, LATIN } from './helpers/fonts.ts';
import { renderDeps } from './helpers/render.ts';

const AT = '2026-11-30T16:00:00Z';
const NOW = Date.parse(AT);
const require = createRequire(import.meta.url);
const fontsource = (file: string) => new Uint8Array(readFileSync(require.resolve(file)));

// A brand face twice as wide as Noto Sans (every Latin glyph a 1.2 em box), Latin only.
const WIDE = new Uint8Array(boxFont({ family: 'Wide Brand', advance: 1.2, chars: LATIN }));
// The same face padded past the inline limit: linked, not inlined.
const BIG = new Uint8Array(boxFont({ family: 'Big Brand', advance: 0.6, chars: LATIN, padding: 1800 }));
const KEY = { wide: 'brand/0000000000000000000000000000aaaa.otf', big: 'brand/0000000000000000000000000000bbbb.otf', woff2: 'brand/0000000000000000000000000000cccc.woff2', arThin: 'brand/0000000000000000000000000000dddd.woff' };

const kit = (latin: string | null, arabic: string | null = null): NonNullable<Campaign['brandKit']> => ({
  id: 'bk',
  name: 'Kit',
  colors: { primary: '#0f766e', secondary: '#99f6e4', text: '#111827', background: '#ffffff' },
  logoAssetId: null,
  fonts: { latin, arabic },
  cta: { shape: 'rounded', background: '#111827', text: '#ffffff', uppercase: false },
});

const assets = [
  { key: KEY.wide, contentType: 'font/otf', bytes: WIDE },
  { key: KEY.big, contentType: 'font/otf', bytes: BIG },
  // A hairline WOFF2: visibly not the bundled Noto Sans Regular when drawn.
  { key: KEY.woff2, contentType: 'font/woff2', bytes: fontsource('@fontsource/noto-sans/files/noto-sans-latin-100-normal.woff2') },
  // An Arabic-only hairline face: the kit's font for Arabic script.
  { key: KEY.arThin, contentType: 'font/woff', bytes: fontsource('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-100-normal.woff') },
];

const apps = new Map<string, NodeVitrine>();
async function appWith(latin: string | null, arabic: string | null = null): Promise<NodeVitrine> {
  const key = `${latin}|${arabic}`;
  let v = apps.get(key);
  if (!v) {
    v = await fixtureApp({ now: NOW, seed: { campaigns: [{ ...CAMPAIGN, brandKit: latin || arabic ? kit(latin, arabic) : null }], assets } });
    apps.set(key, v);
  }
  return v;
}
afterAll(async () => {
  for (const v of apps.values()) await v.close();
});

const query = (lang: 'en' | 'ar', size = '300x250') => `/v1/creative?campaign=${CAMPAIGN.id}&region=SA-01&lang=${lang}&size=${size}&seed=1&at=${AT}&variant=v-default`;

async function raw(png: ArrayBuffer | Uint8Array) {
  const { data, info } = await sharp(Buffer.from(png as Uint8Array)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, w: info.width, h: info.height };
}

describe('kit measure (pure)', () => {
  it('measures what the kit font holds with its advances and hands the rest to the bundled fonts', () => {
    const base = (t: string, size: number) => [...t].length * 0.5 * size;
    const m = kitMeasure([kitGlyphs(WIDE.buffer as ArrayBuffer)], base);
    expect(m('Shop', 20, 700)).toBeCloseTo(4 * 1.2 * 20, 5);
    expect(m('تسوق', 20, 700)).toBeCloseTo(base('تسوق', 20), 5);
    expect(m('Shop تسوق', 20, 400)).toBeCloseTo(4 * 1.2 * 20 + 0.6 * 20 + base('تسوق', 20), 5);
  });

  it('reads WOFF2 (fontkit) with the same advances as the WOFF of the same face', () => {
    const woff2 = kitGlyphs(fontsource('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2').slice().buffer);
    const woff = kitGlyphs(fontsource('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff').slice().buffer);
    for (const ch of 'AWiy 0$') expect(woff2.em(ch.codePointAt(0)!)).toBeCloseTo(woff.em(ch.codePointAt(0)!), 6);
    expect(woff2.has(0x0628)).toBe(false);
  });
});

describe('brand kit fonts in creatives', () => {
  it('fits the copy with the brand face it draws: a wide face gets smaller or shortened copy and no ink past the padding', async () => {
    type Fit = { fields: Array<{ field: string; fontSize: number; shown: string; original: string; truncated: boolean }> };
    const fit = async (v: NodeVitrine) => ((await (await v.app.request(`${query('en')}&format=json`)).json()) as { fit: Fit }).fit.fields;
    const [plain, wide] = await Promise.all([fit(await appWith(null)), fit(await appWith(KEY.wide))]);
    const get = (f: Fit['fields'], field: string) => f.find((e) => e.field === field)!;
    // The CTA is sized from the kit's advances: it gets its room (shown whole), and the headline gives way.
    expect(get(wide, 'cta')).toMatchObject({ shown: 'Shop now', truncated: false });
    const headline = (f: Fit['fields']) => get(f, 'headline');
    expect(headline(wide).fontSize < headline(plain).fontSize || headline(wide).truncated).toBe(true);
    // Shrunk before any word is broken between its letters.
    for (const word of headline(wide).shown.replace('…', '').split(' ')) expect(headline(plain).original.split(' ')).toContain(word);
    // Pixels: the kit face is drawn, and nothing is drawn in the right-hand padding (a box fitted for Noto would overflow it).
    const res = await (await appWith(KEY.wide)).app.request(query('en'));
    expect(res.headers.get('x-vitrine-fallback')).toBeNull();
    const { data, w, h: height } = await raw(await res.arrayBuffer());
    const pad = 12;
    let ink = 0;
    for (let y = 8; y < height; y++) for (let x = w - pad + 3; x < w; x++) if (data[(y * w + x) * 3]! < 200) ink++;
    expect(ink, 'dark pixels in the right padding').toBe(0);
  }, 120_000);

  it('passes a glyph the brand font lacks to the next font: Arabic in a Latin-only face is drawn by Noto Sans Arabic, never tofu', async () => {
    const deps = await renderDeps();
    const source = { fontBytes: async () => WIDE.slice().buffer };
    const style: BrandStyle = { ...brandStyle(null), fonts: { latin: 'wide', arabic: null } };
    const loaded = await loadKit(style, source, true);
    const tree = (text: string, kitFirst: boolean) =>
      h('div', { lang: 'ar', dir: 'rtl', style: { display: 'flex', width: 320, height: 80, alignItems: 'center', justifyContent: 'center', backgroundColor: '#ffffff', color: '#000000', fontSize: 36, fontWeight: 700, direction: 'rtl', fontFamily: kitFirst ? `${kitFontFamily('wide')}, Noto Sans` : 'Noto Sans' } }, text);
    const draw = async (text: string, withKit: boolean) => raw(await deps.engine.raster(tree(text, withKit), { w: 320, h: 80 }, 'png', withKit ? loaded.faces : undefined));
    const diff = (a: { data: Buffer }, b: { data: Buffer }) => {
      let n = 0;
      for (let i = 0; i < a.data.length; i += 3) if (Math.abs(a.data[i]! - b.data[i]!) > 60) n++;
      return n;
    };
    // Word by word: the kit's space (it has one) is wider than Noto's, and is rightly drawn from the kit.
    for (const word of ['أمسية', 'بأناقة']) expect(diff(await draw(word, true), await draw(word, false)), `${word} drawn by Noto Sans Arabic with or without the kit`).toBe(0);
    // The kit face is in play: Latin is drawn with it (boxes), not with Noto.
    expect(diff(await draw('Shop now', true), await draw('Shop now', false))).toBeGreaterThan(500);
    // Through the service: an Arabic creative with the Latin-only kit renders (no fallback) and its Arabic text is measured by Noto.
    const res = await (await appWith(KEY.wide)).app.request(query('ar'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vitrine-fallback')).toBeNull();
  }, 120_000);

  it('embeds a small kit font inline in the HTML unit; a large one is linked from its content-addressed URL, which font-src allows', async () => {
    const small = await (await appWith(KEY.wide)).app.request(`${query('en')}&format=html`);
    const smallHtml = await small.text();
    expect(WIDE.byteLength).toBeLessThanOrEqual(INLINE_FONT_MAX);
    expect(smallHtml).toContain(`@font-face{font-family:'${kitFontFamily(KEY.wide)}';src:url('data:font/otf;base64,`); // opentype.js writes CFF (OTTO)
    expect(small.headers.get('content-security-policy')).toMatch(/font-src data:;/);

    const v = await appWith(KEY.big);
    const big = await v.app.request(`http://ads.vitrine.test${query('en')}&format=html`);
    const bigHtml = await big.text();
    expect(BIG.byteLength).toBeGreaterThan(INLINE_FONT_MAX);
    const url = `http://ads.vitrine.test/v1/assets/${KEY.big}`;
    expect(bigHtml).toContain(`src:url('${url}') format('opentype')`);
    expect(bigHtml).not.toContain('__VITRINE_ORIGIN__');
    expect(big.headers.get('content-security-policy')).toContain('font-src data: http://ads.vitrine.test;');
    const font = await v.app.request(url);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/otf');
    expect(font.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(BIG);
    // A unit without kit fonts keeps the plain policy.
    const plain = await (await appWith(null)).app.request(`${query('en')}&format=html`);
    expect(await plain.text()).not.toContain('@font-face');
    expect(plain.headers.get('content-security-policy')).toMatch(/font-src data:;/);
  }, 120_000);

  it('draws a WOFF2 brand font (takumi reads WOFF2; fontkit measures it)', async () => {
    const [plain, woff2] = await Promise.all([(await appWith(null)).app.request(query('en')), (await appWith(KEY.woff2)).app.request(query('en'))]);
    expect(woff2.headers.get('x-vitrine-fallback')).toBeNull();
    const [a, b] = await Promise.all([raw(await plain.arrayBuffer()), raw(await woff2.arrayBuffer())]);
    const rgba = (x: Buffer) => {
      const out = new Uint8Array((x.length / 3) * 4);
      for (let i = 0, j = 0; i < x.length; i += 3, j += 4) out.set([x[i]!, x[i + 1]!, x[i + 2]!, 255], j);
      return out;
    };
    // The hairline face redraws the copy.
    expect(pixelmatch(rgba(a.data), rgba(b.data), undefined, a.w, a.h, { threshold: 0.2 })).toBeGreaterThan(300);
  }, 120_000);

  it('fonts per script: the kit\'s Arabic face draws Arabic copy (and the Arabic unit links it first); English copy is fitted as without it', async () => {
    const ink = (img: { data: Buffer }) => {
      let n = 0;
      for (let i = 0; i < img.data.length; i += 3) n += 255 - Math.min(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!);
      return n;
    };
    const png = async (latin: string | null, arabic: string | null, lang: 'en' | 'ar') => {
      const res = await (await appWith(latin, arabic)).app.request(query(lang));
      expect(res.headers.get('x-vitrine-fallback')).toBeNull();
      return raw(await res.arrayBuffer());
    };
    const [arPlain, arKit] = await Promise.all([png(null, null, 'ar'), png(null, KEY.arThin, 'ar')]);
    // The hairline Arabic face: the Arabic unit carries visibly less ink.
    expect(ink(arKit) / ink(arPlain)).toBeLessThan(0.95);
    // English copy is fitted exactly as without the kit: the Arabic face holds no Latin glyph to
    // measure. (Its line metrics do apply: it is the unit's first font, as in a browser.)
    const fit = async (arabic: string | null) => ((await (await (await appWith(null, arabic)).app.request(`${query('en')}&format=json`, { headers: { Authorization: admin.Authorization } })).json()) as { fit: { fields: unknown[] } }).fit.fields;
    expect(await fit(KEY.arThin)).toEqual(await fit(null));
    const html = await (await (await appWith(null, KEY.arThin)).app.request(`${query('ar')}&format=html`)).text();
    expect(html).toContain(`@font-face{font-family:'${kitFontFamily(KEY.arThin)}'`);
    expect(html).toMatch(new RegExp(`font-family:\\s*'?${kitFontFamily(KEY.arThin)}'?,`));
  }, 120_000);
});
