// Visual regression: every template × size it serves × language, drawn by the default engine,
// against reference PNGs committed under test/visual/ (downscaled to fit 320 px, palette PNG, to
// keep the repository small). An intended change: `npm run test:update-visuals`, then review and
// commit the changed PNGs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { renderImage } from '../src/render/image.ts';
import { TEMPLATE_SIZES } from '../templates/index.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'visual');
const UPDATE = process.env.VITRINE_UPDATE_VISUALS === '1';
const MAX_SIDE = 320;
/** Share of pixels allowed to differ (pixelmatch threshold 0.1): encoder and rounding noise, not a moved block or line of text. */
const TOLERANCE = 0.004;

// Every registered template at every size it serves (templates/index.ts), in both languages.
const cases = (Object.keys(TEMPLATE_SIZES) as TemplateId[]).flatMap((t) => TEMPLATE_SIZES[t].flatMap((size) => (['en', 'ar'] as Lang[]).map((lang) => ({ t, size, lang }))));
const CTV_QR: ReadonlySet<TemplateId> = new Set(['overlay', 'pause', 'inscene', 'lshape']);
const sizeOf = (key: string) => {
  const [w, h] = key.split('x').map(Number);
  return { w: w!, h: h! };
};

/** A red product shot with a white disc and a dark band: cropping and scaling show in the reference. */
async function patternPhoto(): Promise<string> {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#b91c1c"/><rect y="230" width="400" height="40" fill="#111827"/><circle cx="200" cy="130" r="80" fill="#ffffff"/></svg>';
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

async function thumbnail(png: Uint8Array): Promise<Buffer> {
  return sharp(png).resize(MAX_SIDE, MAX_SIDE, { fit: 'inside' }).png({ palette: true, colors: 128, dither: 0, compressionLevel: 9 }).toBuffer();
}

async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), w: info.width, h: info.height };
}

describe('visual references (test/visual/*.png)', () => {
  let deps: Awaited<ReturnType<typeof renderDeps>>;
  let image: string;
  // The native main image is the photo alone: a picture with a shape in it shows how it is cropped to fill.
  let patterned: string;
  beforeAll(async () => {
    deps = await renderDeps();
    image = await photo('#b91c1c');
    patterned = await patternPhoto();
  });

  it.each(cases)('$t $size $lang', async ({ t, size, lang }) => {
    const slots = sampleSlots(t, sizeOf(size), lang, t === 'photo' ? patterned : image, CTV_QR.has(t) ? { qr: 'https://vitrine.example/q/visual-reference' } : {});
    const thumb = await thumbnail((await renderImage(slots, 'png', deps)).bytes);
    const file = join(DIR, `${t}-${size}-${lang}.png`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`visual: no reference ${file}; run \`npm run test:update-visuals\` and commit it`);
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, thumb);
      return;
    }
    const [ours, ref] = await Promise.all([rgba(thumb), rgba(readFileSync(file))]);
    expect([ours.w, ours.h]).toEqual([ref.w, ref.h]);
    const diff = pixelmatch(ours.data, ref.data, undefined, ours.w, ours.h, { threshold: 0.1 });
    expect(diff / (ours.w * ours.h), `${diff} of ${ours.w * ours.h} px differ from ${file}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
