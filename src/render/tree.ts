// Slots → the template's element tree: what every output format is drawn from.
import type { TemplateId } from '../domain/types.ts';
import type { Fonts, Slots, Template, VNode } from './types.ts';

export function templateTree(slots: Slots, deps: { templates: Record<TemplateId, Template>; measure: Fonts['measure'] }): VNode {
  const t = deps.templates[slots.template];
  if (!t) throw new Error(`template: unknown template "${slots.template}"`);
  return t.render(slots, { measure: deps.measure });
}
