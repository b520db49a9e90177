// satori (layout + text as SVG paths) then an SVG rasterizer (sharp on Node). Kept selectable
// (VITRINE_RENDER_ENGINE=satori) as the reference the faster engine is compared with. Known
// flaw: satori 0.63 adds HarfBuzz's y offsets (y-up) in SVG's y-down space, so Arabic marks
// positioned by GPOS (hamza, the dots of ة and ق in Noto Sans Arabic Bold) land too low.
import type { Fonts, RenderEngine, Rasterizer } from '../types.ts';
import { satoriSvg } from '../svg.ts';

export function satoriEngine(fonts: Fonts, rasterizer: Rasterizer, name = 'satori'): RenderEngine {
  return {
    name,
    rasterFormats: rasterizer.formats,
    async raster(tree, size, format, extra) {
      if (!rasterizer.formats.includes(format)) throw new Error(`format: the ${name} engine cannot produce ${format} on this runtime`);
      return rasterizer.rasterize(await satoriSvg(tree, size, fonts, extra), size, format);
    },
    svg: (tree, size, extra) => satoriSvg(tree, size, fonts, extra),
  };
}
