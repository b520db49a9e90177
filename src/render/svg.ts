// Slots → SVG through satori. Fonts are handed in; text becomes paths, so the SVG is self-contained.
import satori from 'satori';
import type { TemplateId } from '../domain/types.ts';
import type { Fonts, Slots, Template, VNode } from './types.ts';

export interface SvgDeps {
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
}

export function templateTree(slots: Slots, deps: Pick<SvgDeps, 'templates'> & { measure: Fonts['measure'] }): VNode {
  const t = Object.hasOwn(deps.templates, slots.template) ? deps.templates[slots.template] : undefined;
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

export async function renderSvg(slots: Slots, deps: SvgDeps): Promise<string> {
  const tree = templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure });
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: slots.size.w, height: slots.size.h, fonts: fontsFor(deps.fonts) });
}
