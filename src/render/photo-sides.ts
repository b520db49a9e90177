// The sides at which templates draw product photos, read from the templates themselves: each
// template is laid out at every size it serves (both languages, one to four products, with and
// without a logo, a promo, a QR code) with probe pictures, and the square boxes its photos are
// drawn in are collected. Ingest stores each photo re-encoded at these sides (services/photo-ingest.ts),
// so a render hands the engine a picture it draws 1:1. Pure.
import { LANGS, type TemplateId } from '../domain/types.ts';
import { brandStyle } from './brand.ts';
import type { Slots, Template, TextMeasure, VChild, VNode } from './types.ts';

/** `<img src>` of probe photos: nothing else in a tree starts with it. */
const PROBE = 'vitrine-probe-photo:';

/** The drawn box of every `<img>` whose `src` starts with `prefix`, by `src`. */
export function pictureBoxes(node: VChild, prefix: string): Map<string, { w: number; h: number }> {
  const out = new Map<string, { w: number; h: number }>();
  const walk = (n: VChild) => {
    if (!n || typeof n !== 'object') return;
    const v = n as VNode;
    if (v.type === 'img') {
      const src = String(v.props.src ?? '');
      const style = v.props.style ?? {};
      const w = Number(style.width ?? v.props.width);
      const h = Number(style.height ?? v.props.height);
      if (src.startsWith(prefix) && w > 0 && h > 0 && !out.has(src)) out.set(src, { w, h });
      return;
    }
    const c = v.props.children;
    if (Array.isArray(c)) c.forEach(walk);
    else walk(c);
  };
  walk(node);
  return out;
}

function probe(template: TemplateId, size: { w: number; h: number }, lang: (typeof LANGS)[number], n: number, rich: boolean): Slots {
  const ar = lang === 'ar';
  const brand = { ...brandStyle(null), logo: rich ? 'vitrine-probe-logo' : null };
  return {
    template,
    size,
    lang,
    dir: ar ? 'rtl' : 'ltr',
    headline: ar ? 'عنوان تجريبي للقياس' : 'A probe headline to measure',
    subline: rich ? (ar ? 'سطر فرعي' : 'A subline') : null,
    cta: ar ? 'تسوق الآن' : 'Shop now',
    promo: rich ? (ar ? 'خصم ٢٠٪ بالرمز' : '20% off with code') : null,
    brandName: 'Probe',
    brandColor: '#1f2937',
    brand,
    promoCode: rich ? 'PROBE20' : null,
    products: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: ar ? 'منتج تجريبي' : 'Probe product', brand: null, image: `${PROBE}${i}`, price: '$10.00', regularPrice: rich ? '$12.00' : null, badge: rich ? '-20%' : null })),
    fallback: false,
    qr: rich ? 'https://probe.invalid/q/x' : null,
  };
}

/**
 * Every side (px) at which a template draws a product photo in a square box, over the sizes each
 * template serves; sorted, distinct. Boxes that are not square (the native main image, which
 * crops to fill) are left out: those photos are scaled at render time.
 */
export function drawnPhotoSides(templates: Record<TemplateId, Template>, sizes: Readonly<Record<TemplateId, readonly string[]>>, measure: TextMeasure): number[] {
  const sides = new Set<number>();
  for (const id of Object.keys(sizes) as TemplateId[]) {
    if (!Object.hasOwn(templates, id)) continue;
    for (const key of sizes[id]!) {
      const [w, h] = key.split('x').map(Number);
      for (const lang of LANGS) {
        for (let n = 1; n <= 4; n++) {
          for (const rich of [false, true]) {
            const tree = templates[id].render(probe(id, { w: w!, h: h! }, lang, n, rich), { measure });
            for (const box of pictureBoxes(tree, PROBE).values()) if (box.w === box.h) sides.add(Math.round(box.w));
          }
        }
      }
    }
  }
  return [...sides].sort((a, b) => a - b);
}
