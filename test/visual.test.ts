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
import { parseSize, SIZE_KEYS } from '../src/domain/sizes.ts';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { renderImage } from '../src/render/image.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'visual');
const UPDATE = process.env.VITRINE_UPDATE_VISUALS === '1';
const MAX_SIDE = 320;
/** Share of pixels allowed to differ (pixelmatch threshold 0.1): encoder and rounding noise, not a moved block or line of text. */
const TOLERANCE = 0.004;

// The CTV overlay is drawn only at 1920x1080; the other templates serve every IAB size.
const SERVES: Partial<Record<TemplateId, readonly string[]>> = { hero: SIZE_KEYS, promo: SIZE_KEYS, carousel: SIZE_KEYS, overlay: ['1920x1080'] };
const cases = (Object.keys(SERVES) as TemplateId[]).flatMap((t) => SERVES[t]!.flatMap((size) => (['en', 'ar'] as Lang[]).map((lang) => ({ t, size, lang }))));

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
  beforeAll(async () => {
    deps = await renderDeps();
    image = await photo('#b91c1c');
  });

  it.each(cases)('$t $size $lang', async ({ t, size, lang }) => {
    const slots = sampleSlots(t, parseSize(size)!, lang, image, t === 'overlay' ? { qr: 'https://vitrine.example/q/visual-reference' } : {});
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
