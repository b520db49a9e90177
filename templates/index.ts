// The template registry: one entry per layout id.
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
