// Slots → SVG through satori. Fonts are handed in; text becomes paths, so the SVG is self-contained.
import satori from 'satori';
import type { TemplateId } from '../domain/types.ts';
import { loggingMeasure, type FitEntry } from './fit.ts';
import type { FontFace, Fonts, Slots, Template, VNode } from './types.ts';

export interface SvgDeps {
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
  /** A brand kit's uploaded fonts for this creative, drawn before the bundled ones. */
  kitFaces?: FontFace[];
}

export function templateTree(slots: Slots, deps: Pick<SvgDeps, 'templates'> & { measure: Fonts['measure'] }): VNode {
  const t = deps.templates[slots.template];
  if (!t) throw new Error(`template: unknown template "${slots.template}"`);
  return t.render(slots, { measure: deps.measure });
}

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

/** What the fitter did to every text field of this creative (the decision JSON's `fit`). Lays out, draws nothing. */
export function fitReport(slots: Slots, deps: Pick<SvgDeps, 'templates'> & { measure: Fonts['measure'] }): FitEntry[] {
  const log: FitEntry[] = [];
  templateTree(slots, { templates: deps.templates, measure: loggingMeasure(deps.measure, log, slots.lang) });
  return log;
}

// Kit faces in front of the bundled ones, one array per kit face list (the caller keeps those stable).
const withKitFonts = new WeakMap<FontFace[], SatoriFonts>();
function withKit(fonts: Fonts, kit: FontFace[] | undefined): SatoriFonts {
  if (!kit?.length) return fontsFor(fonts);
  let list = withKitFonts.get(kit);
  if (!list) {
    list = [...kit.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.lang ? { lang: f.lang } : {}) })), ...fontsFor(fonts)] as SatoriFonts;
    withKitFonts.set(kit, list);
  }
  return list;
}

export async function renderSvg(slots: Slots, deps: SvgDeps): Promise<string> {
  const tree = templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure });
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: slots.size.w, height: slots.size.h, fonts: withKit(deps.fonts, deps.kitFaces) });
}
