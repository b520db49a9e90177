// Brand kits in every template: where a template shows the brand it shows the kit's logo when the
// kit has one, and the name as text only when it has none, never both, never twice. Every template
// × every size it serves × en/ar × kit with and without a logo; the CTV formats also in pixels.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { renderImage } from '../src/render/image.ts';
import type { Slots, VChild } from '../src/render/types.ts';
import { TEMPLATE_SIZES, templates } from '../templates/index.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

const LOGO_GREEN = [22, 163, 74] as const;
const sizeOf = (key: string) => {
  const [w, h] = key.split('x').map(Number);
  return { w: w!, h: h! };
};
const CTV: ReadonlySet<TemplateId> = new Set(['overlay', 'pause', 'inscene', 'lshape']);

/** Text drawn and logos placed, walking the template's element tree. */
function marks(node: VChild, out = { texts: [] as string[], logos: 0 }): { texts: string[]; logos: number } {
  if (node === null || node === undefined || node === false) return out;
  if (typeof node === 'string' || typeof node === 'number') {
    out.texts.push(String(node));
    return out;
  }
  if (node.type === 'img' && node.props['data-role'] === 'logo') out.logos++;
  const c = node.props.children;
  for (const k of Array.isArray(c) ? c : [c]) marks(k, out);
  return out;
}

describe('the brand, once, as the kit has it', () => {
  let deps: Awaited<ReturnType<typeof renderDeps>>;
  let logo: string;
  let image: string;
  beforeAll(async () => {
    deps = await renderDeps();
    image = await photo('#b91c1c');
    // A wordmark-shaped logo in a green no template uses, drawn in the kit's colours on transparency.
    const png = await sharp({ create: { width: 320, height: 80, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: await sharp({ create: { width: 300, height: 60, channels: 3, background: { r: LOGO_GREEN[0], g: LOGO_GREEN[1], b: LOGO_GREEN[2] } } }).png().toBuffer(), left: 10, top: 10 }])
      .png()
      .toBuffer();
    logo = `data:image/png;base64,${png.toString('base64')}`;
  });

  const cases = (Object.keys(TEMPLATE_SIZES) as TemplateId[]).flatMap((t) => TEMPLATE_SIZES[t].flatMap((size) => (['en', 'ar'] as Lang[]).map((lang) => ({ t, size, lang }))));
  const slotsFor = (t: TemplateId, size: string, lang: Lang, withLogo: boolean): Slots => {
    const s = sampleSlots(t, sizeOf(size), lang, image, CTV.has(t) ? { qr: 'https://vitrine.example/q/brand-once' } : {});
    return { ...s, brand: { ...s.brand, logo: withLogo ? logo : null } };
  };

  it.each(cases)('$t $size $lang', ({ t, size, lang }) => {
    const plain = marks(templates[t].render(slotsFor(t, size, lang, false), { measure: deps.fonts.measure }));
    const kit = marks(templates[t].render(slotsFor(t, size, lang, true), { measure: deps.fonts.measure }));
    const named = (m: { texts: string[] }) => m.texts.filter((x) => x.includes('Stride')).length;
    // Without a logo: the name at most once (the logo template draws initials).
    expect(plain.logos).toBe(0);
    expect(named(plain)).toBeLessThanOrEqual(1);
    // With one: no name as text anywhere; the logo exactly where the name was.
    expect({ named: named(kit), logos: kit.logos }).toEqual({ named: 0, logos: t === 'logo' ? 1 : named(plain) });
  });

  it.each([...CTV].flatMap((t) => TEMPLATE_SIZES[t].map((size) => ({ t, size }))))('the $t card at $size draws the logo, on a light plate', async ({ t, size }) => {
    for (const lang of ['en', 'ar'] as Lang[]) {
      const { data, info } = await sharp((await renderImage(slotsFor(t, size, lang, true), 'png', deps)).bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      let green = 0;
      let white = 0;
      for (let i = 0; i < data.length; i += 3) {
        if (Math.abs(data[i]! - LOGO_GREEN[0]) < 6 && Math.abs(data[i + 1]! - LOGO_GREEN[1]) < 6 && Math.abs(data[i + 2]! - LOGO_GREEN[2]) < 6) green++;
        if (data[i]! > 250 && data[i + 1]! > 250 && data[i + 2]! > 250) white++;
      }
      // At least a small wordmark's worth of logo pixels (~0.05% of the canvas), not a speck.
      expect({ lang, logo: green > (info.width * info.height) / 2000 }).toEqual({ lang, logo: true });
      expect(white).toBeGreaterThan(green);
    }
  });
});
