// Slots → the template's element tree: what every output format is drawn from.
import type { TemplateId } from '../domain/types.ts';
import { loggingMeasure, type FitEntry } from './fit.ts';
import type { Fonts, Slots, Template, VNode } from './types.ts';

export function templateTree(slots: Slots, deps: { templates: Record<TemplateId, Template>; measure: Fonts['measure'] }): VNode {
  const t = Object.hasOwn(deps.templates, slots.template) ? deps.templates[slots.template] : undefined;
  if (!t) throw new Error(`template: unknown template "${slots.template}"`);
  return t.render(slots, { measure: deps.measure });
}

/** What the fitter did to every text field of this creative (the decision JSON's `fit`). Lays out, draws nothing. */
export function fitReport(slots: Slots, deps: { templates: Record<TemplateId, Template>; measure: Fonts['measure'] }): FitEntry[] {
  const log: FitEntry[] = [];
  templateTree(slots, { templates: deps.templates, measure: loggingMeasure(deps.measure, log, slots.lang) });
  return log;
}
