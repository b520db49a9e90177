// The `screen` shape (1920x1080 TV and desktop canvases) shared by hero and promo: a full-height
// photo on the reading side and one copy column filling the rest, top to bottom, so the canvas is
// used edge to edge. Each template brings its own photo framing and the column's contents.
import { h } from '../src/render/jsx.ts';
import type { Slots, VNode } from '../src/render/types.ts';
import type { Frame } from './frame.ts';
import { Root } from './parts.tsx';

export interface ScreenOpts {
  background: string;
  /** A brand-coloured rule along the top, px (0 = none). */
  border?: { width: number; color: string };
  /** The product photo framed at `side` px square. */
  photo: (side: number) => VNode;
}

/** The photo's side and the copy column's width and height for this frame. */
export function screenBox(s: Slots, f: Frame, border = 0): { side: number; colW: number; colH: number } {
  const side = s.products.length > 0 ? Math.round(Math.min(f.h - 2 * f.pad, f.w * 0.46)) : 0;
  return { side, colW: f.w - 2 * f.pad - (side ? side + 2 * f.gap : 0), colH: f.h - 2 * f.pad - border };
}

/** Photo, gap, then the column (`column(colW)` gives its children, spread from top to bottom). */
export function screenLayout(s: Slots, f: Frame, o: ScreenOpts, column: (colW: number) => Array<VNode | null>): VNode {
  const bw = o.border?.width ?? 0;
  const { side, colW, colH } = screenBox(s, f, bw);
  const rule: Record<string, string> = o.border ? { borderTop: `${bw}px solid ${o.border.color}` } : {};
  return Root(s, { flexDirection: 'row', alignItems: 'center', padding: f.pad, backgroundColor: o.background, ...rule }, [
    side ? o.photo(side) : <div style={{ display: 'flex' }} />,
    side ? <div style={{ display: 'flex', width: 2 * f.gap, flexShrink: 0 }} /> : <div style={{ display: 'flex' }} />,
    <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', alignItems: 'flex-start', width: colW, height: colH, flexShrink: 0 }}>{column(colW)}</div>,
  ]);
}
