// How a size is laid out: every IAB size falls into one of five shapes, each with its own
// proportions, so one template adapts from a 320x50 strip to a 1920x1080 TV frame.
import type { Size, TemplateId } from '../src/domain/types.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';

/** `screen`: TV and desktop canvases (1920x1080) with room for a full-height photo beside the copy. */
export type Shape = 'strip' | 'tall' | 'box' | 'wide' | 'screen';

export interface Frame {
  shape: Shape;
  w: number;
  h: number;
  /** Outer padding and gap between blocks, px. */
  pad: number;
  gap: number;
  /** Scale unit: 1 at 300x250. */
  u: number;
}

export function frameOf(size: Size): Frame {
  const { w, h } = size;
  const aspect = w / h;
  const shape: Shape = h <= 100 ? 'strip' : aspect < 0.6 ? 'tall' : aspect < 1.5 ? 'box' : h >= 480 && aspect < 2.5 ? 'screen' : 'wide';
  const u = shape === 'strip' ? h / 90 : shape === 'tall' ? w / 240 : shape === 'screen' ? h / 250 : Math.min(w / 300, h / 250);
  const pad = Math.max(3, Math.round((shape === 'strip' ? 6 : 12) * u));
  return { shape, w, h, pad, gap: Math.max(3, Math.round(8 * u)), u };
}

export { inkOn } from '../src/render/brand.ts';

export type Layout = (s: Slots, f: Frame, m: TextMeasure) => VNode;

/** A template from one layout per shape. */
export function shapedTemplate(id: TemplateId, version: number, layouts: Record<Shape, Layout>): Template {
  return {
    id,
    version,
    render(slots, { measure }) {
      const f = frameOf(slots.size);
      return layouts[f.shape](slots, f, measure);
    },
  };
}
