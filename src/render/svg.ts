// satori's SVG of a template tree (the satori engine and its vector output). Fonts are handed
// in; satori writes text as paths, so its SVG is self-contained. Only the satori engine imports
// this file, so the Workers bundle (takumi) carries no satori.
import satori from 'satori';
import type { Size } from '../domain/types.ts';
import type { FontFace, Fonts, VNode } from './types.ts';
export { templateTree } from './tree.ts';

type SatoriFonts = Parameters<typeof satori>[1]['fonts'];
// One options array per font set: satori then finds its parsed fonts and shaping cache at once.
const satoriFonts = new WeakMap<Fonts, SatoriFonts>();

function fontsFor(fonts: Fonts): SatoriFonts {
  let list = satoriFonts.get(fonts);
  if (!list) {
    list = fonts.faces.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.lang ? { lang: f.lang } : {}) })) as SatoriFonts;
    satoriFonts.set(fonts, list);
  }
  return list;
}

// Extra faces in front of the bundled ones, one array per extra list (callers keep those stable).
const withExtra = new WeakMap<FontFace[], SatoriFonts>();
function fontsWith(fonts: Fonts, extra: FontFace[] | undefined): SatoriFonts {
  if (!extra?.length) return fontsFor(fonts);
  let list = withExtra.get(extra);
  if (!list) {
    list = [...extra.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.lang ? { lang: f.lang } : {}) })), ...fontsFor(fonts)] as SatoriFonts;
    withExtra.set(extra, list);
  }
  return list;
}

export function satoriSvg(tree: VNode, size: Size, fonts: Fonts, extra?: FontFace[]): Promise<string> {
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: size.w, height: size.h, fonts: fontsWith(fonts, extra) });
}
