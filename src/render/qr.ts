// QR codes for buy links on TV. `qrcode`'s core encodes (its runtime-free part); we draw the module matrix as an SVG image so
// satori (and the HTML unit) show it crisp at any size, with the 4-module quiet zone readers need.
import { create } from 'qrcode/lib/core/qrcode.js';
import type { VNode } from './types.ts';

const QUIET = 4;

/** An SVG document of the code: one path of dark runs on a white square. */
export function qrSvg(text: string): { svg: string; modules: number } {
  const m = create(text, { errorCorrectionLevel: 'M' }).modules;
  const n = m.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!m.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && m.get(y, x)) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
    }
  }
  const side = n + 2 * QUIET;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#ffffff"/><path d="${d}" fill="#000000"/></svg>`;
  return { svg, modules: n };
}

/** Modules per side (21 for version 1 … 177 for version 40), without the quiet zone. */
export function qrModules(text: string): number {
  return create(text, { errorCorrectionLevel: 'M' }).modules.size;
}

/**
 * The code as an `<img>` of that SVG, `sizePx` square including the quiet zone. An image rather
 * than inline `<svg>`: satori draws both alike, and the HTML unit serializer keeps `data:` images.
 */
export function qrNode(text: string, sizePx: number): VNode {
  const { svg } = qrSvg(text);
  const src = `data:image/svg+xml;base64,${btoa(svg)}`;
  return { type: 'img', props: { src, width: sizePx, height: sizePx, 'data-role': 'qr', style: { width: sizePx, height: sizePx } } };
}
