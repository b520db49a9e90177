// The engine port: both engines draw the same tree; the default is takumi; a creative's extra
// faces (a brand kit's fonts) are used by name; a bad setting names what is accepted.
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fonts, VNode } from '../src/render/types.ts';
import { engineName, nodeEngine } from '../src/runtime/node/engine.ts';
import { loadNodeFonts } from '../src/runtime/node/fonts.ts';

const text = (family: string, weight: 400 | 700): VNode => ({
  type: 'div',
  props: { style: { display: 'flex', width: 300, height: 80, backgroundColor: '#ffffff', color: '#000000', fontFamily: family, fontWeight: weight, fontSize: 40, alignItems: 'center', paddingLeft: 10 }, children: 'Bold Hello' },
});

async function raw(png: Uint8Array) {
  return new Uint8Array(await sharp(png).ensureAlpha().raw().toBuffer());
}

describe('render engines', () => {
  let fonts: Fonts;
  beforeAll(async () => {
    fonts = await loadNodeFonts();
  });

  it('takumi is the default; satori is selectable; anything else is refused with the accepted names', () => {
    expect(engineName(undefined)).toBe('takumi');
    expect(engineName('satori')).toBe('satori');
    expect(() => engineName('chrome')).toThrow('VITRINE_RENDER_ENGINE must be one of takumi, satori, got "chrome"');
  });

  it.each(['takumi', 'satori'] as const)('%s draws a creative-only face by its family name (a brand kit font)', async (name) => {
    const engine = await nodeEngine(name, fonts);
    // The bundled bold Latin file, handed in as a kit font at weight 400 under its own family.
    const bold = fonts.faces.find((f) => f.name === 'Noto Sans' && f.weight === 700)!;
    // A copy of the bytes: a kit's font is its own file (takumi keeps one face per identical file).
    const kit = [{ name: 'kit-test', data: bold.data.slice(0), weight: 400 as const, style: 'normal' as const }];
    const [viaKit, real, regular] = await Promise.all([
      engine.raster(text('kit-test', 400), { w: 300, h: 80 }, 'png', kit).then(raw),
      engine.raster(text('Noto Sans', 700), { w: 300, h: 80 }, 'png').then(raw),
      engine.raster(text('Noto Sans', 400), { w: 300, h: 80 }, 'png').then(raw),
    ]);
    expect(pixelmatch(viaKit, real, undefined, 300, 80, { threshold: 0.1 })).toBeLessThan(20);
    expect(pixelmatch(viaKit, regular, undefined, 300, 80, { threshold: 0.1 })).toBeGreaterThan(200);
  });
});
