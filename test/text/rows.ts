// One glyph run per row: the same rows as a template tree (drawn by Vitrine's engine) and as HTML
// (drawn by Chromium). Rows are tall and wide enough that no run is clipped.
import type { VNode } from '../../src/render/types.ts';
import { FAMILY_CHAIN, fontFaceCss } from './chromium.ts';

export interface Row {
  text: string;
  dir: 'ltr' | 'rtl';
  weight: 400 | 700;
}

// 110 px rows: tall marks (shadda over damma, hamza over alef) never reach into the next row.
export const ROW = { w: 1000, h: 110, fontSize: 44, pad: 24 } as const;

function rowStyle(r: Row): Record<string, string | number> {
  return { display: 'flex', alignItems: 'center', width: ROW.w, height: ROW.h, paddingLeft: ROW.pad, paddingRight: ROW.pad, boxSizing: 'border-box', direction: r.dir, fontSize: ROW.fontSize, fontWeight: r.weight, lineHeight: '60px', whiteSpace: 'nowrap', color: '#000000' };
}

export function rowsTree(rows: Row[]): VNode {
  return {
    type: 'div',
    props: {
      style: { display: 'flex', flexDirection: 'column', width: ROW.w, height: ROW.h * rows.length, backgroundColor: '#ffffff', fontFamily: 'Noto Sans' },
      children: rows.map((r) => ({ type: 'div', props: { dir: r.dir, style: rowStyle(r), children: r.text } })),
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const css = (st: Record<string, string | number>) =>
  Object.entries(st)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${typeof v === 'number' && k !== 'fontWeight' ? `${v}px` : v}`)
    .join(';');

export function rowsBody(rows: Row[]): string {
  return rows.map((r) => `<div dir="${r.dir}" style="${css(rowStyle(r))}">${esc(r.text)}</div>`).join('');
}

export function rowsHtml(rows: Row[]): string {
  const body = rowsBody(rows);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaceCss()}html,body{margin:0;background:#fff}body{font-family:${FAMILY_CHAIN};display:flex;flex-direction:column;width:${ROW.w}px}</style></head><body>${body}</body></html>`;
}
