// The template registry: one entry per layout id, and the canvases each one is drawn at.
import { SIZE_KEYS } from '../src/domain/sizes.ts';
import type { TemplateId } from '../src/domain/types.ts';
import type { Template } from '../src/render/types.ts';
import { carousel } from './carousel.tsx';
import { hero } from './hero.tsx';
import { overlay } from './overlay.tsx';
import { promo } from './promo.tsx';
import { pause } from './pause.tsx';
import { inscene } from './inscene.tsx';
import { lshape } from './lshape.tsx';
import { photo } from './photo.tsx';
import { logo } from './logo.tsx';

export const templates: Record<TemplateId, Template> = { hero, promo, carousel, overlay, pause, inscene, lshape, photo, logo };

/**
 * The sizes (`WxH`) each template serves, which the visual references and the layout rules cover:
 * the display templates every IAB size; the CTV overlay the full-HD frame the player scales; the
 * other CTV formats the player's declared canvas (the full-HD and HD frames, a square pause screen,
 * the IAB portfolio's in-scene strip and a vertical card); the native images the Native 1.2
 * defaults (1.91:1 and 1:1 main images, a 300x250 card; 100x100 icons, a small and a large one).
 */
export const TEMPLATE_SIZES: Record<TemplateId, readonly string[]> = {
  hero: SIZE_KEYS,
  promo: SIZE_KEYS,
  carousel: SIZE_KEYS,
  overlay: ['1920x1080'],
  pause: ['1920x1080', '1280x720', '1080x1080'],
  inscene: ['1400x400', '1920x1080', '400x600'],
  lshape: ['1920x1080', '1280x720'],
  photo: ['1200x627', '1200x1200', '300x250'],
  logo: ['100x100', '50x50', '300x300'],
};
